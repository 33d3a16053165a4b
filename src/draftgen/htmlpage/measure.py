"""Estimated heights of paragraphs and layout rows (pt), for the preview's pagination.

The widths are Times New Roman's (:mod:`draftgen.nd30.metrics`), the breaks greedy at spaces as a word processor
breaks a line; a justified line breaks at the same words. It is an estimate: the exact pages are the PDF's.
"""

from __future__ import annotations

from draftgen.htmlpage.geometry import PT_PER_MM, line_height_pt
from draftgen.htmlpage.model import Cell, P
from draftgen.inline import plain
from draftgen.nd30.metrics import lines_of, text_width_pt
from draftgen.nd30.profile import TWIPS_PER_PT, Profile


def indent_pt(key: str, profile: Profile) -> float:
    """The width a paragraph of ``key`` loses to its indents (first-line, hanging, Kính gửi), in pt."""
    style = profile.elements[key]
    if key in ("kinh_gui", "kinh_gui_muc") and "kinh_gui" in profile.raw:
        conf = profile.raw["kinh_gui"]
        return (int(conf["label_indent_twips"]) / TWIPS_PER_PT
                + text_width_pt(conf["label"] + ": ", style.size_pt))
    if style.extra.get("hanging_text"):
        return text_width_pt(str(style.extra["hanging_text"]), style.size_pt)
    return (style.first_line_indent_twips or 0) / TWIPS_PER_PT


def line_count(text: str, width_pt: float, size_pt: float, bold: bool) -> int:
    """How many lines ``text`` takes at ``width_pt`` (an empty paragraph takes one)."""
    if width_pt <= size_pt:
        width_pt = size_pt
    return sum(len(lines_of(part, width_pt, size_pt, bold)) for part in plain(text).split("\n"))


def para_height(para: P, width_pt: float, profile: Profile) -> float:
    """The estimated height of ``para`` in a column of ``width_pt``: its space before and its lines."""
    style = profile.elements[para.key]
    height = style.space_before_pt
    if style.line_exact_pt:
        return height + float(style.line_exact_pt)
    text = f"{para.label}{para.text}"
    lines = line_count(text, width_pt - indent_pt(para.key, profile), style.size_pt, style.bold)
    return height + lines * line_height_pt(style, profile)


def paras_height(paras: list[P], width_pt: float, profile: Profile) -> float:
    """The height of paragraphs one under the other."""
    return sum(para_height(p, width_pt, profile) for p in paras)


def row_height(cells: list[Cell], profile: Profile, cell_margin_pt: float) -> float:
    """A layout row is as tall as its tallest cell."""
    return max((paras_height(c.paras, c.width_mm * PT_PER_MM - 2 * cell_margin_pt, profile) for c in cells),
               default=0.0)
