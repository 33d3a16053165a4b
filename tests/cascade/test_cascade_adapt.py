"""Level adaptation: every rule of every table, ordering, whole words, case, protected citations, steps."""

from __future__ import annotations

import datetime as dt

import pytest

from draftgen.cascade import Step, adapt_text, level_steps, level_tables
from draftgen.errors import InputError
from draftgen.models.cascade import Replacement

VARIABLES = {"xa": "xã", "huyen": "huyện", "tinh": "tỉnh"}


def _rule_cases():
    for table in level_tables():
        for rule in table.rules:
            date = rule.since or table.since or rule.until or table.until or dt.date(2024, 1, 1)
            yield pytest.param(table, rule, date, id=f"{table.path.stem}:{rule.old}:{date}")


@pytest.mark.parametrize("table, rule, date", list(_rule_cases()))
def test_each_rule_of_each_table(table, rule, date):
    step = Step(table, date, VARIABLES)
    expected = rule.new.format(**VARIABLES)
    assert adapt_text(rule.old, [step]) == expected
    # in a sentence, between other words, too
    assert adapt_text(f"Giao {rule.old} thực hiện.", [step]) == f"Giao {expected} thực hiện."
    if rule.old[:1].islower():   # capitalised at the start of a sentence
        assert adapt_text(rule.old[:1].upper() + rule.old[1:], [step]) == expected[:1].upper() + expected[1:]


def _steps(source, target, date=dt.date(2023, 10, 16), variables=VARIABLES):
    return [Step(t, date, variables) for t in level_steps(source, target, date)]


def test_longest_phrase_first_and_no_readaptation():
    steps = _steps("trung_uong", "tinh")
    assert adapt_text("chỉ đạo của Chính phủ, Thủ tướng Chính phủ;", steps) == \
        "chỉ đạo của UBND tỉnh, Chủ tịch UBND tỉnh;"
    # "UBND tỉnh" produced by the table is not adapted again by the same step
    assert adapt_text("Văn phòng Chính phủ", steps) == "Văn phòng UBND tỉnh"


def test_whole_words_only():
    steps = _steps("trung_uong", "tinh")
    assert adapt_text("các bộ, ngành", steps) == "các sở, ngành"
    assert adapt_text("các bộ, ngànhX", steps) == "các bộ, ngànhX"
    assert adapt_text("Bộ trưởngg", steps) == "Bộ trưởngg"


def test_case_matters_for_proper_names():
    steps = _steps("trung_uong", "tinh")
    assert adapt_text("Bộ Nội vụ", steps) == "Sở Nội vụ"
    assert adapt_text("bộ nội vụ", steps) == "bộ nội vụ"


def test_citations_keep_their_issuer_and_take_the_letter_date_style():
    steps = _steps("trung_uong", "tinh")
    text = "thực hiện Nghị định số 73/2023/NĐ-CP ngày 29 tháng 9 năm 2023 của Chính phủ quy định về"
    assert adapt_text(text, steps) == \
        "thực hiện Nghị định số 73/2023/NĐ-CP ngày 29/9/2023 của Chính phủ quy định về"
    assert adapt_text(text, steps, date_style="chu") == text


def test_local_replacements_come_first_and_are_final():
    steps = _steps("trung_uong", "tinh")
    reps = [Replacement(find="Thủ tướng Chính phủ giao", replace="Thủ tướng Chính phủ giao (giữ nguyên)")]
    assert adapt_text("nhiệm vụ Thủ tướng Chính phủ giao", steps, reps) == \
        "nhiệm vụ Thủ tướng Chính phủ giao (giữ nguyên)"


def test_citation_replacement_rewrites_the_whole_citation():
    steps = _steps("trung_uong", "tinh")
    reps = [Replacement(find="1085/QĐ-TTg", replace="2784/QĐ-UBND", date="09/12/2022", issuer="UBND tỉnh")]
    text = "kèm theo Quyết định số 1085/QĐ-TTg ngày 15 tháng 9 năm 2022 của Thủ tướng Chính phủ, bảo đảm"
    assert adapt_text(text, steps, reps) == \
        "kèm theo Quyết định số 2784/QĐ-UBND ngày 09/12/2022 của UBND tỉnh, bảo đảm"


def test_rules_follow_the_letter_date():
    text = "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"
    assert adapt_text(text, _steps("trung_uong", "tinh", dt.date(2023, 10, 16))) == \
        "Chủ tịch UBND các huyện, thị xã, thành phố"
    assert adapt_text(text, _steps("trung_uong", "tinh", dt.date(2025, 8, 1))) == \
        "Chủ tịch UBND các xã, phường, đặc khu"


def test_two_steps_down_and_the_commune_kind():
    steps = _steps("trung_uong", "xa", dt.date(2025, 8, 1), dict(VARIABLES, xa="phường"))
    assert [s.table.target for s in steps] == ["tinh", "xa"]
    assert adapt_text("chỉ đạo của Chính phủ, Thủ tướng Chính phủ", steps) == \
        "chỉ đạo của UBND phường, Chủ tịch UBND phường"


def test_district_step_only_before_two_level_government():
    assert [t.target for t in level_steps("tinh", "huyen", dt.date(2024, 1, 1))] == ["huyen"]
    with pytest.raises(InputError, match="huyện"):
        level_steps("tinh", "huyen", dt.date(2025, 8, 1))
    with pytest.raises(InputError, match="xã xuống tỉnh"):
        level_steps("xa", "tinh")
