"""Characters XML cannot hold never reach a DOCX: refused with field and line, from every reader.

C0 controls other than tab/newline/CR, U+FFFE/U+FFFF and lone surrogates make a part no XML parser
opens. U+000B (Word's manual line break in pasted text) is read as a line break.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from batch.helpers import LETTER, UNITS_HEADER, UNITS_ROWS, docx_files
from draftgen.errors import InputError
from draftgen.load import load_yaml_text
from draftgen.xmltext import first_illegal

from .helpers import BASE, assert_clean_refusal, assert_opens, run

ILLEGAL_ESCAPES = ["\\x01", "\\x08", "\\x0e", "\\x1f", "\\x1b", "\\0", "\\uFFFE", "\\uFFFF", "\\e"]
FIELDS = [  # (old text in the example, field named in the message)
    ("trich_yeu: tiếp tục", "trich_yeu"),
    ("ho_ten: Lâm Hoàng Nghiệp", "nguoi_ky.ho_ten"),
    ("  - Các sở, ngành", "kinh_gui[0]"),
]


def _with_escape(old: str, escape: str) -> str:
    if old.lstrip().startswith("- "):
        indent, value = old.split("- ", 1)
        return BASE.replace(old, f'{indent}- "{value} {escape} x"', 1)
    key, _, value = old.partition(": ")
    return BASE.replace(old, f'{key}: "{value} {escape} x"', 1)


@pytest.mark.parametrize("escape", ILLEGAL_ESCAPES)
@pytest.mark.parametrize("old, field", FIELDS)
def test_yaml_escape_is_refused_with_field_and_line(old: str, field: str, escape: str) -> None:
    with pytest.raises(InputError) as info:
        load_yaml_text(_with_escape(old, escape), source="x.yaml")
    problem = info.value.problems[0]
    assert problem.field == field and problem.line == BASE[:BASE.index(old)].count("\n") + 1, problem
    assert "không in được" in problem.message and "U+" in problem.message


@pytest.mark.parametrize("escape", ["\\x01", "\\uFFFF"])
def test_cli_writes_no_file_for_illegal_character(tmp_path: Path, escape: str) -> None:
    src = tmp_path / "letter.yaml"
    src.write_text(_with_escape("trich_yeu: tiếp tục", escape), encoding="utf-8")
    out = tmp_path / "out.docx"
    assert_clean_refusal(run("render", str(src), "-o", str(out)), "trich_yeu", "dòng")
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


def _replace_opening(text: str, new_line: str) -> str:
    return re.sub(r"  mo_dau: >\n(    .*\n)+", lambda _: new_line, text, count=1)


@pytest.mark.parametrize("escape", ["\\v", "\\f", "\\L", "\\P"])
def test_pasted_line_breaks_are_line_breaks(tmp_path: Path, escape: str) -> None:
    text = _replace_opening(BASE, f'  mo_dau: "Dòng một{escape}dòng hai."\n')
    assert load_yaml_text(text).data["noi_dung"]["mo_dau"] == "Dòng một\ndòng hai."
    src = tmp_path / "letter.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out.docx"
    proc = run("render", str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert_opens(out)


def _batch_inputs(folder: Path, cell: str) -> tuple[Path, list[list[str]]]:
    letter = folder / "letter.yaml"
    letter.write_text(LETTER, encoding="utf-8")
    rows = [list(r) for r in UNITS_ROWS]
    rows[1][3] = cell  # noi_bao_cao of the second unit
    return letter, rows


@pytest.mark.parametrize("char", ["\x01", "\x1f", "\ufffe", "\x00"])
def test_csv_cell_is_refused_with_column_and_row(tmp_path: Path, char: str) -> None:
    letter, rows = _batch_inputs(tmp_path, f"Sở Tài{char}chính")
    units = tmp_path / "units.csv"
    with open(units, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(UNITS_HEADER)
        writer.writerows(rows)
    out = tmp_path / "out"
    err = assert_clean_refusal(run("batch", str(letter), "--units", str(units), "--out", str(out)),
                               "noi_bao_cao", "dòng 3")
    assert "U+" in err
    assert not out.exists() or not docx_files(out)


@pytest.mark.parametrize("reference", ["&#x1;", "&#31;", "&#xFFFE;"])
def test_xlsx_with_control_character_reference_is_refused(tmp_path: Path, reference: str) -> None:
    """An XLSX whose cell XML holds a character XML forbids (as some exporters write it)."""
    letter, rows = _batch_inputs(tmp_path, "Sở Tài MARK chính")
    book = Workbook()
    sheet = book.active
    sheet.append(UNITS_HEADER)
    for row in rows:
        sheet.append(row)
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    units = tmp_path / "units.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(units, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info).replace(b"MARK", reference.encode()))
    out = tmp_path / "out"
    assert_clean_refusal(run("batch", str(letter), "--units", str(units), "--out", str(out)), "units.xlsx")
    assert not out.exists() or not docx_files(out)


def test_jinja_made_character_never_reaches_a_file(tmp_path: Path) -> None:
    """A character made by a template expression (not in any input) is caught by the render guard."""
    letter = tmp_path / "letter.yaml"
    letter.write_text(LETTER.replace("giao chỉ tiêu năm 2026 cho {{ unit.name }}",
                                     "giao chỉ tiêu cho {{ unit.name }}{{ '\\x01' }}"), encoding="utf-8")
    units = tmp_path / "units.csv"
    with open(units, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([UNITS_HEADER, *UNITS_ROWS])
    out = tmp_path / "out"
    proc = run("batch", str(letter), "--units", str(units), "--out", str(out))
    err = proc.stderr.decode()
    assert proc.returncode in (1, 2) and "Traceback" not in err, err
    assert "U+0001" in err, err
    for path in docx_files(out) if out.exists() else []:
        assert_opens(path)


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1f", "\ufffe"])
def test_imported_text_drops_control_characters(tmp_path: Path, char: str) -> None:
    seed = next((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))
    text = seed.read_text(encoding="utf-8")
    src = tmp_path / "parent.txt"
    src.write_text(text.replace("\n", f"{char}\n", 40).replace(" ", f" {char}", 5), encoding="utf-8")
    out = tmp_path / "parent.yaml"
    proc = run("directives", "import", str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    written = out.read_text(encoding="utf-8")
    assert first_illegal(written) is None and "\x0b" not in written
    load_yaml_text(written)  # and it reads back
