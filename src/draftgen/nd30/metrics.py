"""Approximate text widths in Times New Roman, for rule lines and aligned indents.

Widths are the font's advance widths in 1/1000 em (Times New Roman and its metric-compatible
Liberation Serif share them). A Vietnamese letter is as wide as its base letter: tone and
vowel marks do not change the advance width.
"""

from __future__ import annotations

import unicodedata

_REGULAR = {
    " ": 250, "!": 333, '"': 408, "#": 500, "$": 500, "%": 833, "&": 778, "'": 180, "(": 333, ")": 333,
    "*": 500, "+": 564, ",": 250, "-": 333, ".": 250, "/": 278, ":": 278, ";": 278, "<": 564, "=": 564,
    ">": 564, "?": 444, "@": 921, "[": 333, "]": 333, "_": 500,
    "A": 722, "B": 667, "C": 667, "D": 722, "E": 611, "F": 556, "G": 722, "H": 722, "I": 333, "J": 389,
    "K": 722, "L": 611, "M": 889, "N": 722, "O": 722, "P": 556, "Q": 722, "R": 667, "S": 556, "T": 611,
    "U": 722, "V": 722, "W": 944, "X": 722, "Y": 722, "Z": 611,
    "a": 444, "b": 500, "c": 444, "d": 500, "e": 444, "f": 333, "g": 500, "h": 500, "i": 278, "j": 278,
    "k": 500, "l": 278, "m": 778, "n": 500, "o": 500, "p": 500, "q": 500, "r": 333, "s": 389, "t": 278,
    "u": 500, "v": 500, "w": 722, "x": 500, "y": 500, "z": 444,
    "Đ": 722, "đ": 500, "Ơ": 722, "ơ": 500, "Ư": 722, "ư": 500,
}
_BOLD = {
    " ": 250, "!": 333, '"': 555, "#": 500, "$": 500, "%": 1000, "&": 833, "'": 278, "(": 333, ")": 333,
    "*": 500, "+": 570, ",": 250, "-": 333, ".": 250, "/": 278, ":": 333, ";": 333, "<": 570, "=": 570,
    ">": 570, "?": 500, "@": 930, "[": 333, "]": 333, "_": 500,
    "A": 722, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 778, "I": 389, "J": 500,
    "K": 778, "L": 667, "M": 944, "N": 722, "O": 778, "P": 611, "Q": 778, "R": 722, "S": 556, "T": 667,
    "U": 722, "V": 722, "W": 1000, "X": 722, "Y": 722, "Z": 667,
    "a": 500, "b": 556, "c": 444, "d": 556, "e": 444, "f": 333, "g": 500, "h": 556, "i": 278, "j": 333,
    "k": 556, "l": 278, "m": 833, "n": 556, "o": 500, "p": 556, "q": 556, "r": 444, "s": 389, "t": 333,
    "u": 556, "v": 500, "w": 722, "x": 500, "y": 500, "z": 444,
    "Đ": 722, "đ": 556, "Ơ": 778, "ơ": 500, "Ư": 722, "ư": 556,
}
_DIGIT = 500


def _base(ch: str) -> str:
    if ch in _REGULAR:
        return ch
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0] if decomposed else ch
    # keep the horn letters ơ/ư (their horn is a combining mark in NFD)
    if "\u031b" in decomposed:
        base = unicodedata.normalize("NFC", base + "\u031b")
    return base


def _char_units(ch: str, table: dict[str, int]) -> int:
    return _DIGIT if ch.isdigit() else table.get(_base(ch), 500)


# the advance width of each character met so far, per table: a batch measures the same letters thousands of times
_KNOWN: dict[bool, dict[str, int]] = {False: {}, True: {}}


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` on one line, in points."""
    known = _KNOWN[bold]
    try:
        units = sum([known[ch] for ch in text])
    except KeyError:
        table = _BOLD if bold else _REGULAR
        for ch in text:
            if ch not in known:
                known[ch] = _char_units(ch, table)
        units = sum([known[ch] for ch in text])
    return units * size_pt / 1000.0


def text_width_twips(text: str, size_pt: float, bold: bool = False) -> int:
    """Width of ``text`` on one line, in twips (1/20 pt)."""
    return round(text_width_pt(text, size_pt, bold) * 20)


NO_BREAK_SPACE = "\u00a0"


def lines_of(text: str, width_pt: float, size_pt: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines of at most ``width_pt`` the way a word processor breaks a left or centred
    paragraph (greedy, at spaces; a no-break space joins two words)."""
    space = text_width_pt(" ", size_pt, bold)
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split(" "):
        width = text_width_pt(word, size_pt, bold)
        if current and used + space + width > width_pt:
            lines.append(current)
            current, used = word, width
        else:
            current, used = (f"{current} {word}" if current else word), used + (space if current else 0) + width
    lines.append(current)
    return lines


def without_lone_last_word(text: str, width_pt: float, size_pt: float, bold: bool = False) -> str:
    """``text`` whose last line would hold one word alone: its last two words joined by a no-break space, so
    the word before comes down with it (a centred V/v of three lines never ends on one word)."""
    lines = lines_of(text, width_pt, size_pt, bold)
    if len(lines) < 2 or " " in lines[-1] or NO_BREAK_SPACE in lines[-1]:
        return text
    head, _, last = text.rpartition(" ")
    return f"{head}{NO_BREAK_SPACE}{last}"
