"""PDF, previews and doctor: ``render --pdf``, ``draftgen pdf``, ``draftgen preview``, ``draftgen doctor``;
LibreOffice missing or failing; the fonts the PDF really uses."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from draftgen.cli import main
from draftgen.faults import ExitCode, Fault

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "soc-trang-2842.yaml"
KE_HOACH = ROOT / "examples" / "co-ten-loai" / "ke-hoach-xa-hoa-phu-2025.yaml"
HAVE_TOOLS = all(shutil.which(t) for t in ("soffice", "pdftotext", "pdftoppm", "pdffonts"))
if os.environ.get("DRAFTGEN_REQUIRE_LIBREOFFICE") and not HAVE_TOOLS:
    raise RuntimeError("LibreOffice and poppler-utils are required in CI")
needs_tools = pytest.mark.skipif(not HAVE_TOOLS, reason="soffice/poppler not installed")


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def pdf_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def fake_soffice(tmp_path: Path, body: str) -> Path:
    """A stand-in for LibreOffice: a shell script (it exits 0 like soffice does when a conversion fails)."""
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


# --- without a working LibreOffice (no soffice needed) -----------------------------------------------------


def test_without_libreoffice_the_docx_is_written_and_the_message_says_what_to_install(tmp_path):
    out = tmp_path / "cv.docx"
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    result = run("render", str(EXAMPLE), "-o", str(out), "--pdf", env={"PATH": str(empty_bin), "DRAFTGEN_SOFFICE": ""})
    assert result.exit_code == ExitCode.INPUT == 2
    assert "Không tìm thấy LibreOffice" in result.output
    assert "apt-get install -y libreoffice-writer-nogui" in result.output
    assert "Traceback" not in result.output
    assert zipfile.is_zipfile(out)
    assert not out.with_suffix(".pdf").exists()


def test_a_converter_that_exits_0_without_a_pdf_is_a_failure_naming_the_file(tmp_path):
    docx = tmp_path / "cv.docx"
    assert run("render", str(EXAMPLE), "-o", str(docx)).exit_code == 0
    script = fake_soffice(tmp_path, "exit 0")
    result = run("pdf", str(docx), env={"DRAFTGEN_SOFFICE": str(script)})
    assert result.exit_code == ExitCode.CONVERTER == 9
    assert "không tạo được PDF" in result.output and "cv.docx" in result.output
    assert not docx.with_suffix(".pdf").exists()


def test_a_converter_that_hangs_is_stopped_by_the_timeout(tmp_path, monkeypatch):
    from draftgen.pdf import soffice

    docx = tmp_path / "cv.docx"
    docx.write_bytes(b"PK")
    monkeypatch.setenv("DRAFTGEN_SOFFICE", str(fake_soffice(tmp_path, "sleep 30")))
    with pytest.raises(Fault) as caught:
        soffice.convert([docx], tmp_path / "out", timeout=1)
    assert caught.value.exit_code == ExitCode.CONVERTER and "1 giây" in caught.value.message


def test_a_wrong_converter_path_is_bad_input(tmp_path):
    docx = tmp_path / "cv.docx"
    docx.write_bytes(b"PK")
    result = run("pdf", str(docx), env={"DRAFTGEN_SOFFICE": str(tmp_path / "nope")})
    assert result.exit_code == 2 and "DRAFTGEN_SOFFICE" in result.output


def test_pdf_refuses_a_missing_file_and_a_missing_folder(tmp_path):
    assert run("pdf", str(tmp_path / "none.docx")).exit_code == 2
    docx = tmp_path / "cv.docx"
    docx.write_bytes(b"PK")
    result = run("pdf", str(docx), "--out", str(tmp_path / "no" / "such"))
    assert result.exit_code == 2 and "--out" in result.output


def test_render_pdf_to_stdout_is_refused(tmp_path):
    result = run("render", str(EXAMPLE), "-o", "-", "--pdf")
    assert result.exit_code == 2 and "--pdf" in result.output


# --- with LibreOffice ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered_pdf(tmp_path_factory):
    if not HAVE_TOOLS:
        pytest.skip("soffice/poppler not installed")
    folder = tmp_path_factory.mktemp("pdf")
    out = folder / "soc-trang.docx"
    result = run("render", str(EXAMPLE), "-o", str(out), "--pdf")
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.mark.libreoffice
@needs_tools
def test_render_pdf_writes_both_files(rendered_pdf):
    docx, output = rendered_pdf
    pdf = docx.with_suffix(".pdf")
    assert zipfile.is_zipfile(docx) and pdf.read_bytes()[:5] == b"%PDF-"
    pages = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]
    assert "V/v tiếp tục chấn chỉnh" in " ".join(pages[0].split())
    assert f"Đã tạo {pdf}" in output


@pytest.mark.libreoffice
@needs_tools
def test_the_fonts_of_the_pdf_are_reported_honestly(rendered_pdf):
    from draftgen.pdf.fonts import pdf_fonts, substitution

    pdf = rendered_pdf[0].with_suffix(".pdf")
    families = {f.family for f in pdf_fonts(pdf)}
    assert all(f.embedded for f in pdf_fonts(pdf))
    found = substitution(pdf)
    if "TimesNewRomanPSMT" in families or "TimesNewRoman" in families:
        assert found.exact and found.message() == ""
    else:  # this machine draws Times New Roman with Liberation Serif (fonts-liberation2)
        assert "LiberationSerif" in families
        assert found.metric_compatible and not found.exact
        assert "Liberation Serif" in found.message() and "cùng độ rộng" in found.message()
        assert "Liberation Serif" in rendered_pdf[1]


@pytest.mark.libreoffice
@needs_tools
def test_a_font_that_is_not_installed_gets_a_warning_naming_the_substitute(tmp_path):
    from draftgen.pdf.fonts import pdf_fonts, substitution
    from draftgen.pdf.make import pdfs

    source = tmp_path / "cv.docx"
    assert run("render", str(EXAMPLE), "-o", str(source)).exit_code == 0
    changed = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith(".xml"):
                data = data.replace(b"Times New Roman", b"Khong Co Phong Nay")
            dst.writestr(item, data)
    odd = tmp_path / "odd.docx"
    odd.write_bytes(changed.getvalue())
    made = pdfs([odd], [tmp_path / "odd.pdf"], force=False)
    found = substitution(tmp_path / "odd.pdf", wanted="Khong Co Phong Nay")
    assert {f.family for f in pdf_fonts(tmp_path / "odd.pdf")}
    assert not found.exact and not found.metric_compatible
    assert found.used and all(name in found.message() for name in found.used)  # the substitute, by name
    assert "Khong Co Phong Nay" in found.message() and "khác độ rộng" in found.message()
    assert made.files == [tmp_path / "odd.pdf"]


@pytest.mark.libreoffice
@needs_tools
def test_pdf_converts_many_files_in_one_run_and_keeps_existing_pdfs(tmp_path):
    docs = []
    for source in (EXAMPLE, KE_HOACH):
        out = tmp_path / f"{source.stem}.docx"
        assert run("render", str(source), "-o", str(out)).exit_code == 0
        docs.append(out)
    target = tmp_path / "pdf"
    target.mkdir()
    result = run("pdf", *map(str, docs), "--out", str(target))
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in target.glob("*.pdf"))
    assert made == sorted(f"{d.stem}.pdf" for d in docs)
    assert "KẾ HOẠCH" in pdf_text(target / f"{KE_HOACH.stem}.pdf")[0]
    before = (target / f"{EXAMPLE.stem}.pdf").read_bytes()
    again = run("pdf", str(docs[0]), "--out", str(target))
    assert again.exit_code == 2 and "--force" in again.output
    assert (target / f"{EXAMPLE.stem}.pdf").read_bytes() == before
    assert oct((target / f"{EXAMPLE.stem}.pdf").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.libreoffice
@needs_tools
def test_preview_writes_one_png_per_page_and_keeps_them_without_force(tmp_path):
    out = tmp_path / "anh"
    result = run("preview", str(KE_HOACH), "-o", str(out))
    assert result.exit_code == 0, result.output
    docx = tmp_path / "kh.docx"
    assert run("render", str(KE_HOACH), "-o", str(docx), "--pdf").exit_code == 0
    pages = len(pdf_text(docx.with_suffix(".pdf")))
    pngs = sorted(out.glob("*.png"))
    assert [p.name for p in pngs] == [f"{KE_HOACH.stem}-{n}.png" for n in range(1, pages + 1)]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    again = run("preview", str(KE_HOACH), "-o", str(out))
    assert again.exit_code == 2 and "--force" in again.output
    from_docx = run("preview", str(docx), "-o", str(out), "--dpi", "40")
    assert from_docx.exit_code == 0 and (out / "kh-1.png").is_file()


@pytest.mark.libreoffice
@needs_tools
def test_preview_with_force_drops_the_pages_of_a_longer_earlier_draft(tmp_path):
    out = tmp_path / "anh"
    out.mkdir()
    for n in (1, 2, 3, 4, 5, 6, 7):
        (out / f"{EXAMPLE.stem}-{n}.png").write_bytes(b"old")
    assert run("preview", str(EXAMPLE), "-o", str(out), "--force").exit_code == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert len(names) < 7 and all((out / n).read_bytes()[:4] == b"\x89PNG" for n in names)


@pytest.mark.libreoffice
@needs_tools
def test_doctor_reports_libreoffice_poppler_and_vietnamese_fonts():
    result = run("doctor", "--json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["soffice_version"].startswith("LibreOffice")
    assert report["poppler"] == {"pdftotext": True, "pdftoppm": True, "pdffonts": True}
    assert "Liberation Serif" in report["vietnamese_fonts"]
    assert report["times_compatible"] == ["Liberation Serif"] and report["advice"] == []
    text = run("doctor")
    assert "Cùng độ rộng với Times New Roman: Liberation Serif" in text.output


def test_doctor_without_anything_says_what_to_install(tmp_path):
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    result = run("doctor", env={"PATH": str(empty_bin), "DRAFTGEN_SOFFICE": ""})
    assert result.exit_code == 0
    assert "LibreOffice: không có" in result.output
    assert "apt-get install -y libreoffice-writer-nogui" in result.output
    assert "poppler-utils" in result.output


def test_a_long_list_is_split_over_several_converter_calls(tmp_path, monkeypatch):
    """LibreOffice converts at most 246 files of one call (the rest are dropped without a word): 500 files go to
    three calls of at most 200, and every PDF is there."""
    from draftgen.pdf import soffice
    from fake_soffice import install

    log = install(tmp_path / "lo", monkeypatch, max_files=246)  # drops what is past 246, as LibreOffice does
    files = []
    for i in range(500):
        files.append(tmp_path / f"cv-{i:03d}.docx")
        files[-1].write_bytes(b"PK")
    pdfs = soffice.convert(files, tmp_path / "out")
    assert [p.name for p in pdfs] == [f"cv-{i:03d}.pdf" for i in range(500)] and all(p.is_file() for p in pdfs)
    assert log.read_text().count("start") == 3 == -(-500 // soffice.MAX_FILES_PER_PROCESS)


@pytest.mark.libreoffice
def test_real_libreoffice_converts_more_than_246_files(tmp_path):
    """The real converter over 260 files (one call of LibreOffice would leave 14 without a PDF)."""
    import shutil

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice not installed")
    from draftgen.pdf import soffice
    from draftgen.pipeline import load_letter, render_letter

    data = render_letter(load_letter(EXAMPLE))
    files = []
    for i in range(260):
        files.append(tmp_path / f"cv-{i:03d}.docx")
        files[-1].write_bytes(data)
    pdfs = soffice.convert(files, tmp_path / "out")
    assert len(pdfs) == 260 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
