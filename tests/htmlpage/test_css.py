"""The stylesheet carries the profile's numbers: the A4 sheet, its margins, each element's size and style."""

from __future__ import annotations

import re

import pytest
from ruamel.yaml import YAML

from draftgen.htmlpage import page_css

from .helpers import ROOT

PROFILE = YAML(typ="safe").load((ROOT / "schemas" / "nd30-profile.yaml").read_text(encoding="utf-8"))


def _rule(selector: str) -> dict[str, str]:
    """The declarations of the rule whose selector is exactly ``selector``."""
    css = page_css()
    match = re.search(r"(?:^|\})\s*" + re.escape(selector) + r"\{([^}]*)\}", css)
    assert match, f"no rule {selector}"
    return dict(d.split(":", 1) for d in match.group(1).replace("\n", "").split(";") if d)


def test_every_rule_is_scoped_under_dg_pages() -> None:
    selectors = re.findall(r"(?:^|\})\s*([^{}]+)\{", page_css())
    for selector in selectors:
        for part in selector.split(","):
            assert part.strip().startswith(".dg-pages"), part


def test_the_sheet_is_a4_with_the_profile_margins() -> None:
    sheet = _rule(".dg-pages .dg-page")
    assert sheet["width"] == "210mm"  # 11906 twips
    assert sheet["min-height"] == "297mm"  # 16838 twips
    m = PROFILE["page"]["margins_mm"]
    assert sheet["padding"] == f"{m['top']}mm {m['right']}mm {m['bottom']}mm {m['left']}mm"
    assert sheet["padding"] == "20mm 15mm 20mm 30mm"


def test_the_font_is_times_new_roman_then_liberation_serif() -> None:
    fonts = _rule(".dg-pages")["font-family"]
    names = [n.strip().strip('"') for n in fonts.split(",")]
    assert names[0] == "Times New Roman"
    assert "Liberation Serif" in names and names[-1] == "serif"


@pytest.mark.parametrize("key", ["noi_dung", "quoc_hieu", "tieu_ngu", "co_quan", "trich_yeu", "dia_danh",
                                 "noi_nhan_nhan", "noi_nhan", "quyen_han", "ho_ten", "kinh_gui"])
def test_each_element_has_its_profile_size_weight_slant_alignment(key: str) -> None:
    element = PROFILE["elements"][key]
    rule = _rule(f".dg-pages .dg-e-{key}")
    assert rule["font-size"] == f"{element['size_pt']:g}pt"
    assert rule["font-weight"] == ("bold" if element["bold"] else "normal")
    assert rule["font-style"] == ("italic" if element["italic"] else "normal")
    assert rule["text-align"] == element["align"]
    assert rule["margin"].split()[0] == f"{element.get('space_before_pt', 0):g}pt"


def test_the_body_has_its_first_line_indent_and_single_line_spacing() -> None:
    rule = _rule(".dg-pages .dg-e-noi_dung")
    assert rule["font-size"] == "14pt"
    assert rule["text-indent"] == "10.0mm"  # 567 twips = 1 cm
    assert rule["line-height"] == f"{14 * PROFILE['check']['single_line_factor']:g}pt"


def test_rules_and_boxes_have_the_profile_border() -> None:
    width = PROFILE["rules"]["border_size_eighths"] / 8
    assert _rule(".dg-pages .dg-e-duong_ke")["border-bottom"] == f"{width:g}pt solid #000"
    assert _rule(".dg-pages .dg-e-do_khan")["border"] == f"{width:g}pt solid #000"


def test_a_family_override_is_scoped_by_its_family() -> None:
    ten_loai = PROFILE["types"]["co_ten_loai"]["elements"]["ten_loai"]
    rule = _rule(".dg-pages .dg-fam-co_ten_loai .dg-e-ten_loai")
    assert rule["font-size"] == f"{ten_loai['size_pt']:g}pt" and rule["font-weight"] == "bold"
    can_cu = PROFILE["types"]["quyet_dinh"]["elements"]["can_cu"]
    assert _rule(".dg-pages .dg-fam-quyet_dinh .dg-e-can_cu")["font-style"] == (
        "italic" if can_cu["italic"] else "normal")


def test_the_signature_room_is_the_profile_exact_line() -> None:
    rule = _rule(".dg-pages .dg-e-chu_ky")
    assert rule["height"] == f"{PROFILE['elements']['chu_ky']['line_exact_pt']:g}pt"
