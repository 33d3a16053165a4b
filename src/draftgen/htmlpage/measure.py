"""Estimated heights of paragraphs and layout rows (pt), for the preview's pagination.

The widths are Times New Roman's (:mod:`draftgen.nd30.metrics`; Liberation Serif has the same), the breaks
greedy at spaces as a word processor breaks a line (a justified line breaks at the same words), the first line
narrower or wider by the style's first-line or hanging indent. It is an estimate: the exact pages are the PDF's.
"""

from __future__ import annotations

from functools import cache, lru_cache

from draftgen.htmlpage.geometry import PT_PER_MM, border_extra_pt, line_height_pt
from draftgen.htmlpage.model import Cell, P
from draftgen.inline import has_markup, plain
from draftgen.nd30.metrics import text_width_pt
from draftgen.nd30.profile import TWIPS_PER_PT, Profile
from draftgen.templatebuild.styles import kinh_gui_geometry


@cache
def _indents(key: str, profile: Profile) -> tuple[float, float]:
    tw = TWIPS_PER_PT
    style = profile.elements[key]
    if key in ("kinh_gui", "kinh_gui_muc") and "kinh_gui" in profile.raw:
        g = kinh_gui_geometry(profile)
        left, hanging = (g["label_left"], g["label_hanging"]) if key == "kinh_gui" else (g["item_left"],
                                                                                         g["item_hanging"])
        return (left - hanging) / tw, left / tw
    if style.extra.get("hanging_text"):
        return 0.0, text_width_pt(str(style.extra["hanging_text"]), style.size_pt)
    return (style.first_line_indent_twips or 0) / tw, 0.0


def indents_pt(key: str, profile: Profile) -> tuple[float, float]:
    """What a paragraph of ``key`` loses to its indents, in pt: on its first line, on the others (a first-line
    indent; a hanging indent, the Kính gửi's and the Nơi nhận's, as the template's styles set them)."""
    return _indents(key, profile)


@lru_cache(maxsize=65536)
def _word_pt(word: str, size_pt: float, bold: bool) -> float:
    # Vietnamese words are syllables: a few hundred make a letter, measured once each
    return text_width_pt(word, size_pt, bold)


@lru_cache(maxsize=8192)
def break_lines(text: str, first_pt: float, rest_pt: float, size_pt: float, bold: bool) -> tuple[str, ...]:
    """``text`` broken greedily at single spaces into lines of ``first_pt`` (the first) and ``rest_pt``; the
    lines joined with one space are ``text`` again. Cached: a live preview measures the same paragraphs at every
    keystroke, all but the one being typed."""
    space = _word_pt(" ", size_pt, bold)
    lines: list[str] = []
    current: str | None = None
    used, width = 0.0, first_pt
    for word in text.split(" "):
        w = _word_pt(word, size_pt, bold)
        if current is None:
            current, used = word, w
        elif used + space + w > width:
            lines.append(current)
            current, used, width = word, w, rest_pt
        else:
            current, used = f"{current} {word}", used + space + w
    lines.append(current or "")
    return tuple(lines)


def _para_lines(text: str, key: str, width_pt: float, profile: Profile) -> tuple[str, ...]:
    style = profile.elements[key]
    first, rest = indents_pt(key, profile)
    return break_lines(text, max(width_pt - first, style.size_pt), max(width_pt - rest, style.size_pt),
                       style.size_pt, style.bold)


def split_lines(para: P, width_pt: float, profile: Profile) -> tuple[str, ...]:
    """The estimated lines of a paragraph the pagination may split between sheets: one whose text has no
    emphasis markers and no label (its pieces rejoin with single spaces); () for any other."""
    style = profile.elements[para.key]
    if style.line_exact_pt or para.label or has_markup(para.text) or "\n" in para.text:
        return ()
    return _para_lines(para.text, para.key, width_pt, profile)


def para_height(para: P, width_pt: float, profile: Profile) -> float:
    """The estimated height of ``para`` in a column of ``width_pt``: its space before, borders and lines."""
    style = profile.elements[para.key]
    height = style.space_before_pt + border_extra_pt(para.key, style, profile)
    if style.line_exact_pt:
        return height + float(style.line_exact_pt)
    text = plain(f"{para.label}{para.text}")
    lines = sum(len(_para_lines(part, para.key, width_pt, profile)) for part in text.split("\n"))
    return height + lines * line_height_pt(style, profile)


def paras_height(paras: list[P], width_pt: float, profile: Profile) -> float:
    """The height of paragraphs one under the other."""
    return sum(para_height(p, width_pt, profile) for p in paras)


def row_height(cells: list[Cell], profile: Profile, cell_margin_pt: float) -> float:
    """A layout row is as tall as its tallest cell."""
    return max((paras_height(c.paras, c.width_mm * PT_PER_MM - 2 * cell_margin_pt, profile) for c in cells),
               default=0.0)
