"""The small ND30 formatting rules, one by one, against the decree's own examples (spec §4)."""

from __future__ import annotations

import datetime as dt

import pytest

from draftgen.nd30.body import attachment_line, with_end_mark
from draftgen.nd30.dates import month_text, place_and_date, short_date
from draftgen.nd30.lettering import letter_index, point_label
from draftgen.nd30.recipients import kinh_gui_lines, noi_nhan_lines
from draftgen.nd30.signature import authority_lines
from draftgen.nd30.so_ky_hieu import so_ky_hieu


@pytest.mark.parametrize(("date", "expected"), [
    ((2020, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2020"),        # decree's example
    ((2019, 6, 29), "Hà Nội, ngày 29 tháng 6 năm 2019"),
    ((2020, 3, 5), "Hà Nội, ngày 05 tháng 3 năm 2020"),         # the decree's own date: never "tháng 03"
    ((2026, 2, 5), "Hà Nội, ngày 05 tháng 02 năm 2026"),
    ((2023, 12, 31), "Hà Nội, ngày 31 tháng 12 năm 2023"),
])
def test_place_and_date(date, expected):
    year, month, day = date
    assert place_and_date("Hà Nội", year, month, day) == expected


def test_only_january_and_february_are_padded():
    assert [month_text(m) for m in range(1, 13)] == ["01", "02", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]


def test_draft_date_leaves_blanks():
    assert place_and_date("Đắk Lắk", 2023, 10, None, blank="___") == "Đắk Lắk, ngày ___ tháng 10 năm 2023"


def test_short_date_in_running_text_as_the_seeds_write_it():
    assert short_date(dt.date(2022, 12, 9)) == "09/12/2022" and short_date(dt.date(2023, 4, 28)) == "28/4/2023"


@pytest.mark.parametrize(("number", "expected"),
                         [(5, "Số: 05/BNV-VP"), (12, "Số: 12/BNV-VP"), (1245, "Số: 1245/BNV-VP")])
def test_number_padding(number, expected):
    assert so_ky_hieu(number, "BNV-VP") == expected


def test_point_letters_skip_f_and_vowels_with_marks():
    assert [point_label(i) for i in range(14)] == [
        "a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "k)", "l)", "m)", "n)", "o)"]
    assert letter_index("đ") == 4 and letter_index("g)") == 6
    with pytest.raises(ValueError):
        letter_index("f")


def test_kinh_gui_one_and_several():
    assert kinh_gui_lines(["Bộ Nội vụ"]).inline == "Kính gửi: Bộ Nội vụ"
    several = kinh_gui_lines(["Bộ Nội vụ", "Bộ Tài chính"])
    assert several.label == "Kính gửi:" and several.items == ["- Bộ Nội vụ;", "- Bộ Tài chính."]


def test_noi_nhan_lines():
    lines = noi_nhan_lines([("Bộ trưởng", "để b/c")], ["VP"], "02")
    assert lines == ["- Như trên;", "- Bộ trưởng (để b/c);", "- Lưu: VT, VP (02)."]
    assert noi_nhan_lines([], ["TCCB"], None, "thực hiện") == ["- Như trên (thực hiện);", "- Lưu: VT, TCCB."]


@pytest.mark.parametrize(("kwargs", "lines"), [
    ({"quyen_han": "TM", "tap_the": "ỦY BAN NHÂN DÂN", "chuc_vu": "CHỦ TỊCH"}, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ({"quyen_han": "KT", "cap_truong": "BỘ TRƯỞNG", "chuc_vu": "THỨ TRƯỞNG"}, ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]),
    ({"quyen_han": "Q", "cap_truong": "GIÁM ĐỐC"}, ["Q. GIÁM ĐỐC"]),
    ({"quyen_han": "TL", "cap_truong": "BỘ TRƯỞNG", "ky_thay": "VỤ TRƯỞNG VỤ PHÁP CHẾ",
      "chuc_vu": "PHÓ VỤ TRƯỞNG"}, ["TL. BỘ TRƯỞNG", "KT. VỤ TRƯỞNG VỤ PHÁP CHẾ", "PHÓ VỤ TRƯỞNG"]),
    ({"quyen_han": "TUQ", "cap_truong": "CHỦ TỊCH", "chuc_vu": "CHÁNH VĂN PHÒNG"},
     ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ({"quyen_han": None, "chuc_vu": "CHỦ TỊCH"}, ["CHỦ TỊCH"]),
])
def test_authority_lines(kwargs, lines):
    quyen_han = kwargs.pop("quyen_han")
    assert authority_lines(quyen_han, **kwargs) == lines


def test_end_mark_and_attachment():
    assert with_end_mark("nghiêm túc thực hiện.") == "nghiêm túc thực hiện./."
    assert with_end_mark("thực hiện./.") == "thực hiện./."
    assert attachment_line("Công điện số 968/CĐ-TTg") == "(Kèm theo Công điện số 968/CĐ-TTg)"
