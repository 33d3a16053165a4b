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

from draftgen.nd30.profile import Profile, default_profile
from draftgen.templatebuild.blocks import _EMPTY_P, document_xml
from draftgen.templatebuild.package import (
    THEME_PART,
    _header_footer,
    app_xml,
    content_types_xml,
    core_xml,
    document_rels_xml,
    first_page_footer,
    font_table_xml,
    package_rels_xml,
    page_number_header,
    settings_xml,
    theme_xml,
)
from draftgen.templatebuild.styles import kinh_gui_geometry, styles_xml

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def template_parts(profile: Profile | None = None, family: str = "cong_van") -> dict[str, str]:
    """Every part of the template of ``family`` (data/doc_types.yaml), by zip name, in package order."""
    from draftgen.doctypes.data import families

    facts = families()[family]
    profile = (profile or default_profile()).for_type(facts.get("profile"))
    empty_header = _header_footer("hdr", _EMPTY_P)
    empty_footer = _header_footer("ftr", _EMPTY_P)
    return {
        "[Content_Types].xml": content_types_xml(),
        "_rels/.rels": package_rels_xml(),
        "docProps/core.xml": core_xml(facts.get("ten", "Công văn")),
        "docProps/app.xml": app_xml(),
        "word/document.xml": document_xml(profile, tuple(facts["layout"]), family),
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


def build_template(family: str = "cong_van", profile: Profile | None = None) -> bytes:
    """The bytes of the bundled template of ``family`` (deterministic: fixed zip timestamps)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in template_parts(profile, family).items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, xml.encode("utf-8"))
    return buffer.getvalue()


def build_cong_van_template(profile: Profile | None = None) -> bytes:
    """The bytes of templates/cong-van.docx."""
    return build_template("cong_van", profile)


__all__ = ["build_cong_van_template", "build_template", "kinh_gui_geometry", "styles_xml", "template_parts"]
