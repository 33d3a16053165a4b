"""Build examples/batch/so-lieu-xa.xlsx: per-commune figures for every commune of Đắk Lắk (province 66).

The figures are made up but reproducible (derived from each unit's code), so the example and its tests
do not change between runs. Run: python tools/make_batch_example.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from openpyxl import Workbook

from draftgen.units import bundled_units

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples" / "batch" / "so-lieu-xa.xlsx"
FIXED_TIME = dt.datetime(2026, 3, 2, 8, 0, 0)


def _number(code: str, salt: str, low: int, high: int) -> int:
    digest = hashlib.sha256(f"{salt}:{code}".encode()).digest()
    return low + int.from_bytes(digest[:4], "big") % (high - low + 1)


def build(out: Path = OUT) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Chỉ tiêu 2026"
    # "name" is informative for the clerk; the bundled list's official name is the one used in the letter.
    sheet.append(["code", "name", "so_nha", "kinh_phi", "han_bao_cao", "override.kinh_gui"])
    for unit in bundled_units("bundled:province=66", dt.date(2026, 3, 1)):
        houses = _number(unit.code, "nha", 5, 120)
        deadline = dt.date(2026, 6, 15) if unit.columns["kind"] == "Phường" else dt.date(2026, 6, 30)
        override = ""
        if unit.code == "24133":  # Phường Buôn Ma Thuột: a second recipient for this unit only
            override = f"Ủy ban nhân dân phường {unit.columns['short_name']}\nBan Quản lý dự án phường"
        sheet.append([unit.code, unit.name, houses, houses * 60, deadline, override])
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        row[0].number_format = "DD/MM/YYYY"
    sheet.column_dimensions["B"].width = 28
    book.properties.created = book.properties.modified = FIXED_TIME
    book.properties.creator = "draftgen tools/make_batch_example.py"
    book.save(out)
    return out


if __name__ == "__main__":
    print(build())
