"""The printed-page faults of issue 11, fixed in the templates and guarded on the pages LibreOffice prints:
a wrapped Nơi nhận entry continues under its text (not under the dash), the KHẨN box sits at the left of
the header column (ô 10b). Pages are read with pdftotext -bbox-layout here, not through the checker."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from lxml import etree

from docx_read import Docx

ROOT = Path(__file__).resolve().parents[2]
HAVE_TOOLS = all(shutil.which(t) for t in ("soffice", "pdftotext"))
pytestmark = [pytest.mark.libreoffice, pytest.mark.skipif(not HAVE_TOOLS, reason="soffice/pdftotext not installed")]
XHTML = "{http://www.w3.org/1999/xhtml}"
LONG = ("Ban Chỉ đạo cải cách hành chính và chuyển đổi số của tỉnh, Văn phòng Ủy ban nhân dân tỉnh và các tổ "
        "công tác liên ngành")


def printed_lines(pdf: Path) -> list[list[tuple[float, str]]]:
    """Every printed line as its words: (x of the word's left edge, text)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True))
    return [[(float(w.get("xMin")), w.text or "") for w in line.iter(f"{XHTML}word")]
            for line in root.iter(f"{XHTML}line")]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    from draftgen.load import Loaded
    from draftgen.pdf.soffice import convert
    from draftgen.pipeline import render_letter, validate_letter

    folder = tmp_path_factory.mktemp("fixes")
    letter = yaml.safe_load((ROOT / "examples" / "xa-hoa-phu-2026.yaml").read_text(encoding="utf-8"))
    letter["noi_nhan"] = [LONG] + list(letter.get("noi_nhan") or [])
    docx = folder / "long.docx"
    docx.write_bytes(render_letter(validate_letter(Loaded(letter))))
    (pdf,) = convert([docx], folder / "pdf")
    return docx, printed_lines(pdf)


def test_a_wrapped_noi_nhan_entry_continues_under_its_text(pages):
    _, lines = pages
    first = next(i for i, words in enumerate(lines) if words and words[0][1] == "-" and len(words) > 2
                 and words[1][1] == "Ban" and words[2][1] == "Chỉ")
    continuation = lines[first + 1]
    assert continuation[0][1] != "-", "the entry is expected to wrap"
    text_start = lines[first][1][0]
    assert abs(continuation[0][0] - text_start) < 1.5, (continuation[0], text_start)
    assert continuation[0][0] > lines[first][0][0] + 3  # not flush left under the dash


def test_the_khan_box_sits_at_the_left_of_the_header_column(pages):
    docx, lines = pages
    box = Docx(docx).one(lambda p: p.text == "KHẨN")
    assert box.ind.get("left", 0) == 0 and box.ind.get("right", 0) > 0
    khan = next(words[0][0] for words in lines if words and words[0][1] == "KHẨN")
    so = next(words[0][0] for words in lines if words and words[0][1] == "Số:")
    issuer = next(words[0][0] for words in lines if [w for _, w in words[:3]] == ["ỦY", "BAN", "NHÂN"])
    assert khan < so and khan < issuer  # left in the column, not centred under the V/v


def vv_blocks(pdf: Path) -> list[list[str]]:
    """The printed lines of each text block of page 1 that starts with "V/v"."""
    out = subprocess.run(["pdftotext", "-bbox-layout", "-l", "1", str(pdf), "-"], capture_output=True,
                         check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True))
    blocks = []
    for block in root.iter(f"{XHTML}block"):
        lines = [" ".join(w.text or "" for w in line.iter(f"{XHTML}word")) for line in block.iter(f"{XHTML}line")]
        if lines and lines[0].startswith("V/v"):
            blocks.append(lines)
    return blocks


def test_no_v_v_ends_on_one_word_alone(tmp_path):
    from draftgen.pdf.soffice import convert
    from draftgen.pipeline import load_letter, render_letter

    letters = [p for p in sorted((ROOT / "examples").rglob("*.yaml")) if "batch" not in p.parts
               and "loai:" not in p.read_text(encoding="utf-8")]
    docs = []
    for index, path in enumerate(letters):
        out = tmp_path / f"{index:02d}-{path.stem}.docx"
        out.write_bytes(render_letter(load_letter(path)))
        docs.append(out)
    checked = 0
    for pdf in convert(docs, tmp_path / "pdf"):
        (lines,) = vv_blocks(pdf)
        if len(lines) > 1:
            checked += 1
            assert len(lines[-1].split()) >= 2, (pdf.stem, lines)
    assert checked >= 5  # long V/v lines are there to test (three used to end on "cấp" or "chính")


def test_the_lone_last_word_is_bound_to_the_word_before():
    from draftgen.nd30.metrics import NO_BREAK_SPACE, lines_of, without_lone_last_word

    text = "V/v tiếp tục chấn chỉnh, tăng cường kỷ luật, kỷ cương trong cơ quan hành chính nhà nước các cấp"
    assert lines_of(text, 164.4, 12)[-1] == "cấp"
    bound = without_lone_last_word(text, 164.4, 12)
    assert bound.endswith(f"các{NO_BREAK_SPACE}cấp") and bound.replace(NO_BREAK_SPACE, " ") == text
    assert lines_of(bound, 164.4, 12)[-1] == f"các{NO_BREAK_SPACE}cấp"  # the word before comes down with it
    assert without_lone_last_word("V/v ngắn", 164.4, 12) == "V/v ngắn"
