"""What the preview's template places: paragraphs, layout rows, data tables, grouped into A4 sheets.

Plain frozen dataclasses, every string already the view model's (NFC), every length already in mm or pt, so the
Jinja template only places them (as the DOCX template only places the view model).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class P:
    """One paragraph: the profile element whose style it has (``dg-e-<key>``), its text, and where it comes
    from in the view model (``field`` → ``data-field``, ``index`` → ``data-index``, ``group`` → ``data-group``,
    e.g. the Phụ lục it belongs to; ``part`` → ``data-part``: 1 and 2 when a paragraph is split between
    sheets). ``runs``: the text may carry **bold**/*italic* markers (as the DOCX's ``runs`` filter reads them);
    ``label``: a bold lead ("Điều 1."); ``css``: computed geometry (rule indents, a split paragraph's parts)."""

    key: str
    text: str = ""
    field: str | None = None
    index: int | None = None
    group: int | None = None
    runs: bool = False
    label: str = ""
    css: str = ""
    part: int | None = None


@dataclass(frozen=True)
class Cell:
    """One cell of a borderless layout table (the header, the signature row): its width (mm) and paragraphs."""

    width_mm: float
    paras: list[P]


@dataclass(frozen=True)
class Grid:
    """A data table of a body (a Kế hoạch's tasks, a Phụ lục's list): column widths (mm), header, rows."""

    widths_mm: list[float]
    header: list[str]
    rows: list[list[str]]
    header_key: str
    cell_key: str
    field: str | None = None
    index: int | None = None
    group: int | None = None


@dataclass(frozen=True)
class Item:
    """One unit of the page flow that the pagination never splits.

    ``kind``: ``p`` (``para``), ``layout`` (``rows`` of :class:`Cell`, class ``cls``) or ``grid``.
    ``height_pt``: its estimated height. ``break_before``: it starts a new sheet; ``restart``: and the page
    numbers restart at 1 there, shown from that sheet (a Phụ lục, PL1 III.1.đ). ``keep_with_previous``: it
    takes the item before it to the next sheet when it does not fit (the signature and the last paragraph).
    ``lines``: a paragraph's estimated lines when the pagination may split it (``line_pt`` each, after
    ``space_pt``; ``justify``: its style is justified); empty for an item that moves whole.
    """

    kind: str
    height_pt: float
    para: P | None = None
    rows: list[list[Cell]] = field(default_factory=list)
    cls: str = ""
    block: str = ""
    grid: Grid | None = None
    break_before: bool = False
    restart: bool = False
    keep_with_previous: bool = False
    lines: tuple[str, ...] = ()
    line_pt: float = 0.0
    space_pt: float = 0.0
    justify: bool = False


@dataclass
class Sheet:
    """One A4 sheet of the preview: its items, its page number, whether the number is printed, ô 13."""

    items: list[Item]
    number: int
    show_number: bool
    dia_chi: list[P] = field(default_factory=list)
