"""The preview's blocks: for each block of a layout (data/doc_types.yaml ``families.<family>.layout``, the names
of :mod:`draftgen.templatebuild.blocks`), the items of the page flow that block shows, from the view model.

Each builder places what the DOCX block places, in the same order and with the same elements (styles), so a
new type of an existing family needs nothing here; a new family's own block adds a builder to :data:`BUILDERS`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from draftgen.htmlpage.geometry import (
    PT_PER_MM,
    element_of_style,
    line_height_pt,
    mm,
    page_box,
)
from draftgen.htmlpage.measure import para_height, row_height, split_lines
from draftgen.htmlpage.model import Cell, Grid, Item, P
from draftgen.nd30.profile import TWIPS_PER_MM, TWIPS_PER_PT, Profile
from draftgen.templatebuild.blocks import _tieu_ngu_rule_indents


def nfc(value: Any) -> str:
    """A view-model string in NFC ('' for None)."""
    return unicodedata.normalize("NFC", str(value)) if value is not None else ""


@dataclass(frozen=True)
class Ctx:
    """What every builder needs: the family's profile, its style-id → element map, the text width (pt)."""

    profile: Profile
    family: str
    styles: dict[str, str]
    width_pt: float

    @classmethod
    def of(cls, profile: Profile, family: str) -> Ctx:
        return cls(profile=profile, family=family, styles=element_of_style(profile),
                   width_pt=page_box(profile).text_width_pt)

    def key(self, style_id: str, default: str = "noi_dung") -> str:
        """The element of a view model's style id (the body's when the profile has no such style)."""
        return self.styles.get(style_id, default)

    def para(self, p: P, **flags: Any) -> Item:
        """A paragraph of the text width as an item of the flow (with its lines, when it may be split)."""
        style = self.profile.elements[p.key]
        return Item(kind="p", para=p, height_pt=para_height(p, self.width_pt, self.profile),
                    lines=split_lines(p, self.width_pt, self.profile), line_pt=line_height_pt(style, self.profile),
                    space_pt=style.space_before_pt, justify=style.align == "justify", **flags)

    def layout(self, rows: list[list[Cell]], cls: str, block: str, top_pt: float = 0.0, **flags: Any) -> Item:
        margin = self.profile.tables["cell_margin_twips"] / TWIPS_PER_PT
        height = top_pt * len(rows) + sum(row_height(r, self.profile, margin) for r in rows)
        return Item(kind="layout", rows=rows, cls=cls, block=block, height_pt=height, **flags)


def _rule(left: int, right: int) -> P:
    return P("duong_ke", css=f"margin-left:{mm(left)}mm;margin-right:{mm(right)}mm")


def _lines(key: str, values: list[str], name: str) -> list[P]:
    return [P(key, nfc(v), field=name, index=i) for i, v in enumerate(values)]


def _cols(ctx: Ctx, twips: list[int]) -> list[float]:
    return [mm(w) for w in twips]


def _marks(draft: Any) -> list[P]:
    out = []
    for name in ("do_mat", "do_khan"):
        value, box = getattr(draft, name, None), getattr(draft, f"{name}_box", None)
        if value and box:
            # the box at the indents, as LibreOffice draws it in the PDF (Word draws it 1 pt + its width outside)
            css = f"margin-left:{mm(box.left)}mm;margin-right:{mm(box.right)}mm"
            out.append(P(name, nfc(value), field=name, css=css))
    return out


def issuer_paras(draft: Any) -> list[P]:
    """Ô 2: chủ quản, the issuer, the rule under it."""
    rule = draft.issuer_rule
    return [*_lines("chu_quan", draft.chu_quan, "chu_quan"), *_lines("co_quan", draft.co_quan, "co_quan"),
            _rule(rule.left, rule.right)]


def national_paras(ctx: Ctx) -> list[P]:
    """Ô 1: Quốc hiệu, Tiêu ngữ (their text is the profile's), the rule as long as the Tiêu ngữ."""
    e = ctx.profile.elements
    left, right = _tieu_ngu_rule_indents(ctx.profile)
    return [P("quoc_hieu", nfc(e["quoc_hieu"].extra["text"])), P("tieu_ngu", nfc(e["tieu_ngu"].extra["text"])),
            _rule(left, right)]


def header(draft: Any, ctx: Ctx, v_v: bool = False) -> list[Item]:
    """ô 2 | ô 1 on top; ô 3 (+ V/v, ô 5b) and the marks | ô 4 below."""
    w = _cols(ctx, ctx.profile.tables["header_cols_twips"])
    left = [P("so_ky_hieu", nfc(draft.so_ky_hieu), field="so_ky_hieu")]
    if v_v:
        left.append(P("trich_yeu", nfc(draft.trich_yeu), field="trich_yeu"))
    left += _marks(draft)
    rows = [[Cell(w[0], issuer_paras(draft)), Cell(w[1], national_paras(ctx))],
            [Cell(w[0], left), Cell(w[1], [P("dia_danh", nfc(draft.dia_danh_ngay), field="dia_danh_ngay")])]]
    return [ctx.layout(rows, "dg-header", "header")]


def header_bien_ban(draft: Any, ctx: Ctx) -> list[Item]:
    """Mẫu 1.9: one row, ô 2 with the Số under it | ô 1 (no ô 4)."""
    w = _cols(ctx, ctx.profile.tables["header_cols_twips"])
    left = [*issuer_paras(draft), P("so_ky_hieu", nfc(draft.so_ky_hieu), field="so_ky_hieu"),
            *_marks(draft)]
    return [ctx.layout([[Cell(w[0], left), Cell(w[1], national_paras(ctx))]], "dg-header", "header")]


def kinh_gui(draft: Any, ctx: Ctx) -> list[Item]:
    """Ô 9a: "Kính gửi: …" on one line, or the label and one "- …;" line per recipient."""
    inline, label = getattr(draft, "kinh_gui_inline", None), getattr(draft, "kinh_gui_label", None)
    if inline:
        return [ctx.para(P("kinh_gui", nfc(inline), field="kinh_gui"))]
    if not label:
        return []
    # the recipients are what the clerk typed under ``kinh_gui``: they carry that field, the label its own
    return [ctx.para(P("kinh_gui", nfc(label), field="kinh_gui_label")),
            *(ctx.para(p) for p in _lines("kinh_gui_muc", draft.kinh_gui_items, "kinh_gui"))]


def ten_loai(draft: Any, ctx: Ctx) -> list[Item]:
    """Ô 5a: the tên loại, the trích yếu under it (when there is one), the rule under them."""
    out = [ctx.para(P("ten_loai", nfc(draft.ten_loai), field="ten_loai"))]
    if draft.trich_yeu:
        out.append(ctx.para(P("trich_yeu_loai", nfc(draft.trich_yeu), field="trich_yeu")))
    rule = draft.trich_yeu_rule
    out.append(ctx.para(_rule(rule.left, rule.right)))
    return out


def _grid(table: Any, ctx: Ctx, **where: Any) -> Item:
    grid = Grid(widths_mm=[mm(w) for w in table.widths], header=[nfc(c) for c in table.header],
                rows=[[nfc(c) for c in row] for row in table.rows], header_key=ctx.key(table.header_style, "bang"),
                cell_key=ctx.key(table.cell_style, "bang"), **where)
    cells = [Cell(w, [P(grid.cell_key, c)]) for w, c in zip(grid.widths_mm, grid.header, strict=False)]
    height = row_height(cells, ctx.profile, 85 / TWIPS_PER_PT)
    for row in grid.rows:
        height += row_height([Cell(w, [P(grid.cell_key, c)]) for w, c in zip(grid.widths_mm, row, strict=False)],
                             ctx.profile, 85 / TWIPS_PER_PT)
    return Item(kind="grid", grid=grid, height_pt=height)


def styled(paras: list[Any], ctx: Ctx, name: str, group: int | None = None) -> list[Item]:
    """A body of styled paragraphs (``Para``: style id, text, or a table in its place)."""
    out = []
    for i, para in enumerate(paras):
        if getattr(para, "table", None) is not None:
            out.append(_grid(para.table, ctx, field=name, index=i, group=group))
        else:
            out.append(ctx.para(P(ctx.key(para.style), nfc(para.text), field=name, index=i, group=group, runs=True)))
    return out


def body(draft: Any, ctx: Ctx) -> list[Item]:
    """Ô 6 of a Công văn: one body paragraph each."""
    return [ctx.para(P("noi_dung", nfc(t), field="body", index=i, runs=True)) for i, t in enumerate(draft.body)]


def _noi_nhan(draft: Any) -> list[P]:
    out = [P("noi_nhan_nhan", nfc(draft.noi_nhan_label), field="noi_nhan_label"),
           *_lines("noi_nhan", draft.noi_nhan, "noi_nhan")]
    if draft.ky_hieu_soan_thao:
        out.append(P("ky_hieu_soan_thao", nfc(draft.ky_hieu_soan_thao), field="ky_hieu_soan_thao"))
    return out


def _signer(authority: list[str], name: str, chuc_vu_khac: str | None, field: str, auth_field: str,
            blank_other: bool = False) -> list[P]:
    out = [*_lines("quyen_han", authority, auth_field), P("chu_ky")]
    if chuc_vu_khac:
        out.append(P("quyen_han", "" if blank_other else nfc(chuc_vu_khac), field=None if blank_other else
                     "chuc_vu_khac"))
    out.append(P("ho_ten", nfc(name), field=field))
    return out


def _top(ctx: Ctx) -> float:
    return ctx.profile.tables["footer_top_padding_twips"] / TWIPS_PER_PT


def footer(draft: Any, ctx: Ctx) -> list[Item]:
    """Ô 9b (Nơi nhận, ô 12) beside the signer's authority, the room to sign, the name (ô 7)."""
    w = _cols(ctx, ctx.profile.tables["footer_cols_twips"])
    right = _signer(draft.authority, draft.ho_ten, draft.chuc_vu_khac, "ho_ten", "authority")
    return [ctx.layout([[Cell(w[0], _noi_nhan(draft)), Cell(w[1], right)]], "dg-footer", "footer", _top(ctx),
                       keep_with_previous=True)]


def footer_bien_ban(draft: Any, ctx: Ctx) -> list[Item]:
    """Mẫu 1.9: THƯ KÝ | CHỦ TỌA, then Nơi nhận under the thư ký."""
    w = _cols(ctx, ctx.profile.tables["footer_cols_twips"])
    thu_ky = _signer(draft.thu_ky_authority, draft.thu_ky_ho_ten, draft.chuc_vu_khac, "thu_ky_ho_ten",
                     "thu_ky_authority", blank_other=True)
    chu_toa = _signer(draft.authority, draft.ho_ten, draft.chuc_vu_khac, "ho_ten", "authority")
    rows = [[Cell(w[0], thu_ky), Cell(w[1], chu_toa)], [Cell(w[0], _noi_nhan(draft)), Cell(w[1], [])]]
    return [ctx.layout(rows, "dg-footer", "footer", _top(ctx), keep_with_previous=True)]


def phu_luc(draft: Any, ctx: Ctx) -> list[Item]:
    """Each Phụ lục (Mẫu 2.1) from a new sheet, numbered from 1: "Phụ lục I", its title, "(Kèm theo …)", a short
    rule, an empty line, its body."""
    conf = ctx.profile.elements["phu_luc_kem_theo"].extra
    length = round(float(conf.get("rule_mm", 30)) * TWIPS_PER_MM)
    side = max(0, (ctx.profile.text_width_twips - length) // 2)
    out: list[Item] = []
    for n, pl in enumerate(draft.phu_luc):
        out.append(ctx.para(P("phu_luc_so", nfc(pl.nhan), field="phu_luc_nhan", group=n), break_before=True,
                            restart=True))
        out += [ctx.para(P("phu_luc_ten", nfc(pl.tieu_de), field="phu_luc_tieu_de", group=n)),
                ctx.para(P("phu_luc_kem_theo", nfc(pl.kem_theo), field="phu_luc_kem_theo", group=n)),
                ctx.para(_rule(side, side)), ctx.para(P("phu_luc_kem_theo"))]
        out += styled(pl.content, ctx, "phu_luc_content", group=n)
    return out


def _when(name: str, key: str) -> Callable[[Any, Ctx], list[Item]]:
    def build(draft: Any, ctx: Ctx) -> list[Item]:
        value = getattr(draft, name, None)
        return [ctx.para(P(key, nfc(value), field=name))] if value else []
    return build


def _each(name: str, key: str) -> Callable[[Any, Ctx], list[Item]]:
    def build(draft: Any, ctx: Ctx) -> list[Item]:
        return [ctx.para(p) for p in _lines(key, getattr(draft, name, None) or [], name)]
    return build


def labelled(lines: list[Any], ctx: Ctx, name: str) -> list[Item]:
    """Lines with a bold label ("Điều 1.") and their text, each in its style."""
    return [ctx.para(P(ctx.key(line.style), nfc(line.text), field=name, index=i, label=nfc(line.label)))
            for i, line in enumerate(lines)]


BUILDERS: dict[str, Callable[[Any, Ctx], list[Item]]] = {
    "du_thao": _when("du_thao", "du_thao"),
    "header_v_v": lambda draft, ctx: header(draft, ctx, v_v=True),
    "header": header,
    "header_bien_ban": header_bien_ban,
    "kinh_gui": kinh_gui,
    "kinh_gui_optional": kinh_gui,
    "ten_loai": ten_loai,
    "body": body,
    "content": lambda draft, ctx: styled(draft.content, ctx, "content"),
    "footer": footer,
    "footer_bien_ban": footer_bien_ban,
    "phu_luc": phu_luc,
    "tham_quyen": _each("tham_quyen", "tham_quyen"),
    "can_cu": _each("can_cu", "can_cu"),
    "quyet": _when("quyet", "quyet"),
    "dieu": lambda draft, ctx: labelled(draft.dieu, ctx, "dieu"),
}


def register(name: str) -> Callable[[Callable[[Any, Ctx], list[Item]]], Callable[[Any, Ctx], list[Item]]]:
    """Add a family's own block builder to :data:`BUILDERS` (used by :mod:`draftgen.htmlpage.blocks_more`)."""
    def add(fn: Callable[[Any, Ctx], list[Item]]) -> Callable[[Any, Ctx], list[Item]]:
        BUILDERS[name] = fn
        return fn
    return add


__all__ = ["BUILDERS", "Ctx", "PT_PER_MM", "labelled", "nfc", "register", "styled"]
