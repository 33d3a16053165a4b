"""The parts of the package around the document: settings, fonts, theme, headers and footers, relationships."""

from __future__ import annotations

from xml.sax.saxutils import escape

from draftgen.nd30.profile import Profile
from draftgen.ooxml import R_NS, W_NS, paragraph
from draftgen.templatebuild.blocks import _EMPTY_P, _each


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


def core_xml(title: str = "Công văn") -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>'
            f"{escape(title)} (NĐ 30/2020/NĐ-CP)</dc:title><dc:creator>draftgen</dc:creator></cp:coreProperties>")


def app_xml() -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>draftgen</Application></Properties>")
