"""The Công văn (Mẫu 1.5): model, resolve to its view model, template."""

from __future__ import annotations

from draftgen.cascade.result import CascadeResult, clause_lines
from draftgen.doctypes.data import drafted
from draftgen.doctypes.parts import shared_fields
from draftgen.draft import CongVanDraft
from draftgen.models import CongVan
from draftgen.nd30 import body as nd30_body
from draftgen.nd30.metrics import without_lone_last_word
from draftgen.nd30.profile import Profile
from draftgen.nd30.recipients import kinh_gui_lines
from draftgen.nd30.so_ky_hieu import cong_van_ky_hieu

MODEL = CongVan


def body_paragraphs(letter: CongVan, carried: CascadeResult | None) -> list[str]:
    """Opening, numbered items with lettered points, closing, the attachment line; "./." at the end.

    ``carried``: the parent clauses adapted to this level (None without parents).
    """
    content = letter.noi_dung
    paragraphs = ([carried.opening] if carried and carried.opening else []) + list(content.mo_dau)
    items = [i.pair() for i in carried.items] if carried else []
    items += [(item.noi_dung, item.diem) for item in content.muc]
    for i, (text, points) in enumerate(items):
        paragraphs.extend(clause_lines(nd30_body.item_text(i, text)))
        for j, point in enumerate(points):
            paragraphs.extend(clause_lines(nd30_body.point_text(j, point)))
    paragraphs.extend(content.ket_thuc)
    if letter.kem_theo:
        paragraphs.append(nd30_body.attachment_line(letter.kem_theo))
    paragraphs[-1] = nd30_body.with_end_mark(paragraphs[-1])
    return paragraphs


def vv_line(text: str, profile: Profile) -> str:
    """The V/v (ô 5b) as it will print in the left header column: never one word alone on its last line."""
    style = profile["trich_yeu"]
    inner = profile.tables["header_cols_twips"][0] - 2 * profile.tables["cell_margin_twips"]
    return without_lone_last_word(text, inner / 20, style.size_pt, style.bold)


def resolve(letter: CongVan, carried: CascadeResult | None, profile: Profile) -> CongVanDraft:
    """The view model of a Công văn (pure: the parents are already read into ``carried``)."""
    kinh_gui = kinh_gui_lines(letter.kinh_gui)
    return CongVanDraft(
        **shared_fields(letter, cong_van_ky_hieu(letter.co_quan.viet_tat, letter.don_vi_soan_thao),
                        letter.don_vi_soan_thao, profile, ten=drafted()[letter.loai]["ten"]),
        trich_yeu=vv_line(f"V/v {letter.trich_yeu}", profile),
        kinh_gui_inline=kinh_gui.inline,
        kinh_gui_label=kinh_gui.label,
        kinh_gui_items=kinh_gui.items,
        body=body_paragraphs(letter, carried),
    )
