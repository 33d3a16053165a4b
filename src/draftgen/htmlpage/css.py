"""The stylesheet of the HTML preview, scoped under ``.dg-pages``, written from the ND30 profile.

Every element of the profile (``elements`` and each family's ``types.<profile>`` overrides) becomes one class
``dg-e-<key>`` with its size (pt), weight, slant, alignment, first-line or hanging indent, space before and line
height, as the DOCX template's named styles carry them; a family's override that differs from the base is a rule
scoped by the sheet's family class (``dg-fam-<family>``). The sheet is the profile's A4 page with its margins (mm).
Case is not transformed: the view model already holds the text as Word will print it (capitals included).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from draftgen.htmlpage.geometry import (
    RULE_SPACE_PT,
    family_profiles,
    line_height_pt,
    mm,
    page_box,
    rule_width_pt,
)
from draftgen.nd30.profile import ElementStyle, Profile, default_profile
from draftgen.resources import DATA_DIR, read_bundled_yaml
from draftgen.templatebuild.styles import kinh_gui_geometry

_ALIGN = {"center": "center", "left": "left", "right": "right", "justify": "justify"}


def font_stack(profile: Profile) -> str:
    """The CSS font-family: the profile's font, then its metric-compatible faces (data/fonts.yaml), then serif."""
    facts: dict[str, Any] = read_bundled_yaml(DATA_DIR / "fonts.yaml")
    names = [profile.font_name, *(facts.get("metric_compatible") or {}).get(profile.font_name, [])]
    unique = [n for n in dict.fromkeys(names) if n and not set(n) & set('"<>\\;{}')]  # a name, never CSS or markup
    return ", ".join(f'"{name}"' for name in unique) + ", serif"


def _indent(key: str, style: ElementStyle, profile: Profile) -> dict[str, str]:
    """Indents as the template's styles set them (templatebuild.styles._style_ppr), in mm."""
    if key in ("kinh_gui", "kinh_gui_muc") and "kinh_gui" in profile.raw:
        g = kinh_gui_geometry(profile)
        left, hanging = (g["label_left"], g["label_hanging"]) if key == "kinh_gui" else (g["item_left"],
                                                                                         g["item_hanging"])
        return {"padding-left": f"{mm(left)}mm", "text-indent": f"-{mm(hanging)}mm"}
    if style.extra.get("hanging_text"):
        from draftgen.nd30.metrics import text_width_twips

        width = text_width_twips(str(style.extra["hanging_text"]), style.size_pt)
        return {"padding-left": f"{mm(width)}mm", "text-indent": f"-{mm(width)}mm"}
    if style.first_line_indent_twips:
        return {"text-indent": f"{mm(int(style.first_line_indent_twips))}mm"}
    return {"text-indent": "0"}


def element_declarations(key: str, style: ElementStyle, profile: Profile) -> dict[str, str]:
    """The CSS declarations of one element of the profile."""
    decl = {
        "font-size": f"{style.size_pt:g}pt",
        "font-weight": "bold" if style.bold else "normal",
        "font-style": "italic" if style.italic else "normal",
        "text-align": _ALIGN.get(style.align, "left"),
        "margin": f"{style.space_before_pt:g}pt 0 0 0",
        "line-height": f"{round(line_height_pt(style, profile), 2):g}pt",
    }
    if style.line_exact_pt:  # Word's exact line: the line is that high, its border (a rule) comes under it
        decl["height"] = f"{float(style.line_exact_pt):g}pt"
        decl["box-sizing"] = "content-box"
        decl["overflow"] = "hidden"
    decl.update(_indent(key, style, profile))
    border = f"{rule_width_pt(profile):g}pt solid #000"
    if key == "duong_ke":
        decl["border-bottom"] = border
        decl["padding-bottom"] = f"{RULE_SPACE_PT:g}pt"
    elif key == "dia_chi":
        decl["border-top"] = border
    elif style.extra.get("box"):
        decl["border"] = border
        decl["padding"] = f"{RULE_SPACE_PT:g}pt"
    return decl


def _rule(selector: str, decl: dict[str, str]) -> str:
    return selector + "{" + ";".join(f"{k}:{v}" for k, v in decl.items()) + "}"


_LAYOUT = """
.dg-pages{{background:#e8e8e8;padding:8mm 0;color:#{color};font-family:{fonts};font-kerning:normal}}
.dg-pages *{{box-sizing:border-box}}
.dg-pages .dg-page{{position:relative;background:#fff;width:{w}mm;min-height:{h}mm;margin:0 auto 8mm auto;
padding:{top}mm {right}mm {bottom}mm {left}mm;box-shadow:0 0.5mm 2mm rgba(0,0,0,.35);overflow:hidden}}
.dg-pages .dg-page:last-child{{margin-bottom:0}}
.dg-pages p{{white-space:pre-wrap;overflow-wrap:break-word;hyphens:none;padding:0}}
.dg-pages p:empty::before{{content:"\\200b"}}
.dg-pages .dg-so-trang{{position:absolute;top:{header}mm;left:{left}mm;right:{right}mm;margin:0}}
.dg-pages .dg-dia-chi{{position:absolute;bottom:{footer}mm;left:{left}mm;right:{right}mm}}
.dg-pages .dg-dia-chi p{{margin-top:0;padding-top:1pt}}
.dg-pages .dg-dia-chi p+p{{border-top:0;padding-top:0}}
.dg-pages .dg-row{{display:flex;align-items:flex-start}}
.dg-pages .dg-cell{{flex:none;padding:0 {cell}mm}}
.dg-pages .dg-footer{{break-inside:avoid}}
.dg-pages .dg-footer .dg-row{{padding-top:{footer_top}pt}}
.dg-pages .dg-box{{display:block}}
.dg-pages table.dg-grid{{border-collapse:collapse;table-layout:fixed;margin:0 auto}}
.dg-pages table.dg-grid td,.dg-pages table.dg-grid th{{border:{rule}pt solid #000;padding:0 {grid_cell}mm;
vertical-align:top;font-weight:normal}}
.dg-pages table.dg-grid p{{text-indent:0}}
.dg-pages .dg-label{{font-weight:bold}}
.dg-pages .dg-sheet-break{{display:none}}
"""


def layout_css(profile: Profile) -> str:
    """The sheets, the layout tables, the page number and ô 13: sizes and margins from ``profile``. The lines of
    ô 13 share one rule above the first, as Word draws one border over paragraphs that have the same border."""
    box = page_box(profile)
    tables = profile.tables
    return _LAYOUT.format(
        color=profile.raw["font"].get("color", "000000"), fonts=font_stack(profile), w=f"{box.width_mm:g}",
        h=f"{box.height_mm:g}", top=f"{box.top_mm:g}", right=f"{box.right_mm:g}", bottom=f"{box.bottom_mm:g}",
        left=f"{box.left_mm:g}", header=f"{box.header_mm:g}", footer=f"{box.footer_mm:g}",
        cell=f"{mm(tables['cell_margin_twips']):g}", footer_top=f"{tables['footer_top_padding_twips'] / 20:g}",
        rule=f"{rule_width_pt(profile):g}", grid_cell=f"{mm(85):g}",  # 85 twips: ooxml.grid_table's cell margin
    ).strip()


@cache
def page_css() -> str:
    """The whole stylesheet of the preview (every family's elements), scoped under ``.dg-pages``."""
    base = default_profile()
    out = [layout_css(base)]
    base_decls = {key: element_declarations(key, style, base) for key, style in base.elements.items()}
    out += [_rule(f".dg-pages .dg-e-{key}", decl) for key, decl in base_decls.items()]
    for family, profile in family_profiles().items():
        for key, style in profile.elements.items():
            decl = element_declarations(key, style, profile)
            if decl != base_decls.get(key):
                out.append(_rule(f".dg-pages .dg-fam-{family} .dg-e-{key}", decl))
    return "\n".join(out) + "\n"
