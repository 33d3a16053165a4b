"""Build templates/cong-van.docx from the ND30 profile.

The template is an ordinary DOCX with docxtpl tags ({{ }}, {%p %}) and named paragraph styles
("ND30 Quốc hiệu", "ND30 Nội dung" …) that carry every size, font, indent and spacing of the
profile, so an office can open it in Word, restyle, and keep it valid. The package is written
from scratch and deterministically (fixed zip timestamps), so tests can tell when the committed
template is stale. It carries a minimal DrawingML theme (word/theme/theme1.xml), which the Open XML
SDK's rules require of a WordprocessingML package: its major and minor fonts are the profile's font
(Times New Roman) in every script slot, so a style that Word or a clerk switches to a theme font
(+Body, +Headings) still gets Times New Roman, never Calibri; the styles keep explicit fonts too.

Run ``python tools/build_templates.py`` after editing schemas/nd30-profile.yaml.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from draftgen.nd30.metrics import text_width_twips
from draftgen.nd30.profile import TWIPS_PER_MM, ElementStyle, Profile, default_profile
from draftgen.ooxml import R_NS, W_NS, indent, layout_table, paragraph, tag_paragraph

# A 1-twip-high empty paragraph: Word needs a paragraph after a final table and in an empty header/footer.
_EMPTY_P = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')
_ALIGN = {"center": "center", "left": "left", "right": "right", "justify": "both"}
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


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


def _tieu_ngu_rule_indents(profile: Profile) -> tuple[int, int]:
    style = profile["tieu_ngu"]
    inner = profile.tables["header_cols_twips"][1] - 2 * profile.tables["cell_margin_twips"]
    width = text_width_twips(style.extra["text"], style.size_pt, style.bold)
    side = max(0, (inner - width) // 2)
    return side, side


def _each(items: str, style_id: str, var: str = "line") -> str:
    """One paragraph of ``style_id`` repeated for every element of the context list ``items``."""
    return "".join([tag_paragraph(f"{{%p for {var} in {items} %}}"), paragraph(style_id, f"{{{{ {var} }}}}"),
                    tag_paragraph("{%p endfor %}")])


def _when(condition: str, content: str) -> str:
    """``content`` only when the context value ``condition`` is set."""
    return tag_paragraph(f"{{%p if {condition} %}}") + content + tag_paragraph("{%p endif %}")


def document_xml(profile: Profile) -> str:
    """word/document.xml with docxtpl tags."""
    e = profile.elements
    sid = {k: v.style_id for k, v in e.items()}
    t = profile.tables
    left_top = "".join([
        _each("chu_quan", sid["chu_quan"]),
        _each("co_quan", sid["co_quan"]),
        tag_paragraph("{{p issuer_rule_xml }}"),
    ])
    rule_left, rule_right = _tieu_ngu_rule_indents(profile)
    right_top = "".join([
        paragraph(sid["quoc_hieu"], e["quoc_hieu"].extra["text"]),
        paragraph(sid["tieu_ngu"], e["tieu_ngu"].extra["text"]),
        paragraph(sid["duong_ke"], ppr=indent(rule_left, rule_right)),
    ])
    left_bottom = "".join([
        paragraph(sid["so_ky_hieu"], "{{ so_ky_hieu }}"),
        paragraph(sid["trich_yeu"], "{{ trich_yeu }}"),
        tag_paragraph("{{p do_mat_xml }}"),
        tag_paragraph("{{p do_khan_xml }}"),
    ])
    right_bottom = paragraph(sid["dia_danh"], "{{ dia_danh_ngay }}")
    header = layout_table(t["header_cols_twips"], [[left_top, right_top], [left_bottom, right_bottom]],
                          cell_margin=t["cell_margin_twips"])
    kinh_gui = "".join([
        tag_paragraph("{%p if kinh_gui_inline %}"),
        paragraph(sid["kinh_gui"], "{{ kinh_gui_inline }}"),
        tag_paragraph("{%p else %}"),
        paragraph(sid["kinh_gui"], "{{ kinh_gui_label }}"),
        _each("kinh_gui_items", sid["kinh_gui_muc"]),
        tag_paragraph("{%p endif %}"),
    ])
    body = _each("body", sid["noi_dung"], var="para")
    footer_left = "".join([
        paragraph(sid["noi_nhan_nhan"], "{{ noi_nhan_label }}"),
        _each("noi_nhan", sid["noi_nhan"]),
        _when("ky_hieu_soan_thao", paragraph(sid["ky_hieu_soan_thao"], "{{ ky_hieu_soan_thao }}")),
    ])
    footer_right = "".join([
        _each("authority", sid["quyen_han"]),
        paragraph(sid["chu_ky"]),
        _when("chuc_vu_khac", paragraph(sid["quyen_han"], "{{ chuc_vu_khac }}")),
        paragraph(sid["ho_ten"], "{{ ho_ten }}"),
    ])
    footer = layout_table(t["footer_cols_twips"], [[footer_left, footer_right]], cell_margin=t["cell_margin_twips"],
                          top_padding=t["footer_top_padding_twips"], cant_split=True)
    du_thao = _when("du_thao", paragraph(sid["du_thao"], "{{ du_thao }}"))
    tail = _EMPTY_P
    page = profile.page
    mm = page["margins_mm"]
    margins = {side: round(mm[side] * TWIPS_PER_MM) for side in ("top", "bottom", "left", "right")}
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        '<w:footerReference w:type="default" r:id="rIdFooterDefault"/>'
        '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>'
        f'<w:pgSz w:w="{page["size_twips"][0]}" w:h="{page["size_twips"][1]}"/>'
        f'<w:pgMar w:top="{margins["top"]}" w:right="{margins["right"]}" w:bottom="{margins["bottom"]}" '
        f'w:left="{margins["left"]}" w:header="{round(page["header_distance_mm"] * TWIPS_PER_MM)}" '
        f'w:footer="{round(page["footer_distance_mm"] * TWIPS_PER_MM)}" w:gutter="0"/>'
        '<w:cols w:space="720"/><w:titlePg/></w:sectPr>'
    )
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" '
            f'xmlns:r="{R_NS}"><w:body>{du_thao}{header}{kinh_gui}{body}{footer}{tail}{sect}</w:body></w:document>')


def _header_footer(tag: str, content: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{tag} xmlns:w="{W_NS}" '
            f'xmlns:r="{R_NS}">{content}</w:{tag}>')




def page_number_header(profile: Profile) -> str:
    """Default header (pages 2 …): a centred PAGE field."""
    sid = profile["so_trang"].style_id
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText>'
             '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return _header_footer("hdr", paragraph(sid, field, raw=True))


def first_page_footer(profile: Profile) -> str:
    """First-page footer: ô 13 (address …) under a full-width rule, when the letter has one."""
    sid = profile["dia_chi"].style_id
    content = _each("dia_chi", sid) + _EMPTY_P
    return _header_footer("ftr", content)


def settings_xml() -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
            '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
            'w:val="15"/></w:compat><w:themeFontLang w:val="vi-VN"/>'
            # the identity mapping Word writes: text/background slots → the theme's dark/light colours
            '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1" '
            'w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" w:accent6="accent6" '
            'w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/></w:settings>')


def font_table_xml(profile: Profile) -> str:
    name = escape(profile.font_name, {'"': "&quot;"})
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">'
            f'<w:font w:name="{name}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
            '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>')


A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
THEME_PART = "word/theme/theme1.xml"
THEME_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.theme+xml"
# The colour scheme of Office 2013–2021 ("Office"): dk1/lt1 follow the system window colours.
_OFFICE_COLORS = (("dk2", "44546A"), ("lt2", "E7E6E6"), ("accent1", "4472C4"), ("accent2", "ED7D31"),
                  ("accent3", "A5A5A5"), ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"),
                  ("hlink", "0563C1"), ("folHlink", "954F72"))
_TNR_PANOSE = "02020603050405020304"


def _theme_fonts(tag: str, name: str) -> str:
    """``<a:majorFont>``/``<a:minorFont>`` (CT_FontCollection: latin, ea, cs are required, in this order)."""
    panose = f' panose="{_TNR_PANOSE}"' if name == "Times New Roman" else ""
    return (f'<a:{tag}><a:latin typeface="{name}"{panose}/><a:ea typeface="{name}"/>'
            f'<a:cs typeface="{name}"{panose}/></a:{tag}>')


def _ph(transform: str = "") -> str:
    """A solid fill of the placeholder colour (the colour a shape's style asks for), optionally transformed."""
    return f'<a:solidFill><a:schemeClr val="phClr">{transform}</a:schemeClr></a:solidFill>'


def theme_xml(profile: Profile) -> str:
    """word/theme/theme1.xml: a minimal DrawingML theme (ECMA-376 Part 1, 20.1.6) whose fonts are the profile's.

    clrScheme: the standard Office colours; fontScheme: the profile font for headings and body, in the
    latin, East Asian and complex-script slots (as in styles.xml); fmtScheme: the three fill, line,
    effect and background styles the schema requires (minOccurs 3), kept plain (solid fills, no effects).
    """
    name = escape(profile.font_name, {'"': "&quot;"})
    colors = ('<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
              '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
              + "".join(f'<a:{slot}><a:srgbClr val="{rgb}"/></a:{slot}>' for slot, rgb in _OFFICE_COLORS))
    fills = _ph() + _ph('<a:tint val="50000"/>') + _ph('<a:shade val="80000"/>')
    lines = "".join(f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{_ph()}<a:prstDash val="solid"/>'
                    '<a:miter lim="800000"/></a:ln>' for w in (6350, 12700, 19050))
    effects = "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    backgrounds = _ph() + _ph('<a:tint val="95000"/>') + _ph('<a:shade val="90000"/>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a:theme xmlns:a="{A_NS}" name="ND30">'
            f'<a:themeElements><a:clrScheme name="Office">{colors}</a:clrScheme>'
            f'<a:fontScheme name="ND30 {name}">{_theme_fonts("majorFont", name)}{_theme_fonts("minorFont", name)}'
            '</a:fontScheme>'
            f'<a:fmtScheme name="ND30"><a:fillStyleLst>{fills}</a:fillStyleLst><a:lnStyleLst>{lines}</a:lnStyleLst>'
            f'<a:effectStyleLst>{effects}</a:effectStyleLst><a:bgFillStyleLst>{backgrounds}</a:bgFillStyleLst>'
            "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>")


_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def content_types_xml() -> str:
    overrides = {
        "/word/document.xml": f"{_CT}.document.main+xml",
        "/word/styles.xml": f"{_CT}.styles+xml",
        "/word/settings.xml": f"{_CT}.settings+xml",
        "/word/fontTable.xml": f"{_CT}.fontTable+xml",
        f"/{THEME_PART}": THEME_CONTENT_TYPE,
        "/word/header1.xml": f"{_CT}.header+xml",
        "/word/header2.xml": f"{_CT}.header+xml",
        "/word/footer1.xml": f"{_CT}.footer+xml",
        "/word/footer2.xml": f"{_CT}.footer+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    items = "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{items}</Types>')


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def package_rels_xml() -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>")


def document_rels_xml() -> str:
    rels = [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFonts", "fontTable", "fontTable.xml"),
        ("rIdTheme", "theme", "theme/theme1.xml"),
        ("rIdHeaderDefault", "header", "header1.xml"),
        ("rIdHeaderFirst", "header", "header2.xml"),
        ("rIdFooterDefault", "footer", "footer2.xml"),
        ("rIdFooterFirst", "footer", "footer1.xml"),
    ]
    items = "".join(f'<Relationship Id="{i}" Type="{_REL}/{t}" Target="{target}"/>' for i, t, target in rels)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>')


def core_xml() -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Công văn (NĐ 30/2020/NĐ-CP)</dc:title>'
            "<dc:creator>draftgen</dc:creator></cp:coreProperties>")


def app_xml() -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>draftgen</Application></Properties>")


def template_parts(profile: Profile | None = None) -> dict[str, str]:
    """Every part of the Công văn template, by zip name, in package order."""
    profile = profile or default_profile()
    empty_header = _header_footer("hdr", _EMPTY_P)
    empty_footer = _header_footer("ftr", _EMPTY_P)
    return {
        "[Content_Types].xml": content_types_xml(),
        "_rels/.rels": package_rels_xml(),
        "docProps/core.xml": core_xml(),
        "docProps/app.xml": app_xml(),
        "word/document.xml": document_xml(profile),
        "word/styles.xml": styles_xml(profile),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(profile),
        THEME_PART: theme_xml(profile),
        "word/header1.xml": page_number_header(profile),
        "word/header2.xml": empty_header,
        "word/footer1.xml": first_page_footer(profile),
        "word/footer2.xml": empty_footer,
        "word/_rels/document.xml.rels": document_rels_xml(),
    }


def build_cong_van_template(profile: Profile | None = None) -> bytes:
    """The bytes of templates/cong-van.docx (deterministic)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in template_parts(profile).items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, xml.encode("utf-8"))
    return buffer.getvalue()
