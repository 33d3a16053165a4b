"""Optional components: độ khẩn (ô 10b), ô 12, ô 13, the TM./KT. signature, a single Kính gửi."""

from __future__ import annotations

from docx_read import NS, q

EXAMPLE = "xa-hoa-phu-2026.yaml"


def test_urgency_mark_is_a_bold_caps_box_under_vv(docs):
    doc = docs[EXAMPLE]
    vv = doc.one(lambda p: p.text.startswith("V/v "))
    mark = doc.one(lambda p: p.text == "KHẨN")
    assert doc.index(mark) > doc.index(vv) and mark.where == "header-left"
    assert mark.bold and 13 <= mark.size_pt <= 14 and mark.borders >= {"top", "left", "bottom", "right"}
    # box width 20 mm for KHẨN (PL1 III.2.b): cell inner width minus the indents
    grid = int(doc.tables()[0].find("w:tblGrid/w:gridCol", NS).get(q("w")))
    width_mm = (grid - 2 * 57 - mark.ind["left"] - mark.ind["right"]) * 25.4 / 1440
    assert abs(width_mm - 20) < 1


def test_drafter_mark_under_luu(docs):
    doc = docs[EXAMPLE]
    left = [p for p in doc.paragraphs if p.where == "footer-left" and p.text]
    assert left[-2].text == "- Lưu: VT, VP (2)." and left[-1].text == "HT.(25)"


def test_tm_and_kt_lines(docs):
    right = [p.text for p in docs[EXAMPLE].paragraphs if p.where == "footer-right" and p.text]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Hoà"]


def test_single_recipient_inline_without_period(docs):
    doc = docs[EXAMPLE]
    label = doc.one(lambda p: p.text.startswith("Kính gửi"))
    assert label.text == "Kính gửi: Trưởng các thôn, buôn trên địa bàn xã"


def test_number_and_date_zero_padding(docs):
    doc = docs[EXAMPLE]
    assert doc.one(lambda p: p.text.startswith("Số:")).text == "Số: 07/UBND-VP"
    date = doc.one(lambda p: "ngày" in p.text and p.where == "header-right")
    assert date.text == "Hòa Phú, ngày 05 tháng 02 năm 2026"


def test_address_on_first_page_under_full_width_rule(docs):
    doc = docs[EXAMPLE]
    sect = doc.sect()
    ref = [r for r in sect.findall("w:footerReference", NS) if r.get(q("type")) == "first"][0]
    rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    rels = {r.get("Id"): r.get("Target") for r in doc.part("word/_rels/document.xml.rels")}
    footer = doc.part("word/" + rels[rid])
    paras = [p for p in footer.findall("w:p", NS) if "".join(t.text or "" for t in p.iter(q("t")))]
    assert ["".join(t.text for t in p.iter(q("t"))) for p in paras][0].startswith("Địa chỉ: Thôn 1")
    style = doc.styles[paras[0].find("w:pPr/w:pStyle", NS).get(q("val"))]
    assert style.find("w:pPr/w:pBdr/w:top", NS) is not None
    assert style.find("w:pPr/w:ind", NS).get(q("left")) == "0" and style.find("w:pPr/w:ind", NS).get(q("right")) == "0"
    assert 22 <= int(style.find("w:rPr/w:sz", NS).get(q("val"))) <= 24
    # the default footer (pages 2 …) has no address
    default = [r for r in sect.findall("w:footerReference", NS) if r.get(q("type")) == "default"][0]
    other = doc.part("word/" + rels[default.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")])
    assert "".join(t.text or "" for t in other.iter(q("t"))) == ""


def test_ampersand_and_angle_brackets_survive(tmp_path):
    """docxtpl drops '&' and '<' without autoescape: the renderer must keep them."""
    from pathlib import Path

    from docx_read import Docx
    from draftgen.load import load_yaml_text
    from draftgen.pipeline import render_letter, validate_letter

    text = (Path(__file__).resolve().parent.parent / "examples" / EXAMPLE).read_text(encoding="utf-8")
    text = text.replace("Trưởng các thôn, buôn trên địa bàn xã", "Sở Tài nguyên & Môi trường <thí điểm>")
    doc = Docx(render_letter(validate_letter(load_yaml_text(text))))
    assert doc.one(lambda p: p.text.startswith("Kính gửi")).text == "Kính gửi: Sở Tài nguyên & Môi trường <thí điểm>"
