"""Inline emphasis in body text: **đậm**, *nghiêng*, ***cả hai***, \\* literal; unpaired markers kept as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from docx_read import NS, Docx, q
from draftgen.inline import plain, segments
from draftgen.load import load_yaml_text
from draftgen.pipeline import render_letter, validate_letter

ROOT = Path(__file__).resolve().parent.parent
CONG_VAN = (ROOT / "examples" / "soc-trang-2842.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, expected", [
    ("a **b** c", [("a ", False, False), ("b", True, False), (" c", False, False)]),
    ("*x* và ***y***", [("x", False, True), (" và ", False, False), ("y", True, True)]),
    ("**đậm *và nghiêng* đậm**", [("đậm ", True, False), ("và nghiêng", True, True), (" đậm", True, False)]),
    ("giá 5 \\* 3", [("giá 5 * 3", False, False)]),
    ("chỉ một ** dấu", [("chỉ một ** dấu", False, False)]),
    ("không có gì", [("không có gì", False, False)]),
])
def test_segments(text: str, expected: list) -> None:
    assert segments(text) == expected
    assert plain(text) == "".join(s for s, _, _ in expected)


def _runs(paragraph: etree._Element) -> list[tuple[str, bool, bool]]:
    out = []
    for run in paragraph.iter(q("r")):
        text = "".join(t.text or "" for t in run.iter(q("t")))
        if text:
            rpr = run.find("w:rPr", NS)
            out.append((text, rpr is not None and rpr.find("w:b", NS) is not None,
                        rpr is not None and rpr.find("w:i", NS) is not None))
    return out


def test_cong_van_item_head_in_bold() -> None:
    head = r"\1**Các sở, ngành tỉnh:** *theo chức năng*"
    text = re.sub(r"(?m)^(    - >\n      )Các sở, ngành tỉnh", head, CONG_VAN, count=1)
    assert text != CONG_VAN
    doc = Docx(render_letter(validate_letter(load_yaml_text(text))))
    para = next(p for p in doc.paragraphs if p.text.startswith("1. "))
    assert "*" not in para.text and para.text.startswith("1. Các sở, ngành tỉnh: theo chức năng")
    runs = _runs(para.element)
    assert ("Các sở, ngành tỉnh:", True, False) in runs and ("theo chức năng", False, True) in runs
    assert runs[0] == ("1. ", False, False)
    assert para.style_name == "ND30 Nội dung"  # the paragraph keeps its named style


def test_bao_cao_example_bolds_its_item_head() -> None:
    from draftgen.pipeline import load_letter

    doc = Docx(render_letter(load_letter(ROOT / "examples" / "co-ten-loai" / "bao-cao-xa-hoa-phu-2025.yaml")))
    para = next(p for p in doc.paragraphs if "Về giải quyết thủ tục hành chính" in p.text)
    assert para.text == "2. Về giải quyết thủ tục hành chính:"
    assert ("Về giải quyết thủ tục hành chính:", True, False) in _runs(para.element)


def test_markup_characters_are_escaped() -> None:
    text = CONG_VAN.replace("chỉ đạo như sau:", "chỉ đạo **<như> & sau**:", 1)
    data = render_letter(validate_letter(load_yaml_text(text)))
    doc = Docx(data)
    para = next(p for p in doc.paragraphs if "chỉ đạo" in p.text and "<như>" in p.text)
    assert para.text.endswith("chỉ đạo <như> & sau:")
