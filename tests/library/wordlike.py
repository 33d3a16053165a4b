"""A Công văn written the way offices write them in Word: no named styles, every run formatted directly."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

BODY = [
    "Thực hiện kế hoạch công tác năm 2025 của Ủy ban nhân dân xã, Chủ tịch UBND xã đề nghị các thôn, buôn "
    "tổ chức rà soát danh sách hộ nghèo, hộ cận nghèo trên địa bàn.",
    "Kết quả rà soát gửi về Văn phòng HĐND và UBND xã trước ngày 20 tháng 3 năm 2025 để tổng hợp, báo cáo.",
]


def _run(paragraph, text: str, size: float, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.name = "Times New Roman"
    run._element.rPr.rFonts.set(qn("w:hAnsi"), "Times New Roman")
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    return run


def _para(container, text: str, size: float, align=None, bold=False, italic=False, first_line=None):
    p = container.add_paragraph() if container is not None else None
    p.paragraph_format.alignment = align
    p.paragraph_format.space_after = Pt(6)
    if first_line is not None:
        p.paragraph_format.first_line_indent = first_line
    _run(p, text, size, bold, italic)
    return p


def _rule(p, indent) -> None:
    """A short line under the paragraph above: an empty paragraph with a bottom border, indented both sides."""
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = indent
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    later = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:contextualSpacing", "w:jc",
             "w:rPr", "w:sectPr", "w:pPrChange")
    p._element.get_or_add_pPr().insert_element_before(borders, *later)  # the schema's order: pBdr before spacing


def _cell(cell, lines: list[tuple[str, float, dict]]) -> None:
    first = True
    for text, size, fmt in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.paragraph_format.alignment = fmt.get("align", WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.space_before = fmt.get("before")
        if "rule" in fmt:
            _rule(p, fmt["rule"])
            continue
        _run(p, text, size, fmt.get("bold", False), fmt.get("italic", False))


def word_like_letter(path: Path) -> Path:
    """Write the letter (UBND xã Hòa Phú, Công văn 12/UBND-VP) to ``path``."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    header = document.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    bold = {"bold": True}
    _cell(header.cell(0, 0), [("ỦY BAN NHÂN DÂN", 13, bold), ("XÃ HÒA PHÚ", 13, bold), ("", 6, {"rule": Cm(2)})])
    _cell(header.cell(0, 1), [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold),
                              ("Độc lập - Tự do - Hạnh phúc", 14, bold), ("", 6, {"rule": Cm(1.95)})])
    _cell(header.cell(1, 0), [("Số: 12/UBND-VP", 13, {}),
                              ("V/v rà soát hộ nghèo, hộ cận nghèo năm 2025", 12, {"before": Pt(6)})])
    _cell(header.cell(1, 1), [("Hòa Phú, ngày 05 tháng 3 năm 2025", 14, {"italic": True})])
    for row in header.rows:
        row.cells[0].width, row.cells[1].width = Cm(6), Cm(10.5)
    _para(document, "", 14)
    _para(document, "Kính gửi: Trưởng các thôn, buôn trên địa bàn xã", 14, WD_ALIGN_PARAGRAPH.CENTER)
    for text in BODY[:-1]:
        _para(document, text, 14, WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=Cm(1))
    _para(document, BODY[-1] + "/.", 14, WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=Cm(1))
    footer = document.add_table(rows=1, cols=2)
    left = {"align": WD_ALIGN_PARAGRAPH.LEFT}
    _cell(footer.cell(0, 0), [("Nơi nhận:", 12, {"bold": True, "italic": True, **left}), ("- Như trên;", 11, left),
                              ("- Chủ tịch, các PCT UBND xã;", 11, left), ("- Lưu: VT, VP.", 11, left)])
    _cell(footer.cell(0, 1), [("KT. CHỦ TỊCH", 14, bold), ("PHÓ CHỦ TỊCH", 14, bold), ("", 14, {}), ("", 14, {}),
                              ("", 14, {}), ("Nguyễn Văn An", 14, bold)])
    for cell, width in zip(footer.rows[0].cells, (Cm(7), Cm(9.5)), strict=True):
        cell.width = width
    document.save(path)
    return path
