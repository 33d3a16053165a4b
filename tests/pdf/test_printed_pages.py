"""What only the printed page shows (issue 11): every example read back from the PDF LibreOffice makes of it,
and ``draftgen check --pages`` on purpose-made bad DOCX, each flagged by exactly its rule.

The examples' assertions read the pages with pdftotext on their own (not through the checker): the signature
page holds body text, no số/ký hiệu ends a line, the Quốc hiệu is one line, page numbers from page 2.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from draftgen.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.yaml") if "batch" not in p.parts)
HAVE_TOOLS = all(shutil.which(t) for t in ("soffice", "pdftotext"))
pytestmark = [pytest.mark.libreoffice, pytest.mark.skipif(not HAVE_TOOLS, reason="soffice/pdftotext not installed")]
PRINT_RULES = ("ND30-PRINT-QUOC-HIEU", "ND30-PRINT-TIEU-NGU", "ND30-PRINT-ISSUER", "ND30-PRINT-VV",
               "ND30-PRINT-SIGNATURE-ALONE", "ND30-PRINT-NOI-NHAN", "ND30-PRINT-PAGENUM", "ND30-PRINT-SO-BROKEN")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, list[str]]:
    """Every example rendered and converted in one LibreOffice run: its pages as text (pdftotext -layout)."""
    from draftgen.pdf.soffice import convert
    from draftgen.pipeline import load_letter, render_letter

    folder = tmp_path_factory.mktemp("printed")
    docs = []
    for path in EXAMPLES:
        out = folder / f"{_name(path)}.docx"
        out.write_bytes(render_letter(load_letter(path)))
        docs.append(out)
    pages = {}
    for pdf in convert(docs, folder / "pdf"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages[pdf.stem] = [page for page in text.split("\f") if page.strip()]
    return pages


def _name(path: Path) -> str:
    """A unique name per example (two folders hold a dak-lak-968.yaml)."""
    return "__".join(path.relative_to(ROOT / "examples").with_suffix("").parts)


@pytest.mark.parametrize("example", EXAMPLES, ids=_name)
def test_the_signature_page_holds_body_text(printed, example):
    pages = printed[_name(example)]
    if len(pages) == 1:
        return
    last = pages[-1].splitlines()
    ends = [i for i, line in enumerate(last) if line.strip().startswith(("Nơi nhận", "THƯ KÝ", "CHỦ TỌA"))]
    top = ends[0] if ends else len(last)
    body = [line for line in last[:top] if line.strip() and not re.fullmatch(r"\s*\d+\s*", line)]
    assert len(body) >= 2, f"{_name(example)}: page {len(pages)} starts with the signature block"


@pytest.mark.parametrize("example", EXAMPLES, ids=_name)
def test_no_so_ky_hieu_is_broken_across_lines(printed, example):
    for number, page in enumerate(printed[_name(example)], 1):
        for line in page.splitlines():
            assert not re.search(r"\b\d+/(?:[A-ZĐ][A-Za-zĐđ&]*-)+\s*$", line), f"page {number}: {line.strip()}"


@pytest.mark.parametrize("example", EXAMPLES, ids=_name)
def test_quoc_hieu_is_one_line_and_page_numbers_start_at_two(printed, example):
    pages = printed[_name(example)]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]
    assert not re.fullmatch(r"\s*\d+\s*", pages[0].strip().splitlines()[0])
    number = 1
    for page in pages[1:]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        # each Phụ lục is numbered on its own, from 1 on its first page (PL1 III.1.đ)
        number = 1 if lines[1].lower().startswith("phụ lục") else number + 1
        assert lines[0] == str(number), lines[:2]


def test_every_example_passes_the_page_checks(tmp_path):
    from draftgen.pipeline import load_letter, render_letter

    docs = []
    for path in EXAMPLES:
        out = tmp_path / f"{_name(path)}.docx"
        out.write_bytes(render_letter(load_letter(path)))
        docs.append(str(out))
    result = CliRunner().invoke(main, ["check", "--pages", *docs])
    assert result.exit_code == 0, result.output
    assert "PRINT" not in result.output


# --- purpose-made bad documents -----------------------------------------------------------------------------


def _docx(example: str, tmp_path: Path) -> bytes:
    from draftgen.pipeline import load_letter, render_letter

    return render_letter(load_letter(ROOT / "examples" / example))


def _with_document(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == "word/document.xml":
                part = change(part.decode("utf-8")).encode("utf-8")
            dst.writestr(item, part)
    return out.getvalue()


def narrow_header(xml: str) -> str:
    """The Quốc hiệu column too narrow for it (the Tiêu ngữ still fits)."""
    return xml.replace('<w:gridCol w:w="3402"/><w:gridCol w:w="5953"/>', '<w:gridCol w:w="4755"/><w:gridCol '
                       'w:w="4600"/>', 1).replace('w:w="3402" w:type="dxa"', 'w:w="4755" w:type="dxa"', 2).replace(
                       'w:w="5953" w:type="dxa"', 'w:w="4600" w:type="dxa"', 2)


def noi_nhan_under_signature(xml: str) -> str:
    """The Nơi nhận list moved out of the footer table, after the signature."""
    label = xml.index("Nơi nhận")
    table = xml.rindex("<w:tbl>", 0, label)
    cell = xml.index("<w:tc>", table)
    first_p = xml.index("<w:p>", cell)
    cell_end = xml.index("</w:tc>", first_p)
    moved = xml[first_p:cell_end]
    xml = xml[:first_p] + "<w:p/>" + xml[cell_end:]
    table_end = xml.index("</w:tbl>", table) + len("</w:tbl>")
    return xml[:table_end] + moved + xml[table_end:]


def signature_alone(xml: str) -> str:
    """A page break right before the footer table."""
    table = xml.rindex("<w:tbl>", 0, xml.index("Nơi nhận"))
    return xml[:table] + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + xml[table:]


def number_on_page_one(xml: str) -> str:
    """No distinct first-page header: page 1 shows the page number."""
    return xml.replace("<w:titlePg/>", "")


def vv_not_under_so(xml: str) -> str:
    """The V/v paragraph moved out of the header table, centred across the page."""
    start = xml.rindex("<w:p>", 0, xml.index(">V/v "))
    end = xml.index("</w:p>", start) + len("</w:p>")
    paragraph = xml[start:end].replace('<w:pStyle w:val="ND30TrichYeu"/>',
                                       '<w:pStyle w:val="ND30TrichYeu"/><w:ind w:left="0" w:right="0"/>')
    xml = xml[:start] + "<w:p/>" + xml[end:]
    header_end = xml.index("</w:tbl>") + len("</w:tbl>")
    return xml[:header_end] + paragraph + xml[header_end:]


def breakable_numbers(xml: str) -> str:
    """The no-break hyphens of the số/ký hiệu turned back into plain hyphens."""
    return xml.replace('</w:t><w:noBreakHyphen/><w:t xml:space="preserve">', "-")


BAD = {
    "narrow header column": ("soc-trang-2842.yaml", narrow_header, {"ND30-PRINT-QUOC-HIEU"}),
    "Nơi nhận under the signature": ("soc-trang-2842.yaml", noi_nhan_under_signature, {"ND30-PRINT-NOI-NHAN"}),
    "signature alone on a page": ("dak-lak-968.yaml", signature_alone, {"ND30-PRINT-SIGNATURE-ALONE"}),
    "a page number on page 1": ("soc-trang-2842.yaml", number_on_page_one, {"ND30-PRINT-PAGENUM"}),
    "V/v not under the Số": ("soc-trang-2842.yaml", vv_not_under_so, {"ND30-PRINT-VV"}),
    "số/ký hiệu broken at its hyphen": ("co-ten-loai/ke-hoach-xa-hoa-phu-2025.yaml", breakable_numbers,
                                        {"ND30-PRINT-SO-BROKEN"}),
}


@pytest.fixture(scope="module")
def bad_findings(tmp_path_factory) -> dict[str, list]:
    """Every purpose-made bad DOCX through one LibreOffice run: its page-level findings."""
    from draftgen.check.engine import check_path
    from draftgen.check.printed import check_printed

    folder = tmp_path_factory.mktemp("bad")
    paths, layouts = [], []
    for index, (example, change, _) in enumerate(BAD.values()):
        path = folder / f"bad-{index}.docx"
        path.write_bytes(_with_document(_docx(example, folder), change))
        paths.append(str(path))
        layouts.append(check_path(path).layout)
    return dict(zip(BAD, check_printed(paths, layouts), strict=True))


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_printed_fault_is_flagged_by_exactly_its_rule(bad_findings, case):
    expected = BAD[case][2]
    found = {f.rule for f in bad_findings[case] if f.rule in PRINT_RULES}
    assert found == expected, [f"{f.rule}: {f.message}" for f in bad_findings[case]]
    assert all(f.part.startswith("trang ") for f in bad_findings[case])
