"""The Mẫu 1.4 family (văn bản có tên loại): Chỉ thị, Kế hoạch, Thông báo, Hướng dẫn, Báo cáo, Tờ trình …

One model (:class:`~draftgen.models.co_ten_loai.CoTenLoai`, ``loai`` picks the type), one resolve, one
layout: the tên loại and the trích yếu under it (ô 5a) with a rule, a Kính gửi where the type takes one,
and a body of Mục (I., II. …), items (1., 2.) and points (a), b) …).
"""

from __future__ import annotations

from draftgen.cascade.result import CascadeResult, clause_lines
from draftgen.doctypes.data import drafted
from draftgen.doctypes.parts import shared_fields
from draftgen.doctypes.phu_luc import table_of
from draftgen.draft import CoTenLoaiDraft, Indents, Para
from draftgen.models.co_ten_loai import CoTenLoai
from draftgen.nd30 import body as nd30_body
from draftgen.nd30.metrics import text_width_twips
from draftgen.nd30.profile import Profile
from draftgen.nd30.recipients import kinh_gui_lines
from draftgen.nd30.so_ky_hieu import typed_ky_hieu

MODEL = CoTenLoai
PROFILE = "co_ten_loai"


def trich_yeu_rule_indents(text: str, profile: Profile) -> Indents:
    """The rule under the trích yếu (PL1 II.5.b: 1/3 to 1/2 of its line), centred on the text width."""
    style = profile["trich_yeu_loai"]
    width = profile.text_width_twips
    line = min(text_width_twips(text, style.size_pt, style.bold), width)
    length = round(line * profile.raw["rules"]["issuer_rule_fraction"])
    side = max(0, (width - length) // 2)
    return Indents(side, side)


def _items(items: list[tuple[str, list[str]]], style: str) -> list[Para]:
    out: list[Para] = []
    for i, (text, points) in enumerate(items):
        out.extend(Para(style, line) for line in clause_lines(nd30_body.item_text(i, text)))
        for j, point in enumerate(points):
            out.extend(Para(style, line) for line in clause_lines(nd30_body.point_text(j, point)))
    return out


def content_paragraphs(document: CoTenLoai, carried: CascadeResult | None, profile: Profile) -> list[Para]:
    """Opening, Mục with their items and points (or items alone), closing, attachment; "./." at the end.

    The clauses ``carried`` down from the parents come first among the items: before the document's own
    items, or before the items of the Mục ``clauses_section`` (the first by default).
    """
    body = profile["noi_dung"].style_id
    heading = profile["muc_la_ma"].style_id
    content = document.noi_dung
    carried_items = [i.pair() for i in carried.items] if carried else []
    paras = [Para(body, carried.opening)] if carried and carried.opening else []
    paras += [Para(body, text) for text in content.mo_dau]
    for index, section in enumerate(content.phan):
        paras.append(Para(heading, nd30_body.section_heading(index, section.tieu_de)))
        paras += [Para(body, text) for text in section.mo_dau]
        own = [(item.noi_dung, list(item.diem)) for item in section.muc]
        paras += _items((carried_items if index == document.clauses_section - 1 else []) + own, body)
        if section.bang is not None:
            paras.append(Para(body, "", table=table_of(section.bang, profile)))
        paras += [Para(body, text) for text in section.ket_thuc]
    if not content.phan:
        paras += _items(carried_items + [(item.noi_dung, list(item.diem)) for item in content.muc], body)
    paras += [Para(body, text) for text in content.ket_thuc]
    if document.kem_theo:
        paras.append(Para(body, nd30_body.attachment_line(document.kem_theo)))
    last = max(i for i, p in enumerate(paras) if p.table is None)
    paras[last] = Para(paras[last].style, nd30_body.with_end_mark(paras[last].text))
    return paras


def resolve(document: CoTenLoai, carried: CascadeResult | None, profile: Profile) -> CoTenLoaiDraft:
    """The view model of a Mẫu 1.4 document (pure: the parents are already read into ``carried``)."""
    profile = profile.for_type(PROFILE)
    facts = drafted()[document.loai]
    issuer = document.co_quan
    kinh_gui = kinh_gui_lines(document.kinh_gui) if document.kinh_gui else None
    return CoTenLoaiDraft(
        **shared_fields(document, typed_ky_hieu(facts["viet_tat"], issuer.viet_tat, document.don_vi_soan_thao),
                        document.don_vi_soan_thao or issuer.viet_tat, profile, ten=facts["ten"],
                        nhu_tren=bool(kinh_gui)),
        ten_loai=facts["ten"].upper(),
        trich_yeu=document.trich_yeu,
        trich_yeu_rule=trich_yeu_rule_indents(document.trich_yeu, profile),
        kinh_gui_inline=kinh_gui.inline if kinh_gui else None,
        kinh_gui_label=kinh_gui.label if kinh_gui else None,
        kinh_gui_items=kinh_gui.items if kinh_gui else [],
        body=[],
        content=content_paragraphs(document, carried, profile),
    )
