"""What every document type's input model shares: issuer, number, date, marks, Nơi nhận, ô 12/13, signer, parents.

Each type's model (:class:`~draftgen.models.cong_van.CongVan` …) derives from :class:`Document` and adds
its own fields (the V/v and Kính gửi of a Công văn, the căn cứ and Điều of a Quyết định …).
"""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from draftgen.models.cascade import ClauseEntry, Opening, OpeningEntry, ParentEntry, Replacement
from draftgen.models.common import (
    DateInput,
    Issuer,
    Lines,
    Luu,
    Model,
    NoiNhanEntry,
    Signer,
    Text,
    nd30_error,
    new_list,
)
from draftgen.models.phu_luc import PhuLuc, own_texts, uncited_appendix, uncited_message
from draftgen.nd30 import vocabulary


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


def _written_forms(table: str) -> Any:
    """``json_schema_extra`` of a mark field: an enum of its written forms (read from data when the schema
    is made, not at import), or nothing."""

    def extra(schema: dict[str, Any]) -> None:
        schema.pop("anyOf", None)
        schema.pop("type", None)
        schema["anyOf"] = [{"type": "string", "enum": vocabulary.written_forms(table)}, {"type": "null"}]

    return extra


# A number as written: 968, "968", or blank in a draft ("", "…")
NumberInput = int | Annotated[str, Field(pattern=r"^\s*(\d+|…|\.\.\.|-)?\s*$")] | None

_urgency = _mark("Độ khẩn", vocabulary.canonical_urgency, vocabulary.urgency_values)
_secrecy = _mark("Độ mật", vocabulary.canonical_secrecy, vocabulary.secrecy_values)


_VV = re.compile(r"^(V/v|v/v|V/V)\b")
_INITIALS = re.compile(r"[A-ZĐ]{1,6}")


@functools.lru_cache(maxsize=4)
def _district_words(words: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """Each district word with its patterns (anywhere as a word; at the start), compiled once, not per letter."""
    return tuple((w, re.compile(rf"\b{re.escape(w)}\b"), re.compile(rf"{re.escape(w)}\b")) for w in words)


def typed_trich_yeu(value: str) -> str:
    """The trích yếu under a tên loại (ô 5a): no "V/v" (a Công văn's), no final period, first letter capital."""
    if _VV.match(value):
        raise nd30_error("'V/v' chỉ dùng cho công văn; văn bản có tên loại ghi trích yếu ngay dưới tên loại, "
                         "ví dụ 'Về việc thành lập …'.")
    if value.endswith("."):
        raise nd30_error("Trích yếu không kết thúc bằng dấu chấm.")
    return value[:1].upper() + value[1:]


def _unit_abbreviation(value: str | None) -> str | None:
    if value is not None and not vocabulary.ABBREVIATION.fullmatch(value.strip()):
        raise nd30_error(f"Đơn vị soạn thảo '{value}' không hợp lệ: chữ viết tắt in hoa, không dấu cách (ví dụ VP).")
    return value.strip() if value else None


def recipient_names(value: list[str]) -> list[str]:
    """Recipient lines as typed ("- Sở Nội vụ;") → their names ("Sở Nội vụ")."""
    return [v.lstrip("-–• ").rstrip(";.,").strip() for v in value]


# Field types shared by the models of several families
TypedTrichYeu = Annotated[Text, AfterValidator(typed_trich_yeu)]
UnitAbbreviation = Annotated[str | None, AfterValidator(_unit_abbreviation)]
RecipientLines = Annotated[Lines, AfterValidator(recipient_names)]


class Document(Model):
    """The fields of every administrative document (Phụ lục III), whatever its type."""

    du_thao: bool = Field(default=False, description="In dấu 'DỰ THẢO' ở đầu trang 1")
    co_quan: Issuer
    so: Annotated[int | None, BeforeValidator(_number, json_schema_input_type=NumberInput)] = Field(
        default=None, ge=1, description="Số văn bản; để trống trong dự thảo (văn thư cấp số sau khi ký)"
    )
    ngay: DateInput = Field(description="Ngày ban hành: 17/10/2023; dự thảo: …/10/2023 hoặc 2023")
    do_mat: Annotated[str | None, BeforeValidator(_secrecy)] = Field(
        default=None, description="MẬT, TỐI MẬT, TUYỆT MẬT", json_schema_extra=_written_forms("do_mat")
    )
    do_khan: Annotated[str | None, BeforeValidator(_urgency)] = Field(
        default=None, description="KHẨN, THƯỢNG KHẨN, HỎA TỐC", json_schema_extra=_written_forms("do_khan")
    )
    nhu_tren: Text | None = Field(default=None, description="Mục đích ghi sau 'Như trên', ví dụ 'thực hiện'")
    noi_nhan: list[NoiNhanEntry] = Field(default_factory=new_list, description="Các nơi nhận khác, sau '- Như trên;'")
    luu: Luu = Field(default_factory=Luu, description="Dòng '- Lưu: VT, …'")
    nguoi_soan: str | None = Field(default=None, description="Ký hiệu người soạn thảo (ô 12), chữ in hoa, ví dụ PL")
    so_ban_phat_hanh: int | None = Field(default=None, ge=1, le=100000, description="Số lượng bản phát hành (ô 12)")
    nguoi_ky: Signer
    # Văn bản cấp trên và chuyển tiếp xuống cấp dưới (draftgen.cascade): the clauses become items/points
    # of the body (before noi_dung.muc) and the opening sentence comes before noi_dung.mo_dau.
    parents: list[ParentEntry] = Field(
        default_factory=new_list,
        description="Văn bản cấp trên, từ văn bản gốc (ví dụ 968/CĐ-TTg) đến văn bản cấp trên trực tiếp",
    )
    clauses: list[ClauseEntry] = Field(default_factory=new_list, description="Các mục/điểm lấy từ văn bản cấp trên")
    replacements: list[Replacement] = Field(default_factory=new_list, description="Thay thế chữ của văn bản cấp trên")
    opening: OpeningEntry = Field(default_factory=Opening, description="Câu mở đầu tạo từ chuỗi văn bản cấp trên")
    dia_chi: Lines = Field(default_factory=new_list, description="Ô 13: địa chỉ, điện thoại, thư điện tử (trang 1)")
    phu_luc: list[PhuLuc] = Field(default_factory=new_list, description="Các phụ lục kèm theo (Mẫu 2.1), mỗi phụ lục "
                                  "sang trang mới")

    @field_validator("nguoi_soan")
    @classmethod
    def _initials(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not _INITIALS.fullmatch(value):
            raise nd30_error(f"Ký hiệu người soạn thảo '{value}' phải là 1-6 chữ cái in hoa (ví dụ PL).")
        return value

    @model_validator(mode="after")
    def _cross_field(self) -> Document:
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
            for word, anywhere, first in _district_words(tuple(vocabulary.abolished_unit_words())):
                if anywhere.search(issuer_text) or first.match(place):
                    raise nd30_error(
                        f"Văn bản đề ngày từ 01/7/2025 không dùng đơn vị hành chính cấp huyện ('{word.lower()}') "
                        "trong tên cơ quan hoặc địa danh."
                    )
        return self

    @model_validator(mode="after")
    def _appendices_cited(self) -> Document:
        """PL1 III.1.a: the text of a document with appendices points to each ("… tại Phụ lục kèm theo")."""
        label = uncited_appendix(len(self.phu_luc), list(own_texts(self))) if self.phu_luc else None
        if label:
            raise nd30_error(uncited_message(label), field="phu_luc")
        return self
