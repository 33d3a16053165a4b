"""How long is the document? A cheap estimate, for the rules that depend on it (page numbers are
required from page 2 only, so a one-page letter needs none).

No layout engine: each paragraph takes ceil(characters / characters per line) lines of its font
size and line spacing, plus its spacing before and after; the cells of a table row stand side by
side (the row is as tall as its tallest cell). Widths are generous (half an em a character, more
than Times New Roman's average) so the estimate errs towards "longer". The editor's own count
(``<Pages>`` in docProps/app.xml) is used when its statistics match the text (python-docx's
template, for one, always says 1 page, 0 words); an explicit or rendered page break means more
than one page whatever the estimate.
"""

from __future__ import annotations

import math

from draftgen.check.model import WP_NS, Document, Para, Section
from draftgen.check.props import W

A4_W, A4_H = 11906, 16838
DEFAULT_MARGIN = 1440               # Word's 2,54 cm
DEFAULT_SIZE_PT = 11.0
EM_PER_CHAR = 0.5
LINE_FACTOR = 1.15                  # single line height of Times New Roman ≈ 1.15 × size
ONE_PAGE_MAX = 0.9                  # estimated fraction of one page below which the body is "clearly" one page
APP_PAGES_SLACK = 1.5               # the editor says 1 page: believed unless the estimate says this many
_BREAK_TAGS = (f"{W}lastRenderedPageBreak", f"{W}br", f"{W}pageBreakBefore")


def _clamp(value, lo: float, hi: float, default: float) -> float:
    if not isinstance(value, int | float) or not lo <= value <= hi:
        return default
    return float(value)


def text_area(sec: Section | None) -> tuple[float, float]:
    """(width, height) in twips of the text area of page 1; A4 and Word's margins for missing or absurd values."""
    page_w = _clamp(sec.page_w if sec else None, 2000, 60000, A4_W)
    page_h = _clamp(sec.page_h if sec else None, 2000, 60000, A4_H)
    margins = sec.margins if sec else {}
    left = _clamp(abs(margins.get("left") or 0) or None, 0, page_w / 3, DEFAULT_MARGIN)
    right = _clamp(abs(margins.get("right") or 0) or None, 0, page_w / 3, DEFAULT_MARGIN)
    top = _clamp(abs(margins.get("top") or 0) or None, 0, page_h / 3, DEFAULT_MARGIN)
    bottom = _clamp(abs(margins.get("bottom") or 0) or None, 0, page_h / 3, DEFAULT_MARGIN)
    return page_w - left - right, page_h - top - bottom


def para_height(p: Para, width: float) -> float:
    """Estimated height of one paragraph in twips, set in a column ``width`` twips wide."""
    sizes = [_clamp(r.get("size"), 1, 400, DEFAULT_SIZE_PT) for r in p.text_runs()]
    size = max(sizes, default=DEFAULT_SIZE_PT)
    line = p.get("sp.line")
    natural = size * 20 * LINE_FACTOR
    if p.get("sp.lineRule", "auto") == "auto":
        height = natural * _clamp(line / 240 if isinstance(line, int | float) else None, 0.5, 5, 1.0)
    else:
        value = _clamp(line, 20, 20000, natural)
        height = value if p.get("sp.lineRule") == "exact" else max(value, natural)
    indent = _clamp(p.get("ind.left", 0), -width, width, 0) + _clamp(p.get("ind.right", 0), -width, width, 0)
    per_line = max(1.0, max(width - indent, width / 4) / (size * 20 * EM_PER_CHAR))
    lines = sum(max(1, math.ceil(len(segment) / per_line)) for segment in p.text.split("\n"))
    before = _clamp(p.get("sp.before", 0), 0, 20000, 0)
    after = _clamp(p.get("sp.after", 0), 0, 20000, 0)
    return lines * height + before + after + _drawings_height(p)


def _drawings_height(p: Para) -> float:
    if not p.drawings:
        return 0.0
    total = 0.0
    for extent in p.el.iter(f"{{{WP_NS}}}extent"):
        cy = extent.get("cy") or ""
        total += int(cy) / 635 if cy.isdecimal() and len(cy) < 12 else 0.0
    return min(total, 10 * A4_H)


def estimate_pages(doc: Document) -> float:
    """Estimated number of pages (fractional) the main text fills."""
    width, height = text_area(doc.section)
    total = 0.0
    rows: dict[tuple[int, int], dict[int, float]] = {}
    for p in doc.paragraphs:
        if p.cell is None:
            total += para_height(p, width)
            continue
        cell = p.cell
        cell_w = cell.text_width if cell.text_width and 200 <= cell.text_width <= width else width / 2
        row = rows.setdefault((id(cell.table), cell.row), {})
        row[id(cell)] = row.get(id(cell), 0.0) + para_height(p, cell_w)
    total += sum(max(cells.values()) for cells in rows.values() if cells)
    return total / max(height, 1.0)


def has_page_break(doc: Document) -> bool:
    """A page break in the text, or one Word rendered when it last saved the file."""
    for p in doc.paragraphs:
        for el in p.el.iter(*_BREAK_TAGS):
            if el.tag == f"{W}br" and el.get(f"{W}type") != "page":
                continue
            if el.tag == f"{W}pageBreakBefore" and (el.get(f"{W}val") or "1").lower() in ("0", "false", "off"):
                continue
            return True
    return any((s.el.find(f"{W}type") is None or s.el.find(f"{W}type").get(f"{W}val") != "continuous")
               for s in doc.sections[1:])


def app_pages(doc: Document) -> int | None:
    """The editor's page count, when its word count matches the text (fresh statistics)."""
    pages, words = doc.app.get("Pages"), doc.app.get("Words")
    if not pages or not words:
        return None
    counted = sum(len(p.text.split()) for p in doc.paragraphs)
    if counted == 0 or not 0.5 <= words / counted <= 2.0:
        return None
    return pages


def is_one_page(doc: Document) -> bool:
    """True when the document is clearly no longer than one page."""
    if has_page_break(doc):
        return False
    estimate = estimate_pages(doc)
    pages = app_pages(doc)
    if pages is not None:
        return pages == 1 and estimate <= APP_PAGES_SLACK
    return estimate <= ONE_PAGE_MAX
