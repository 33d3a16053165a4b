"""Ô 3: "Số: 05/UBND-VP" (PL1 II.3). Numbers below 10 take a leading zero; a draft leaves it blank."""

from __future__ import annotations


def number_text(number: int) -> str:
    """5 → "05", 2842 → "2842"."""
    return f"{number:02d}"


def so_ky_hieu(number: int | None, ky_hieu: str, blank: str = "        ") -> str:
    """The whole ô 3 line: "Số: 2842/UBND-TH", or "Số:        /UBND-TH" for a draft."""
    if number is None:
        return f"Số:{blank}/{ky_hieu}"
    return f"Số: {number_text(number)}/{ky_hieu}"


def cong_van_ky_hieu(issuer_abbreviation: str, unit_abbreviation: str) -> str:
    """A Công văn's ký hiệu: <issuer>-<drafting unit>, no type abbreviation ("UBND-TH")."""
    return f"{issuer_abbreviation}-{unit_abbreviation}"


def typed_ky_hieu(type_abbreviation: str, issuer_abbreviation: str, unit_abbreviation: str | None = None) -> str:
    """A typed document's ký hiệu: <type>-<issuer>[-<unit>] ("KH-UBND", "BC-SNV-VP"); the unit group is
    optional and off unless the agency's rules use it (doc_types.md §3.3)."""
    return "-".join(p for p in (type_abbreviation, issuer_abbreviation, unit_abbreviation) if p)
