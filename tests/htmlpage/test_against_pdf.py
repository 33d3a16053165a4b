"""The preview's sheets against the real pages: every example converted by LibreOffice, read with pdftotext.

The sheets are an estimate (draftgen.htmlpage.flow); these tests hold it to the PDF: as many sheets as pages,
each sheet starting with text of the same page, the signer on the same page.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from draftgen.htmlpage import page_html
from draftgen.pipeline import draft_of, render_letter

from .helpers import EXAMPLES, field_texts, load_example, parse

HAVE_TOOLS = all(shutil.which(t) for t in ("soffice", "pdftotext"))
pytestmark = [pytest.mark.libreoffice, pytest.mark.skipif(not HAVE_TOOLS, reason="soffice/pdftotext not installed")]


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [_squash(page) for page in text.split("\f")[:-1]]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, tuple[object, list[str]]]:
    """Every example that loads: its view model and its PDF's pages as text (one LibreOffice run)."""
    from draftgen.pdf.soffice import convert

    folder = tmp_path_factory.mktemp("htmlpage-pdf")
    drafts, files = {}, []
    for i, name in enumerate(EXAMPLES):
        document = load_example(name)
        if document is None:
            continue
        out = folder / f"{i:02d}.docx"
        out.write_bytes(render_letter(document))
        drafts[name], _ = draft_of(document), files.append(out)
    pdfs = convert(files, folder)
    return {name: (draft, _pages(pdf)) for (name, draft), pdf in zip(drafts.items(), pdfs, strict=True)}


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_sheets_are_the_pdf_pages(name: str, printed) -> None:
    if name not in printed:
        pytest.skip(f"{name}: needs files this test cannot resolve")
    draft, pages = printed[name]
    root = parse(page_html(draft))
    sheets = root.xpath("./section")
    assert len(sheets) == len(pages)
    for sheet, page in zip(sheets, pages, strict=True):
        first = next(p for p in sheet.iter("p") if p.get("data-field") != "so_trang" and p.text_content().strip())
        start = " ".join(_squash(first.text_content()).split()[:3])
        assert start in page, (sheet.get("data-page"), start)
    signer = field_texts(root, "ho_ten")[0]
    on_sheet = [i for i, s in enumerate(sheets) if s.xpath('.//*[@data-field="ho_ten"]')]
    assert on_sheet and signer in pages[on_sheet[0]]
