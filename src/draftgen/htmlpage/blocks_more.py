"""The preview builders of the families' own blocks (as :mod:`draftgen.templatebuild.blocks_quyet_dinh` and
:mod:`draftgen.templatebuild.blocks_mau_rieng` add theirs to the template): Mẫu 1.3's issued document, the Công
điện's "… điện:" line and recipients, the Giấy nghỉ phép's confirmation box, the tên loại of Mẫu 1.6-1.10."""

from __future__ import annotations

from typing import Any

from draftgen.htmlpage.blocks import (
    Ctx,
    _cols,
    _rule,
    _top,
    issuer_paras,
    labelled,
    national_paras,
    nfc,
    register,
    ten_loai,
)
from draftgen.htmlpage.geometry import mm
from draftgen.htmlpage.model import Cell, Item, P


@register("van_ban_kem_theo")
def van_ban_kem_theo(draft: Any, ctx: Ctx) -> list[Item]:
    """Mẫu 1.3, the issued document, from a new sheet: issuer | Quốc hiệu, tên loại, trích yếu, "(Kèm theo …)",
    a rule of ``issuer_rule_fraction`` of the text width, its Chương and Điều (no signature)."""
    kem = getattr(draft, "van_ban_kem_theo", None)
    if not kem:
        return []
    w = _cols(ctx, ctx.profile.tables["header_cols_twips"])
    head = ctx.layout([[Cell(w[0], issuer_paras(draft)), Cell(w[1], national_paras(ctx))]], "dg-header", "header",
                      break_before=True)
    width = ctx.profile.text_width_twips
    side = (width - round(width * ctx.profile.raw["rules"]["issuer_rule_fraction"])) // 2
    return [head,
            ctx.para(P("ten_loai", nfc(kem.ten_loai), field="van_ban_kem_theo.ten_loai")),
            ctx.para(P("trich_yeu_loai", nfc(kem.trich_yeu), field="van_ban_kem_theo.trich_yeu")),
            ctx.para(P("kem_theo_quyet_dinh", nfc(kem.kem_theo), field="van_ban_kem_theo.kem_theo")),
            ctx.para(_rule(side, side)),
            *labelled(kem.content, ctx, "van_ban_kem_theo.content")]


register("mau_rieng_ten_loai")(ten_loai)


@register("mau_rieng_dien")
def mau_rieng_dien(draft: Any, ctx: Ctx) -> list[Item]:
    """Mẫu 1.6: the "… điện:" line, then the recipients in the right cell of a two-column table."""
    if not getattr(draft, "dien", None):
        return []
    extra = ctx.profile.elements["nhan_dien"].extra
    w = [mm(t) for t in extra["table_cols_twips"]]
    items = [P("nhan_dien", nfc(v), field="nhan_dien", index=i) for i, v in enumerate(draft.nhan_dien)]
    # the table's own cell margin (extra.cell_margin_twips) is close to the layout tables'; the estimate ignores it
    return [ctx.para(P("dien", nfc(draft.dien), field="dien")),
            ctx.layout([[Cell(w[0], []), Cell(w[1], items)]], "dg-dien", "nhan_dien")]


@register("mau_rieng_xac_nhan")
def mau_rieng_xac_nhan(draft: Any, ctx: Ctx) -> list[Item]:
    """Mẫu 1.10: under the signature, left, the confirmation heading and room to sign."""
    if not getattr(draft, "xac_nhan", None):
        return []
    w = _cols(ctx, ctx.profile.tables["footer_cols_twips"])
    left = [P("xac_nhan", nfc(draft.xac_nhan), field="xac_nhan"), P("chu_ky")]
    return [ctx.layout([[Cell(w[0], left), Cell(w[1], [])]], "dg-footer", "xac_nhan", _top(ctx))]
