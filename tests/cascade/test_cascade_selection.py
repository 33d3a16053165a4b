"""Clause selection, modes, re-lettering, the opening sentence and its citations (full, then short)."""

from __future__ import annotations

import datetime as dt

import pytest

from draftgen.cascade import cascade
from draftgen.directives import Directive, Library
from draftgen.errors import InputError
from draftgen.models.cascade import ClauseSelection, Opening

D2023 = dt.date(2023, 10, 16)


@pytest.fixture(scope="module")
def cd968() -> Directive:
    return Library().get("968/CĐ-TTg")


def sel(**kw) -> ClauseSelection:
    return ClauseSelection.model_validate(kw)


def test_skipped_points_are_relettered(cd968):
    result = cascade([cd968], [sel(id=["1.a", "1.c", "1.e", "1.đ"])], target_level="tinh", letter_date=D2023,
                     opening=Opening(auto=False))
    paragraphs = result.paragraphs()
    assert [p[:2] for p in paragraphs] == ["1.", "a)", "b)", "c)", "d)"]
    # the points keep the order given, and carry the parent's text of 1.a, 1.c, 1.e, 1.đ
    assert paragraphs[2].startswith("b) " + cd968.clause("1.c").text[:30])
    assert paragraphs[4].startswith("d) Tổ chức quán triệt sâu rộng")
    # the item lead of 1. is taken from the parent (adapted) when the selection has points only
    assert paragraphs[0].startswith("1. Thủ trưởng các sở, ban, ngành")


def test_range_and_items(cd968):
    result = cascade([cd968], [sel(id="1.e..1.h"), sel(id="3")], target_level="tinh", letter_date=D2023,
                     opening=Opening(auto=False))
    assert [p[:2] for p in result.paragraphs()] == ["1.", "a)", "b)", "c)", "2."]
    assert result.items[1].text.startswith("Văn phòng UBND tỉnh thường xuyên")


def test_replace_and_refer_modes(cd968):
    result = cascade([cd968], [sel(id="1", mode="replace", text="Các sở thực hiện:"),
                               sel(id="1.đ", mode="refer"), sel(id="2", mode="refer", text="Giao Sở Nội vụ thực hiện")],
                     target_level="tinh", letter_date=D2023)
    # the opening cites 968 in full; later citations are short (PL1 II.6.b)
    assert "Công điện số 968/CĐ-TTg ngày 16/10/2023 của Thủ tướng Chính phủ về việc tiếp tục" in result.opening
    assert result.items[0].text == "Các sở thực hiện:"
    assert result.items[0].points == ["Thực hiện nghiêm nội dung tại điểm đ khoản 1 Công điện số 968/CĐ-TTg."]
    assert result.items[1].text == "Giao Sở Nội vụ thực hiện tại khoản 2 Công điện số 968/CĐ-TTg."


def test_refer_without_opening_cites_in_full_first(cd968):
    result = cascade([cd968], [sel(id=["1.a", "1.b"], mode="refer")], target_level="tinh",
                     opening=Opening(auto=False))
    first, second = result.items[0].points
    assert "Công điện số 968/CĐ-TTg ngày 16/10/2023 của Thủ tướng Chính phủ" in first
    assert second.endswith("điểm b khoản 1 Công điện số 968/CĐ-TTg.")


def test_unknown_clause_is_named(cd968):
    with pytest.raises(InputError) as info:
        cascade([cd968], [sel(id="1.f")], target_level="tinh")
    assert "1.f" in str(info.value) and "clauses[0].id" in str(info.value)


def test_replace_needs_text():
    with pytest.raises(ValueError, match="text"):
        sel(id="1", mode="replace")


def test_opening_names_the_nearest_parent_first(cd968):
    province = Directive.model_validate({
        "loai": "Công văn", "ky_hieu": "UBND-VP", "ngay": "…/8/2025", "co_quan": "UBND tỉnh Đắk Lắk", "cap": "tinh",
        "trich_yeu": "tiếp tục chấn chỉnh kỷ luật",
        "muc": [{"noi_dung": "Các sở:", "diem": ["Việc một.", "Việc hai."]}],
    })
    result = cascade([cd968, province], [sel(id="1.b")], target_level="xa", letter_date=dt.date(2025, 9, 1),
                     opening=Opening(ending=", UBND xã yêu cầu:"))
    assert result.opening.startswith(
        "Thực hiện Công văn số …/UBND-VP ngày … của UBND tỉnh Đắk Lắk về việc tiếp tục chấn chỉnh kỷ luật; "
        "triển khai Công điện số 968/CĐ-TTg ngày 16/10/2023 của Thủ tướng Chính phủ về việc tiếp tục chấn chỉnh")
    assert result.opening.endswith(", UBND xã yêu cầu:")
    assert result.items[0].points == ["Việc hai."]
    # a clause may name its source in the chain
    again = cascade([cd968, province], [sel(id="2", source="968/CĐ-TTg")], target_level="tinh", letter_date=D2023)
    assert again.items[0].text.startswith("Sở Nội vụ chủ động")
