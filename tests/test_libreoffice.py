"""LibreOffice opens every generated example (soffice → PDF → pdftotext)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from letter_examples import LETTER_EXAMPLES

HAVE_TOOLS = shutil.which("soffice") is not None and shutil.which("pdftotext") is not None
if not HAVE_TOOLS and os.environ.get("DRAFTGEN_REQUIRE_LIBREOFFICE"):
    raise RuntimeError("LibreOffice (soffice) and pdftotext are required in CI")

pytestmark = [pytest.mark.libreoffice, pytest.mark.skipif(not HAVE_TOOLS, reason="soffice/pdftotext not installed")]


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory, rendered):
    """Convert every example in one soffice run; return the text of each page."""
    folder = tmp_path_factory.mktemp("lo")
    for name, data in rendered.items():
        (folder / name.replace(".yaml", ".docx")).write_bytes(data)
    profile = folder / "profile"
    docx_files = sorted(str(p) for p in folder.glob("*.docx"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *docx_files], check=True, capture_output=True, timeout=240)
    pages = {}
    for name in rendered:
        pdf = folder / name.replace(".yaml", ".pdf")
        # soffice exits 0 even when a conversion fails: the PDF must exist and hold something
        assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice could not convert {name}"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
        pages[name] = text.split("\f")
    return pages


@pytest.mark.parametrize("name", LETTER_EXAMPLES)
def test_pdf_holds_quoc_hieu_first_sentence_and_signer(pdf_pages, docs, name):
    pages = [p for p in pdf_pages[name] if p.strip()]
    flat = re.sub(r"\s+", " ", " ".join(pages))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in re.sub(r"\s+", " ", pages[0])
    body = [p for p in docs[name].paragraphs if p.style_id == "ND30NoiDung"][0].text
    first_sentence = re.split(r"(?<=[.:;])\s", body)[0]
    assert first_sentence[:60] in flat
    signer = [p for p in docs[name].paragraphs if p.where == "footer-right" and p.text][-1].text
    assert signer in flat


@pytest.mark.parametrize("name", LETTER_EXAMPLES)
def test_page_numbers_from_page_two(pdf_pages, name):
    pages = [p for p in pdf_pages[name] if p.strip()]
    assert not re.match(r"^\s*1\s*$", pages[0].strip().splitlines()[0])
    for number, page in enumerate(pages[1:], start=2):
        assert page.strip().splitlines()[0].strip() == str(number)


def test_the_long_letter_has_a_second_page(pdf_pages):
    assert len([p for p in pdf_pages["dak-lak-968.yaml"] if p.strip()]) >= 2
