"""word/styles.xml: one named paragraph style per element of the (type's) profile."""

from __future__ import annotations

from xml.sax.saxutils import escape

from draftgen.nd30.metrics import text_width_twips
from draftgen.nd30.profile import ElementStyle, Profile
from draftgen.ooxml import W_NS, indent

_ALIGN = {"center": "center", "left": "left", "right": "right", "justify": "both"}


def _fonts(name: str) -> str:
    n = escape(name, {'"': "&quot;"})
    return f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}"/>'


def _rpr(style: ElementStyle, profile: Profile) -> str:
    half_points = round(style.size_pt * 2)
    bold = "<w:b/><w:bCs/>" if style.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    italic = "<w:i/><w:iCs/>" if style.italic else '<w:i w:val="0"/><w:iCs w:val="0"/>'
    color = profile.raw["font"]["color"]
    return (f"<w:rPr>{_fonts(profile.font_name)}{bold}{italic}<w:color w:val=\"{color}\"/>"
            f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/><w:lang w:val="vi-VN"/></w:rPr>')


def _spacing(style: ElementStyle) -> str:
    before = round(style.space_before_pt * 20)
    if style.line_exact_pt:
        exact = round(style.line_exact_pt * 20)
        return f'<w:spacing w:before="{before}" w:after="0" w:line="{exact}" w:lineRule="exact"/>'
    return f'<w:spacing w:before="{before}" w:after="0" w:line="{round(240 * style.line_spacing)}" w:lineRule="auto"/>'


def _border(side: str, profile: Profile) -> str:
    size = profile.raw["rules"]["border_size_eighths"]
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="1" w:color="000000"/>'


def kinh_gui_geometry(profile: Profile) -> dict[str, int]:
    """Indents of the Kính gửi block: the dashes of the recipient lines fall under the label's colon."""
    style = profile["kinh_gui"]
    conf = profile.raw["kinh_gui"]
    start = int(conf["label_indent_twips"])
    label = text_width_twips(conf["label"], style.size_pt)
    label_with_colon = text_width_twips(conf["label"] + ": ", style.size_pt)
    dash = text_width_twips(conf["dash"], style.size_pt)
    return {
        "label_left": start + label_with_colon,
        "label_hanging": label_with_colon,
        "item_left": start + label + dash,
        "item_hanging": dash,
    }


def _style_ppr(key: str, style: ElementStyle, profile: Profile) -> str:
    """Paragraph properties of a named style, children in schema order (widowControl, pBdr, spacing, ind, jc)."""
    borders = ""
    if key == "duong_ke":
        borders = _border("bottom", profile)
    elif key == "dia_chi":
        borders = _border("top", profile)
    elif style.extra.get("box"):
        borders = "".join(_border(s, profile) for s in ("top", "left", "bottom", "right"))
    if key == "kinh_gui":
        g = kinh_gui_geometry(profile)
        ind = indent(g["label_left"], 0, hanging=g["label_hanging"])
    elif key == "kinh_gui_muc":
        g = kinh_gui_geometry(profile)
        ind = indent(g["item_left"], 0, hanging=g["item_hanging"])
    elif style.extra.get("hanging_text"):  # a list line whose text wraps under itself, after its dash
        width = text_width_twips(str(style.extra["hanging_text"]), style.size_pt)
        ind = indent(width, 0, hanging=width)
    elif style.first_line_indent_twips:
        ind = indent(0, 0, first_line=int(style.first_line_indent_twips))
    else:
        ind = indent(0, 0)
    return ("<w:pPr><w:widowControl/>" + (f"<w:pBdr>{borders}</w:pBdr>" if borders else "")
            + _spacing(style) + ind + f'<w:jc w:val="{_ALIGN[style.align]}"/></w:pPr>')


def styles_xml(profile: Profile) -> str:
    """word/styles.xml: docDefaults, Normal, and one named style per profile element."""
    font = _fonts(profile.font_name)
    body = profile["noi_dung"]
    size = round(body.size_pt * 2)
    color = profile.raw["font"]["color"]
    out = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">',
        f"<w:docDefaults><w:rPrDefault><w:rPr>{font}<w:color w:val=\"{color}\"/><w:sz w:val=\"{size}\"/>"
        f'<w:szCs w:val="{size}"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:rPr>{font}<w:color w:val="{color}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
    ]
    for key, style in profile.elements.items():
        out.append(
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style.style_id}">'
            f'<w:name w:val="{escape(style.style)}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
            f"{_style_ppr(key, style, profile)}{_rpr(style, profile)}</w:style>"
        )
    out.append("</w:styles>")
    return "".join(out)
