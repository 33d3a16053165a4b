"""The Phụ lục (Mẫu 2.1, Phụ lục III, Nghị định 30/2020/NĐ-CP) any document may carry, and the data table it
shares with the body of a Mẫu 1.4 document (a Kế hoạch's task table).

:class:`~draftgen.models.document.Document` has ``phu_luc`` (a list of :class:`PhuLuc`), so every type takes
appendices; PL1 III.1.a asks that the document's text points to each of them (:func:`uncited_appendix`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from draftgen.models.common import Model, Paragraphs, Text, nd30_error, new_list
from draftgen.nd30.body import roman


class Table(Model):
    """A table in the body, e.g. the tasks of a Kế hoạch (nội dung, cơ quan chủ trì, phối hợp, thời gian)."""

    cot: list[Text] = Field(min_length=1, max_length=10, description="Tên các cột, ví dụ [Nội dung, Chủ trì, …]")
    dong: list[list[Text]] = Field(min_length=1, description="Các dòng, mỗi dòng một danh sách ô theo thứ tự cột")
    do_rong: list[float] | None = Field(
        default=None, description="Độ rộng tương đối của các cột (ví dụ [45, 20, 20, 15]); mặc định chia đều"
    )
    stt: bool = Field(default=True, description="Thêm cột 'STT' đánh số 1, 2, 3 … ở đầu bảng")

    @model_validator(mode="after")
    def _shape(self) -> Table:
        for n, row in enumerate(self.dong, start=1):
            if len(row) != len(self.cot):
                raise nd30_error(f"Dòng {n} của bảng có {len(row)} ô, bảng có {len(self.cot)} cột.")
        if self.do_rong is not None and (len(self.do_rong) != len(self.cot) or min(self.do_rong) <= 0):
            raise nd30_error(f"'do_rong' cần {len(self.cot)} số dương, mỗi cột một số.")
        return self


class PhuLuc(Model):
    """A Phụ lục (Mẫu 2.1): on its own pages after the document; its title, then paragraphs and a table."""

    tieu_de: Text = Field(description="Tên phụ lục, ví dụ 'Danh sách nhiệm vụ giao các đơn vị' (in thành chữ in hoa)")
    mo_dau: Paragraphs = Field(default_factory=new_list, description="Các đoạn trước bảng")
    bang: Table | None = Field(default=None, description="Bảng của phụ lục (cột, dòng, độ rộng, STT)")
    ket_thuc: Paragraphs = Field(default_factory=new_list, description="Các đoạn sau bảng")

    @field_validator("tieu_de")
    @classmethod
    def _title(cls, value: str) -> str:
        if re.match(r"^ph[ụu]\s*l[ụu]c\b", value, re.IGNORECASE):
            raise nd30_error("Không ghi 'Phụ lục …' ở tên phụ lục; draftgen tự ghi dòng 'Phụ lục' (I, II … khi có "
                             "nhiều phụ lục) ở trên tên.")
        if value.endswith("."):
            raise nd30_error("Tên phụ lục không kết thúc bằng dấu chấm.")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> PhuLuc:
        if not (self.mo_dau or self.bang or self.ket_thuc):
            raise nd30_error("Phụ lục trống: cần ít nhất một đoạn (mo_dau, ket_thuc) hoặc một bảng (bang).")
        return self


def appendix_labels(count: int) -> list[str]:
    """"Phụ lục" alone for one appendix, "Phụ lục I", "Phụ lục II" … for several (PL1 III.1.b)."""
    return ["Phụ lục"] if count == 1 else [f"Phụ lục {roman(n)}" for n in range(1, count + 1)]


def uncited_appendix(count: int, texts: list[str]) -> str | None:
    """The first appendix label the ``texts`` do not name (PL1 III.1.a: "Văn bản có phụ lục thì trong văn bản
    phải có chỉ dẫn về phụ lục đó"), None when each is named."""
    joined = " ".join(texts)
    for label in appendix_labels(count):
        if not re.search(rf"(?<!\w){re.escape(label)}(?![\wIVXLC])", joined, re.IGNORECASE):
            return label
    return None


def uncited_message(label: str) -> str:
    return (f"Nội dung chưa nhắc đến '{label}': văn bản có phụ lục phải chỉ dẫn phụ lục đó (PL1 III.1.a), "
            f"ví dụ '… (chi tiết tại {label} kèm theo)'.")


def check_appendices_cited(appendices: list[PhuLuc], texts: list[str]) -> None:
    """Raise the clerk's error when the ``texts`` do not name every appendix (PL1 III.1.a)."""
    label = uncited_appendix(len(appendices), texts)
    if label:
        raise nd30_error(uncited_message(label))


def own_texts(value: Any, skip: str = "phu_luc") -> Iterator[str]:
    """Every string a clerk wrote in a validated model (its fields but ``skip``, nested models and lists)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name != skip:
                yield from own_texts(getattr(value, name), skip)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from own_texts(item, skip)
    elif isinstance(value, dict):
        for item in value.values():
            yield from own_texts(item, skip)
