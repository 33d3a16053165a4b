"""Input models for carrying a parent directive's clauses down: ``parents``, ``clauses``, ``replacements``,
``opening`` in a letter (see draftgen.cascade for what they do)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from draftgen.models.common import Model, Text, nd30_error, new_list


def _ref(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


class ParentRef(Model):
    """One document of the chain: a library directive, a directive file, or a letter file."""

    id: str | None = Field(default=None, description="Số, ký hiệu trong thư viện, ví dụ 968/CĐ-TTg")
    file: str | None = Field(
        default=None,
        description="Tệp YAML của văn bản cấp trên (directive hoặc công văn), đường dẫn tính từ thư mục của thư",
    )
    verb: str | None = Field(default=None, description="Động từ trước viện dẫn trong câu mở đầu: Thực hiện, Triển khai")
    note: str | None = Field(default=None, description="Chữ sau viện dẫn, ví dụ '(gửi kèm theo)'")
    issuer: str | None = Field(default=None, description="Tên cơ quan ban hành trong câu, ví dụ 'UBND tỉnh Đắk Lắk'")

    @field_validator("file")
    @classmethod
    def _relative_to_letter(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A relative path is relative to the folder of the letter (validation context ``base_dir``)."""
        base = (info.context or {}).get("base_dir") if info.context else None
        if value and base and not Path(value).is_absolute():
            return str(Path(base) / value)
        return value

    @model_validator(mode="after")
    def _one_source(self) -> ParentRef:
        if (self.id is None) == (self.file is None):
            raise nd30_error(
                "Mỗi văn bản cấp trên ghi đúng một trong hai: 'id' (số, ký hiệu trong thư viện) hoặc 'file'."
            )
        return self


ParentEntry = Annotated[ParentRef, BeforeValidator(_ref, json_schema_input_type=str | ParentRef)]


def _none_is_empty(value: Any) -> Any:
    return "" if value is None else value


class Replacement(Model):
    """A local replacement: the parent's words → this office's words.

    When ``find`` is a bare số, ký hiệu ("1085/QĐ-TTg") and ``replace`` another ("2784/QĐ-UBND"), the whole
    citation in the text ("Quyết định số 1085/QĐ-TTg ngày 15 tháng 9 năm 2022 của Thủ tướng Chính phủ")
    is replaced by the new one, written with ``date`` and ``issuer``.
    """

    find: Text = Field(description="Chữ của văn bản cấp trên (chép nguyên văn)")
    replace: Annotated[str, BeforeValidator(_none_is_empty, json_schema_input_type=str | None)] = Field(
        description="Chữ thay vào (có thể để trống để bỏ)"
    )
    date: str | None = Field(default=None, description="Ngày của văn bản thay thế, ví dụ 09/12/2022")
    issuer: str | None = Field(default=None, description="Cơ quan ban hành văn bản thay thế, ví dụ 'UBND tỉnh'")



# Clause ids as written: 1, "1.a", "1.a..1.h" or a list of them
ClauseIds = str | int | list[str | int]


def _ids(value: Any) -> Any:
    if isinstance(value, (str, int)):
        return [str(value)]
    if isinstance(value, list):
        return [str(v) for v in value]
    return value


def _selection(value: Any) -> Any:
    if isinstance(value, (str, int)):
        return {"id": [str(value)]}
    return value


class ClauseSelection(Model):
    """Clauses taken from a parent: ids ("1.a", a list, or a range "1.a..1.h") and a mode."""

    id: Annotated[list[str], BeforeValidator(_ids, json_schema_input_type=ClauseIds)] = Field(
        description="Mã mục/điểm: 1, 1.a, [1.a, 1.c] hoặc 1.a..1.h"
    )
    source: str | None = Field(
        default=None, description="Lấy từ văn bản nào (số, ký hiệu); mặc định văn bản cấp trên trực tiếp"
    )
    mode: Literal["quote", "refer", "replace"] = Field(
        default="quote", description="quote: chép và chuyển cấp; refer: chỉ viện dẫn; replace: thay bằng 'text'"
    )
    text: str | None = Field(default=None, description="Nội dung thay thế (replace) hoặc câu dẫn (refer)")
    replacements: list[Replacement] = Field(default_factory=new_list,
                                            description="Thay thế chỉ áp dụng cho các mục này")

    @model_validator(mode="after")
    def _mode_text(self) -> ClauseSelection:
        if not self.id:
            raise nd30_error("Chọn ít nhất một mục/điểm ở 'id'.")
        if self.mode == "replace" and not (self.text or "").strip():
            raise nd30_error("Chế độ 'replace' cần nội dung thay thế ở 'text'.")
        if self.mode == "replace" and len(self.id) != 1:
            raise nd30_error("Chế độ 'replace' chỉ áp dụng cho một mục/điểm mỗi lần.")
        return self


ClauseEntry = Annotated[
    ClauseSelection, BeforeValidator(_selection, json_schema_input_type=str | int | ClauseSelection)
]


class Opening(Model):
    """The generated opening sentence: "<verb> <viện dẫn>; <verb> <viện dẫn><ending>"."""

    auto: bool = Field(default=True, description="Tạo câu mở đầu từ chuỗi văn bản cấp trên")
    ending: str | None = Field(
        default=None, description="Chữ sau chuỗi viện dẫn, ví dụ ', UBND tỉnh có ý kiến như sau:'"
    )
    date_style: Literal["so", "chu"] = Field(
        default="so", description="Cách viết ngày trong câu: so (16/10/2023) hoặc chu (ngày 16 tháng 10 năm 2023)"
    )


def _opening(value: Any) -> Any:
    return {"ending": value} if isinstance(value, str) else value


OpeningEntry = Annotated[Opening, BeforeValidator(_opening, json_schema_input_type=str | Opening)]
