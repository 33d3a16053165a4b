"""The Biên bản (Mẫu 1.9) and its Phụ lục (Mẫu 2.1): every example read back against the decree's own template.

Mẫu 1.9 (../shared/realdocs/vbp__Phuluc3.docx): header ô 2 + "Số: …/BB-…" | Quốc hiệu, Tiêu ngữ, and no ô 4;
"BIÊN BẢN" and the tên cuộc họp (14, đậm) with a rule; the opening facts in the Mẫu's order; the closing
line; THƯ KÝ (left) and CHỦ TỌA (right) side by side, "Nơi nhận:" under the thư ký ending "- Lưu: VT, Hồ sơ.".
Mẫu 2.1 / PL1 III.1: each Phụ lục from a new page, "Phụ lục" (I, II … when several) in thường 14 đậm, its
title in hoa đậm, "(Kèm theo … số … ngày … của …)" nghiêng, a short rule, the body; "./." at the end.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docx_read import NS, Docx, q
from draftgen.cli import main
from draftgen.errors import InputError
from draftgen.load import load_yaml_text
from draftgen.pipeline import render_letter, validate_letter

from .helpers import main_body, pdf_text, render_examples, to_pdf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "bien-ban").glob("*.yaml"))
KEM_THEO = "Biên bản số {so}/BB-UBND ngày {ngay} của Ủy ban nhân dân xã Hòa Phú"
EXPECTED = {  # example → Số line, chủ tọa's lines, thư ký, chủ tọa, closing word, Phụ lục (label, title), Kèm theo
    "hop-trien-khai-968-xa-hoa-phu-2025.yaml": (
        "Số: 12/BB-UBND", ["CHỦ TỌA", "CHỦ TỊCH"], "Lê Thị Hoa", "Trần Văn Bình", "Cuộc họp",
        [("Phụ lục", "DANH SÁCH NHIỆM VỤ GIAO CÁC PHÒNG, ĐƠN VỊ VÀ THÔN, BUÔN")],
        KEM_THEO.format(so="12", ngay="18 tháng 9 năm 2025")),
    "du-thao-hoi-nghi-doi-thoai-xa-hoa-phu-2025.yaml": (
        "Số:        /BB-UBND", ["CHỦ TỌA"], "Lê Thị Hoa", "Nguyễn Thị Lan", "Hội nghị",
        [("Phụ lục I", "TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA NGƯỜI DÂN, DOANH NGHIỆP TẠI HỘI NGHỊ"),
         ("Phụ lục II", "CÁC KIẾN NGHỊ VƯỢT THẨM QUYỀN CỦA UBND XÃ")],
        KEM_THEO.format(so=" " * 8, ngay=" " * 8 + " tháng 10 năm 2025")),  # a draft: blanks
}
LABELS = ["Thời gian bắt đầu:", "Địa điểm:", "Thành phần tham dự:", "Chủ trì (chủ tọa):",
          "Thư ký (người ghi biên bản):", "Nội dung (theo diễn biến "]
MM = 1440 / 25.4
TEXT_WIDTH = 11906 - round(30 * MM) - round(15 * MM)


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return render_examples(EXAMPLES)


def _main_body(doc: Docx) -> list:
    """The body paragraphs of the Biên bản itself (before the signature table), without marks and rules."""
    return main_body(doc)


def _cell_texts(tc) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(q("t"))) for p in tc.findall("w:p", NS)]


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in EXAMPLES) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header_has_the_so_under_the_issuer_and_no_date_line(rendered, name: str) -> None:
    doc = Docx(rendered[name])
    header = doc.tables()[0]
    assert len(header.findall("w:tr", NS)) == 1  # Mẫu 1.9: one row, ô 2 + Số | Quốc hiệu, Tiêu ngữ
    left = [p for p in doc.paragraphs if p.where == "header-left" and p.text]
    right = [p for p in doc.paragraphs if p.where == "header-right" and p.text]
    assert [p.text for p in left][-1] == EXPECTED[name][0]
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert not any(re.search(r"ngày .* tháng .* năm", p.text) for p in doc.paragraphs if p.where.startswith("header"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ten_loai_and_the_meeting_name_under_it(rendered, name: str) -> None:
    doc = Docx(rendered[name])
    first, second = _main_body(doc)[:2]
    assert first.text == "BIÊN BẢN" and first.bold and first.size_pt == 14 and first.align == "center"
    assert second.style_name == "ND30 Trích yếu" and second.bold and not second.italic and second.size_pt == 14
    assert second.align == "center" and not second.text.endswith(".")
    rule = doc.paragraphs[doc.index(second) + 1]
    assert rule.text == "" and "bottom" in rule.borders
    length = TEXT_WIDTH - rule.ind.get("left", 0) - rule.ind.get("right", 0)
    assert TEXT_WIDTH / 3 - 30 <= length <= TEXT_WIDTH / 2 + 30
    assert abs(rule.ind.get("left", 0) - rule.ind.get("right", 0)) <= 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_opening_facts_in_the_order_of_the_mau(rendered, name: str) -> None:
    body = _main_body(Docx(rendered[name]))[2:]
    texts = [p.text for p in body]
    at = [next(i for i, t in enumerate(texts) if t.startswith(label)) for label in LABELS]
    assert at == sorted(at) and at[0] == 0, texts[:12]
    assert re.fullmatch(r"Thời gian bắt đầu: [\d ]+ giờ [\d ]+ phút, ngày [\d ]+ tháng \d+ năm \d{4}\.", texts[0])
    assert texts[at[4]].startswith("Thư ký (người ghi biên bản): ") and EXPECTED[name][2] in texts[at[4]]
    assert EXPECTED[name][3] in texts[at[3]]
    assert texts[at[5]] == f"Nội dung (theo diễn biến {EXPECTED[name][4].lower()}):"
    members = texts[at[2]:at[3]]  # one line, or the label and "- …;" lines, the last ending "."
    assert len(members) == 1 and members[0].endswith(".") or (
        all(m.startswith("- ") and m.endswith(";") for m in members[1:-1]) and members[-1].endswith("."))
    for p in body:  # the Mẫu sets them as the body: 14, justified, first line indented 1 cm
        assert p.style_name == "ND30 Nội dung" and p.size_pt == 14 and p.align == "both"
        assert p.ind.get("firstLine") == 567 and not p.bold


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_closing_line_ends_the_body(rendered, name: str) -> None:
    last = _main_body(Docx(rendered[name]))[-1].text
    word = EXPECTED[name][4]
    pattern = rf"{word} kết thúc vào [\d ]+ giờ [\d ]+ phút, ngày [\d ]+ tháng \d+ năm \d{{4}}\./\."
    assert re.fullmatch(pattern, last), last


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_thu_ky_left_chu_toa_right_in_one_row_that_does_not_split(rendered, name: str) -> None:
    doc = Docx(rendered[name])
    _, titles, thu_ky, chu_toa, _, _, _ = EXPECTED[name]
    table = doc.tables()[1]
    rows = table.findall("w:tr", NS)
    first = rows[0]
    assert first.find("w:trPr/w:cantSplit", NS) is not None
    left, right = first.findall("w:tc", NS)
    left_text, right_text = _cell_texts(left), _cell_texts(right)
    assert [t for t in right_text if t] == [*titles, chu_toa]
    assert [t for t in left_text if t] == ["THƯ KÝ", thu_ky]
    # the names stand level: as many paragraphs above each, the room for the signature between
    assert len(left_text) == len(right_text) and left_text.index(thu_ky) == right_text.index(chu_toa)
    for p in doc.paragraphs:
        if p.text in ("THƯ KÝ", "CHỦ TỌA", thu_ky, chu_toa) and p.where.startswith("footer"):
            assert p.bold and p.size_pt == 14 and p.align == "center"
    room = [p for p in doc.paragraphs if p.style_name == "ND30 Chữ ký"]
    assert len(room) == 2 and all(float(p.spacing["line"]) / 20 >= 36 for p in room)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_noi_nhan_under_the_thu_ky_ends_with_luu_ho_so(rendered, name: str) -> None:
    doc = Docx(rendered[name])
    second = doc.tables()[1].findall("w:tr", NS)[1]
    left = [t for t in _cell_texts(second.findall("w:tc", NS)[0]) if t]
    assert left[0] == "Nơi nhận:" and left[-1] == "- Lưu: VT, Hồ sơ."
    assert all(t.startswith("- ") and t.endswith(";") for t in left[1:-1]) and "- Như trên;" not in left
    label = next(p for p in doc.paragraphs if p.text == "Nơi nhận:")
    assert label.bold and label.italic and label.size_pt == 12
    assert all(p.size_pt == 11 for p in doc.paragraphs if p.style_name == "ND30 Nơi nhận" and p.text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_phu_luc_from_a_new_page_with_heading_title_and_kem_theo(rendered, name: str) -> None:
    doc = Docx(rendered[name])
    expected, kem_theo = EXPECTED[name][5], EXPECTED[name][6]
    labels = [p for p in doc.paragraphs if p.style_name == "ND30 Phụ lục (số)"]
    assert [p.text for p in labels] == [label for label, _ in expected]
    body = list(doc.document.find("w:body", NS))
    signatures = body.index(doc.tables()[1])
    for p, (_, title) in zip(labels, expected, strict=True):
        assert p.element.find("w:pPr/w:pageBreakBefore", NS) is not None
        assert body.index(p.element) > signatures
        assert p.bold and not p.italic and p.size_pt == 14 and p.align == "center"
        heading, line, rule = doc.paragraphs[doc.index(p) + 1: doc.index(p) + 4]
        assert heading.text == title and heading.bold and heading.align == "center" and heading.size_pt in (13, 14)
        assert line.text == f"(Kèm theo {kem_theo})"
        assert line.italic and not line.bold and line.align == "center" and line.size_pt in (13, 14)
        assert rule.text == "" and "bottom" in rule.borders
    # every Phụ lục ends with "./." (under a final table: on its own line, at the right)
    ends = []
    for k, p in enumerate(labels):
        stop = doc.index(labels[k + 1]) if k + 1 < len(labels) else len(doc.paragraphs)
        ends.append([x for x in doc.paragraphs[doc.index(p):stop] if x.where == "body" and x.text][-1])
    assert all(x.text.endswith("./.") for x in ends), [x.text for x in ends]


def test_phu_luc_table_is_bordered_with_a_repeated_header_row(rendered) -> None:
    doc = Docx(rendered["hop-trien-khai-968-xa-hoa-phu-2025.yaml"])
    table = doc.tables()[2]
    assert table.find("w:tblPr/w:tblBorders/w:insideH", NS).get(q("val")) == "single"
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert _cell_texts(rows[0].findall("w:tc", NS)[0]) == ["STT"] and len(rows) == 5
    widths = [int(g.get(q("w"))) for g in table.findall("w:tblGrid/w:gridCol", NS)]
    assert abs(sum(widths) - TEXT_WIDTH) <= 2


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_draftgen_check_finds_no_error(tmp_path, rendered, name: str) -> None:
    out = tmp_path / name.replace(".yaml", ".docx")
    out.write_bytes(rendered[name])
    result = CliRunner().invoke(main, ["check", "--json", str(out)])
    findings = json.loads(result.output)["files"][0]["findings"]
    # Mẫu 1.9 has no ô 4 (địa danh, ngày tháng): the checker knows it (check.families.bien_ban.no_date)
    assert not [f for f in findings if f["severity"] == "error"], findings
    assert result.exit_code == 0, result.output


BASE_FILE = ROOT / "examples" / "bien-ban" / "hop-trien-khai-968-xa-hoa-phu-2025.yaml"
BASE = BASE_FILE.read_text(encoding="utf-8")


def _validate(text: str):
    """Validate a variant of the base example as if it were the file (its parents are relative to it)."""
    return validate_letter(load_yaml_text(text, source=str(BASE_FILE)))


@pytest.mark.parametrize("old, new, field, words", [
    ('gio_bat_dau: "08:00"', 'gio_bat_dau: "25:00"', "gio_bat_dau", "không có thật"),
    ('gio_bat_dau: "08:00"', "gio_bat_dau: tám giờ", "gio_bat_dau", "không đúng dạng"),
    ('gio_ket_thuc: "10:30"', 'gio_ket_thuc: "07:30"', "gio_ket_thuc", "không sau giờ bắt đầu"),
    ("chu_tri: Ông Trần Văn Bình", "chu_tri: Ông Trần Văn Bính", "chu_tri", "Trần Văn Bình"),
    ("  gioi_thieu: Bà Lê Thị Hoa,", "  gioi_thieu: Bà Lê Thị Hòa,", "thu_ky", "Lê Thị Hoa"),
    ("thu_ky:\n  ho_ten: Lê Thị Hoa", "thu_ky:\n  ho_ten: LÊ THỊ HOA", "thu_ky.ho_ten", "chữ thường"),
    ("trich_yeu: Họp triển khai", "trich_yeu: Biên bản họp triển khai", "trich_yeu", "Biên bản"),
    ("hinh_thuc", "hinh_thuc", None, None),  # placeholder row replaced below (no hinh_thuc in BASE)
    ("theo Phụ lục kèm theo", "theo danh sách kèm theo", "phu_luc", "chưa nhắc đến 'Phụ lục'"),
    ("  - tieu_de: Danh sách", "  - tieu_de: Phụ lục danh sách", "phu_luc.0.tieu_de", "Không ghi 'Phụ lục"),
    ("          - Trước 30/9/2025\n", "", "phu_luc.0.bang", "có 2 ô"),
    ("dia_diem: Hội trường", "dia_diem_hop: Hội trường", "dia_diem_hop", "không có trong mẫu"),
    ("noi_nhan:\n", "nhu_tren: thực hiện\nnoi_nhan:\n", "nhu_tren", "Như trên"),
    # two appendices are "Phụ lục I", "Phụ lục II": the body's "Phụ lục kèm theo" no longer names them
    ("\nnoi_nhan:", "\n  - tieu_de: Lịch họp giao ban\n    mo_dau: Thứ Hai hằng tuần.\nnoi_nhan:", "phu_luc",
     "'Phụ lục I'"),
])
def test_bad_input_names_the_field_and_line(old: str, new: str, field: str | None, words: str | None) -> None:
    if old == "hinh_thuc":
        old, new, field, words = "loai: bien_ban\n", "loai: bien_ban\nhinh_thuc: hop\n", "hinh_thuc", "cuoc_hop"
    assert old in BASE
    with pytest.raises(InputError) as info:
        _validate(BASE.replace(old, new, 1))
    problem = next((p for p in info.value.problems if words in p.message), info.value.problems[0])
    assert words in problem.message, problem
    assert problem.line is not None, problem
    if field:
        assert problem.field == field.replace(".0.", "[0].").replace(".0", "[0]"), problem


@pytest.mark.parametrize("written, shown", [("8:30", "08 giờ 30 phút"), ("8h30", "08 giờ 30 phút"),
                                            ("7 giờ", "07 giờ 00 phút"), ('"08:00"', "08 giờ 00 phút")])
def test_clock_as_a_clerk_writes_it(written: str, shown: str) -> None:
    # unquoted 8:30 is the base-60 integer 510 in YAML 1.1: read back as 08:30
    text = BASE.replace('gio_bat_dau: "08:00"', f"gio_bat_dau: {written}", 1)
    doc = Docx(render_letter(_validate(text)))
    assert any(p.text.startswith(f"Thời gian bắt đầu: {shown}, ngày 18 tháng 9 năm 2025") for p in doc.paragraphs)


def test_without_phu_luc_no_appendix_and_no_page_break() -> None:
    text = BASE[:BASE.index("phu_luc:")] + BASE[BASE.index("noi_nhan:"):]
    text = text.replace("theo Phụ lục kèm theo Biên bản này", "như sau")
    doc = Docx(render_letter(_validate(text)))
    assert not [p for p in doc.paragraphs if p.style_name and p.style_name.startswith("ND30 Phụ lục")]
    assert doc.document.find(".//w:pageBreakBefore", NS) is None


def test_template_uses_only_the_view_model() -> None:
    from docxtpl import DocxTemplate

    from draftgen.doctypes.bien_ban import BienBanDraft
    from draftgen.render import jinja_environment

    used = DocxTemplate(str(ROOT / "templates" / "bien-ban.docx")).get_undeclared_template_variables(
        jinja_env=jinja_environment())
    known = set(BienBanDraft.__dataclass_fields__) | {"issuer_rule_xml", "do_mat_xml", "do_khan_xml",
                                                       "trich_yeu_rule_xml"}
    assert used <= known, used - known


@pytest.mark.libreoffice
def test_libreoffice_opens_every_example_and_each_phu_luc_starts_a_page(tmp_path, rendered) -> None:
    pdfs = to_pdf(tmp_path, rendered)
    for name in rendered:
        text = pdf_text(pdfs[name])
        for word in ("BIÊN BẢN", "THƯ KÝ", "CHỦ TỌA", "Lưu: VT, Hồ sơ."):
            assert word in text, (name, word)
        pages = text.split("\f")
        for label, _ in EXPECTED[name][5]:  # the label is the first line of its page (after the page number)
            page = next(pg for pg in pages if re.search(rf"^\s*{label}\s*$", pg, re.MULTILINE))
            lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
            assert lines[0].isdigit() and lines[1] == label, lines[:3]
