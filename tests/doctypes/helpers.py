"""What the tests of every document family share: rendering the examples, the body read back, LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docx_read import Docx

ROOT = Path(__file__).resolve().parents[2]


def render_examples(paths: list[Path]) -> dict[str, bytes]:
    """DOCX bytes of each example file, by file name."""
    from draftgen.pipeline import load_letter, render_letter

    return {p.name: render_letter(load_letter(p)) for p in paths}


def main_body(doc: Docx) -> list:
    """The body paragraphs before the footer table (signature, Nơi nhận), without the DỰ THẢO mark and rules."""
    out = []
    for p in doc.paragraphs:
        if p.where.startswith("footer"):
            break
        if p.where == "body" and p.text.strip() and p.style_name != "ND30 Dự thảo":
            out.append(p)
    return out


def to_pdf(folder: Path, rendered: dict[str, bytes]) -> dict[str, Path]:
    """Every rendered example through LibreOffice in one soffice run (skips without soffice/pdftotext);
    soffice exits 0 when a conversion fails, so each PDF must exist and hold something."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("soffice or pdftotext not installed")
    for name, data in rendered.items():
        (folder / name.replace(".yaml", ".docx")).write_bytes(data)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), *map(str, sorted(folder.glob("*.docx")))], check=True,
                   capture_output=True, timeout=240)
    pdfs = {name: folder / name.replace(".yaml", ".pdf") for name in rendered}
    for name, pdf in pdfs.items():
        assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice could not convert {name}"
    return pdfs


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """``pdftotext -layout`` of a PDF, optionally of a page range."""
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
