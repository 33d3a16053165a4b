"""The page geometry of the HTML preview, in mm and pt, from the ND30 profile the DOCX template is built from.

One place converts the profile's units (twips, pt, mm) for the stylesheet (:mod:`draftgen.htmlpage.css`) and
for the line estimate of the pagination (:mod:`draftgen.htmlpage.flow`), so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from draftgen.doctypes.data import families
from draftgen.nd30.profile import TWIPS_PER_MM, TWIPS_PER_PT, ElementStyle, Profile, default_profile

PT_PER_MM = 72 / 25.4
DEFAULT_SINGLE_LINE_FACTOR = 1.15  # Times New Roman's single line ≈ 1.15 × its size, when the profile has none


def mm(twips: float) -> float:
    """Twips → mm, rounded to 0.01 mm (what a stylesheet needs)."""
    return round(twips / TWIPS_PER_MM, 2)


def pt(twips: float) -> float:
    """Twips → pt."""
    return round(twips / TWIPS_PER_PT, 2)


def single_line_factor(profile: Profile) -> float:
    """The height of a single line as a multiple of the font size (the profile's ``check.single_line_factor``)."""
    return float((profile.raw.get("check") or {}).get("single_line_factor", DEFAULT_SINGLE_LINE_FACTOR))


def line_height_pt(style: ElementStyle, profile: Profile) -> float:
    """The height of one line of ``style``: its exact line, else its size × single line × its spacing."""
    if style.line_exact_pt:
        return float(style.line_exact_pt)
    return style.size_pt * single_line_factor(profile) * style.line_spacing


@dataclass(frozen=True)
class PageBox:
    """An A4 sheet: its size and margins in mm, where the page number and ô 13 sit, the text area in pt."""

    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    header_mm: float
    footer_mm: float

    @property
    def text_width_pt(self) -> float:
        return (self.width_mm - self.left_mm - self.right_mm) * PT_PER_MM

    @property
    def text_height_pt(self) -> float:
        return (self.height_mm - self.top_mm - self.bottom_mm) * PT_PER_MM


def page_box(profile: Profile) -> PageBox:
    """The sheet of ``profile`` (``page.size_twips``, ``margins_mm``, header and footer distances)."""
    page = profile.page
    margins = page["margins_mm"]
    width, height = page["size_twips"]
    # the size to 0.1 mm: 11906 × 16838 twips is Word's A4, 210 × 297 mm
    return PageBox(width_mm=round(width / TWIPS_PER_MM, 1), height_mm=round(height / TWIPS_PER_MM, 1),
                   top_mm=float(margins["top"]), bottom_mm=float(margins["bottom"]), left_mm=float(margins["left"]),
                   right_mm=float(margins["right"]), header_mm=float(page["header_distance_mm"]),
                   footer_mm=float(page["footer_distance_mm"]))


def rule_width_pt(profile: Profile) -> float:
    """The thickness of the rule lines (``rules.border_size_eighths``, eighths of a point)."""
    return float(profile.raw["rules"]["border_size_eighths"]) / 8


RULE_SPACE_PT = 1.0  # w:space="1": the gap the template leaves between a rule's line and its border


def border_extra_pt(key: str, style: ElementStyle, profile: Profile) -> float:
    """The height a paragraph's borders add: a rule's gap and line, a boxed mark's two lines."""
    if key == "duong_ke":
        return RULE_SPACE_PT + rule_width_pt(profile)
    if style.extra.get("box"):
        return 2 * (RULE_SPACE_PT + rule_width_pt(profile))
    return 0.0


@cache
def family_profiles() -> dict[str, Profile]:
    """The profile of every family of data/doc_types.yaml (the base with its ``types.<profile>`` overrides)."""
    base = default_profile()
    return {family: base.for_type(facts.get("profile")) for family, facts in families().items()}


def family_profile(family: str) -> Profile:
    """The profile of one family (as the template builder takes it)."""
    return family_profiles()[family]


def element_of_style(profile: Profile) -> dict[str, str]:
    """Style id (the view model's ``Para.style``) → the element key of ``profile``."""
    return {style.style_id: key for key, style in profile.elements.items()}
