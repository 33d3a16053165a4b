"""Ô 9a "Kính gửi" and ô 9b "Nơi nhận" lines (PL1 II.9)."""

from __future__ import annotations

from dataclasses import dataclass

KINH_GUI = "Kính gửi"
NOI_NHAN = "Nơi nhận:"
NHU_TREN = "Như trên"


@dataclass(frozen=True)
class KinhGuiLines:
    """One recipient: ``inline`` holds "Kính gửi: X". Several: ``label`` then one "- X;" per item."""

    inline: str | None
    label: str | None
    items: list[str]


def kinh_gui_lines(recipients: list[str]) -> KinhGuiLines:
    """One recipient on the label's line (no final period, as the decree's example); several on
    "- …;" lines, the last ending with "."."""
    if len(recipients) == 1:
        return KinhGuiLines(inline=f"{KINH_GUI}: {recipients[0]}", label=None, items=[])
    items = [f"- {r};" for r in recipients[:-1]] + [f"- {recipients[-1]}."]
    return KinhGuiLines(inline=None, label=f"{KINH_GUI}:", items=items)


def _with_purpose(name: str, purpose: str | None) -> str:
    return f"{name} ({purpose})" if purpose else name


def noi_nhan_lines(items: list[tuple[str, str | None]], luu_units: list[str], luu_note: str | None,
                   nhu_tren_purpose: str | None = None, *, nhu_tren: bool = True) -> list[str]:
    """"- Như trên;" first (when the document has a Kính gửi), then "- X (purpose);", and last
    "- Lưu: VT, <unit> (<note>).".

    ``luu_note`` is the text in parentheses after the unit: a copy count ("2") or a local note.
    """
    lines = [f"- {_with_purpose(NHU_TREN, nhu_tren_purpose)};"] if nhu_tren else []
    lines += [f"- {_with_purpose(name, purpose)};" for name, purpose in items]
    luu = "- Lưu: " + ", ".join(["VT", *luu_units])
    if luu_note:
        luu += f" ({luu_note})"
    lines.append(luu + ".")
    return lines


def drafter_mark(initials: str, copies: int) -> str:
    """Ô 12: "PL.(300)"."""
    return f"{initials}.({copies})"
