"""Ô 6 text: numbering of items (1., 2.) and points (a), b) … đ), e), g)), and the "./." end mark."""

from __future__ import annotations

import re

from draftgen.nd30.lettering import point_label

END_MARK = "./."


def item_text(index: int, text: str) -> str:
    """Numbered item at 0-based ``index``: "1. …"."""
    return f"{index + 1}. {text}"


def point_text(index: int, text: str) -> str:
    """Lettered point at 0-based ``index``: "a) …", "đ) …"."""
    return f"{point_label(index)} {text}"


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """1 → "I", 4 → "IV", 14 → "XIV" (Phần, Chương and the Mục of a Kế hoạch, PL1 II.6)."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def section_heading(index: int, title: str) -> str:
    """The Mục of a Kế hoạch or Báo cáo at 0-based ``index``: "I. MỤC ĐÍCH, YÊU CẦU" (in hoa)."""
    return f"{roman(index + 1)}. {title.upper()}"


_END_MARK_RE = re.compile(r"\s*\./\.\s*$")
_KEM_THEO = re.compile(r"^(Kèm theo|kèm theo)\s+")


def with_end_mark(text: str) -> str:
    """Finish the last paragraph of the content with "./." (every Mẫu of the decree does)."""
    text = _END_MARK_RE.sub("", text).rstrip()
    text = text.rstrip(" .;,")
    return text + END_MARK


def attachment_line(what: str) -> str:
    """"(Kèm theo Công điện số 968/CĐ-TTg của Thủ tướng Chính phủ)"."""
    what = what.strip()
    if what.startswith("(") and what.endswith(")"):
        what = what[1:-1]
    what = _KEM_THEO.sub("", what)
    return f"(Kèm theo {what})"
