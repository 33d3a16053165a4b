"""The Công văn input model (Mẫu 1.5): what a clerk writes in YAML."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from draftgen.models.cascade import ClauseEntry, Opening, OpeningEntry, ParentEntry, Replacement
from draftgen.models.common import (
    DateInput,
    Issuer,
    Lines,
    Luu,
    Model,
    NoiNhanEntry,
    Paragraphs,
    Signer,
    Text,
    nd30_error,
)
from draftgen.nd30 import vocabulary


class Item(Model):
    """A numbered item ("1. …") with optional lettered points ("a) …")."""

    noi_dung: Text = Field(description="Nội dung của mục (không ghi số thứ tự)")
    diem: Paragraphs = Field(default_factory=list, description="Các điểm a), b), c)… (không ghi chữ cái)")

    @field_validator("noi_dung")
    @classmethod
    def _no_number(cls, value: str) -> str:
        if re.match(r"^\d+\.\s", value):
            raise nd30_error("Không ghi số thứ tự ở đầu mục; draftgen tự đánh số 1., 2., 3.")
        return value

    @field_validator("diem")
    @classmethod
    def _no_letter(cls, value: list[str]) -> list[str]:
        for text in value:
            if re.match(r"^[a-zđ]\)\s", text):
                raise nd30_error("Không ghi chữ cái ở đầu điểm; draftgen tự đánh a), b), c), d), đ), e)…")
        return value


def _item(value: Any) -> Any:
    return {"noi_dung": value} if isinstance(value, str) else value


class Body(Model):
    """Ô 6: opening paragraphs, numbered items with points, closing paragraphs."""

    mo_dau: Paragraphs = Field(default_factory=list, description="Các đoạn mở đầu")
    muc: list[Annotated[Item, BeforeValidator(_item)]] = Field(
        default_factory=list, description="Các mục đánh số 1., 2., …; mỗi mục có thể có các điểm"
    )
    ket_thuc: Paragraphs = Field(default_factory=list, description="Các đoạn kết thúc")

    @model_validator(mode="after")
    def _not_empty(self) -> Body:
        if not (self.mo_dau or self.muc or self.ket_thuc):
            raise nd30_error("Nội dung công văn trống: cần ít nhất một đoạn (mo_dau, muc hoặc ket_thuc).")
        return self


def _body(value: Any) -> Any:
    if isinstance(value, (str, list)):
        return {"mo_dau": value}
    return value


def _number(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if text in {"", "…", "...", "-"}:
            return None
        if not text.isdigit():
            raise nd30_error(f"Số văn bản '{text}' phải là số Ả Rập (ví dụ 5 hoặc 2842), hoặc để trống trong dự thảo.")
        return int(text)
    return value


def _mark(label: str, canonical: Any, values: Any) -> Any:
    """A validator for a stamp word (độ khẩn, độ mật): accepted spellings → the canonical word."""

    def validate(value: Any) -> Any:
        if isinstance(value, str) and value.strip():
            found = canonical(value)
            if found is None:
                raise nd30_error(f"{label} '{value}' không có; chọn: {', '.join(values())}.")
            return found
        return value or None

    return validate


_urgency = _mark("Độ khẩn", vocabulary.canonical_urgency, vocabulary.urgency_values)
_secrecy = _mark("Độ mật", vocabulary.canonical_secrecy, vocabulary.secrecy_values)


class CongVan(Model):
    """A Công văn (Mẫu 1.5, Phụ lục III, Nghị định 30/2020/NĐ-CP)."""

    loai: Literal["cong_van"] = Field(default="cong_van", description="Loại văn bản (hiện có: cong_van)")
    du_thao: bool = Field(default=False, description="In dấu 'DỰ THẢO' ở đầu trang 1")
    co_quan: Issuer
    so: Annotated[int | None, BeforeValidator(_number)] = Field(
        default=None, ge=1, description="Số văn bản; để trống trong dự thảo (văn thư cấp số sau khi ký)"
    )
    don_vi_soan_thao: str = Field(description="Chữ viết tắt đơn vị soạn thảo hoặc lĩnh vực, ví dụ VP, TH, KT")
    ngay: DateInput = Field(description="Ngày ban hành: 17/10/2023; dự thảo: …/10/2023 hoặc 2023")
    trich_yeu: Text = Field(description="Trích yếu sau 'V/v', chữ đầu viết thường")
    do_mat: Annotated[str | None, BeforeValidator(_secrecy)] = Field(
        default=None, description="MẬT, TỐI MẬT, TUYỆT MẬT"
    )
    do_khan: Annotated[str | None, BeforeValidator(_urgency)] = Field(
        default=None, description="KHẨN, THƯỢNG KHẨN, HỎA TỐC"
    )
    kinh_gui: Lines = Field(description="Nơi nhận trực tiếp (Kính gửi), mỗi nơi một dòng")
    noi_dung: Annotated[Body, BeforeValidator(_body)]
    kem_theo: Text | None = Field(default=None, description="Văn bản gửi kèm, in thành dòng '(Kèm theo …)'")
    nhu_tren: Text | None = Field(default=None, description="Mục đích ghi sau 'Như trên', ví dụ 'thực hiện'")
    noi_nhan: list[NoiNhanEntry] = Field(default_factory=list, description="Các nơi nhận khác, sau '- Như trên;'")
    luu: Luu = Field(default_factory=Luu, description="Dòng '- Lưu: VT, …'")
    nguoi_soan: str | None = Field(default=None, description="Ký hiệu người soạn thảo (ô 12), chữ in hoa, ví dụ PL")
    so_ban_phat_hanh: int | None = Field(default=None, ge=1, le=100000, description="Số lượng bản phát hành (ô 12)")
    nguoi_ky: Signer
    # Văn bản cấp trên và chuyển tiếp xuống cấp dưới (draftgen.cascade): the clauses become items/points
    # of the body (before noi_dung.muc) and the opening sentence comes before noi_dung.mo_dau.
    parents: list[ParentEntry] = Field(
        default_factory=list,
        description="Văn bản cấp trên, từ văn bản gốc (ví dụ 968/CĐ-TTg) đến văn bản cấp trên trực tiếp",
    )
    clauses: list[ClauseEntry] = Field(default_factory=list, description="Các mục/điểm lấy từ văn bản cấp trên")
    replacements: list[Replacement] = Field(default_factory=list, description="Thay thế chữ của văn bản cấp trên")
    opening: OpeningEntry = Field(default_factory=Opening, description="Câu mở đầu tạo từ chuỗi văn bản cấp trên")
    dia_chi: Lines = Field(default_factory=list, description="Ô 13: địa chỉ, điện thoại, thư điện tử (trang 1)")

    @field_validator("don_vi_soan_thao")
    @classmethod
    def _unit(cls, value: str) -> str:
        parts = value.strip().split("-")
        for part in parts:
            if not vocabulary.ABBREVIATION.fullmatch(part):
                raise nd30_error(
                    f"Đơn vị soạn thảo '{value}' không hợp lệ: chữ viết tắt in hoa, "
                    "không dấu cách (ví dụ VP, TH, KGVX)."
                )
        if parts[0] in vocabulary.document_type_abbreviations():
            raise nd30_error(
                f"'{parts[0]}' là chữ viết tắt tên loại văn bản; ký hiệu công văn không ghi tên loại "
                "(viết UBND-VP, không viết CV-UBND hay UBND-CV)."
            )
        return value.strip()

    @field_validator("trich_yeu")
    @classmethod
    def _trich_yeu(cls, value: str) -> str:
        value = re.sub(r"^(V/v|v/v|V/V|Về việc)\s*", "", value).strip()
        if not value:
            raise nd30_error("Trích yếu trống.")
        if value.endswith("."):
            raise nd30_error("Trích yếu không kết thúc bằng dấu chấm.")
        return value

    @field_validator("kinh_gui")
    @classmethod
    def _kinh_gui(cls, value: list[str]) -> list[str]:
        if not value:
            raise nd30_error("Công văn phải có ít nhất một nơi nhận ở 'kinh_gui'.")
        return [v.lstrip("-–• ").rstrip(";.,").strip() for v in value]

    @field_validator("nguoi_soan")
    @classmethod
    def _initials(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not re.fullmatch(r"[A-ZĐ]{1,6}", value):
            raise nd30_error(f"Ký hiệu người soạn thảo '{value}' phải là 1-6 chữ cái in hoa (ví dụ PL).")
        return value

    @model_validator(mode="after")
    def _cross_field(self) -> CongVan:
        if (self.nguoi_soan is None) != (self.so_ban_phat_hanh is None):
            raise nd30_error("Ô 12 cần cả 'nguoi_soan' và 'so_ban_phat_hanh' (ví dụ PL.(300)), hoặc bỏ cả hai.")
        if self.co_quan.cap == "huyen" and self.ngay.earliest >= vocabulary.two_level_from():
            raise nd30_error(
                "Từ ngày 01/7/2025 không còn cấp huyện (chính quyền địa phương hai cấp): "
                "cơ quan cấp 'huyen' không ban hành văn bản đề ngày từ 01/7/2025."
            )
        if self.ngay.earliest >= vocabulary.two_level_from():
            issuer_text = " ".join(self.co_quan.chu_quan + self.co_quan.ten).upper()
            place = self.co_quan.dia_danh.upper()
            for word in vocabulary.abolished_unit_words():
                if re.search(rf"\b{word}\b", issuer_text) or re.match(rf"{word}\b", place):
                    raise nd30_error(
                        f"Văn bản đề ngày từ 01/7/2025 không dùng đơn vị hành chính cấp huyện ('{word.lower()}') "
                        "trong tên cơ quan hoặc địa danh."
                    )
        return self

