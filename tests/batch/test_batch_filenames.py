"""Safe output names: separators, '..', Windows device names, length in bytes, duplicates, NFC or ASCII."""

from __future__ import annotations

import unicodedata

import pytest

from draftgen.errors import InputError
from draftgen.filenames import MAX_BYTES, NameMaker, fold_ascii, safe_stem, slugify

RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _assert_safe(name: str) -> None:
    assert "/" not in name and "\\" not in name
    assert ".." not in name
    assert not name.startswith((".", "-", " "))
    assert name.endswith(".docx")
    assert name.split(".")[0].upper() not in RESERVED
    assert len(name.encode("utf-8")) <= MAX_BYTES
    assert not any(ord(c) < 32 for c in name)
    assert not set('<>:"|?*') & set(name)
    assert unicodedata.is_normalized("NFC", name)


@pytest.mark.parametrize("name", ["../x", "..", "../../etc/passwd", "a/b", "a\\b", "CON", "con", "Nul", "COM1",
                                  "lpt9", "AUX.txt", "x" * 300, "Đ" * 300, "a:b*c?", "tab\tand\nnewline",
                                  " . leading", "trailing. . ", "", "..\\..\\windows"])
@pytest.mark.parametrize("pattern", ["{code}-{slug}.docx", "{name}.docx", "{name}"])
def test_names_are_safe(name: str, pattern: str) -> None:
    made = NameMaker(pattern).make({"code": "00070", "name": name})
    _assert_safe(made)


def test_reserved_names_are_prefixed_not_dropped() -> None:
    maker = NameMaker("{name}.docx")
    assert maker.make({"code": "1", "name": "CON"}) == "_CON.docx"
    assert maker.make({"code": "2", "name": "lpt1"}) == "_lpt1.docx"


def test_separators_never_make_folders() -> None:
    maker = NameMaker("{name}.docx")
    assert maker.make({"code": "1", "name": "../x"}) == "x.docx"
    assert maker.make({"code": "2", "name": "a/b"}) == "a-b.docx"
    assert NameMaker("../{code}.docx").make({"code": "7", "name": "n"}) == "7.docx"


def test_long_names_are_cut_on_a_character_boundary() -> None:
    maker = NameMaker("{name}.docx")
    made = maker.make({"code": "1", "name": "Xã Hòa Phú " * 40})
    assert len(made.encode("utf-8")) <= MAX_BYTES
    made.encode("utf-8").decode("utf-8")  # no cut inside a UTF-8 sequence
    assert made.startswith("Xã Hòa Phú")


def test_duplicates_get_numbers_case_insensitively() -> None:
    maker = NameMaker("{name}.docx")
    names = [maker.make({"code": str(i), "name": n}) for i, n in enumerate(["Xã A", "Xã A", "xã a", "Xã A"])]
    assert names == ["Xã A.docx", "Xã A-2.docx", "xã a-3.docx", "Xã A-4.docx"]
    long_maker = NameMaker("{name}.docx")
    long = [long_maker.make({"code": "1", "name": "y" * 300}) for _ in range(3)]
    assert len(set(long)) == 3 and all(len(n.encode()) <= MAX_BYTES for n in long)


def test_vietnamese_kept_in_nfc_or_folded() -> None:
    decomposed = unicodedata.normalize("NFD", "Xã Hòa Phú")
    assert NameMaker().make({"code": "24175", "name": decomposed}) == "24175-xã-hòa-phú.docx"
    assert NameMaker(ascii_only=True).make({"code": "24175", "name": "Xã Đắk Liêng"}) == "24175-xa-dak-lieng.docx"
    assert fold_ascii("Đắk Lắk, Thừa Thiên Huế") == "Dak Lak, Thua Thien Hue"
    assert slugify("Phường Buôn Ma Thuột") == "phường-buôn-ma-thuột"
    assert safe_stem("") == "van-ban"


@pytest.mark.parametrize("pattern", ["{unit.name}.docx", "{code!r}.docx", "{code:>10}.docx", "static.docx", "{code"])
def test_bad_patterns_are_input_errors(pattern: str) -> None:
    with pytest.raises(InputError) as err:
        NameMaker(pattern)
    assert err.value.problems[0].field == "--names"


def test_pattern_may_use_any_column() -> None:
    maker = NameMaker("{province_code}/{code} {name}")
    assert maker.missing({"code": "1", "name": "a"}) == ["province_code"]
    assert maker.make({"code": "1", "name": "Xã A", "province_code": "66"}) == "66-1 Xã A.docx"
