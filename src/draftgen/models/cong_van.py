"""The Công văn input model (Mẫu 1.5): what a clerk writes in YAML."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from draftgen.models.common import Items, Lines, Model, OneOrMany, Paragraphs, Text, nd30_error, new_list
from draftgen.models.document import Document
from draftgen.nd30 import vocabulary

_VV_PREFIX = re.compile(r"^(V/v|v/v|V/V|Về việc)\s*")


class Body(Model):
    """Ô 6: opening paragraphs, numbered items with points, closing paragraphs."""

    mo_dau: Paragraphs = Field(default_factory=new_list, description="Các đoạn mở đầu")
    muc: Items = Field(
        default_factory=new_list, description="Các mục đánh số 1., 2., …; mỗi mục có thể có các điểm"
    )
    ket_thuc: Paragraphs = Field(default_factory=new_list, description="Các đoạn kết thúc")

    @model_validator(mode="after")
    def _not_empty(self) -> Body:
        if not (self.mo_dau or self.muc or self.ket_thuc):
            raise nd30_error("Nội dung công văn trống: cần ít nhất một đoạn (mo_dau, muc hoặc ket_thuc).")
        return self


def _body(value: Any) -> Any:
    if isinstance(value, (str, list)):
        return {"mo_dau": value}
    return value


class CongVan(Document):
    """A Công văn (Mẫu 1.5, Phụ lục III, Nghị định 30/2020/NĐ-CP)."""

    loai: Literal["cong_van"] = Field(default="cong_van", description="Loại văn bản (hiện có: cong_van)")
    don_vi_soan_thao: str = Field(description="Chữ viết tắt đơn vị soạn thảo hoặc lĩnh vực, ví dụ VP, TH, KT")
    trich_yeu: Text = Field(description="Trích yếu sau 'V/v', chữ đầu viết thường")
    kinh_gui: Lines = Field(description="Nơi nhận trực tiếp (Kính gửi), mỗi nơi một dòng")
    noi_dung: Annotated[Body, BeforeValidator(_body, json_schema_input_type=OneOrMany | Body)]
    kem_theo: Text | None = Field(default=None, description="Văn bản gửi kèm, in thành dòng '(Kèm theo …)'")

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
        value = _VV_PREFIX.sub("", value).strip()
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


