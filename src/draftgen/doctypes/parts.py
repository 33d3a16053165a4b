"""What every document type shares, resolved once: the header (ô 1–5, 10, 11), the footer (ô 8, 9, 12, 13) and
the Phụ lục (Mẫu 2.1, :mod:`draftgen.doctypes.phu_luc`).

Each type's resolve calls :func:`shared_fields` and adds its own; the formatting rules themselves are in
:mod:`draftgen.nd30` (dates, số/ký hiệu, Nơi nhận, signature authority), read from data.
"""

from __future__ import annotations

from typing import Any

from draftgen.doctypes.phu_luc import appendices
from draftgen.draft import Indents
from draftgen.nd30.dates import place_and_date
from draftgen.nd30.metrics import text_width_twips
from draftgen.nd30.profile import TWIPS_PER_MM, Profile
from draftgen.nd30.recipients import NOI_NHAN, drafter_mark, noi_nhan_lines
from draftgen.nd30.signature import authority_lines
from draftgen.nd30.so_ky_hieu import so_ky_hieu


def _cell_inner_width(profile: Profile, table: str, column: int) -> int:
    return profile.tables[table][column] - 2 * profile.tables["cell_margin_twips"]


def issuer_rule_indents(lines: list[str], profile: Profile) -> Indents:
    """Indents of the short rule under the issuer name: a fraction of its longest line, centred."""
    style = profile["co_quan"]
    longest = max(text_width_twips(line, style.size_pt, style.bold) for line in lines)
    inner = _cell_inner_width(profile, "header_cols_twips", 0)
    length = round(min(longest, inner) * profile.raw["rules"]["issuer_rule_fraction"])
    side = max(0, (inner - length) // 2)
    return Indents(side, side)


def box_indents(width_mm: float, profile: Profile) -> Indents:
    """Indents that make a boxed paragraph ``width_mm`` wide in the left header column, at its left or
    centred (``mark_box_align`` of the profile)."""
    inner = _cell_inner_width(profile, "header_cols_twips", 0)
    spare = max(0, inner - round(width_mm * TWIPS_PER_MM))
    if profile.raw.get("mark_box_align", "left") == "center":
        return Indents(spare // 2, spare - spare // 2)
    return Indents(0, spare)


def blank(profile: Profile) -> str:
    """The blank left for a number or day not yet given in a draft."""
    return " " * int(profile.raw.get("draft_blank_spaces", 8))


def shared_fields(document: Any, ky_hieu: str, luu_unit: str | None, profile: Profile, *, ten: str,
                  nhu_tren: bool = True, first_recipients: list[str] | None = None,
                  cua: str | None = None) -> dict[str, Any]:
    """The :class:`~draftgen.draft.Draft` fields every type has, from the fields every model has.

    ``ky_hieu`` is the type's ký hiệu (e.g. "UBND-TH" for a Công văn, "QĐ-UBND" for a Quyết định), ``ten``
    its name and ``cua`` who issues it when not the issuer (the Phụ lục's "(Kèm theo <ten> số … của <cua>)");
    ``luu_unit`` the drafting unit kept in the "Lưu:" line when the model gives none (None: "- Lưu: VT." alone,
    as Mẫu 1.8); ``nhu_tren``: the Nơi nhận opens with "- Như trên;" (a document with a Kính gửi);
    ``first_recipients``: entries the type puts before the model's own (the person on leave, Mẫu 1.10).
    """
    issuer = document.co_quan
    co_quan = [line.upper() for line in issuer.ten]
    empty = blank(profile)
    luu = document.luu
    luu_note = str(luu.so_ban) if luu.so_ban is not None else luu.ghi_chu
    signer = document.nguoi_ky
    box_widths = profile["do_khan"].extra.get("box_width_mm", {})
    return {
        "du_thao": "DỰ THẢO" if document.du_thao else None,
        "chu_quan": [line.upper() for line in issuer.chu_quan],
        "co_quan": co_quan,
        "issuer_rule": issuer_rule_indents(co_quan, profile),
        "so_ky_hieu": so_ky_hieu(document.so, ky_hieu, empty),
        "do_mat": document.do_mat,
        "do_mat_box": box_indents(30, profile) if document.do_mat else None,
        "do_khan": document.do_khan,
        "do_khan_box": box_indents(box_widths.get(document.do_khan, 30), profile) if document.do_khan else None,
        "dia_danh_ngay": place_and_date(issuer.dia_danh, document.ngay.nam, document.ngay.thang, document.ngay.ngay,
                                        empty),
        "noi_nhan_label": NOI_NHAN,
        "noi_nhan": noi_nhan_lines([(name, None) for name in first_recipients or []]
                                   + [(i.ten, i.muc_dich) for i in document.noi_nhan],
                                   [unit for unit in [luu.don_vi or luu_unit] if unit],
                                   luu_note, document.nhu_tren, nhu_tren=nhu_tren),
        "ky_hieu_soan_thao": drafter_mark(document.nguoi_soan, document.so_ban_phat_hanh)
        if document.nguoi_soan and document.so_ban_phat_hanh else None,
        "authority": authority_lines(signer.quyen_han, tap_the=signer.tap_the, cap_truong=signer.cap_truong,
                                     ky_thay=signer.ky_thay, chuc_vu=signer.chuc_vu),
        "chuc_vu_khac": signer.chuc_vu_khac,
        "ho_ten": signer.ho_ten,
        "dia_chi": list(document.dia_chi),
        "phu_luc": appendices(document, ten, ky_hieu, profile, empty, cua),
    }
