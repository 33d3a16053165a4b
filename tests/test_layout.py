"""Every generated example follows spec §4 / §6 of Nghị định 30 (the ranges are the decree's, not the profile's).

Each DOCX is read back with tests/docx_read.py (effective formatting through the style chain).
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from docx_read import NS, element_text, q
from letter_examples import LETTER_EXAMPLES

MM = 1440 / 25.4
TNR = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

pytestmark = pytest.mark.parametrize("name", LETTER_EXAMPLES)


def _text(doc, where):
    return [p for p in doc.paragraphs if p.where == where and p.text.strip()]


def test_a4_portrait_and_margins_in_range(docs, name):
    sect = docs[name].sect()
    size = sect.find("w:pgSz", NS)
    assert abs(int(size.get(q("w"))) - 11906) <= MM and abs(int(size.get(q("h"))) - 16838) <= MM
    assert size.get(q("orient")) in (None, "portrait")
    mar = sect.find("w:pgMar", NS)
    ranges = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
    for side, (lo, hi) in ranges.items():
        mm = int(mar.get(q(side))) / MM
        assert lo - 0.5 <= mm <= hi + 0.5, (side, mm)


def test_times_new_roman_everywhere_including_east_asian_slot(docs, name):
    doc = docs[name]
    fonts = doc.defaults_rpr.find("w:rFonts", NS)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(q(slot)) == TNR
    for style in doc.styles.values():
        rfonts = style.find("w:rPr/w:rFonts", NS)
        if rfonts is not None:
            assert {rfonts.get(q(s)) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {TNR}
            assert rfonts.get(q("asciiTheme")) is None
    # the theme (required by the Open XML SDK rules) must not bring Calibri back through +Body/+Headings
    for face in doc.part("word/theme/theme1.xml").iter("{http://schemas.openxmlformats.org/drawingml/2006/main}latin"):
        assert face.get("typeface") == TNR
    for para in doc.paragraphs:
        if para.text.strip():
            assert para.fonts.get("ascii", TNR) == TNR and para.fonts.get("eastAsia", TNR) == TNR, para.text


def test_every_paragraph_uses_a_named_style(docs, name):
    for para in docs[name].paragraphs:
        if para.text.strip():
            assert para.style_name and para.style_name.startswith("ND30 "), para.text


def test_text_is_nfc(rendered, name):
    import zipfile
    from io import BytesIO

    with zipfile.ZipFile(BytesIO(rendered[name])) as archive:
        for part in archive.namelist():
            if part.endswith(".xml"):
                text = archive.read(part).decode("utf-8")
                assert unicodedata.is_normalized("NFC", text), part


def test_header_left_issuer(docs, name):
    doc = docs[name]
    left = _text(doc, "header-left")
    issuer = [p for p in left if p.style_id == "ND30CoQuan"]
    assert issuer, "no issuer line"
    for p in issuer:
        assert p.text == p.text.upper() and p.bold and not p.italic and 12 <= p.size_pt <= 13 and p.align == "center"
    for p in (p for p in left if p.style_id == "ND30ChuQuan"):
        assert p.text == p.text.upper() and not p.bold and 12 <= p.size_pt <= 13 and p.align == "center"


def test_issuer_rule_is_a_border_of_a_third_to_a_half_of_the_name(docs, name):
    from draftgen.nd30.metrics import text_width_twips

    doc = docs[name]
    cells = [p for p in doc.paragraphs if p.where == "header-left"]
    issuer = [p for p in cells if p.style_id == "ND30CoQuan"]
    rule = cells[cells.index(issuer[-1]) + 1]
    assert rule.text == "" and "bottom" in rule.borders
    cell_width = int(doc.tables()[0].find("w:tblGrid/w:gridCol", NS).get(q("w"))) - 2 * 57
    length = cell_width - rule.ind.get("left", 0) - rule.ind.get("right", 0)
    longest = max(text_width_twips(p.text, p.size_pt, True) for p in issuer)
    assert 1 / 3 - 0.02 <= length / longest <= 1 / 2 + 0.02
    assert "_" not in "".join(p.text for p in doc.paragraphs), "rule lines must not be underscores"


def test_quoc_hieu_and_tieu_ngu(docs, name):
    from draftgen.nd30.metrics import text_width_twips

    doc = docs[name]
    right = [p for p in doc.paragraphs if p.where == "header-right"]
    qh, tn, rule = right[0], right[1], right[2]
    assert qh.text == QUOC_HIEU and qh.bold and 12 <= qh.size_pt <= 13 and qh.align == "center"
    assert tn.text == TIEU_NGU and tn.bold and 13 <= tn.size_pt <= 14 and tn.align == "center"
    assert rule.text == "" and "bottom" in rule.borders
    grid = [int(c.get(q("w"))) for c in doc.tables()[0].findall("w:tblGrid/w:gridCol", NS)]
    inner = grid[1] - 2 * 57
    length = inner - rule.ind.get("left", 0) - rule.ind.get("right", 0)
    assert abs(length - text_width_twips(TIEU_NGU, tn.size_pt, True)) <= 60
    # the Quốc hiệu never wraps: its width fits the right column
    assert text_width_twips(QUOC_HIEU, qh.size_pt, True) < inner


def test_so_ky_hieu(docs, name):
    doc = docs[name]
    so = doc.one(lambda p: p.text.startswith("Số:"))
    assert so.where == "header-left" and so.size_pt == 13 and not so.bold and not so.italic and so.align == "center"
    assert re.fullmatch(r"Số:(\s+|\s(0[1-9]|[1-9]\d+))/[A-ZĐ][A-Za-zĐđ0-9]*(-[A-ZĐ][A-Za-zĐđ0-9]*)+", so.text), so.text
    assert "CV" not in so.text.split("/")[1].split("-")


def test_vv_under_so_with_6pt_above(docs, name):
    doc = docs[name]
    so = doc.one(lambda p: p.text.startswith("Số:"))
    vv = doc.one(lambda p: p.text.startswith("V/v "))
    assert doc.index(vv) == doc.index(so) + 1 and vv.where == "header-left"
    assert 12 <= vv.size_pt <= 13 and not vv.bold and not vv.italic and vv.align == "center"
    assert int(vv.spacing.get("before", 0)) == 120


def test_place_and_date(docs, name):
    doc = docs[name]
    date = doc.one(lambda p: ", ngày " in p.text and " năm " in p.text and p.where.startswith("header"))
    assert date.where == "header-right" and date.italic and not date.bold and 13 <= date.size_pt <= 14
    assert date.align == "center"
    m = re.fullmatch(r"[^,]+, ngày (\s+|0[1-9]|[12]\d|3[01]) tháng (\s+|01|02|[3-9]|1[0-2]) năm \d{4}", date.text)
    assert m, date.text
    # ô 3 and ô 4 share a row: same table row, same space above
    so = doc.one(lambda p: p.text.startswith("Số:"))
    assert so.spacing.get("before") == date.spacing.get("before")
    row = doc.tables()[0].findall("w:tr", NS)[1]
    texts = [element_text(tc) for tc in row.findall("w:tc", NS)]
    assert so.text in texts[0] and date.text in texts[1]


def test_no_type_title_in_a_cong_van(docs, name):
    assert not docs[name].find(lambda p: p.text.strip().upper() == "CÔNG VĂN")


def test_kinh_gui(docs, name):
    from draftgen.nd30.metrics import text_width_twips

    doc = docs[name]
    label = doc.one(lambda p: p.text.startswith("Kính gửi"))
    assert 13 <= label.size_pt <= 14 and not label.bold and not label.italic
    items = [p for p in doc.paragraphs[doc.index(label) + 1:] if p.style_id == "ND30KinhGuiMuc"]
    if label.text == "Kính gửi:":
        assert len(items) >= 2
        assert all(p.text.startswith("- ") for p in items)
        assert all(p.text.endswith(";") for p in items[:-1]) and items[-1].text.endswith(".")
        colon_x = label.ind["left"] - label.ind.get("hanging", 0) + text_width_twips("Kính gửi", label.size_pt)
        for p in items:
            dash_x = p.ind["left"] - p.ind.get("hanging", 0)
            assert abs(dash_x - colon_x) <= 20, "dashes must sit under the colon"
    else:
        assert label.text.startswith("Kính gửi: ") and not items


def test_body(docs, name):
    from draftgen.nd30.lettering import POINT_LETTERS

    doc = docs[name]
    body = [p for p in doc.paragraphs if p.where == "body" and p.style_id == "ND30NoiDung"]
    assert body
    for p in body:
        assert 13 <= p.size_pt <= 14 and p.align == "both" and not p.bold and not p.italic
        assert p.ind.get("firstLine") in (567, 720)
        assert int(p.spacing.get("before", 0)) + int(p.spacing.get("after", 0)) >= 120
        assert p.spacing.get("lineRule", "auto") == "auto" and 240 <= int(p.spacing.get("line", 240)) <= 360
        assert "\n" not in p.text
    assert body[-1].text.endswith("./.")
    assert not any(p.text.endswith("./.") for p in body[:-1])
    # points run a) b) c) d) đ) e) g) … within each item
    letters: list[str] = []
    for p in body:
        if re.match(r"^\d+\. ", p.text):
            letters = []
        m = re.match(r"^([a-zđ]+)\) ", p.text)
        if m:
            letters.append(m.group(1))
            assert letters == list(POINT_LETTERS[: len(letters)])


def test_order_of_elements(docs, name):
    doc = docs[name]
    kinds = []
    for p in doc.paragraphs:
        if not p.text.strip():
            continue
        kind = {"header-left": "header", "header-right": "header", "footer-left": "footer",
                "footer-right": "footer"}.get(p.where)
        if kind is None:
            kind = "kinh_gui" if p.style_id in ("ND30KinhGui", "ND30KinhGuiMuc") else p.style_id
        if not kinds or kinds[-1] != kind:
            kinds.append(kind)
    kinds = [k for k in kinds if k != "ND30DuThao"]
    assert kinds == ["header", "kinh_gui", "ND30NoiDung", "footer"]


def test_noi_nhan(docs, name):
    doc = docs[name]
    left = _text(doc, "footer-left")
    assert left[0].text == "Nơi nhận:" and left[0].size_pt == 12 and left[0].bold and left[0].italic
    assert left[0].align in (None, "left", "start")
    items = [p for p in left if p.style_id == "ND30NoiNhan"]
    assert items[0].text.startswith("- Như trên")
    assert re.fullmatch(r"- Lưu: VT(,\s*[^()]+?(\s?\([^()]+\))?)?\.", items[-1].text), items[-1].text
    for p in items:
        assert p.size_pt == 11 and not p.bold and not p.italic and p.text.startswith("- ")
    for p in items[:-1]:
        assert p.text.endswith(";")
    for p in left:
        if p.style_id == "ND30KyHieuSoanThao":
            assert p.size_pt == 11 and re.fullmatch(r"[A-ZĐ]{1,6}\.\(\d+\)", p.text)
            assert left.index(p) == left.index(items[-1]) + 1


def test_signature_block_beside_noi_nhan(docs, name):
    doc = docs[name]
    footer = doc.tables()[-1]
    rows = footer.findall("w:tr", NS)
    assert len(rows) == 1 and rows[0].find("w:trPr/w:cantSplit", NS) is not None
    right = [p for p in doc.paragraphs if p.where == "footer-right"]
    titles = [p for p in right if p.style_id == "ND30QuyenHan"]
    name_para = right[-1]
    assert titles and all(p.text == p.text.upper() and p.bold and 13 <= p.size_pt <= 14 for p in titles)
    assert all(p.align == "center" for p in right if p.text)
    assert re.match(r"^(TM\.|KT\.|Q\.|TL\.|TUQ\.)? ?[A-ZĐÀ-Ỹ ,\-]+$", titles[0].text)
    assert name_para.bold and 13 <= name_para.size_pt <= 14 and name_para.text != name_para.text.upper()
    gap = [p for p in right if p.style_id == "ND30ChuKy"]
    assert gap and gap[0].spacing.get("lineRule") == "exact" and int(gap[0].spacing["line"]) >= 36 * 20


def test_page_number_from_page_two(docs, name):
    doc = docs[name]
    sect = doc.sect()
    assert sect.find("w:titlePg", NS) is not None
    refs = {r.get(q("type")): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in sect.findall("w:headerReference", NS)}
    rels = doc.part("word/_rels/document.xml.rels")
    target = {r.get("Id"): r.get("Target") for r in rels}
    default = doc.part("word/" + target[refs["default"]])
    first = doc.part("word/" + target[refs["first"]])
    instr = "".join(t.text or "" for t in default.iter(q("instrText")))
    assert instr.strip() == "PAGE"
    para = default.find("w:p", NS)
    style = para.find("w:pPr/w:pStyle", NS).get(q("val"))
    style_el = doc.styles[style]
    assert style_el.find("w:pPr/w:jc", NS).get(q("val")) == "center"
    assert 26 <= int(style_el.find("w:rPr/w:sz", NS).get(q("val"))) <= 28
    assert not list(first.iter(q("instrText"))), "page 1 shows no number"


def test_layout_tables_fixed_and_borderless(docs, name):
    for table in docs[name].tables():
        assert table.find("w:tblPr/w:tblLayout", NS).get(q("type")) == "fixed"
        assert table.findall("w:tblGrid/w:gridCol", NS)
        for border in table.find("w:tblPr/w:tblBorders", NS):
            assert border.get(q("val")) in ("nil", "none")
