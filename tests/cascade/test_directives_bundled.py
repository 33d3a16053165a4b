"""The bundled parents of every kind, from real documents: Chỉ thị 11/CT-TTg (sections I., II., III., OCR text
and a Word-made DOCX) and Quyết định 729/QĐ-TTg (Điều); the examples that carry their clauses down one level."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from draftgen.check import check_bytes
from draftgen.directives import BUNDLED_DIR, Library
from draftgen.directives_clauses import normalise_clause_id
from draftgen.directives_import import Given, import_file
from draftgen.load import load_yaml_file
from draftgen.nd30.lettering import point_letter
from draftgen.pipeline import load_letter, render_letter

from .helpers import FIXTURES, ROOT

CT11_OCR = FIXTURES / "realdocs" / "chi-thi-11-CT-TTg-2020.ocr.md"
CT11_FIXES = BUNDLED_DIR / "corrections-11-CT-TTg.yaml"
QD729_TEXT = FIXTURES / "realdocs" / "quyet-dinh-729-QD-TTg-2026.txt"


@pytest.fixture(scope="module")
def ct11():
    return Library().get("11/CT-TTg")


@pytest.fixture(scope="module")
def qd729():
    return Library().get("729/QĐ-TTg")


def clause_table(directive):
    return [(c.id, c.text, c.extra) for c in directive.clauses()]


def test_every_correction_still_matches_the_ocr_text():
    text = CT11_OCR.read_text(encoding="utf-8")
    entries = load_yaml_file(CT11_FIXES).data["sua_loi"]
    assert len(entries) > 100
    for entry in entries:
        assert entry["sai"] in text and entry["ly_do"] and entry["noi"], entry


def test_ocr_text_with_its_corrections_gives_the_bundled_chi_thi(ct11):
    result = import_file(CT11_OCR, corrections=CT11_FIXES, given=Given(so="11/CT-TTg", ngay="04/3/2020"),
                         blank_lines=True)
    got = result.directive
    assert result.origins["so"] == result.origins["ngay"] == "dong_lenh" and result.origins["loai"] == "van_ban"
    assert clause_table(got) == clause_table(ct11)
    assert (got.mo_dau, got.ket_thuc, got.noi_nhan, got.luu) == (ct11.mo_dau, ct11.ket_thuc, ct11.noi_nhan, ct11.luu)
    assert got.trich_yeu == ct11.trich_yeu and got.nguoi_ky.ho_ten == "Nguyễn Xuân Phúc"


def test_chi_thi_sections_items_and_points(ct11):
    ids = [c.id for c in ct11.clauses()]
    assert [i for i in ids if "." not in i] == ["I", "II", "III"]
    assert [i for i in ids if i.startswith("II.4.")] == ["II.4.a", "II.4.b", "II.4.c", "II.4.d", "II.4.đ"]
    assert len(ids) == 3 + 13 + 23
    assert ct11.clause("I").text == "TINH THẦN CHỈ ĐẠO HÀNH ĐỘNG"
    assert ct11.clause("I.2").text.endswith("theo Kết luận của Trung ương và các Nghị quyết của Quốc hội, Chính phủ.")
    assert ct11.clause("II.1.a").text == "Ngân hàng Nhà nước Việt Nam:"
    assert ct11.clause("II.1.a").extra[1].endswith("báo cáo Thủ tướng Chính phủ trong tháng 3 năm 2019.")
    assert ct11.clause("II.4.d").text.startswith("Bộ Tài chính chủ trì, phối hợp với Bộ Văn hóa")
    assert ct11.clause("III.3").text.endswith("những vấn đề phát sinh.")
    assert ct11.ket_thuc[0].endswith("có giải pháp, đối sách phù hợp, kịp thời")
    assert ct11.reference(full=True).startswith(
        "Chỉ thị số 11/CT-TTg ngày 04/3/2020 của Thủ tướng Chính phủ về các nhiệm vụ, giải pháp cấp bách")


def _word_docx(ct11) -> bytes:
    """The Chỉ thị as a clerk's Word file: a header table, direct formatting on every run (bold tên loại and
    sections, italic, 13/14 pt), runs split inside words, a tab, one paragraph per paragraph."""
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "THỦ TƯỚNG CHÍNH PHỦ"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 11/CT-TTg"
    table.cell(1, 1).text = "Hà Nội, ngày 04 tháng 3 năm 2020"

    def para(text: str, *, bold: bool = False, center: bool = False) -> None:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
        cut = max(1, len(text) // 3)
        for n, piece in enumerate((text[:cut], text[cut:cut + 7], text[cut + 7:])):
            run = p.add_run(piece)
            run.bold, run.italic = bold, n == 1
            run.font.size = Pt(14 if n != 1 else 13)
            run.font.name = "Times New Roman"

    para("CHỈ THỊ", bold=True, center=True)
    para(ct11.trich_yeu, bold=True, center=True)
    for text in ct11.mo_dau:
        para(text)
    for section in ct11.phan:
        para(f"{section.so}. {section.tieu_de}", bold=True)
        for item in section.muc:
            para(f"{item.id}. {item.noi_dung}", bold=bool(item.diem))
            for extra in item.them:
                para(extra)
            for j, point in enumerate(item.diem):
                para(f"{point_letter(j)})\t{point.noi_dung}")
                for extra in point.them:
                    para(extra)
    for text in ct11.ket_thuc:
        para(text + "./.")
    para("Nơi nhận:")
    for entry in ct11.noi_nhan:
        para(f"- {entry};")
    para(f"- Lưu: {ct11.luu}.")
    para("THỦ TƯỚNG", bold=True)
    para("Nguyễn Xuân Phúc", bold=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_word_made_docx_with_direct_formatting_gives_the_same_clauses(ct11, tmp_path):
    path = tmp_path / "chi-thi-11.docx"
    path.write_bytes(_word_docx(ct11))
    got = import_file(path).directive
    assert (got.id, got.loai, got.co_quan, got.cap) == ("11/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", "trung_uong")
    assert got.ngay.complete == ct11.ngay.complete and got.trich_yeu == ct11.trich_yeu
    assert [(c.id, c.text.replace("\t", " ")) for c in got.clauses()] == [(c.id, c.text) for c in ct11.clauses()]
    assert got.nguoi_ky.ho_ten == "Nguyễn Xuân Phúc"


def test_quyet_dinh_text_gives_the_bundled_quyet_dinh(qd729):
    got = import_file(QD729_TEXT).directive
    assert clause_table(got) == clause_table(qd729)
    assert [c.id for c in qd729.clauses()] == ["d1", "d2", "d3"]
    assert len(qd729.can_cu) == 3 and qd729.theo_de_nghi.startswith("Xét đề nghị của Thường trực Hội đồng nhân dân")
    assert qd729.tham_quyen == ["THỦ TƯỚNG CHÍNH PHỦ"]
    assert (qd729.nguoi_ky.quyen_han, qd729.nguoi_ky.ho_ten) == ("KT", "Lê Minh Hưng")


def _body(name: str) -> tuple[list[str], bytes]:
    data = render_letter(load_letter(ROOT / "examples" / "cascade" / name))
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()], data


@pytest.mark.parametrize("name", ["tinh-dak-lak-11-ct-ttg-2020.yaml", "da-nang-729-qd-ttg-2026.yaml"])
def test_examples_pass_check_without_findings(name):
    _, data = _body(name)
    assert list(check_bytes(data, source=name)) == []


def test_chi_thi_example_carries_sections_down_to_the_province(ct11):
    paragraphs, _ = _body("tinh-dak-lak-11-ct-ttg-2020.yaml")
    opening = next(p for p in paragraphs if p.startswith("Thực hiện Chỉ thị"))
    assert opening.startswith("Thực hiện Chỉ thị số 11/CT-TTg ngày 04/3/2020 của Thủ tướng Chính phủ về các nhiệm vụ,")
    assert opening.endswith(", Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, "
                            "thị xã, thành phố:")
    item1 = next(p for p in paragraphs if p.startswith("1. "))
    assert item1.endswith("theo Nghị quyết của Hội đồng nhân dân tỉnh.")
    point_a = next(p for p in paragraphs if p.startswith("a) "))
    assert point_a.startswith("a) Các sở, ban, ngành, địa phương khẩn trương")
    refer = next(p for p in paragraphs if p.startswith("3. "))
    assert refer == "3. Thực hiện nghiêm nội dung tại mục III.1 Chỉ thị số 11/CT-TTg."
    assert normalise_clause_id(refer.split(" tại ")[1].split(" Chỉ thị")[0]) == "III.1"


def test_quyet_dinh_example_cites_its_dieu(qd729):
    paragraphs, _ = _body("da-nang-729-qd-ttg-2026.yaml")
    assert paragraphs[3].startswith("Thực hiện Quyết định số 729/QĐ-TTg ngày 23/4/2026 của Thủ tướng Chính phủ phê "
                                    "chuẩn kết quả bầu chức vụ Chủ tịch")
    assert any(p.endswith("theo phê chuẩn tại Điều 1 Quyết định số 729/QĐ-TTg.") for p in paragraphs)
    assert "2. Quyết định số 729/QĐ-TTg có hiệu lực thi hành kể từ ngày ký ban hành." in paragraphs
    assert any(p.endswith("theo nội dung tại Điều 3 Quyết định số 729/QĐ-TTg.") for p in paragraphs)
