"""draftgen batch end to end: validation before any write, outputs read back, manifest, atomic writes,
resume after a crash, --force, --jobs 2, --zip, per-unit overrides, and the bundled example."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from draftgen.batch import JOURNAL, BatchOptions, run_batch
from draftgen.cli import main

from .helpers import EXAMPLE, EXAMPLE_XLSX, LETTER, UNITS_ROWS, body_texts, document_xml, docx_files, write_inputs


def _run(*args: str):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def _manifest(out: Path) -> tuple[dict, list[dict[str, str]]]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    with open(out / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return data, rows


def test_letters_for_every_unit(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path)
    out = tmp_path / "out"
    result = _run(letter, "--units", units, "--out", out)
    assert result.exit_code == 0, result.output
    files = docx_files(out)
    assert [f.name for f in files] == sorted(["00070-phường-hoàn-kiếm.docx", "00082-phường-cửa-nam.docx",
                                              "00004-phường-ba-đình.docx", "00008-phường-ngọc-hà.docx"])
    hoan_kiem = body_texts(out / "00070-phường-hoàn-kiếm.docx")
    assert "Kính gửi: Ủy ban nhân dân Phường Hoàn Kiếm" in hoan_kiem
    assert "1. Trồng mới 1.250 cây xanh." in hoan_kiem
    assert "2. Báo cáo về Sở Tài nguyên & Môi trường trước ngày 30/6/2026." in hoan_kiem  # & kept, escaped once
    assert "3. Riêng phường Hoàn Kiếm báo cáo thêm số liệu quý I./." in hoan_kiem  # batch.overrides, '+' appends
    assert "V/v giao chỉ tiêu năm 2026 cho Phường Hoàn Kiếm" in hoan_kiem
    ba_dinh = body_texts(out / "00004-phường-ba-đình.docx")
    assert ["Kính gửi:", "- Ủy ban nhân dân phường Ba Đình;", "- Ban Quản lý dự án phường Ba Đình."] == \
        [t for t in ba_dinh if t.startswith(("Kính gửi", "- Ủy ban", "- Ban Quản"))]  # override.kinh_gui column
    assert "1. Trồng mới 12.000 cây xanh." in ba_dinh
    assert not any("Riêng phường" in t for t in ba_dinh)


def test_manifest_records_every_unit(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path)
    out = tmp_path / "out"
    assert _run(letter, "--units", units, "--out", out).exit_code == 0
    data, rows = _manifest(out)
    assert [r["code"] for r in rows] == [r[0] for r in UNITS_ROWS]
    assert [d["code"] for d in data["documents"]] == [r[0] for r in UNITS_ROWS]
    assert data["counts"] == {"created": 4, "rebuilt": 0, "unchanged": 0, "failed": 0}
    for row in rows:
        assert row["status"] == "created" and row["error"] == ""
        assert row["sha256"] == hashlib.sha256((out / row["file"]).read_bytes()).hexdigest()
        assert len(row["input_hash"]) == 64
    assert [r["row"] for r in rows] == ["2", "3", "4", "5"]
    assert not (out / JOURNAL).exists()
    assert len({r["input_hash"] for r in rows}) == 4


def test_one_bad_row_writes_nothing(tmp_path: Path) -> None:
    rows = [list(r) for r in UNITS_ROWS]
    rows[3][1] = ""  # row 5: a unit without a name; the three others are fine
    letter, units = write_inputs(tmp_path, rows)
    out = tmp_path / "out"
    result = _run(letter, "--units", units, "--out", out)
    assert result.exit_code == 2
    assert "dòng 5" in result.output and "tên đơn vị" in result.output
    assert not out.exists()


def test_every_failing_unit_and_field_is_listed(tmp_path: Path) -> None:
    letter_text = LETTER.replace("ho_ten: Nguyễn Văn An", "ho_ten: \"{{ unit.chu_tich }}\"")
    rows = [list(r) + [name] for r, name in zip(UNITS_ROWS, ["Trần Văn A", "", "TS. Lê Văn C", "Phạm Thị D"],
                                                   strict=True)]
    letter, units = write_inputs(tmp_path, rows, letter_text)
    text = units.read_text(encoding="utf-8").replace("override.kinh_gui\n", "override.kinh_gui,chu_tich\n", 1)
    units.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = _run(letter, "--units", units, "--out", out)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if "nguoi_ky.ho_ten" in line]
    assert len(lines) == 2
    assert "dòng 3" in lines[0] and "00082 Phường Cửa Nam" in lines[0]  # empty name
    assert "dòng 4" in lines[1] and "00004 Phường Ba Đình" in lines[1] and "học hàm" in lines[1]
    assert all(str(units) in line for line in lines)
    assert not out.exists()


def test_missing_column_names_unit_and_column(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path, letter=LETTER.replace("unit.han", "unit.han_chot"))
    result = _run(letter, "--units", units, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.output.count("không có cột 'han_chot'") == 4
    assert "trường 'noi_dung.muc[1]'" in result.output and "letter.yaml dòng 18" in result.output


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path, letter=LETTER.replace("{{ unit.name }} chỉ tiêu",
                                                                 "{{ unit.__class__.__mro__ }} chỉ tiêu"))
    result = _run(letter, "--units", units, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "noi_dung.mo_dau" in result.output
    assert not (tmp_path / "out").exists()


def test_override_for_unknown_unit_is_an_input_error(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path, letter=LETTER.replace('"00070":', '"99999":'))
    result = _run(letter, "--units", units, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "99999" in result.output and "batch.overrides" in result.output


def test_rerun_skips_unchanged_and_force_rebuilds(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path)
    out = tmp_path / "out"
    assert _run(letter, "--units", units, "--out", out).exit_code == 0
    before = {f.name: f.stat().st_mtime_ns for f in docx_files(out)}
    assert _run(letter, "--units", units, "--out", out).exit_code == 0
    assert {r["status"] for r in _manifest(out)[1]} == {"unchanged"}
    assert {f.name: f.stat().st_mtime_ns for f in docx_files(out)} == before
    rows = [list(r) for r in UNITS_ROWS]
    rows[1][2] = "900"  # one figure changes
    write_inputs(tmp_path, rows)
    assert _run(letter, "--units", units, "--out", out).exit_code == 0
    statuses = {r["code"]: r["status"] for r in _manifest(out)[1]}
    assert statuses == {"00070": "unchanged", "00082": "rebuilt", "00004": "unchanged", "00008": "unchanged"}
    assert "1. Trồng mới 900 cây xanh." in body_texts(out / "00082-phường-cửa-nam.docx")
    (out / "00008-phường-ngọc-hà.docx").write_bytes(b"tampered")  # a file that no longer matches is rebuilt
    assert _run(letter, "--units", units, "--out", out).exit_code == 0
    assert {r["code"]: r["status"] for r in _manifest(out)[1]}["00008"] == "rebuilt"
    assert _run(letter, "--units", units, "--out", out, "--force").exit_code == 0
    assert {r["status"] for r in _manifest(out)[1]} == {"rebuilt"}


def test_failed_write_leaves_no_partial_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash inside the write, after the temp file exists: no .docx for that unit, the others are kept."""
    letter, units = write_inputs(tmp_path)
    out = tmp_path / "out"
    real_replace, real_link = os.replace, os.link
    seen: list[Path] = []

    def published(src, dst) -> None:  # noqa: ANN001
        if str(dst).endswith("00082-phường-cửa-nam.docx"):
            seen.append(Path(src))
            assert Path(src).is_file() and Path(src).stat().st_size > 0  # the temp file was written
            raise OSError(28, "No space left on device")

    def replace(src, dst):  # noqa: ANN001
        published(src, dst)
        return real_replace(src, dst)

    def link(src, dst, **kwargs):  # noqa: ANN001, ANN003 - a new document: its unnamed file linked under its name
        published(src, dst)
        return real_link(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "link", link)
    result = _run(letter, "--units", units, "--out", out)
    assert result.exit_code == 1
    assert "00082 Phường Cửa Nam (dòng 3" in result.output and "No space left" in result.output
    assert seen and not seen[0].exists()
    assert not (out / "00082-phường-cửa-nam.docx").exists()
    assert sorted(f.name for f in out.iterdir() if f.name.startswith(".")) == []  # no temp file left
    assert len(docx_files(out)) == 3
    statuses = {r["code"]: (r["status"], r["sha256"]) for r in _manifest(out)[1]}
    assert statuses["00082"] == ("failed", "")
    monkeypatch.setattr(os, "replace", real_replace)
    monkeypatch.setattr(os, "link", real_link)
    assert _run(letter, "--units", units, "--out", out).exit_code == 0  # the re-run builds only the missing one
    statuses = {r["code"]: r["status"] for r in _manifest(out)[1]}
    assert statuses == {"00070": "unchanged", "00082": "created", "00004": "unchanged", "00008": "unchanged"}


CRASH = """\
import os, sys
from draftgen import batch
written = []
real = batch.Renderer.write
def write(self, path, data):
    if len(written) == int(sys.argv[4]):
        os._exit(137)  # killed: no finally, no manifest
    real(self, path, data)
    written.append(path)
batch.Renderer.write = write
batch.run_batch(batch.BatchOptions(sys.argv[1], sys.argv[2], sys.argv[3], chunk_size=1))
"""


def test_resume_after_a_crash(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path)
    out = tmp_path / "out"
    script = tmp_path / "crash.py"
    script.write_text(CRASH, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(letter), str(units), str(out), "2"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 137, proc.stderr
    assert len(docx_files(out)) == 2
    assert not (out / "manifest.json").exists()
    journal = [json.loads(line) for line in (out / JOURNAL).read_text(encoding="utf-8").splitlines()]
    assert [j["code"] for j in journal] == ["00070", "00082"]
    done = {f.name: f.stat().st_mtime_ns for f in docx_files(out)}
    result = run_batch(BatchOptions(letter, str(units), out))
    assert [(r.code, r.status) for r in result.records] == [
        ("00070", "unchanged"), ("00082", "unchanged"), ("00004", "created"), ("00008", "created")]
    assert {f.name: f.stat().st_mtime_ns for f in docx_files(out) if f.name in done} == done
    assert len(docx_files(out)) == 4 and not (out / JOURNAL).exists()
    for row in _manifest(out)[1]:
        assert row["sha256"] == hashlib.sha256((out / row["file"]).read_bytes()).hexdigest()


def test_leftover_temp_files_are_removed(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    leftover = out / ".00070-phường-hoàn-kiếm.docx.abc123.tmp"
    leftover.write_bytes(b"PK\x03\x04 half a zip")
    assert _run(letter, "--units", units, "--out", out).exit_code == 0
    assert not leftover.exists()


def test_two_jobs_give_the_same_documents(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path)
    assert _run(letter, "--units", units, "--out", tmp_path / "one").exit_code == 0
    assert _run(letter, "--units", units, "--out", tmp_path / "two", "--jobs", "2").exit_code == 0
    one, two = docx_files(tmp_path / "one"), docx_files(tmp_path / "two")
    assert [f.name for f in one] == [f.name for f in two] and len(one) == 4
    for a, b in zip(one, two, strict=True):
        assert document_xml(a) == document_xml(b)
        assert a.read_bytes() == b.read_bytes()


def test_many_units_with_two_workers(tmp_path: Path) -> None:
    """A whole province from the bundled list, chunked over two worker processes."""
    letter = tmp_path / "letter.yaml"
    letter.write_text(LETTER.replace('"00070"', '"24175"').replace("unit.so_cay|so", "unit.code|so")
                      .replace("unit.noi_bao_cao", "unit.province").replace("unit.han", "unit.dataset"),
                      encoding="utf-8")
    out = tmp_path / "out"
    result = _run(letter, "--units", "bundled:province=66", "--out", out, "--jobs", "2", "--ascii-names")
    assert result.exit_code == 0, result.output
    rows = _manifest(out)[1]
    assert len(rows) == len(docx_files(out)) == 102
    assert all(r["file"].isascii() for r in rows)
    texts = body_texts(out / "24175-xa-hoa-phu.docx")
    assert "Kính gửi: Ủy ban nhân dân Xã Hòa Phú" in texts and "1. Trồng mới 24.175 cây xanh." in texts


def test_zip_of_outputs(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path)
    out, bundle = tmp_path / "out", tmp_path / "letters.zip"
    assert _run(letter, "--units", units, "--out", out, "--zip", bundle).exit_code == 0
    with zipfile.ZipFile(bundle) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert sorted(names) == sorted([f.name for f in docx_files(out)] + ["manifest.json", "manifest.csv"])
        for f in docx_files(out):
            assert archive.read(f.name) == f.read_bytes()
    assert _run(letter, "--units", units, "--out", out, "--zip", bundle).exit_code == 0  # ours: replaced
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("a.txt", "not ours")
    result = _run(letter, "--units", units, "--out", tmp_path / "out2", "--zip", other)
    assert result.exit_code == 2 and "--force" in result.output and not (tmp_path / "out2").exists()


def test_yaml_and_xlsx_units(tmp_path: Path) -> None:
    from openpyxl import Workbook

    letter, _ = write_inputs(tmp_path)
    yaml_units = tmp_path / "units.yaml"
    yaml_units.write_text(textwrap.dedent("""\
        - {code: 00070, name: Phường Hoàn Kiếm, so_cay: 5, noi_bao_cao: Sở Xây dựng, han: 1/7/2026}
        - code: 00082
          name: Phường Cửa Nam
          so_cay: 7
          noi_bao_cao: Sở Xây dựng
          han: 1/7/2026
        """), encoding="utf-8")
    assert _run(letter, "--units", yaml_units, "--out", tmp_path / "y").exit_code == 0
    assert "1. Trồng mới 7 cây xanh." in body_texts(tmp_path / "y" / "00082-phường-cửa-nam.docx")
    book = Workbook()
    book.active.append(["code", "name", "so_cay", "noi_bao_cao", "han"])
    book.active.append(["00070", "Phường Hoàn Kiếm", 3000, "Sở Xây dựng", "1/7/2026"])
    book.save(tmp_path / "units.xlsx")
    assert _run(letter, "--units", tmp_path / "units.xlsx", "--out", tmp_path / "x").exit_code == 0
    assert "1. Trồng mới 3.000 cây xanh." in body_texts(tmp_path / "x" / "00070-phường-hoàn-kiếm.docx")


def test_bundled_example_with_xlsx_figures(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run(EXAMPLE, "--units", "bundled:province=66", "--join", EXAMPLE_XLSX, "--out", out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    sheet = load_workbook(EXAMPLE_XLSX, read_only=True).worksheets[0]
    figures = {str(r[0]): r for r in sheet.iter_rows(min_row=2, values_only=True)}
    rows = _manifest(out)[1]
    assert len(rows) == len(figures) == 102
    for row in rows:
        texts = body_texts(out / row["file"])
        short = row["name"].split(" ", 1)[1]
        kind = row["name"].split(" ", 1)[0].lower()
        assert any(t.startswith(f"Kính gửi: Ủy ban nhân dân {kind} {short}") or
                   t.startswith(f"- Ủy ban nhân dân {kind} {short}") for t in texts), row
        houses = figures[row["code"]][2]
        assert any(t.startswith(f"1. Hỗ trợ xóa {houses} căn nhà tạm") for t in texts), row
    hoa_phu = body_texts(out / "24175-xã-hòa-phú.docx")
    assert any(t.startswith("3. Ưu tiên hỗ trợ trước các hộ đồng bào") for t in hoa_phu)
    bmt = body_texts(out / "24133-phường-buôn-ma-thuột.docx")
    assert "- Ban Quản lý dự án phường." in bmt and "2. Báo cáo kết quả thực hiện về Sở Xây dựng trước ngày " \
        "15/6/2026 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh." in bmt


def test_example_xlsx_is_reproducible(tmp_path: Path) -> None:
    sys.path.insert(0, str(EXAMPLE.parent.parent.parent / "tools"))
    try:
        from make_batch_example import build
    finally:
        sys.path.pop(0)
    fresh = build(tmp_path / "fresh.xlsx")
    read = [list(load_workbook(p, read_only=True).worksheets[0].iter_rows(values_only=True))
            for p in (fresh, EXAMPLE_XLSX)]
    assert read[0] == read[1]


def test_two_jobs_compile_the_template_while_the_workers_validate(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """With workers, the parent compiles the render pass's template during the validation pass (it sits idle
    then), so the render workers are forked with it; one job never asks for it there."""
    import draftgen.batch.compiled as compiled
    from draftgen.batch.plan import prepare

    letter = tmp_path / "letter.yaml"
    letter.write_text(LETTER.replace('"00070"', '"24175"').replace("unit.so_cay|so", "unit.code|so")
                      .replace("unit.noi_bao_cao", "unit.province").replace("unit.han", "unit.dataset"),
                      encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(compiled, "compiled_template", lambda path: asked.append(str(path)))
    for jobs in (1, 2):
        prepared = prepare(BatchOptions(letter, "bundled:province=66", tmp_path / f"out{jobs}", jobs=jobs))
        prepared.spool.close()
        assert len(prepared.todo) == 102
    assert asked == [str(prepared.template_path)]
    assert Path(asked[0]).name == "cong-van.docx"


def test_two_jobs_validate_the_first_unit_before_the_fork(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent validates unit 1 itself (what it builds, the workers inherit); the workers the others."""
    from draftgen.batch import validate
    from draftgen.batch.plan import prepare

    letter = tmp_path / "letter.yaml"
    letter.write_text(LETTER.replace('"00070"', '"24175"').replace("unit.so_cay|so", "unit.code|so")
                      .replace("unit.noi_bao_cao", "unit.province").replace("unit.han", "unit.dataset"),
                      encoding="utf-8")
    here: list[int] = []
    check = validate.UnitChecker.check

    def counted(self, index, unit, file_name):
        here.append(index)  # only this process's calls land in this list (forked workers have a copy)
        return check(self, index, unit, file_name)

    monkeypatch.setattr(validate.UnitChecker, "check", counted)
    prepared = prepare(BatchOptions(letter, "bundled:province=66", tmp_path / "out", jobs=2))
    prepared.spool.close()
    assert here == [0]
    assert len(prepared.todo) == 102 and all(r.input_hash for r in prepared.records)


def test_automatic_jobs_use_every_core_for_a_large_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--jobs` left out (0): one worker per core the process may use, from 200 units; a small batch stays in
    one process (workers would cost more to start than they save); a number given is kept."""
    from draftgen.batch.state import AUTO_JOBS_MAX, jobs_for

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert (jobs_for(0, 199), jobs_for(0, 200), jobs_for(0, 3321)) == (1, 2, 2)
    assert (jobs_for(1, 3321), jobs_for(3, 5)) == (1, 3)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)))
    assert jobs_for(0, 3321) == AUTO_JOBS_MAX


def test_the_command_chooses_the_jobs_unless_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from draftgen.batch import plan

    chosen: list[int] = []
    jobs_for = plan.jobs_for
    monkeypatch.setattr(plan, "jobs_for", lambda requested, units: chosen.append(requested) or jobs_for(requested,
                                                                                                         units))
    letter, units = write_inputs(tmp_path)
    assert _run(letter, "--units", units, "--out", tmp_path / "auto").exit_code == 0
    assert _run(letter, "--units", units, "--out", tmp_path / "one", "-j", "1").exit_code == 0
    assert chosen == [0, 1]
    assert [f.read_bytes() for f in docx_files(tmp_path / "auto")] == \
        [f.read_bytes() for f in docx_files(tmp_path / "one")]
