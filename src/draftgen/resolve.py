"""Letter (validated input) → Draft (formatted strings and geometry)."""

from __future__ import annotations

from draftgen.cascade import letter_cascade
from draftgen.draft import Draft, Indents
from draftgen.models import CongVan
from draftgen.nd30 import body as nd30_body
from draftgen.nd30.dates import place_and_date
from draftgen.nd30.metrics import text_width_twips
from draftgen.nd30.profile import TWIPS_PER_MM, Profile, default_profile
from draftgen.nd30.recipients import NOI_NHAN, drafter_mark, kinh_gui_lines, noi_nhan_lines
from draftgen.nd30.signature import authority_lines
from draftgen.nd30.so_ky_hieu import cong_van_ky_hieu, so_ky_hieu


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
    """Indents that make a boxed paragraph ``width_mm`` wide, centred in the left header column."""
    inner = _cell_inner_width(profile, "header_cols_twips", 0)
    side = max(0, (inner - round(width_mm * TWIPS_PER_MM)) // 2)
    return Indents(side, side)


def body_paragraphs(letter: CongVan) -> list[str]:
    """Opening, numbered items with lettered points, closing, the attachment line; "./." at the end."""
    content = letter.noi_dung
    carried = letter_cascade(letter)  # parent clauses adapted to this level (None without parents)
    paragraphs = ([carried.opening] if carried and carried.opening else []) + list(content.mo_dau)
    items = [(i.text, i.points) for i in carried.items] if carried else []
    items += [(item.noi_dung, item.diem) for item in content.muc]
    for i, (text, points) in enumerate(items):
        paragraphs.append(nd30_body.item_text(i, text))
        paragraphs.extend(nd30_body.point_text(j, point) for j, point in enumerate(points))
    paragraphs.extend(content.ket_thuc)
    if letter.kem_theo:
        paragraphs.append(nd30_body.attachment_line(letter.kem_theo))
    paragraphs[-1] = nd30_body.with_end_mark(paragraphs[-1])
    return paragraphs


def resolve(letter: CongVan, profile: Profile | None = None) -> Draft:
    """Build the Draft of a Công văn."""
    profile = profile or default_profile()
    blank = " " * int(profile.raw.get("draft_blank_spaces", 8))
    issuer = letter.co_quan
    co_quan = [line.upper() for line in issuer.ten]
    kinh_gui = kinh_gui_lines(letter.kinh_gui)
    luu_unit = letter.luu.don_vi or letter.don_vi_soan_thao
    luu_note = str(letter.luu.so_ban) if letter.luu.so_ban is not None else letter.luu.ghi_chu
    signer = letter.nguoi_ky
    box_widths = profile["do_khan"].extra.get("box_width_mm", {})
    return Draft(
        du_thao="DỰ THẢO" if letter.du_thao else None,
        chu_quan=[line.upper() for line in issuer.chu_quan],
        co_quan=co_quan,
        issuer_rule=issuer_rule_indents(co_quan, profile),
        so_ky_hieu=so_ky_hieu(letter.so, cong_van_ky_hieu(issuer.viet_tat, letter.don_vi_soan_thao), blank),
        trich_yeu=f"V/v {letter.trich_yeu}",
        do_mat=letter.do_mat,
        do_mat_box=box_indents(30, profile) if letter.do_mat else None,
        do_khan=letter.do_khan,
        do_khan_box=box_indents(box_widths.get(letter.do_khan, 30), profile) if letter.do_khan else None,
        dia_danh_ngay=place_and_date(issuer.dia_danh, letter.ngay.nam, letter.ngay.thang, letter.ngay.ngay, blank),
        kinh_gui_inline=kinh_gui.inline,
        kinh_gui_label=kinh_gui.label,
        kinh_gui_items=kinh_gui.items,
        body=body_paragraphs(letter),
        noi_nhan_label=NOI_NHAN,
        noi_nhan=noi_nhan_lines([(i.ten, i.muc_dich) for i in letter.noi_nhan], [luu_unit], luu_note,
                                letter.nhu_tren),
        ky_hieu_soan_thao=drafter_mark(letter.nguoi_soan, letter.so_ban_phat_hanh)
        if letter.nguoi_soan and letter.so_ban_phat_hanh else None,
        authority=authority_lines(signer.quyen_han, tap_the=signer.tap_the, cap_truong=signer.cap_truong,
                                  ky_thay=signer.ky_thay, chuc_vu=signer.chuc_vu),
        chuc_vu_khac=signer.chuc_vu_khac,
        ho_ten=signer.ho_ten,
        dia_chi=list(letter.dia_chi),
    )
