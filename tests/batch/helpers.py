"""Shared inputs for the batch tests: a small letter with Jinja fields and a units table."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "batch" / "dak-lak-xa-2026.yaml"
EXAMPLE_XLSX = ROOT / "examples" / "batch" / "so-lieu-xa.xlsx"
BUNDLED_COMMUNES = ROOT / "src" / "draftgen" / "data" / "units" / "communes-2025-07-01.csv"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

LETTER = """\
batch:
  overrides:
    "00070":
      "noi_dung.muc+": ["Riêng phường Hoàn Kiếm báo cáo thêm số liệu quý I."]
co_quan:
  ten: [ỦY BAN NHÂN DÂN, THÀNH PHỐ HÀ NỘI]
  viet_tat: UBND
  dia_danh: Hà Nội
  cap: tinh
don_vi_soan_thao: KT
ngay: …/3/2026
trich_yeu: giao chỉ tiêu năm 2026 cho {{ unit.name }}
kinh_gui: Ủy ban nhân dân {{ unit.name }}
noi_dung:
  mo_dau: Ủy ban nhân dân Thành phố giao {{ unit.name }} chỉ tiêu năm 2026 như sau
  muc:
    - Trồng mới {{ unit.so_cay|so }} cây xanh.
    - Báo cáo về {{ unit.noi_bao_cao }} trước ngày {{ unit.han }}.
nguoi_ky:
  quyen_han: KT
  cap_truong: CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  ho_ten: Nguyễn Văn An
"""

UNITS_HEADER = ["code", "name", "so_cay", "noi_bao_cao", "han", "override.kinh_gui"]
UNITS_ROWS = [
    ["00070", "Phường Hoàn Kiếm", "1250", "Sở Tài nguyên & Môi trường", "30/6/2026", ""],
    ["00082", "Phường Cửa Nam", "800", "Sở Xây dựng", "30/6/2026", ""],
    ["00004", "Phường Ba Đình", "12000", "Sở Xây dựng", "15/7/2026",
     "Ủy ban nhân dân phường Ba Đình\nBan Quản lý dự án phường Ba Đình"],
    ["00008", "Phường Ngọc Hà", "45", "Sở Xây dựng", "15/7/2026", ""],
]


def write_inputs(folder: Path, rows: list[list[str]] | None = None, letter: str = LETTER) -> tuple[Path, Path]:
    """letter.yaml and units.csv in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    letter_path = folder / "letter.yaml"
    letter_path.write_text(letter, encoding="utf-8")
    units_path = folder / "units.csv"
    with open(units_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(UNITS_HEADER)
        writer.writerows(rows if rows is not None else UNITS_ROWS)
    return letter_path, units_path


def body_texts(path: Path) -> list[str]:
    """Every paragraph's text of a DOCX (body and table cells), read with lxml."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return archive.read("word/document.xml")


def docx_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.docx"))
