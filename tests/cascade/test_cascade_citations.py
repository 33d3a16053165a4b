"""Citation parse/format: a round trip on every số, ký hiệu in the seeds, and errors that name the culprit."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from draftgen.errors import InputError
from draftgen.nd30.citations import (
    format_date,
    format_reference,
    numbers_in,
    parse_date,
    parse_number,
    parse_reference,
    restyle_dates,
)

from .helpers import SEED_000, SEED_001, corrected, normalise

SEED_NUMBERS = sorted({n for seed in (SEED_000, SEED_001) for n in numbers_in(corrected(seed))})
SEED_DATES = sorted({m.group(0) for seed in (SEED_000, SEED_001) for m in re.finditer(
    r"ngày \d{1,2}/\d{1,2}/\d{4}|ngày \d{1,2} tháng \d{1,2} năm \d{4}", corrected(seed))})


def test_the_seeds_hold_the_expected_kinds_of_number():
    # extracted by regex from the seed copies, not typed in: this guards the extraction itself
    assert len(SEED_NUMBERS) >= 10
    kinds = {parse_number(n).ten_loai for n in SEED_NUMBERS}
    assert {"Công điện", "Công văn", "Chỉ thị", "Quyết định", "Nghị định"} <= kinds


@pytest.mark.parametrize("number", SEED_NUMBERS)
def test_round_trip_of_every_number_in_the_seeds(number):
    citation = parse_number(number)
    assert citation.number == number
    assert parse_reference(citation.short()) == citation
    full = format_reference(citation, ngay=dt.date(2023, 10, 16), co_quan="UBND tỉnh", trich_yeu="V/v thử")
    assert full.startswith(citation.short() + " ngày 16/10/2023 của UBND tỉnh về việc thử")
    assert parse_reference(full.split(" ngày ")[0]) == citation


def test_blank_draft_number_of_seed_000():
    match = re.search(r"Số:\s*(/\S+)", normalise(SEED_000.read_text(encoding="utf-8")))
    citation = parse_number("Số: " + match.group(1))
    assert citation.so is None and citation.cong_van and citation.number == "…/UBND-TH"


def test_what_each_number_means():
    cd = parse_number("968/CĐ-TTg")
    assert (cd.ten_loai, cd.co_quan, cd.loai, cd.nam) == ("Công điện", "TTg", "CĐ", None)
    assert format_reference(cd, full=True) == "Công điện số 968/CĐ-TTg của Thủ tướng Chính phủ"
    cv = parse_number("2842/UBND-TH")
    assert (cv.ten_loai, cv.co_quan, cv.nhom, cv.cong_van) == ("Công văn", "UBND", ("UBND", "TH"), True)
    nd = parse_number("30/2020/NĐ-CP")
    assert (nd.ten_loai, nd.nam, nd.co_quan) == ("Nghị định", 2020, "CP")
    assert format_reference(nd, full=False) == "Nghị định số 30/2020/NĐ-CP"
    assert parse_number("5/BNV-VP").number == "05/BNV-VP"
    assert parse_reference("Luật Lưu trữ số 33/2024/QH15").nam == 2024


@pytest.mark.parametrize("text, named", [
    ("968/CD-TTg", "'CD'"),             # the OCR artefact of seed 001: unknown type, with a hint
    ("12/XY-UBND", "'XY'"),
    ("12/CV-UBND", "'CV'"),
    ("30/NĐ-CP", "30/2020/NĐ-CP"),
    ("968CĐ-TTg", "968CĐ-TTg"),
    ("Công văn số 968/CĐ-TTg", "Công điện"),
    ("Thư số 3/UBND-VP", "'Thư'"),
    ("30/2020/XX-CP", "'XX'"),
])
def test_errors_name_the_unknown_type_or_malformed_number(text, named):
    with pytest.raises(InputError) as info:
        parse_reference(text)
    assert named in str(info.value)


def test_unknown_type_suggests_the_official_abbreviation():
    with pytest.raises(InputError, match="có phải 'CĐ'"):
        parse_number("968/CD-TTg")


@pytest.mark.parametrize("text", SEED_DATES)
def test_dates_in_running_text_keep_the_source_style(text):
    date, style = parse_date(text)
    assert format_date(date, style) == text


def test_restyle_dates_between_the_two_styles():
    assert restyle_dates("ngày 29 tháng 9 năm 2023 và ngày 09/12/2022", "so") == "ngày 29/9/2023 và ngày 09/12/2022"
    assert restyle_dates("ngày 05/01/2024", "chu") == "ngày 05 tháng 01 năm 2024"
