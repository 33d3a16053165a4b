"""The Phụ lục (Mẫu 2.1) attached to any type: every family's layout carries it, read back from the DOCX.

Mẫu 2.1 / PL1 III.1: each Phụ lục from a new page after the signature; "Phụ lục" (I, II … when several) in
thường 14 đứng đậm, centred; its title in hoa 13–14 đậm, centred; "(Kèm theo <tên loại> số …/… ngày … của …)"
in thường 13–14 nghiêng, centred; a short rule; its body (paragraphs, a table); "./." at the end. The text of
the document points to each Phụ lục (PL1 III.1.a).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docx_read import NS, Docx, element_text, q
from draftgen.cli import main
from draftgen.errors import InputError
from draftgen.load import load_yaml_text
from draftgen.pipeline import render_letter, validate_letter

from .helpers import pdf_text, render_examples, to_pdf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "phu-luc" / "cong-van-so-noi-vu-2025.yaml"
KEM_THEO = "(Kèm theo Công văn số 215/SNV-VP ngày 15 tháng 8 năm 2025 của Sở Nội vụ)"
TITLES = [("Phụ lục I", "CHỮ VIẾT TẮT TÊN LOẠI VĂN BẢN HÀNH CHÍNH THƯỜNG DÙNG Ở CẤP XÃ"),
          ("Phụ lục II", "VÍ DỤ TRÌNH BÀY TÊN CƠ QUAN BAN HÀNH VÀ ĐỊA DANH CẤP XÃ")]
TNR = {"ascii": "Times New Roman", "hAnsi": "Times New Roman", "eastAsia": "Times New Roman",
       "cs": "Times New Roman"}
MM = 1440 / 25.4
TEXT_WIDTH = 11906 - round(30 * MM) - round(15 * MM)

# One example of each family, a sentence of it that is made to point to the Phụ lục, and the line naming it.
APPENDIX = "\nphu_luc:\n  - tieu_de: Danh sách kèm theo\n    mo_dau: [Dòng thứ nhất., Dòng thứ hai.]\n"
VARIANTS = {
    "cong_van": ("xa-hoa-phu-2026.yaml", "nghiêm túc thực hiện.",
                 "(Kèm theo Công văn số 07/UBND-VP ngày 05 tháng 02 năm 2026 của Ủy ban nhân dân xã Hòa Phú)"),
    "co_ten_loai": ("co-ten-loai/ke-hoach-xa-hoa-phu-2025.yaml", "Kế hoạch thực hiện như sau:",
                    "(Kèm theo Kế hoạch số 15/KH-UBND ngày 20 tháng 9 năm 2025 của Ủy ban nhân dân xã Hòa Phú)"),
    "quyet_dinh": ("quyet-dinh/quyet-dinh-ban-chi-dao-dak-lak-2025.yaml", "có hiệu lực kể từ ngày ký.",
                   "(Kèm theo Quyết định số 156/QĐ-UBND ngày 20 tháng 10 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh "
                   "Đắk Lắk)"),  # as the decision's own Mẫu 1.3 line: the head whose authority it is
    "mau_rieng": ("mau-rieng/giay-moi-dak-lak-2025.yaml", "đúng thành phần, thời gian.",
                  "(Kèm theo Giấy mời số 125/GM-UBND ngày 14 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh Đắk Lắk)"),
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return render_examples([EXAMPLE])


def _labels(doc: Docx) -> list:
    return [p for p in doc.paragraphs if p.style_name == "ND30 Phụ lục (số)"]


def test_each_phu_luc_starts_a_page_after_the_signature_with_its_heading(rendered) -> None:
    doc = Docx(rendered[EXAMPLE.name])
    labels = _labels(doc)
    assert [p.text for p in labels] == [label for label, _ in TITLES]
    body = list(doc.document.find("w:body", NS))
    signature = body.index(doc.tables()[1])  # the Nơi nhận | signature table of the Công văn
    assert "Nơi nhận:" in "".join(t.text or "" for t in doc.tables()[1].iter(q("t")))
    for p, (_, title) in zip(labels, TITLES, strict=True):
        assert p.element.find("w:pPr/w:pageBreakBefore", NS) is not None
        assert body.index(p.element) > signature
        assert p.bold and not p.italic and p.size_pt == 14 and p.align == "center" and p.fonts == TNR
        heading, line, rule = doc.paragraphs[doc.index(p) + 1: doc.index(p) + 4]
        assert heading.text == title and heading.style_name == "ND30 Phụ lục (tên)"
        assert heading.bold and not heading.italic and heading.align == "center" and heading.size_pt in (13, 14)
        assert line.text == KEM_THEO and line.style_name == "ND30 Phụ lục (kèm theo)"
        assert line.italic and not line.bold and line.align == "center" and line.size_pt in (13, 14)
        assert line.fonts == TNR and heading.fonts == TNR
        assert rule.text == "" and "bottom" in rule.borders
        length = TEXT_WIDTH - rule.ind.get("left", 0) - rule.ind.get("right", 0)
        assert length < TEXT_WIDTH / 2 and abs(rule.ind.get("left", 0) - rule.ind.get("right", 0)) <= 1
    # the order: the letter's body, its signature, Phụ lục I, its table, Phụ lục II
    assert body.index(labels[0].element) < body.index(doc.tables()[2]) < body.index(labels[1].element)


def test_the_body_of_each_phu_luc_is_body_text_ending_with_the_end_mark(rendered) -> None:
    doc = Docx(rendered[EXAMPLE.name])
    labels = _labels(doc)
    for k, label in enumerate(labels):
        stop = doc.index(labels[k + 1]) if k + 1 < len(labels) else len(doc.paragraphs)
        texts = [p for p in doc.paragraphs[doc.index(label) + 4: stop] if p.where == "body" and p.text]
        own = [p for p in texts if p.style_name == "ND30 Nội dung"]
        assert own and all(p.size_pt == 14 and p.align == "both" and p.ind.get("firstLine") == 567 for p in own)
        assert texts[-1].text.endswith("./.") and texts[-1].text.count("./.") == 1
    body_end = [p for p in doc.paragraphs[:doc.index(labels[0])] if p.style_name == "ND30 Nội dung"][-1]
    assert body_end.text.endswith("./.")  # the letter's own end mark stays on its last paragraph


def test_the_table_of_phu_luc_i_is_bordered_full_width_with_stt(rendered) -> None:
    doc = Docx(rendered[EXAMPLE.name])
    table = doc.tables()[2]
    assert table.find("w:tblPr/w:tblBorders/w:insideH", NS).get(q("val")) == "single"
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None and len(rows) == 8
    header = ["".join(t.text or "" for t in tc.iter(q("t"))) for tc in rows[0].findall("w:tc", NS)]
    assert header == ["STT", "Tên loại văn bản", "Chữ viết tắt", "Ví dụ số, ký hiệu"]
    assert element_text(rows[5]) == "5Tờ trìnhTTr05/TTr-UBND"  # the ký hiệu's hyphen: a no-break hyphen
    widths = [int(g.get(q("w"))) for g in table.findall("w:tblGrid/w:gridCol", NS)]
    assert abs(sum(widths) - TEXT_WIDTH) <= 2


def test_draftgen_check_finds_no_error_and_no_warning(tmp_path, rendered) -> None:
    out = tmp_path / "the-thuc.docx"
    out.write_bytes(rendered[EXAMPLE.name])
    result = CliRunner().invoke(main, ["check", "--json", str(out)])
    entry = json.loads(result.output)["files"][0]
    assert entry["findings"] == [] and result.exit_code == 0, entry


@pytest.mark.libreoffice
def test_libreoffice_opens_it_and_each_phu_luc_heads_its_page(tmp_path, rendered) -> None:
    pdf = to_pdf(tmp_path, rendered)[EXAMPLE.name]
    pages = pdf_text(pdf).split("\f")
    assert "Kính gửi: Ủy ban nhân dân các xã, phường" in pages[0] and "Nơi nhận:" in pages[0]
    for label, title in TITLES:
        page = next(pg for pg in pages if re.search(rf"^\s*{label}\s*$", pg, re.MULTILINE))
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        assert lines[0].isdigit() and lines[1] == label and lines[2].startswith(title[:20]), lines[:4]
        assert lines[0] == "1", lines[:2]  # PL1 III.1.đ: each Phụ lục numbered on its own, from 1


def _variant(family: str) -> str:
    name, sentence, _ = VARIANTS[family]
    text = (ROOT / "examples" / name).read_text(encoding="utf-8")
    assert text.count(sentence) == 1, sentence
    cited = sentence[:-1] + " (chi tiết tại Phụ lục kèm theo)" + sentence[-1]
    return text.replace(sentence, cited) + APPENDIX


@pytest.mark.parametrize("family", sorted(VARIANTS))
def test_every_family_carries_a_phu_luc_after_its_signature(tmp_path, family: str) -> None:
    name, _, kem_theo = VARIANTS[family]
    letter = validate_letter(load_yaml_text(_variant(family), source=str(ROOT / "examples" / name)))
    data = render_letter(letter)
    doc = Docx(data)
    (label,) = _labels(doc)
    assert label.text == "Phụ lục" and label.element.find("w:pPr/w:pageBreakBefore", NS) is not None
    body = list(doc.document.find("w:body", NS))
    signed = next(t for t in doc.tables() if "Nơi nhận:" in "".join(x.text or "" for x in t.iter(q("t"))))
    assert body.index(label.element) > body.index(signed)
    heading, line = doc.paragraphs[doc.index(label) + 1: doc.index(label) + 3]
    assert heading.text == "DANH SÁCH KÈM THEO" and line.italic
    assert line.text == kem_theo
    assert [p.text for p in doc.paragraphs[doc.index(line):] if p.where == "body" and p.text][-2:] == [
        "Dòng thứ nhất.", "Dòng thứ hai./."]
    out = tmp_path / "variant.docx"
    out.write_bytes(data)
    result = CliRunner().invoke(main, ["check", "--json", str(out)])
    assert json.loads(result.output)["files"][0]["findings"] == [], result.output


def test_a_phu_luc_the_text_does_not_name_is_refused_at_its_field_and_line() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("tại Phụ lục II kèm theo", "kèm theo")
    with pytest.raises(InputError) as info:
        validate_letter(load_yaml_text(text, source=str(EXAMPLE)))
    (problem,) = info.value.problems
    assert "'Phụ lục II'" in problem.message and problem.field == "phu_luc"
    assert problem.line == text.splitlines().index("phu_luc:") + 1


def test_without_phu_luc_a_cong_van_has_no_appendix_and_no_page_break() -> None:
    doc = Docx(render_letter(validate_letter(load_yaml_text(
        (ROOT / "examples" / "xa-hoa-phu-2026.yaml").read_text(encoding="utf-8")))))
    assert not [p for p in doc.paragraphs if p.style_name and p.style_name.startswith("ND30 Phụ lục")]
    assert doc.document.find(".//w:pageBreakBefore", NS) is None


# ---- draftgen check knows the Phụ lục heading (PL1 III.1.b-c) -------------------------------------------
def _mutated(data: bytes, text: str, change) -> bytes:
    import io

    from docx import Document

    doc = Document(io.BytesIO(data))
    paragraph = next(p for p in doc.paragraphs if p.text == text)
    for run in paragraph.runs:
        change(paragraph, run)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pt(size: float):
    from docx.shared import Pt

    return lambda paragraph, run: setattr(run.font, "size", Pt(size))


def _attr(name: str, value):
    return lambda paragraph, run: setattr(run.font, name, value)


def _centre_off(paragraph, run) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT


@pytest.mark.parametrize("text, change, rule", [
    ("Phụ lục I", _pt(12), "ND30-PHU-LUC-SO-SIZE"),
    ("Phụ lục II", _attr("italic", True), "ND30-PHU-LUC-SO-STYLE"),
    ("Phụ lục I", _centre_off, "ND30-PHU-LUC-SO-ALIGN"),
    (TITLES[0][1], _attr("bold", False), "ND30-PHU-LUC-TEN-STYLE"),
    (TITLES[1][1], _pt(11), "ND30-PHU-LUC-TEN-SIZE"),
    (KEM_THEO, _attr("italic", False), "ND30-PHU-LUC-KEM-THEO-STYLE"),
    (KEM_THEO, _pt(15), "ND30-PHU-LUC-KEM-THEO-SIZE"),
])
def test_a_misformatted_phu_luc_heading_is_flagged_by_exactly_its_rule(rendered, text, change, rule) -> None:
    from draftgen.check import check_bytes

    findings = check_bytes(_mutated(rendered[EXAMPLE.name], text, change))
    assert [f.rule for f in findings] == [rule], [(f.rule, f.message) for f in findings]


def test_a_title_in_lower_case_is_flagged() -> None:
    from draftgen.check import check_bytes

    data = render_examples([EXAMPLE])[EXAMPLE.name]
    title = TITLES[0][1]
    lowered = _mutated(data, title, lambda paragraph, run: setattr(run, "text", run.text.capitalize()))
    assert [f.rule for f in check_bytes(lowered)] == ["ND30-PHU-LUC-TEN-CASE"]


# ---- PL1 III.1.đ: "Số trang của Phụ lục được đánh số riêng theo từng Phụ lục" ----------------------------------
def _sections(doc: Docx) -> list:
    body = doc.document.find("w:body", NS)
    return [p.find("w:pPr/w:sectPr", NS) for p in body.findall("w:p", NS)
            if p.find("w:pPr/w:sectPr", NS) is not None] + [body.find("w:sectPr", NS)]


def test_each_phu_luc_is_a_section_whose_pages_restart_at_1(rendered) -> None:
    doc = Docx(rendered[EXAMPLE.name])
    own, *annexes = _sections(doc)
    assert len(annexes) == len(TITLES)
    # the document's own section: numbers from page 2 (a different first page, ô 13 in its footer), no restart
    assert own.find("w:titlePg", NS) is not None and own.find("w:pgNumType", NS) is None
    for sect in annexes:
        assert sect.find("w:pgNumType", NS).get(q("start")) == "1"
        assert sect.find("w:titlePg", NS) is None  # numbered from its first page: no first-page footer (ô 13)
        size = sect.find("w:pgSz", NS)
        assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
        rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        refs = {r.get(q("type")): r.get(rel) for r in sect.findall("w:headerReference", NS)}
        assert refs["default"] == "rIdHeaderDefault"  # the PAGE field
    # each section ends where the next Phụ lục begins: its "Phụ lục" line is the first paragraph after the break
    body = list(doc.document.find("w:body", NS))
    breaks = [body.index(s.getparent().getparent()) for s in _sections(doc)[:-1]]
    labels = [body.index(p.element) for p in _labels(doc)]
    assert [b + 1 for b in breaks] == labels


def test_a_document_without_phu_luc_keeps_one_section_numbered_from_page_2() -> None:
    doc = Docx(render_letter(validate_letter(load_yaml_text(
        (ROOT / "examples" / "xa-hoa-phu-2026.yaml").read_text(encoding="utf-8")))))
    (sect,) = _sections(doc)
    assert sect.find("w:titlePg", NS) is not None and sect.find("w:pgNumType", NS) is None


def test_the_templates_hidden_tags_leave_no_comment_in_the_document(rendered) -> None:
    import io
    import zipfile

    for data in (rendered[EXAMPLE.name], render_letter(validate_letter(load_yaml_text(
            (ROOT / "examples" / "xa-hoa-phu-2026.yaml").read_text(encoding="utf-8"))))):
        assert b"<!--" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    template = zipfile.ZipFile(ROOT / "templates" / "cong-van.docx").read("word/document.xml").decode("utf-8")
    assert "<!--{% if not phu_luc %}--><w:titlePg/><!--{% endif %}-->" in template
