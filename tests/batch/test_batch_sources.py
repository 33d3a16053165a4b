"""Unit sources: CSV as text, XLSX first sheet, YAML list, the bundled dated list, joining by code."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from draftgen.errors import InputError
from draftgen.units import bundled_units, dataset_for, datasets, join_columns, load_units, read_table

from .helpers import BUNDLED_COMMUNES


def _xlsx(path: Path, rows: list[list[object]], extra_sheet: bool = False) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        book.create_sheet("Khác").append(["code", "name"])
    book.save(path)
    return path


def _bundled_rows(province: str) -> list[dict[str, str]]:
    with open(BUNDLED_COMMUNES, encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if r["province_code"] == province]


def test_csv_keeps_codes_as_text_and_numbers_rows(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text("code,name,so\n00070,Phường Hoàn Kiếm,007\n\n00082,Phường Cửa Nam,1\n", encoding="utf-8-sig")
    units = read_table(path)
    assert [u.code for u in units] == ["00070", "00082"]
    assert units[0].columns["so"] == "007"
    assert [u.row for u in units] == [2, 4]  # the blank line 3 is skipped but still counted


def test_csv_semicolon_and_vietnamese_headers(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text("Mã;Tên;chu_tich\n001;Xã A;Nguyễn Văn B\n", encoding="utf-8")
    unit = read_table(path)[0]
    assert (unit.code, unit.name, unit.columns["chu_tich"]) == ("001", "Xã A", "Nguyễn Văn B")


def test_csv_problems_name_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text("code,name\n001,Xã A\n001,Xã B\n,Xã C\n002,\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_table(path)
    found = {(p.line, p.field) for p in err.value.problems}
    assert found == {(3, "code"), (4, "code"), (5, "name")}
    assert "lặp" in str(err.value) and "dòng 2" in str(err.value)


def test_csv_without_a_code_column(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text("ma_so,name\n1,Xã A\n", encoding="utf-8")
    with pytest.raises(InputError, match="Thiếu cột 'code'"):
        read_table(path)


def test_xlsx_first_sheet_with_typed_cells(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "u.xlsx", [["code", "name", "so", "ty_le", "han", "trong"],
                                      ["00070", "Phường Hoàn Kiếm", 1250, 12.5, dt.datetime(2026, 6, 30), None],
                                      [None, None, None, None, None, None],
                                      [24175, "Xã Hòa Phú", 3.0, 0.25, dt.date(2026, 2, 5), "x"]], extra_sheet=True)
    units = read_table(path)
    assert [(u.code, u.row) for u in units] == [("00070", 2), ("24175", 4)]
    first, second = units[0].columns, units[1].columns
    assert (first["so"], first["ty_le"], first["han"], first["trong"]) == ("1250", "12.5", "30/6/2026", "")
    assert (second["so"], second["han"]) == ("3", "05/2/2026")


def test_yaml_list_keeps_codes_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text("# đơn vị\n- code: 00070\n  name: Phường Hoàn Kiếm\n"
                    "- {code: 00082, name: Phường Cửa Nam, so: no}\n", encoding="utf-8")
    units = read_table(path)
    assert [(u.code, u.row) for u in units] == [("00070", 2), ("00082", 4)]
    assert units[1].columns["so"] == "no"  # YAML 1.2 text, not False
    (tmp_path / "v.yaml").write_text("units:\n  - {code: '1', name: A}\n", encoding="utf-8")
    assert read_table(tmp_path / "v.yaml")[0].name == "A"


def test_yaml_that_is_not_a_list(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text("code: 1\nname: A\n", encoding="utf-8")
    with pytest.raises(InputError, match="danh sách"):
        read_table(path)


def test_bundled_province_selection_matches_the_official_list() -> None:
    expected = _bundled_rows("66")
    units = load_units("bundled:province=66", dt.date(2026, 3, 1))
    assert [u.code for u in units] == [r["code"] for r in expected]
    assert len(units) == 102
    assert all(u.columns["province"] == "Tỉnh Đắk Lắk" for u in units)
    by_name = load_units("bundled:province=Đắk Lắk")
    assert [u.code for u in by_name] == [u.code for u in units]
    hoa_phu = next(u for u in units if u.code == "24175")
    assert (hoa_phu.name, hoa_phu.columns["short_name"], hoa_phu.columns["kind"]) == ("Xã Hòa Phú", "Hòa Phú", "Xã")
    assert hoa_phu.row == 1 + next(i for i, r in enumerate(_all_rows(), start=1) if r["code"] == "24175")


def _all_rows() -> list[dict[str, str]]:
    with open(BUNDLED_COMMUNES, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_bundled_kind_code_and_country() -> None:
    wards = bundled_units("bundled:province=66,kind=Phường")
    assert len(wards) == sum(1 for r in _bundled_rows("66") if r["kind"] == "Phường")
    assert [u.code for u in bundled_units("bundled:code=24175|00070")] == ["24175", "00070"]
    assert len(bundled_units("bundled:")) == len(_all_rows()) == 3321


@pytest.mark.parametrize("spec, message", [("bundled:province=99", "Không có tỉnh"),
                                           ("bundled:tinh=66", "không hiểu được"),
                                           ("bundled:province=66,kind=Huyện", "Không có đơn vị loại"),
                                           ("bundled:code=99999", "Không có mã")])
def test_bundled_bad_selection(spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_units(spec)


def test_datasets_are_dated() -> None:
    assert datasets()[0].valid_from == dt.date(2025, 7, 1)
    assert dataset_for(dt.date(2026, 1, 1)).id == "2025-07-01"
    with pytest.raises(InputError, match="hiệu lực"):
        dataset_for(dt.date(2025, 6, 30))
    with pytest.raises(InputError, match="Không có bộ danh mục"):
        dataset_for(name="2030-01-01")


def test_join_by_code_with_codes_typed_as_numbers(tmp_path: Path) -> None:
    units = load_units("bundled:province=01,code=00070|00082")
    extra = _xlsx(tmp_path / "x.xlsx", [["code", "so_cay"], [70, 1250], ["00082", 800]])
    join_columns(units, extra)
    assert [u.columns["so_cay"] for u in units] == ["1250", "800"]
    assert units[0].extra_sources == [f"dòng 2 của {extra}"]


def test_join_rejects_unknown_codes_and_conflicts(tmp_path: Path) -> None:
    units = load_units("bundled:code=00070")
    extra = tmp_path / "x.csv"
    extra.write_text("code,kind\n00070,Xã\n99999,Xã\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        join_columns(units, extra)
    lines = sorted(p.line for p in err.value.problems)
    assert lines == [2, 3]  # kind disagrees with the official list; 99999 is not selected
