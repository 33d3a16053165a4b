"""The input model of the Mẫu 1.4 family (văn bản có tên loại): Chỉ thị, Kế hoạch, Thông báo, Báo cáo, Tờ trình …"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from draftgen.doctypes.data import drafted, type_keys
from draftgen.models.common import Items, Model, OneOrMany, Paragraphs, Text, nd30_error, new_list
from draftgen.models.document import Document, RecipientLines, TypedTrichYeu, UnitAbbreviation
from draftgen.models.phu_luc import Table

FAMILY = "co_ten_loai"
TypeKey = Literal[type_keys(FAMILY)]  # type: ignore[valid-type]  # the keys of the family, from data


class Section(Model):
    """A Mục of a Kế hoạch or Báo cáo: "I. MỤC ĐÍCH, YÊU CẦU", then its paragraphs and numbered items."""

    tieu_de: Text = Field(description="Tên mục, ví dụ 'Mục đích, yêu cầu' (in thành 'I. MỤC ĐÍCH, YÊU CẦU')")
    mo_dau: Paragraphs = Field(default_factory=new_list, description="Các đoạn đầu mục")
    muc: Items = Field(
        default_factory=new_list, description="Các khoản đánh số 1., 2., …; mỗi khoản có thể có các điểm a), b)"
    )
    bang: Table | None = Field(default=None, description="Bảng sau các khoản của mục (ví dụ bảng phân công nhiệm vụ)")
    ket_thuc: Paragraphs = Field(default_factory=new_list, description="Các đoạn cuối mục")

    @field_validator("tieu_de")
    @classmethod
    def _no_number(cls, value: str) -> str:
        if re.match(r"^[IVXLC]+\.\s", value):
            raise nd30_error("Không ghi số La Mã ở đầu tên mục; draftgen tự đánh I., II., III.")
        return value


class Content(Model):
    """Ô 6 of a Mẫu 1.4 document: opening, then either Mục (I., II. …) or numbered items, then closing."""

    mo_dau: Paragraphs = Field(default_factory=new_list, description="Các đoạn mở đầu")
    phan: list[Section] = Field(default_factory=new_list, description="Các mục I., II., … (Kế hoạch, Báo cáo)")
    muc: Items = Field(
        default_factory=new_list, description="Các mục đánh số 1., 2., … (khi không chia mục La Mã)"
    )
    ket_thuc: Paragraphs = Field(default_factory=new_list, description="Các đoạn kết thúc")

    @model_validator(mode="after")
    def _shape(self) -> Content:
        if not (self.mo_dau or self.phan or self.muc or self.ket_thuc):
            raise nd30_error("Nội dung trống: cần ít nhất một đoạn (mo_dau, phan, muc hoặc ket_thuc).")
        if self.phan and self.muc:
            raise nd30_error("Dùng 'phan' (các mục I., II.) hoặc 'muc' (1., 2.), không dùng cả hai; các khoản "
                             "1., 2. của một mục viết trong 'phan[…].muc'.")
        return self


def _content(value: Any) -> Any:
    return {"mo_dau": value} if isinstance(value, (str, list)) else value


class CoTenLoai(Document):
    """A document with a tên loại (Mẫu 1.4, Phụ lục III, Nghị định 30/2020/NĐ-CP)."""

    loai: TypeKey = Field(description="Loại văn bản: chi_thi, ke_hoach, thong_bao, bao_cao, to_trinh …")
    trich_yeu: TypedTrichYeu = Field(
        description="Trích yếu dưới tên loại (ô 5a), ví dụ 'Về tăng cường kỷ luật, kỷ cương'"
    )
    don_vi_soan_thao: UnitAbbreviation = Field(
        default=None, description="Đơn vị soạn thảo thêm vào cuối ký hiệu khi cơ quan quy định (KH-UBND-VP)"
    )
    kinh_gui: RecipientLines = Field(default_factory=new_list, description="Kính gửi (Báo cáo, Tờ trình gửi cấp trên)")
    noi_dung: Annotated[Content, BeforeValidator(_content, json_schema_input_type=OneOrMany | Content)]
    kem_theo: Text | None = Field(default=None, description="Văn bản gửi kèm, in thành dòng '(Kèm theo …)'")
    clauses_section: int = Field(
        default=1, ge=1, description="Mục (1 = I., 2 = II. …) nhận các điểm lấy từ văn bản cấp trên, khi chia mục"
    )

    @model_validator(mode="after")
    def _clauses_section(self) -> CoTenLoai:
        if self.noi_dung.phan and self.clauses_section > len(self.noi_dung.phan):
            raise nd30_error(f"'clauses_section: {self.clauses_section}' nhưng nội dung chỉ có "
                             f"{len(self.noi_dung.phan)} mục.")
        return self

    @model_validator(mode="after")
    def _kinh_gui_allowed(self) -> CoTenLoai:
        facts = drafted()[self.loai]
        if self.kinh_gui and not facts.get("kinh_gui"):
            allowed = ", ".join(v["ten"] for v in drafted().values() if v.get("kinh_gui") and v["family"] == FAMILY)
            raise nd30_error(f"{facts['ten']} không có 'Kính gửi' (chỉ {allowed} gửi cấp trên mới có); "
                             "ghi các nơi nhận ở 'noi_nhan'.")
        return self
