"""``draftgen batch --pdf``: a PDF beside each document, one LibreOffice process for the run, in the zip too;
a re-run converts nothing new; without LibreOffice the run stops before writing anything."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner

from draftgen.cli import main

from .helpers import write_inputs

HAVE_TOOLS = all(shutil.which(t) for t in ("soffice", "pdftotext"))


@pytest.mark.libreoffice
@pytest.mark.skipif(not HAVE_TOOLS, reason="soffice/pdftotext not installed")
def test_batch_pdf_writes_a_pdf_beside_each_document_and_into_the_zip(tmp_path):
    letter, units = write_inputs(tmp_path / "in")
    out = tmp_path / "out"
    args = ["batch", str(letter), "--units", str(units), "--out", str(out), "--pdf", "--zip", str(tmp_path / "a.zip")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    docs = sorted(out.glob("*.docx"))
    pdfs = sorted(out.glob("*.pdf"))
    assert len(docs) == 4 and [p.stem for p in pdfs] == [d.stem for d in docs]
    text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Phường" in text
    names = set(zipfile.ZipFile(tmp_path / "a.zip").namelist())
    assert {p.name for p in pdfs} <= names and {d.name for d in docs} <= names
    assert not [p for p in out.iterdir() if p.name.startswith(".draftgen-pdf-")]
    before = {p.name: p.stat().st_mtime_ns for p in pdfs}
    again = CliRunner().invoke(main, [*args[:-2], "--zip", str(tmp_path / "b.zip")])
    assert again.exit_code == 0, again.output
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")} == before  # nothing converted again


def test_batch_pdf_without_libreoffice_stops_before_any_write(tmp_path):
    letter, units = write_inputs(tmp_path / "in")
    out = tmp_path / "out"
    empty = tmp_path / "bin"
    empty.mkdir()
    result = CliRunner().invoke(main, ["batch", str(letter), "--units", str(units), "--out", str(out), "--pdf"],
                                env={"PATH": str(empty), "DRAFTGEN_SOFFICE": ""})
    assert result.exit_code == 2 and "LibreOffice" in result.output and "apt-get install" in result.output
    assert not out.exists()


def _fake_converter(tmp_path, monkeypatch, seconds: float):
    from fake_soffice import install

    return install(tmp_path / "lo", monkeypatch, seconds)


def test_batch_pdf_runs_converters_side_by_side(tmp_path, monkeypatch):
    """With two jobs the documents go to two LibreOffice processes at once (LibreOffice converts on one core)."""
    log = _fake_converter(tmp_path, monkeypatch, 1.0)
    letter, units = write_inputs(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(letter), "--units", str(units), "--out", str(out), "--pdf",
                                       "-j", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in out.glob("*.pdf")) == sorted(p.stem for p in out.glob("*.docx"))
    events = [line.split() for line in log.read_text().splitlines()]
    starts = sorted(float(e[2]) for e in events if e[0] == "start")
    ends = sorted(float(e[2]) for e in events if e[0] == "end")
    assert len(starts) == 2 and starts[1] < ends[0]      # the second started before the first ended


def test_a_failing_converter_stops_the_other_at_once(tmp_path, monkeypatch):
    """One chunk fails (no PDF made): the run says which files, and the other converter is killed, not waited
    for (it would run for 30 s); the PDFs already made stay."""
    import time

    from draftgen.batch.pdfs import write_pdfs
    from draftgen.batch.state import Record
    from draftgen.faults import Fault

    log = _fake_converter(tmp_path, monkeypatch, 30)
    out = tmp_path / "out"
    out.mkdir()
    records = []
    for name in ("a", "b", "broken-c", "broken-d"):
        (out / f"{name}.docx").write_bytes(b"PK")
        records.append(Record(code=name, name=name, row=None, source=None, file=f"{name}.docx", status="created"))
    start = time.monotonic()
    with pytest.raises(Fault) as caught:
        write_pdfs(out, records, jobs=2)
    assert time.monotonic() - start < 10
    assert "broken-c.docx" in caught.value.message and "/a.docx" not in caught.value.message
    starts = [line.split()[1] for line in log.read_text().splitlines() if line.startswith("start")]
    assert len(starts) == 2 and "end" not in log.read_text()
    import os

    for pid in starts:  # the hanging converter was killed, not left running
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid), 0)
    assert not list(out.glob(".draftgen-pdf-*"))


@pytest.mark.libreoffice
@pytest.mark.skipif(not HAVE_TOOLS, reason="soffice/pdftotext not installed")
def test_two_real_converters_side_by_side(tmp_path):
    """Two LibreOffice processes at once, each in its private profile, make the same PDFs as one."""
    letter, units = write_inputs(tmp_path / "in")
    texts = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = CliRunner().invoke(main, ["batch", str(letter), "--units", str(units), "--out", str(out), "--pdf",
                                           "-j", jobs])
        assert result.exit_code == 0, result.output
        texts[jobs] = {p.name: subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True,
                                              check=True).stdout for p in sorted(out.glob("*.pdf"))}
    assert len(texts["2"]) == 4 and texts["1"] == texts["2"]
