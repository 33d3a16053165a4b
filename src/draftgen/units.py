"""Lists of units for a batch: CSV, XLSX, YAML, or a selection from the bundled dated unit lists.

Every unit is a mapping of text columns (``code`` and ``name`` required) and remembers where it came
from (file and row number as a clerk sees it: the header is row 1 of a CSV or sheet, the first unit
row 2; a YAML list item is its line). Codes stay text, so "00070" keeps its zeros.

Sources:

- ``units.csv`` read as UTF-8 text (a BOM is accepted), comma or semicolon separated;
- ``units.xlsx`` the first sheet, header in the first row (openpyxl, read-only);
- ``units.yaml`` a list of mappings (or a mapping with a ``units:`` list), read by :mod:`draftgen.load`;
- ``bundled:province=66[,kind=Xã][,dataset=2025-07-01]`` the communes of a province from the bundled
  list valid at the letter's date (``data/units/index.yaml``).

:func:`join_columns` adds extra columns (figures, names of chairpersons …) from another CSV or XLSX by code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from draftgen.errors import InputError, Problem
from draftgen.load import load_yaml_file, load_yaml_text
from draftgen.nd30.dates import short_date
from draftgen.resources import DATA_DIR
from draftgen.xmltext import first_illegal, illegal_character_message, normalise_breaks

UNITS_DIR = DATA_DIR / "units"
BUNDLED_PREFIX = "bundled:"
# Header spellings accepted for the two required columns (compared after _column_key)
_ALIASES = {"ma": "code", "mã": "code", "ma_don_vi": "code", "mã_đơn_vị": "code",
            "ten": "name", "tên": "name", "ten_don_vi": "name", "tên_đơn_vị": "name"}


@dataclass
class Unit:
    """One unit of a batch: its text columns and where it was read."""

    columns: dict[str, str]
    row: int | None = None
    source: str | None = None
    extra_sources: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.columns["code"]

    @property
    def name(self) -> str:
        return self.columns.get("name", "")

    def where(self) -> str:
        """'dòng 5 của units.csv' for messages."""
        if self.row is None:
            return self.source or ""
        return f"dòng {self.row} của {self.source}" if self.source else f"dòng {self.row}"


def _text(value: Any) -> str:
    """A cell as text: None → "", whole floats without ".0", dates as dd/mm/yyyy, NFC, stripped."""
    if value is None:
        return ""
    if type(value) is str:  # a CSV's cells: the rest is for spreadsheets' numbers and dates
        return normalise_breaks(unicodedata.normalize("NFC", value)).strip()
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if (value.hour, value.minute, value.second) == (0, 0, 0) else value
        if isinstance(value, dt.datetime):
            return value.strftime("%H:%M %d/%m/%Y")
    if isinstance(value, dt.date):
        return short_date(value)  # as letters write dates in running text: 30/6/2026, 09/12/2022
    return normalise_breaks(unicodedata.normalize("NFC", str(value))).strip()


def _column_key(header: str) -> str:
    key = unicodedata.normalize("NFC", header).strip()
    low = re.sub(r"\s+", "_", key.lower())
    return _ALIASES.get(low, key)


def _rows_to_units(header: list[Any], rows: Iterable[tuple[int, list[Any]]], source: str,
                   require_name: bool = True) -> list[Unit]:
    """Header + numbered rows → units; problems for missing columns, empty or repeated codes."""
    names = [_column_key(_text(h)) for h in header]
    problems: list[Problem] = []
    for required, label in (("code", "mã đơn vị"), ("name", "tên đơn vị")):
        if required not in names and (required == "code" or require_name):
            problems.append(Problem(f"Thiếu cột '{required}' ({label}) ở dòng tiêu đề; các cột hiện có: "
                                    f"{', '.join(n for n in names if n) or '(trống)'}.", line=1, source=source))
    seen_cols: set[str] = set()
    for name in names:
        if name and name in seen_cols:
            problems.append(Problem(f"Cột '{name}' bị lặp lại ở dòng tiêu đề.", line=1, source=source))
        seen_cols.add(name)
    if problems:
        raise InputError(problems)
    units: list[Unit] = []
    codes: dict[str, int] = {}
    for row_no, values in rows:
        texts = [_text(v) for v in values]
        if not any(texts):
            continue  # blank line
        columns = {name: (texts[i] if i < len(texts) else "") for i, name in enumerate(names) if name}
        for name, text in columns.items():
            bad = first_illegal(text)
            if bad is not None:  # a DOCX with it would open nowhere: refuse the cell, with its column and row
                problems.append(Problem(f"Ô cột '{name}': {illegal_character_message(text, bad)}", field=name,
                                        line=row_no, source=source))
        if len(texts) > len(names) and any(texts[len(names):]):
            problems.append(Problem("Dòng có nhiều ô hơn dòng tiêu đề.", line=row_no, source=source))
        code = columns["code"]
        if not code:
            problems.append(Problem("Thiếu mã đơn vị.", field="code", line=row_no, source=source))
            continue
        if require_name and not columns["name"]:
            problems.append(Problem(f"Đơn vị {code}: thiếu tên đơn vị.", field="name", line=row_no, source=source))
        if code in codes:
            problems.append(Problem(f"Mã đơn vị {code} bị lặp (đã có ở dòng {codes[code]}).", field="code",
                                    line=row_no, source=source))
            continue
        codes[code] = row_no
        units.append(Unit(columns=columns, row=row_no, source=source))
    if problems:
        raise InputError(problems)
    return units


def read_csv(path: Path, require_name: bool = True) -> list[Unit]:
    """A CSV file as units; every cell is text."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Problem("Tệp CSV phải mã hóa UTF-8 (trong Excel: Lưu dưới dạng 'CSV UTF-8').",
                                 source=str(path))) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(Problem("Tệp CSV trống.", source=str(path))) from None

    try:
        # Spreadsheet row numbers: the header is row 1, so the n-th record is row n + 1.
        return _rows_to_units(header, enumerate(reader, start=2), str(path), require_name)
    except csv.Error as exc:
        raise InputError(Problem(f"Tệp CSV không đọc được: {exc}", source=str(path))) from None


MAX_XLSX_UNPACKED = 200 * 1024 * 1024  # a workbook of 10,000 units unpacks to a few MB; more is a zip bomb


def _check_xlsx_package(path: Path) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(Problem("Không mở được tệp Excel: tệp hỏng hoặc không phải .xlsx (lưu lại bằng Excel dạng "
                                 "'Excel Workbook (*.xlsx)').", source=str(path))) from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise InputError(Problem(f"Tệp Excel giải nén ra quá lớn ({unpacked / 2**20:.0f} MB; tối đa "
                                 f"{MAX_XLSX_UNPACKED // 2**20} MB).", source=str(path)))


def read_xlsx(path: Path, require_name: bool = True) -> list[Unit]:
    """The first sheet of an XLSX workbook as units (header in row 1)."""
    from openpyxl import load_workbook

    _check_xlsx_package(path)
    unreadable = Problem("Không đọc được tệp Excel: nội dung hỏng hoặc có ký tự không hợp lệ trong các ô (hãy mở "
                         "bằng Excel, lưu lại, rồi chạy lại).", source=str(path))
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise InputError(unreadable) from None
    try:
        sheet = book.worksheets[0]
        rows = [(n, list(r)) for n, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
    except Exception:  # noqa: BLE001 - the sheet XML is read lazily: a broken cell fails here
        raise InputError(unreadable) from None
    finally:
        book.close()
    if not rows:
        raise InputError(Problem("Trang tính đầu tiên trống.", source=str(path)))
    return _rows_to_units(rows[0][1], iter(rows[1:]), str(path), require_name)


def read_yaml(path: Path, require_name: bool = True) -> list[Unit]:
    """A YAML list of mappings (or ``units: [...]``); the row of a unit is its line."""
    loaded = load_yaml_file(path)
    data = loaded.data
    prefix: tuple[str | int, ...] = ()
    if isinstance(data, dict) and "units" in data:
        data, prefix = data["units"], ("units",)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InputError(Problem("Danh sách đơn vị trong YAML phải là một danh sách, mỗi đơn vị một nhóm "
                                 "'code: …, name: …'.", line=loaded.line_of(prefix), source=loaded.source))
    header: list[str] = []
    for item in data:
        for key in item:
            if key not in header:
                header.append(key)
    problems = [Problem("Giá trị của một cột phải là chữ hoặc số, không phải danh sách hay nhóm.",
                        field=f"{key}", line=loaded.line_of(prefix + (i, key)), source=loaded.source)
                for i, item in enumerate(data) for key, value in item.items() if isinstance(value, (list, dict))]
    if problems:
        raise InputError(problems)
    rows = ((loaded.line_of(prefix + (i,)) or 0, [item.get(key) for key in header]) for i, item in enumerate(data))
    return _rows_to_units(header, rows, loaded.source or str(path), require_name)


def read_table(path: str | Path, require_name: bool = True) -> list[Unit]:
    """Units from a CSV, XLSX or YAML file (by extension); a table to join needs no ``name`` column."""
    p = Path(path)
    if not p.is_file():
        raise InputError(Problem(f"Không tìm thấy tệp danh sách đơn vị '{p}'."))
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return read_csv(p, require_name)
    if suffix in {".xlsx", ".xlsm"}:
        return read_xlsx(p, require_name)
    if suffix in {".yaml", ".yml"}:
        return read_yaml(p, require_name)
    raise InputError(Problem(f"Không đọc được '{p.name}': danh sách đơn vị phải là .csv, .xlsx hoặc .yaml.",
                             source=str(p)))


# --- bundled lists --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """One bundled list of units, valid from a date."""

    id: str
    valid_from: dt.date
    communes: Path
    provinces: Path
    source: str


@cache
def datasets() -> tuple[Dataset, ...]:
    """The bundled datasets, oldest first (``data/units/index.yaml``)."""
    loaded = load_yaml_text((UNITS_DIR / "index.yaml").read_text(encoding="utf-8"), source="units/index.yaml")
    out = [Dataset(id=item["id"], valid_from=dt.date.fromisoformat(item["valid_from"]),
                   communes=UNITS_DIR / item["communes"], provinces=UNITS_DIR / item["provinces"],
                   source=item.get("source") or "")
           for item in loaded.data["datasets"]]
    return tuple(sorted(out, key=lambda d: d.valid_from))


def dataset_for(on: dt.date | None = None, name: str | None = None) -> Dataset:
    """The dataset named ``name``, or the newest one valid on ``on`` (default today)."""
    all_sets = datasets()
    if name:
        for item in all_sets:
            if item.id == name:
                return item
        raise InputError(Problem(f"Không có bộ danh mục '{name}'; hiện có: {', '.join(d.id for d in all_sets)}."))
    on = on or dt.date.today()
    valid = [d for d in all_sets if d.valid_from <= on]
    if not valid:
        raise InputError(Problem(f"Không có danh mục đơn vị hành chính nào có hiệu lực vào ngày {on:%d/%m/%Y} "
                                 f"(danh mục sớm nhất có hiệu lực từ {all_sets[0].valid_from:%d/%m/%Y})."))
    return valid[-1]


def name_key(text: str) -> str:
    """A comparison key for names that ignores case, tone placement (hoà/hòa) and the unit kind word."""
    folded = unicodedata.normalize("NFD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).replace("đ", "d")
    folded = re.sub(r"^(tinh|thanh pho|xa|phuong|dac khu)\s+", "", folded.strip())
    return re.sub(r"\s+", " ", folded)


def _parse_selection(spec: str) -> dict[str, str]:
    body = spec[len(BUNDLED_PREFIX):]
    params: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in body.split(","))):
        key, sep, value = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in {"province", "kind", "dataset", "code"}:
            raise InputError(Problem(
                f"Lựa chọn '{part}' không hiểu được trong '{spec}'; viết ví dụ bundled:province=66 hoặc "
                "bundled:province=66,kind=Xã (các khóa: province, kind, code, dataset).", field="--units"))
        params[key] = unicodedata.normalize("NFC", value.strip())
    if "province" not in params and "code" not in params:
        params.setdefault("province", "*")
    return params


def bundled_units(spec: str, on: dt.date | None = None) -> list[Unit]:
    """Communes selected from the bundled list: ``bundled:province=66[,kind=Xã][,dataset=…]``.

    ``province`` is a code ("66"), a name ("Đắk Lắk", "Tỉnh Đắk Lắk") or ``*`` for the whole country;
    ``kind`` is Xã, Phường or Đặc khu (several joined by ``|``); ``code`` lists unit codes joined by ``|``.
    Columns: code, name, kind, province_code, province, dataset (its id) and short_name (name without kind).
    """
    params = _parse_selection(spec)
    data = dataset_for(on, params.get("dataset"))
    all_units = read_csv(data.communes)
    source = f"bundled:{data.communes.name}"
    for unit in all_units:
        unit.source = source
    selected = all_units
    province = params.get("province", "*")
    if province != "*":
        provinces = read_csv(data.provinces)
        match = [p for p in provinces if p.code == province or name_key(p.name) == name_key(province)]
        if not match:
            raise InputError(Problem(
                f"Không có tỉnh/thành phố '{province}' trong danh mục từ {data.valid_from:%d/%m/%Y}; mã hiện có: "
                f"{', '.join(p.code for p in provinces)}.", field="--units"))
        selected = [u for u in selected if u.columns["province_code"] == match[0].code]
    if "kind" in params:
        kinds = {k.strip() for k in params["kind"].casefold().split("|")}
        selected = [u for u in selected if u.columns["kind"].casefold() in kinds]
        if not selected:
            raise InputError(Problem(f"Không có đơn vị loại '{params['kind']}'; chọn Xã, Phường hoặc Đặc khu.",
                                     field="--units"))
    if "code" in params:
        wanted = params["code"].split("|")
        by_code = {u.code: u for u in selected}
        missing = [c for c in wanted if c not in by_code]
        if missing:
            raise InputError(Problem(f"Không có mã đơn vị {', '.join(missing)} trong lựa chọn '{spec}'.",
                                     field="--units"))
        selected = [by_code[c] for c in wanted]
    for unit in selected:
        unit.columns["dataset"] = data.id
        # "Xã Hòa Phú" → "Hòa Phú", for phrases such as "Ủy ban nhân dân {{ unit.kind|lower }} {{ unit.short_name }}"
        kind, name = unit.columns["kind"], unit.name
        unit.columns["short_name"] = name[len(kind):].strip() if name.startswith(kind + " ") else name
    return selected


def load_units(spec: str, on: dt.date | None = None) -> list[Unit]:
    """Units from a file path or a ``bundled:`` selection."""
    if spec.startswith(BUNDLED_PREFIX):
        return bundled_units(spec, on)
    return read_table(spec)


def _code_key(code: str) -> str:
    # Spreadsheets drop leading zeros of codes typed as numbers (00070 → 70): compare digits by value.
    return str(int(code)) if code.isdigit() else code


def join_columns(units: list[Unit], path: str | Path) -> None:
    """Add the columns of another table to ``units`` by code (in place).

    Every row of the extra table must name a unit of the list; a column the unit already has is an error
    unless the values agree (e.g. the same ``name``).
    """
    extra = read_table(path, require_name=False)
    by_key = {_code_key(u.code): u for u in units}
    problems: list[Problem] = []
    for row in extra:
        unit = by_key.get(_code_key(row.code))
        if unit is None:
            problems.append(Problem(f"Mã đơn vị {row.code} không có trong danh sách đơn vị đã chọn.",
                                    field="code", line=row.row, source=row.source))
            continue
        for key, value in row.columns.items():
            if key == "code":
                continue
            if key in unit.columns and key != "name" and unit.columns[key] != value:
                problems.append(Problem(
                    f"Cột '{key}' của đơn vị {unit.code} đã có giá trị '{unit.columns[key]}' ({unit.where()}), "
                    f"khác '{value}'.", field=key, line=row.row, source=row.source))
                continue
            if key == "name" and key in unit.columns:
                continue  # the list's official name wins; the extra table may abbreviate
            unit.columns[key] = value
        unit.extra_sources.append(row.where())
    if problems:
        raise InputError(problems)
