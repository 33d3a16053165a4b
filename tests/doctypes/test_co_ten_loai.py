"""The Mẫu 1.4 family (văn bản có tên loại): every example read back for its own elements and the shared rules.

Spec: ../shared/nd30/spec.md §4.5 (tên loại 13–14 in hoa đậm, trích yếu under it 13–14 đậm, rule 1/3–1/2),
§4.6 (Mục "I." in hoa đậm, items 1., points a)), doc_types.md §1 (ký hiệu <LOẠI>-<CQ>, Kính gửi only for a
Báo cáo or Tờ trình sent upward).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docx_read import Docx
from draftgen.cli import main
from draftgen.errors import InputError
from draftgen.load import load_yaml_text
from draftgen.pipeline import render_letter, validate_letter

from .helpers import pdf_text, render_examples, to_pdf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "co-ten-loai").glob("*.yaml"))
EXPECTED = {  # example → (tên loại, ký hiệu of its Số line, has Kính gửi, Mục headings)
    "chi-thi-dak-lak-2025.yaml": ("CHỈ THỊ", "Số:        /CT-UBND", False, []),
    "ke-hoach-xa-hoa-phu-2025.yaml": ("KẾ HOẠCH", "Số: 15/KH-UBND", False,
                                      ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ, GIẢI PHÁP", "III. TỔ CHỨC THỰC HIỆN"]),
    "bao-cao-xa-hoa-phu-2025.yaml": ("BÁO CÁO", "Số: 42/BC-UBND", True,
                                     ["I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. KIẾN NGHỊ, ĐỀ XUẤT"]),
    "to-trinh-so-noi-vu-2026.yaml": ("TỜ TRÌNH", "Số: 09/TTr-SNV-VP", True,
                                     ["I. SỰ CẦN THIẾT BAN HÀNH", "II. NỘI DUNG CHÍNH CỦA DỰ THẢO KẾ HOẠCH"]),
    "thong-bao-xa-hoa-phu-2025.yaml": ("THÔNG BÁO", "Số: 18/TB-UBND", False, []),
    "huong-dan-so-noi-vu-2025.yaml": ("HƯỚNG DẪN", "Số: 03/HD-SNV", False,
                                      ["I. PHẠM VI, ĐỐI TƯỢNG", "II. NỘI DUNG THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN"]),
}
MM = 1440 / 25.4


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return render_examples(EXAMPLES)


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in EXAMPLES) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ten_loai_and_trich_yeu_under_it(rendered, name: str) -> None:
    doc = Docx(rendered[name])
    ten_loai, _, _, _ = EXPECTED[name]
    body = [p for p in doc.paragraphs if p.where == "body" and p.text.strip() and p.style_name != "ND30 Dự thảo"]
    first, second = body[0], body[1]
    assert first.text == ten_loai and first.style_name == "ND30 Tên loại"
    assert first.bold and first.size_pt in (13, 14) and first.align == "center" and first.text == first.text.upper()
    assert second.style_name == "ND30 Trích yếu" and second.bold and not second.italic
    assert second.size_pt in (13, 14) and second.align == "center"
    assert second.text[0].isupper() and not second.text.startswith("V/v") and not second.text.endswith(".")
    # the rule under the trích yếu: an empty paragraph with a bottom border, 1/3 to 1/2 of the text width
    paras = doc.paragraphs
    rule = paras[doc.index(second) + 1]
    assert rule.text == "" and "bottom" in rule.borders
    width = 11906 - round(30 * MM) - round(15 * MM)
    length = width - rule.ind.get("left", 0) - rule.ind.get("right", 0)
    # 1/3 to 1/2 of the trích yếu's line: a trích yếu that wraps (over ~70 letters at 14 pt) has a line as
    # long as the text width; a short one a shorter line, so only the upper bound holds for it
    assert length <= width / 2 + 30, (length, width)
    if len(second.text) > 75:
        assert length >= width / 3 - 30, (length, width)
    assert abs(rule.ind.get("left", 0) - rule.ind.get("right", 0)) <= 1  # centred
    # no V/v under the số in the header
    assert not any(p.text.startswith("V/v") for p in paras)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_so_ky_hieu_carries_the_type_abbreviation(rendered, name: str) -> None:
    doc = Docx(rendered[name])
    so = [p.text for p in doc.paragraphs if p.text.startswith("Số:")]
    assert so == [EXPECTED[name][1]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kinh_gui_and_nhu_tren_only_where_the_type_takes_them(rendered, name: str) -> None:
    doc = Docx(rendered[name])
    has_kinh_gui = EXPECTED[name][2]
    kinh_gui = [p for p in doc.paragraphs if p.text.startswith("Kính gửi")]
    noi_nhan = [p.text for p in doc.paragraphs if p.where == "footer-left" and p.text.startswith("- ")]
    assert bool(kinh_gui) == has_kinh_gui
    assert noi_nhan[0].startswith("- Như trên") == has_kinh_gui, noi_nhan
    assert noi_nhan[-1].startswith("- Lưu: VT") and noi_nhan[-1].endswith(".")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sections_items_points_and_end_mark(rendered, name: str) -> None:
    doc = Docx(rendered[name])
    headings = [p for p in doc.paragraphs if p.style_name == "ND30 Mục (số La Mã)"]
    assert [p.text for p in headings] == EXPECTED[name][3]
    for p in headings:
        assert p.bold and p.text == p.text.upper() and re.match(r"^[IVX]+\. ", p.text)
    content = [p for p in doc.paragraphs if p.style_name in ("ND30 Nội dung", "ND30 Mục (số La Mã)")]
    assert content[-1].text.endswith("./.")
    for p in content:
        if p.style_name == "ND30 Nội dung":
            assert p.align in ("both", "justify") and p.ind.get("firstLine") in (567, 720)
    # items restart at 1. in every Mục; points follow a) b) c) …
    numbers: list[int] = []
    for p in content:
        if p.style_name == "ND30 Mục (số La Mã)":
            numbers = []
        found = re.match(r"^(\d+)\. ", p.text)
        if found:
            numbers.append(int(found.group(1)))
            assert numbers == list(range(1, len(numbers) + 1)), numbers


def test_ke_hoach_carries_the_province_clauses_into_section_two(rendered) -> None:
    doc = Docx(rendered["ke-hoach-xa-hoa-phu-2025.yaml"])
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("II. NHIỆM VỤ, GIẢI PHÁP")
    assert texts[start + 1].startswith("1. Trưởng các phòng chuyên môn")  # the province's item 1, adapted
    assert texts[start + 2].startswith("a) ") and "UBND xã" in " ".join(texts[start:start + 6])
    assert texts[1 + texts.index("I. MỤC ĐÍCH, YÊU CẦU")].startswith("1. Quán triệt")
    opening = next(t for t in texts if t.startswith("Thực hiện"))
    assert "968/CĐ-TTg" in opening and opening.endswith("ban hành Kế hoạch thực hiện như sau:")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_example_passes_draftgen_check(tmp_path, rendered, name: str) -> None:
    out = tmp_path / name.replace(".yaml", ".docx")
    out.write_bytes(rendered[name])
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0, result.output
    assert "0 lỗi, 0 cảnh báo" in result.output, result.output


BASE = (ROOT / "examples" / "co-ten-loai" / "chi-thi-dak-lak-2025.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, field, words", [
    ("loai: chi_thi", "loai: chi_thiii", "loai", "chưa được hỗ trợ"),
    ("trich_yeu: Về tiếp tục", "trich_yeu: V/v tiếp tục", "trich_yeu", "công văn"),
    ("noi_dung:\n", "kinh_gui: UBND tỉnh\nnoi_dung:\n", None, "Kính gửi"),
    ("noi_dung:\n  mo_dau", "noi_dung:\n  phan: [{tieu_de: Một}]\n  mo_dau", "noi_dung", "không dùng cả hai"),
    ("nhà nước các cấp\nnoi_dung", "nhà nước các cấp.\nnoi_dung", "trich_yeu", "dấu chấm"),
])
def test_bad_input_names_the_field(old: str, new: str, field: str | None, words: str) -> None:
    assert old in BASE
    with pytest.raises(InputError) as info:
        validate_letter(load_yaml_text(BASE.replace(old, new, 1)))
    problem = info.value.problems[0]
    assert words in problem.message, problem
    if field:
        assert problem.field == field and problem.line is not None, problem


def test_every_type_of_the_family_renders() -> None:
    from draftgen.doctypes.registry import doc_types

    for key, doc_type in doc_types().items():
        if doc_type.family != "co_ten_loai":
            continue
        text = BASE.replace("loai: chi_thi", f"loai: {key}", 1)
        doc = Docx(render_letter(validate_letter(load_yaml_text(text))))
        body = [p.text for p in doc.paragraphs if p.where == "body" and p.text.strip() and p.text != "DỰ THẢO"]
        assert body[0] == doc_type.ten.upper()
        assert any(p.text.startswith(f"Số:        /{doc_type.viet_tat}-UBND") for p in doc.paragraphs), key


@pytest.mark.libreoffice
def test_libreoffice_opens_every_example(tmp_path, rendered) -> None:
    for name, pdf in to_pdf(tmp_path, rendered).items():
        assert EXPECTED[name][0] in pdf_text(pdf)


def test_ke_hoach_task_table(rendered) -> None:
    from docx_read import NS, q

    doc = Docx(rendered["ke-hoach-xa-hoa-phu-2025.yaml"])
    tables = doc.tables()
    data = [t for t in tables if (t.find("w:tblPr/w:tblBorders/w:insideV", NS) is not None
                                  and t.find("w:tblPr/w:tblBorders/w:insideV", NS).get(q("val")) == "single")]
    assert len(data) == 1
    table = data[0]
    rows = table.findall("w:tr", NS)
    cells = [["".join(x.text or "" for x in tc.iter(q("t"))) for tc in tr.findall("w:tc", NS)] for tr in rows]
    assert cells[0] == ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    assert [row[0] for row in cells[1:]] == ["1", "2", "3"]
    assert cells[2][1] == "Rà soát, công khai thủ tục hành chính"
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None  # the header repeats on every page
    assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in rows)
    widths = [int(c.get(q("w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert sum(widths) == 11906 - round(30 * MM) - round(15 * MM)  # the text width
    header_styles = {p.get(q("val")) for p in rows[0].iter(q("pStyle"))}
    assert header_styles == {"ND30BangTieuDe"}
    # the table stands after the items of section II, before section III
    texts = [p.text for p in doc.paragraphs]
    assert texts.index("4. Các nhiệm vụ cụ thể được phân công như sau:") < texts.index("III. TỔ CHỨC THỰC HIỆN")


def test_table_rows_must_match_the_columns() -> None:
    text = (ROOT / "examples" / "co-ten-loai" / "ke-hoach-xa-hoa-phu-2025.yaml").read_text(encoding="utf-8")
    bad = text.replace('"Các thôn, buôn"', "Các thôn, buôn", 1)
    with pytest.raises(InputError) as info:
        validate_letter(load_yaml_text(bad))
    problem = info.value.problems[0]
    assert problem.field == "noi_dung.phan[1].bang" and "có 5 ô, bảng có 4 cột" in problem.message
