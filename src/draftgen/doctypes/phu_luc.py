"""The Phụ lục (Mẫu 2.1) of any document, resolved to its view models; and the body table they share with a
Mẫu 1.4 document's Mục.

:func:`appendices` is called for every type by :func:`draftgen.doctypes.parts.shared_fields` (the
``phu_luc`` of :class:`~draftgen.draft.Draft`); the layout block ``phu_luc`` of
:mod:`draftgen.templatebuild.blocks` places them after the signature, each from a new page.
"""

from __future__ import annotations

import re
from typing import Any

from draftgen.draft import Para, PhuLucDraft, Table
from draftgen.models.phu_luc import PhuLuc, appendix_labels
from draftgen.nd30 import body as nd30_body
from draftgen.nd30.dates import day_text, month_text
from draftgen.nd30.profile import Profile
from draftgen.nd30.so_ky_hieu import number_text


def table_of(table: Any, profile: Profile) -> Table:
    """The view model of a body table: widths over the text width (an "STT" column first when asked)."""
    header = list(table.cot)
    rows = [list(row) for row in table.dong]
    weights = list(table.do_rong) if table.do_rong else [1.0] * len(header)
    if table.stt:
        header = ["STT", *header]
        rows = [[str(n), *row] for n, row in enumerate(rows, start=1)]
        weights = [min(weights) * 0.5 if table.do_rong else 0.5, *weights]
    total = sum(weights)
    width = profile.text_width_twips
    widths = [round(width * w / total) for w in weights]
    widths[-1] += width - sum(widths)
    return Table(widths=widths, header=header, rows=rows, header_style=profile["bang_tieu_de"].style_id,
                 cell_style=profile["bang"].style_id)


def date_text(date: Any, empty: str) -> str:
    """"ngày 18 tháng 9 năm 2025" (PL1 II.4.b padding), blanks for the parts a draft leaves out."""
    day = day_text(date.ngay) if date.ngay is not None else empty
    month = month_text(date.thang) if date.thang is not None else empty
    return f"ngày {day} tháng {month} năm {date.nam}"


def organ_name(line: str, kinds: list[str]) -> str:
    """An organ's name as running text writes it (Phụ lục II of the decree: capitals for the kind of organ and
    each of its fields): "SỞ NỘI VỤ" → "Sở Nội vụ", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" → "Sở Văn hóa, Thể thao và
    Du lịch". ``kinds``: the words of a kind of organ (the profile's ``check.issuer_unit_words``). A proper
    name inside the field part ("… tỉnh Đắk Lắk") is not known here and stays lower case (practice: the
    issuer line of a Sở holds no place name, its chủ quản does)."""
    kind = next((k for k in sorted(kinds, key=len, reverse=True) if line.upper().startswith(k + " ")), None)
    low = line.lower()
    if kind is None:
        return low[:1].upper() + low[1:]
    head, rest = low[:len(kind)], low[len(kind) + 1:]
    fields = re.split(r"(, | và )", rest)
    rest = "".join(f if f in (", ", " và ") else f[:1].upper() + f[1:] for f in fields)
    return f"{head[:1].upper()}{head[1:]} {rest}"


def issuer_in_text(issuer_lines: list[str], kinds: list[str] | None = None, viet_tat: str | None = None) -> str:
    """The issuer as the "(Kèm theo … của …)" line names it, in full as the decree's own "(Kèm theo Nghị định số
    30/2020/NĐ-CP … của Chính phủ)": the issuer table's name of ``viet_tat`` ("Thủ tướng Chính phủ"), else
    "Ủy ban nhân dân xã Hòa Phú", else the organ's name written by :func:`organ_name` ("Sở Nội vụ")."""
    from draftgen.cascade.parents import running_issuer_name  # a document with a Phụ lục only
    from draftgen.nd30.citations import issuer_entry

    entry = issuer_entry(viet_tat) if viet_tat else None
    if entry and entry.get("dia_phuong") not in (True, "true"):
        return str(entry["ten"])
    name = running_issuer_name(issuer_lines)
    first, _, rest = name.partition(" ")
    entry = issuer_entry(first) if first.isupper() else None  # "UBND xã …" → "Ủy ban nhân dân xã …"
    if entry and rest:
        return f"{entry['ten']} {rest}"
    return organ_name(" ".join(issuer_lines), kinds) if kinds is not None else name


def kem_theo_line(document: Any, ten: str, ky_hieu: str, empty: str, cua: str | None = None,
                  kinds: list[str] | None = None) -> str:
    """"(Kèm theo Biên bản số 05/BB-UBND ngày 18 tháng 9 năm 2025 của Ủy ban nhân dân xã Hòa Phú)" (PL1 III.1.c,
    Mẫu 2.1); a draft leaves the number, the day or the month blank (as an electronic document may).
    ``cua``: who issued it, when not the issuer's name (a Quyết định: "Chủ tịch Ủy ban nhân dân tỉnh …")."""
    so = number_text(document.so) if document.so is not None else empty
    return (f"(Kèm theo {ten} số {so}/{ky_hieu} {date_text(document.ngay, empty)} "
            f"của {cua or issuer_in_text(list(document.co_quan.ten), kinds, document.co_quan.viet_tat)})")


def _appendix_content(appendix: PhuLuc, profile: Profile) -> list[Para]:
    body = profile["noi_dung"].style_id
    paras = [Para(body, text) for text in appendix.mo_dau]
    if appendix.bang is not None:
        paras.append(Para(body, "", table=table_of(appendix.bang, profile)))
    paras += [Para(body, text) for text in appendix.ket_thuc]
    if paras[-1].table is None:
        paras[-1] = Para(paras[-1].style, nd30_body.with_end_mark(paras[-1].text))
    else:  # Mẫu 2.1 ends with "./." at the right of the last line: under a final table, on its own
        paras.append(Para(profile["dau_ket"].style_id, nd30_body.END_MARK))
    return paras


def appendices(document: Any, ten: str, ky_hieu: str, profile: Profile, empty: str,
               cua: str | None = None) -> list[PhuLucDraft]:
    """The Phụ lục of ``document`` (its ``phu_luc``): "Phụ lục" alone for one, "Phụ lục I, II …" for several;
    ``ten`` and ``ky_hieu`` name the document in their "(Kèm theo <ten> số …/<ky_hieu> …)" line."""
    items = list(getattr(document, "phu_luc", None) or [])
    if not items:
        return []
    words = profile.raw["check"]  # the kinds of organ ("SỞ", "VĂN PHÒNG" …), as the checker reads issuers
    kinds = [*words["issuer_unit_words"], *words["issuer_parent_words"]]
    line = kem_theo_line(document, ten, ky_hieu, empty, cua, kinds)
    return [PhuLucDraft(nhan=label, tieu_de=item.tieu_de.upper(), kem_theo=line,
                        content=_appendix_content(item, profile))
            for label, item in zip(appendix_labels(len(items)), items, strict=True)]
