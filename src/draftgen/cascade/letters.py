"""A letter of a typed family (a Quyết định, a Chỉ thị, a Kế hoạch …) seen as a parent directive.

A Quyết định's ``dieu`` become Điều with their khoản and điểm (ids d1, d1.k2, d1.k2.a); a Mẫu 1.4 document's
``noi_dung.phan`` become sections (I, I.1, I.1.a) and its ``noi_dung.muc`` items (1, 1.a). The clauses the
letter itself carried down from its own parents take the place the letter prints them in.
"""

from __future__ import annotations

from typing import Any

from draftgen.cascade.result import CascadeResult

ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


def _items(pairs: list[tuple[str, list[str]] | dict[str, Any]]) -> list[dict[str, Any]]:
    return [pair if isinstance(pair, dict) else {"noi_dung": pair[0], "diem": list(pair[1])} for pair in pairs]


def typed_body(letter: Any, carried: CascadeResult | None) -> dict[str, Any]:
    """The clause fields (``dieu``, ``phan``, ``muc``, ``mo_dau``, ``ket_thuc``) of a typed letter."""
    # carried items keep their own "- …" lines (``them``) in the directive the letter becomes
    carried_pairs: list[Any] = [i.directive_item() for i in carried.items] if carried else []
    if hasattr(letter, "dieu"):  # Quyết định, Nghị quyết (Mẫu 1.1–1.3)
        articles = []
        for n, article in enumerate(letter.dieu):
            own = [(k.noi_dung, list(k.diem)) for k in article.khoan]
            khoan = (carried_pairs if n == letter.clauses_dieu - 1 else []) + own
            articles.append({"so": str(n + 1), "tieu_de": article.tieu_de, "noi_dung": article.noi_dung,
                             "khoan": _items(khoan), "them": list(article.ket_thuc)})
        return {"can_cu": list(letter.can_cu), "theo_de_nghi": letter.de_nghi, "dieu": articles}
    content = letter.noi_dung  # Mẫu 1.4: Chỉ thị, Kế hoạch, Thông báo …
    out: dict[str, Any] = {"mo_dau": list(content.mo_dau), "ket_thuc": list(content.ket_thuc)}
    if content.phan:
        sections = []
        for n, section in enumerate(content.phan):
            own = [(i.noi_dung, list(i.diem)) for i in section.muc]
            pairs = (carried_pairs if n == letter.clauses_section - 1 else []) + own
            sections.append({"so": ROMANS[n], "tieu_de": section.tieu_de, "mo_dau": list(section.mo_dau),
                             "muc": _items(pairs)})
        out["phan"] = sections
    else:
        out["muc"] = _items(carried_pairs + [(i.noi_dung, list(i.diem)) for i in content.muc])
    return out


def typed_facts(letter: Any) -> tuple[str, str]:
    """(tên loại, ký hiệu) of a typed letter: ("Quyết định", "QĐ-UBND")."""
    from draftgen.doctypes.data import drafted
    from draftgen.nd30.so_ky_hieu import typed_ky_hieu

    facts = drafted()[letter.loai]
    return facts["ten"], typed_ky_hieu(facts["viet_tat"], letter.co_quan.viet_tat, letter.don_vi_soan_thao)
