"""Ô 7a lines of the signature block: authority prefix and titles, one per line (PL1 II.7; Điều 13)."""

from __future__ import annotations


def authority_lines(quyen_han: str | None, *, tap_the: str | None = None, cap_truong: str | None = None,
                    ky_thay: str | None = None, chuc_vu: str | None = None) -> list[str]:
    """E.g. ("KT", cap_truong="CHỦ TỊCH", chuc_vu="PHÓ CHỦ TỊCH") → ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"];
    ("TM", tap_the="ỦY BAN NHÂN DÂN", ky_thay="CHỦ TỊCH", chuc_vu="PHÓ CHỦ TỊCH") →
    ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. The model has validated the combination."""
    lines: list[str] = []
    if quyen_han == "TM":
        lines.append(f"TM. {tap_the}")
    elif quyen_han in {"KT", "Q", "TL", "TUQ"}:
        lines.append(f"{quyen_han}. {cap_truong}")
    if ky_thay:
        lines.append(f"KT. {ky_thay}")
    if chuc_vu and quyen_han != "Q":
        lines.append(chuc_vu)
    return lines
