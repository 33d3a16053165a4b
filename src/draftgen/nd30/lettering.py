"""Lettering of điểm (points): a) b) c) d) đ) e) g) h) i) k) … (PL1 II.6.đ).

The sequence is data in the ND30 rules: Vietnamese letters without f, j, w, z and without the
letters carrying diacritics other than đ. The decree itself shows a … o; p … y follow the
Vietnamese alphabet (UNCONFIRMED in the decree, common practice in legal texts).
"""

from __future__ import annotations

POINT_LETTERS: tuple[str, ...] = (
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o",
    # continuation (practice): the decree's examples stop at o)
    "p", "q", "r", "s", "t", "u", "v", "x", "y",
)


def point_letter(index: int) -> str:
    """Letter of the point at 0-based ``index``: 0 → "a", 4 → "đ", 6 → "g".

    Past "y" the sequence doubles the letters ("aa", "bb" …), as long lists in practice do.
    """
    if index < 0:
        raise ValueError("index must be >= 0")
    n = len(POINT_LETTERS)
    return POINT_LETTERS[index % n] * (index // n + 1)


def point_label(index: int) -> str:
    """Label of the point at 0-based ``index``: "a)", "đ)" …"""
    return f"{point_letter(index)})"


def letter_index(letter: str) -> int:
    """Inverse of :func:`point_letter`: "đ" → 4. Raises ValueError for a letter not in the sequence."""
    letter = letter.strip().rstrip(")").lower()
    if letter and len(set(letter)) == 1 and letter[0] in POINT_LETTERS:
        return POINT_LETTERS.index(letter[0]) + (len(letter) - 1) * len(POINT_LETTERS)
    raise ValueError(f"'{letter}' không phải chữ cái đánh số điểm theo NĐ30")
