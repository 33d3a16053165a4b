"""Property and fuzz suite: random and mutated letters and unit tables.

The invariants, whatever the input: draftgen never exits 1 (a defect), never prints a traceback,
never leaves a file when it refuses the input, and every DOCX it writes opens in lxml (a sample
also in LibreOffice). Runs in process (click's runner) so that a few hundred cases take about a
minute; derandomised so that CI sees the same cases every run.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batch.helpers import LETTER, UNITS_HEADER, UNITS_ROWS
from draftgen.cli import main

from .helpers import BASE, ROOT, assert_opens

SETTINGS = settings(max_examples=500, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
EXAMPLES = [ROOT / "examples" / n for n in ("soc-trang-2842.yaml", "dak-lak-968.yaml", "xa-hoa-phu-2026.yaml")]
SOURCES = [p.read_text(encoding="utf-8") for p in EXAMPLES]

# text a hostile or tired user may type or paste: Vietnamese, controls, escapes, markup, YAML syntax
NASTY = st.sampled_from(["", " ", "~", "null", "yes", "0", "-1", "1e309", "99999999999999999999", "31/02/2024",
                         "…/…/2026", "{{ x }}", "{% for %}", "<w:p>", "&amp;", "]]>", "\\x01", "\"", "'", ": ",
                         "- ", "*a", "&a", "!!python/object:os.system", "\u0301", "A\u0308", "\ufeff", "\u200b",
                         "\u2028", "\U0001F600", "ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Như trên", "Lưu: VT",
                         "\x0b", "\x01", "\x1f", "\ufffe", "x" * 3000])
TEXT = st.one_of(NASTY, st.text(max_size=40), st.text(st.characters(codec="utf-8"), max_size=20))


def _invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    output = result.output  # stdout and stderr together
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception escaped: {result.exception!r}\n{output}")
    return result.exit_code, output


def _assert_invariants(code: int, output: str, outputs: list[Path]) -> None:
    assert code != 1, output
    assert "Traceback" not in output and "Lỗi nội bộ" not in output, output
    for path in outputs:
        if code == 0:
            assert path.exists(), output
            assert_opens(path)
        else:
            assert not path.exists(), (path, output)


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["delete", "duplicate", "swap", "value", "indent", "insert", "truncate"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            value = data.draw(TEXT)
            quoted = data.draw(st.booleans())
            lines[i] = f"{key}: {json.dumps(value, ensure_ascii=False) if quoted else value}\n"
        elif op == "indent":
            lines[i] = " " * data.draw(st.integers(0, 7)) + lines[i].lstrip(" ")
        elif op == "insert":
            pos = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + data.draw(TEXT) + lines[i][pos:]
        else:
            lines = lines[:i]
    return "".join(lines)


@SETTINGS
@given(data=st.data())
def test_mutated_letters(tmp_path_factory, data: st.DataObject) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    text = _mutate(SOURCES[data.draw(st.sampled_from(range(len(SOURCES))))], data)
    src = folder / "letter.yaml"
    src.write_text(text, encoding="utf-8", errors="surrogatepass")
    out = folder / "out.docx"
    code, output = _invoke(["render", str(src), "-o", str(out)])
    _assert_invariants(code, output, [out])


LEAF = st.one_of(TEXT, st.integers(-10**20, 10**20), st.booleans(), st.none(), st.floats(allow_nan=True))
TREE = st.recursive(LEAF, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                 st.dictionaries(st.sampled_from(
                                                     ["co_quan", "ten", "so", "ngay", "kinh_gui", "noi_dung", "muc",
                                                      "diem", "noi_nhan", "nguoi_ky", "ho_ten", "quyen_han",
                                                      "parents", "clauses", "x"]), kids, max_size=5)), max_leaves=25)


@SETTINGS
@given(example=st.sampled_from(range(len(SOURCES))), field=st.sampled_from(
    ["co_quan", "so", "ngay", "trich_yeu", "kinh_gui", "noi_dung", "noi_nhan", "nguoi_ky", "parents", "clauses",
     "do_khan", "do_mat", "luu", "loai", "opening", "replacements"]), value=TREE)
def test_random_values_in_every_field(tmp_path_factory, example: int, field: str, value) -> None:
    data = yaml.safe_load(SOURCES[example])
    data[field] = value
    folder = tmp_path_factory.mktemp("fuzz")
    src = folder / "letter.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8", errors="surrogatepass")
    out = folder / "out.docx"
    code, output = _invoke(["render", str(src), "-o", str(out)])
    _assert_invariants(code, output, [out])


CELL = st.one_of(TEXT, st.from_regex(r"[0-9]{1,6}", fullmatch=True))


@settings(SETTINGS, max_examples=150)
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=8), min_size=0, max_size=6),
       header=st.lists(st.sampled_from(UNITS_HEADER + ["", "code", "Mã", "ten", "x y", "override.so"]),
                       min_size=0, max_size=8),
       keep_good=st.booleans(), delimiter=st.sampled_from([",", ";", "\t"]), bom=st.booleans())
def test_random_unit_tables(tmp_path_factory, rows, header, keep_good: bool, delimiter: str, bom: bool) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    letter = folder / "letter.yaml"
    letter.write_text(LETTER, encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerows(([UNITS_HEADER, *UNITS_ROWS[:2]] if keep_good else [header]) + rows)
    units = folder / "units.csv"
    units.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8", "surrogatepass"))
    out = folder / "out"
    code, output = _invoke(["batch", str(letter), "--units", str(units), "--out", str(out)])
    assert code != 1 or "lỗi" in output.lower() and "Lỗi nội bộ" not in output, output  # 1 = some units failed
    assert "Traceback" not in output and "Lỗi nội bộ" not in output, output
    if code == 2:
        assert not out.exists() or not list(out.glob("*.docx")), output
    for path in out.glob("*.docx") if out.exists() else []:
        assert_opens(path)
    assert not list(out.glob("*.tmp")) if out.exists() else True


HAVE_LO = shutil.which("soffice") is not None


@pytest.mark.libreoffice
@pytest.mark.skipif(not HAVE_LO, reason="soffice not installed")
def test_a_sample_of_fuzzed_letters_opens_in_libreoffice(tmp_path: Path) -> None:
    """Letters with the odd characters that do pass validation (combining marks, emoji, zero-width, markup)."""
    oddities = ["A\u0308 \u200b \U0001F600 <w:p> ]]> &amp; {{ x }}", "Dòng một\u2028dòng hai", "x" * 3000]
    written = []
    for n, odd in enumerate(oddities):
        src = tmp_path / f"l{n}.yaml"
        line = "trich_yeu: " + json.dumps(odd + " tiếp tục", ensure_ascii=False)
        src.write_text(re.sub(r"(?m)^trich_yeu: .*$", lambda _, line=line: line, BASE), encoding="utf-8")
        out = tmp_path / f"l{n}.docx"
        code, output = _invoke(["render", str(src), "-o", str(out)])
        assert code == 0, output
        written.append(out)
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, written)], check=True, capture_output=True, timeout=240)
    for out in written:
        pdf = out.with_suffix(".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice could not convert {out.name}"
