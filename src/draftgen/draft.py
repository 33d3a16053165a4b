"""The view models: one plain dataclass per document type, every string already formatted.

Templates only place what is here; they never decide a rule of ND30. :class:`Draft` holds what every
type shares (the header: issuer, số/ký hiệu, place and date, marks; the footer: Nơi nhận, signer,
ô 12/13; the Phụ lục after it); each type adds its own fields in a subclass (:class:`CongVanDraft`: V/v and Kính gửi).
The field names are the template's variable names.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Indents:
    """Left and right paragraph indents in twips (for rule lines and boxed marks)."""

    left: int
    right: int


@dataclass(frozen=True)
class Table:
    """A data table of a body: column widths (twips), header cells, rows of cells, the styles of their text."""

    widths: list[int]
    header: list[str]
    rows: list[list[str]]
    header_style: str
    cell_style: str


@dataclass(frozen=True)
class Para:
    """One paragraph of a body whose paragraphs have different styles: its style id and its text; or,
    when ``table`` is set, a table in its place."""

    style: str
    text: str
    table: Table | None = None


@dataclass(frozen=True)
class PhuLucDraft:
    """One Phụ lục (Mẫu 2.1), from a new page: "Phụ lục I", its title, "(Kèm theo …)", its body."""

    nhan: str
    tieu_de: str
    kem_theo: str
    content: list[Para]


@dataclass(frozen=True, kw_only=True)
class Draft:
    """What every document type shares, ready to render."""

    chu_quan: list[str]
    co_quan: list[str]
    issuer_rule: Indents
    so_ky_hieu: str
    dia_danh_ngay: str
    body: list[str]
    noi_nhan_label: str
    noi_nhan: list[str]
    authority: list[str]
    ho_ten: str
    du_thao: str | None = None
    do_mat: str | None = None
    do_mat_box: Indents | None = None
    do_khan: str | None = None
    do_khan_box: Indents | None = None
    ky_hieu_soan_thao: str | None = None
    chuc_vu_khac: str | None = None
    dia_chi: list[str] = field(default_factory=list)
    phu_luc: list[PhuLucDraft] = field(default_factory=list)

    def as_context(self) -> dict[str, Any]:
        """The mapping handed to the template."""
        return asdict(self)


@dataclass(frozen=True, kw_only=True)
class CongVanDraft(Draft):
    """A Công văn (Mẫu 1.5): the trích yếu as "V/v …" under the số, and Kính gửi."""

    trich_yeu: str
    kinh_gui_inline: str | None
    kinh_gui_label: str | None
    kinh_gui_items: list[str]


@dataclass(frozen=True, kw_only=True)
class CoTenLoaiDraft(Draft):
    """A document with a tên loại (Mẫu 1.4: Chỉ thị, Kế hoạch, Báo cáo …): the tên loại and the trích yếu
    under it (ô 5a) with a rule, an optional Kính gửi, a body of styled paragraphs (``content``)."""

    ten_loai: str
    trich_yeu: str
    trich_yeu_rule: Indents
    kinh_gui_inline: str | None = None
    kinh_gui_label: str | None = None
    kinh_gui_items: list[str] = field(default_factory=list)
    content: list[Para] = field(default_factory=list)
