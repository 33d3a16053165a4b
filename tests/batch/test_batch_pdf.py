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
