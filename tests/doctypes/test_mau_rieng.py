"""The documents with their own form (family ``mau_rieng``): Công điện (Mẫu 1.6), Giấy mời (1.7), Giấy giới thiệu
(1.8), Giấy nghỉ phép (1.10). Every example read back for its Mẫu's own lines and the shared rules.

Spec: ../shared/nd30/doc_types.md §1 (CĐ, GM, GGT, GNP; "<Tên CQ> điện:" and "- <nơi nhận điện>;", "trân trọng
kính mời:" with Tới dự / Chủ trì / Thời gian / Địa điểm, "trân trọng giới thiệu:" with Nơi nhận "- Như trên; -
Lưu: VT."), spec.md §4.5 (tên loại 13–14 in hoa đậm, trích yếu đậm, rule 1/3–1/2), and the Mẫu themselves
(../shared/realdocs/vbp__Phuluc3.docx).
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
FOLDER = ROOT / "examples" / "mau-rieng"
EXAMPLES = sorted(FOLDER.glob("*.yaml"))
EXPECTED = {  # example → (tên loại, its Số line, the trích yếu under the tên loại or None)
    "cong-dien-968-ttg.yaml": ("CÔNG ĐIỆN", "Số: 968/CĐ-TTg", "Tiếp tục chấn chỉnh, tăng cường kỷ luật, kỷ cương "
                               "trong cơ quan hành chính nhà nước các cấp"),
    "cong-dien-dak-lak-mua-lu-2025.yaml": ("CÔNG ĐIỆN", "Số:        /CĐ-UBND",
                                           "Về việc chủ động ứng phó với mưa lớn, lũ quét, sạt lở đất"),
    "giay-moi-dak-lak-2025.yaml": ("GIẤY MỜI", "Số: 125/GM-UBND",
                                   "Dự Hội nghị triển khai Kế hoạch tăng cường kỷ luật, kỷ cương hành chính năm 2026"),
    "giay-gioi-thieu-so-noi-vu-2025.yaml": ("GIẤY GIỚI THIỆU", "Số: 48/GGT-SNV", None),
    "giay-nghi-phep-xa-hoa-phu-2026.yaml": ("GIẤY NGHỈ PHÉP", "Số: 03/GNP-UBND", None),
}
MM = 1440 / 25.4
WIDTH = 11906 - round(30 * MM) - round(15 * MM)
LINES = ("ND30 Đoạn đầu", "ND30 Dòng thông tin", "ND30 Nội dung")  # the body's own lines


@pytest.fixture(scope="module")
def docs() -> dict[str, Docx]:
    from draftgen.pipeline import load_letter

    return {p.name: Docx(render_letter(load_letter(p))) for p in EXAMPLES}


def _body(doc: Docx) -> list:
    return [p for p in doc.paragraphs if p.where == "body" and p.text.strip() and p.style_name != "ND30 Dự thảo"]


def _lines(doc: Docx) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style_name in LINES]


def _noi_nhan(doc: Docx) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style_name in ("ND30 Nơi nhận (nhãn)", "ND30 Nơi nhận")]


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in EXAMPLES) == sorted(EXPECTED)
    for path in EXAMPLES:  # each opens with its schema, and says whether it is a real document
        head = path.read_text(encoding="utf-8").splitlines()
        assert head[0] == "# yaml-language-server: $schema=../../schemas/mau-rieng.schema.json"
        comment = " ".join(line for line in head if line.startswith("#"))
        assert "Ví dụ dựng (không phải văn bản thật)" in comment or "Văn bản thật" in comment, path.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ten_loai_its_trich_yeu_and_the_rule(docs, name: str) -> None:
    from draftgen.nd30.metrics import text_width_twips

    doc = docs[name]
    ten_loai, _, trich_yeu = EXPECTED[name]
    body = _body(doc)
    first = body[0]
    assert first.text == ten_loai and first.style_name == "ND30 Tên loại"
    assert first.bold and first.size_pt in (13, 14) and first.align == "center"
    above = first
    if trich_yeu:
        second = body[1]
        assert second.text == trich_yeu and second.style_name == "ND30 Trích yếu"
        assert second.bold and not second.italic and second.size_pt in (13, 14) and second.align == "center"
        above = second
    rule = doc.paragraphs[doc.index(above) + 1]
    assert rule.text == "" and "bottom" in rule.borders
    length = WIDTH - rule.ind.get("left", 0) - rule.ind.get("right", 0)
    line = min(text_width_twips(above.text, above.size_pt, above.bold), WIDTH)
    assert line / 3 - 30 <= length <= line / 2 + 30, (length, line)
    assert abs(rule.ind.get("left", 0) - rule.ind.get("right", 0)) <= 1
    assert not any(p.text.startswith(("V/v", "Kính gửi")) for p in doc.paragraphs)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_so_ky_hieu_carries_the_type_abbreviation(docs, name: str) -> None:
    assert [p.text for p in docs[name].paragraphs if p.text.startswith("Số:")] == [EXPECTED[name][1]]


@pytest.mark.parametrize("name, nhu_tren", [
    ("cong-dien-968-ttg.yaml", True), ("giay-moi-dak-lak-2025.yaml", True),
    ("giay-gioi-thieu-so-noi-vu-2025.yaml", True), ("giay-nghi-phep-xa-hoa-phu-2026.yaml", False),
])
def test_noi_nhan(docs, name: str, nhu_tren: bool) -> None:
    lines = _noi_nhan(docs[name])
    assert lines[0] == "Nơi nhận:" and (lines[1] == "- Như trên;") == nhu_tren, lines
    assert all(line.endswith(";") for line in lines[1:-1]) and re.match(r"^- Lưu: VT(, .+)?\.$", lines[-1])


def test_cong_dien_968_reproduces_the_prime_ministers_text(docs) -> None:
    from draftgen.directives import Library
    from draftgen.nd30.lettering import point_label

    doc = docs["cong-dien-968-ttg.yaml"]
    directive = Library().get("968/CĐ-TTg")
    dien = doc.one(lambda p: p.text.endswith("điện:"))
    assert dien.text == "THỦ TƯỚNG CHÍNH PHỦ điện:" and dien.style_name == "ND30 Chủ thể điện"
    assert dien.align == "center" and not dien.bold and dien.size_pt == 14
    # the recipients: right under it, "- …;" each, the last ending "." (Mẫu 1.6: the right cell of a table)
    recipients = [p for p in doc.paragraphs if p.style_name == "ND30 Nơi nhận điện" and p.text]
    assert [p.text for p in recipients] == [f"- {directive.gui[0]};", f"- {directive.gui[1]}."]
    assert doc.index(recipients[0]) > doc.index(dien) and all(p.align in ("both", "justify") for p in recipients)
    expected = list(directive.mo_dau)
    for n, item in enumerate(directive.muc):
        expected.append(f"{n + 1}. {item.noi_dung}")
        expected += [f"{point_label(j)} {point.noi_dung}" for j, point in enumerate(item.diem)]
    expected += list(directive.ket_thuc)
    expected[-1] += "./."
    assert _lines(doc) == expected
    assert doc.index(recipients[-1]) < doc.index(doc.one(lambda p: p.text == expected[0]))
    assert _noi_nhan(doc)[-1] == "- Lưu: VT, TH (3b)."
    assert [p.text for p in doc.paragraphs if p.where == "footer-right" and p.text][-2:] == ["THỦ TƯỚNG",
                                                                                           "Phạm Minh Chính"]


def test_cong_dien_of_a_province_with_its_urgency(docs) -> None:
    doc = docs["cong-dien-dak-lak-mua-lu-2025.yaml"]
    assert doc.one(lambda p: p.text.endswith("điện:")).text == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK điện:"
    mark = doc.one(lambda p: p.text == "HỎA TỐC")
    assert mark.where == "header-left" and mark.bold and mark.borders >= {"top", "left", "bottom", "right"}
    recipients = [p.text for p in doc.paragraphs if p.style_name == "ND30 Nơi nhận điện" and p.text]
    assert len(recipients) == 3 and recipients[-1] == "- Chủ tịch Ủy ban nhân dân các xã, phường."
    assert _lines(doc)[-1].endswith("Công điện này./.")


def test_giay_moi_fields_in_the_order_of_the_mau(docs) -> None:
    doc = docs["giay-moi-dak-lak-2025.yaml"]
    lines = _lines(doc)
    assert lines[:3] == ["Ủy ban nhân dân tỉnh Đắk Lắk trân trọng kính mời:",
                         "- Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh;",
                         "- Chủ tịch Ủy ban nhân dân các xã, phường."]
    labels = ["Tới dự ", "Nội dung:", "Chủ trì: ", "Thời gian: ", "Địa điểm: "]
    where = [next(i for i, t in enumerate(lines) if t.startswith(label)) for label in labels]
    assert where == sorted(where), where
    assert lines[where[0]] == ("Tới dự Hội nghị triển khai Kế hoạch tăng cường kỷ luật, kỷ cương hành chính trên "
                               "địa bàn tỉnh năm 2026")
    assert lines[where[3]] == "Thời gian: 01 buổi, bắt đầu từ 08 giờ 00, thứ Năm, ngày 20/11/2025"
    assert lines[-1] == "Đề nghị các đại biểu tham dự đúng thành phần, thời gian./."
    labelled = [p for p in doc.paragraphs if p.style_name in ("ND30 Đoạn đầu", "ND30 Dòng thông tin")]
    assert labelled[0].style_name == "ND30 Đoạn đầu" and labelled[0].spacing["before"] == "240"
    for p in labelled:  # the Mẫu's labels are not bold; the lines are body lines
        assert not p.bold and p.size_pt == 14 and p.align in ("both", "justify") and p.ind.get("firstLine") == 567


def test_giay_moi_one_invitee_stands_on_the_line_of_kinh_moi() -> None:
    text = _example("giay-moi-dak-lak-2025.yaml")
    text = text.replace("  - Chủ tịch Ủy ban nhân dân các xã, phường\n", "", 1)
    text = text.replace("  - Thảo luận, giải đáp khó khăn, vướng mắc của các cơ quan, địa phương\n", "", 1)
    lines = _lines(Docx(render_letter(validate_letter(load_yaml_text(text)))))
    assert lines[0] == ("Ủy ban nhân dân tỉnh Đắk Lắk trân trọng kính mời: Giám đốc các sở, Thủ trưởng các ban, "
                        "ngành tỉnh")
    assert "Nội dung: Quán triệt các nhiệm vụ trọng tâm của Kế hoạch" in lines


def test_giay_gioi_thieu_sentences_and_validity(docs) -> None:
    doc = docs["giay-gioi-thieu-so-noi-vu-2025.yaml"]
    intro = doc.one(lambda p: p.text.endswith("trân trọng giới thiệu:"))
    assert intro.text == "Sở Nội vụ tỉnh Đắk Lắk trân trọng giới thiệu:" and intro.align == "center"
    assert intro.style_name == "ND30 Câu giới thiệu"
    assert _lines(doc) == [
        "Bà Lê Thị Hồng Nhung",
        "Chức vụ: Chuyên viên Phòng Công chức, viên chức",
        "Được cử đến: Ủy ban nhân dân phường Buôn Ma Thuột",
        "Về việc: Khảo sát, thu thập số liệu về tình hình thực hiện kỷ luật, kỷ cương hành chính năm 2025",
        "Đề nghị Quý cơ quan tạo điều kiện để bà có tên ở trên hoàn thành nhiệm vụ.",
        "Giấy này có giá trị đến hết ngày 31/12/2025./.",
    ]
    assert _noi_nhan(doc) == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]  # as Mẫu 1.8
    assert doc.one(lambda p: p.text == "UBND TỈNH ĐẮK LẮK").where == "header-left"


def test_giay_nghi_phep_fields_and_the_confirmation_box(docs) -> None:
    doc = docs["giay-nghi-phep-xa-hoa-phu-2026.yaml"]
    assert _lines(doc) == [
        "Xét Đơn đề nghị nghỉ phép ngày 02/1/2026 của bà Nguyễn Thị Lan, Ủy ban nhân dân xã Hòa Phú cấp cho:",
        "Bà: Nguyễn Thị Lan",
        "Chức vụ: Công chức Văn hóa - Xã hội, Ủy ban nhân dân xã Hòa Phú",
        "Được nghỉ phép trong thời gian 08 ngày làm việc kể từ ngày 12/1/2026 đến hết ngày 21/1/2026 tại phường "
        "Tuy Hòa, tỉnh Đắk Lắk.",
        "Số ngày nghỉ phép nêu trên được tính vào thời gian nghỉ hằng năm có hưởng lương năm 2026./.",
    ]
    assert _noi_nhan(doc)[1] == "- Bà Nguyễn Thị Lan;"  # Mẫu 1.10 note 8: the person on leave
    box = doc.one(lambda p: p.text.startswith("Xác nhận của cơ quan"))
    assert box.style_name == "ND30 Xác nhận nơi nghỉ phép" and box.italic and box.align == "center"
    signer = doc.one(lambda p: p.text == "Trần Văn Bình")
    assert doc.index(box) > doc.index(signer)


def test_without_confirmation_nor_salutation_the_mau_words_stay() -> None:
    text = (FOLDER / "giay-nghi-phep-xa-hoa-phu-2026.yaml").read_text(encoding="utf-8")
    text = text.replace("xac_nhan_noi_nghi: true", "xac_nhan_noi_nghi: false").replace("  danh_xung: Bà\n", "")
    doc = Docx(render_letter(validate_letter(load_yaml_text(text))))
    assert not any(p.text.startswith("Xác nhận") for p in doc.paragraphs)
    lines = _lines(doc)
    assert "của ông (bà) Nguyễn Thị Lan," in lines[0] and lines[1] == "Ông (bà): Nguyễn Thị Lan"


def test_dien_defaults_to_the_issuer_and_takes_a_trailing_dien() -> None:
    text = (FOLDER / "cong-dien-968-ttg.yaml").read_text(encoding="utf-8")
    for replacement in ("", 'dien: "Thủ tướng Chính phủ điện:"\n'):
        doc = Docx(render_letter(validate_letter(load_yaml_text(text.replace("dien: THỦ TƯỚNG CHÍNH PHỦ\n",
                                                                             replacement)))))
        assert doc.one(lambda p: p.text.endswith("điện:")).text == "THỦ TƯỚNG CHÍNH PHỦ điện:"


def test_the_template_has_the_familys_named_styles() -> None:
    from docx import Document

    from draftgen.nd30.profile import default_profile
    from draftgen.resources import template_path

    names = {s.name for s in Document(str(template_path("mau-rieng.docx"))).styles}
    profile = default_profile().for_type("mau_rieng")
    assert {e.style for e in profile.elements.values()} <= names
    assert {"ND30 Chủ thể điện", "ND30 Nơi nhận điện", "ND30 Dòng thông tin", "ND30 Câu giới thiệu",
            "ND30 Xác nhận nơi nghỉ phép", "ND30 Đoạn đầu", "ND30 Tên loại", "ND30 Trích yếu"} <= names
    assert "ND30 Kính gửi" not in names and "ND30 Trích yếu công văn" not in names


def test_the_template_uses_only_the_view_models_fields() -> None:
    from docxtpl import DocxTemplate

    from draftgen.doctypes.mau_rieng import MauRiengDraft
    from draftgen.resources import template_path

    variables = DocxTemplate(str(template_path("mau-rieng.docx"))).get_undeclared_template_variables()
    known = set(MauRiengDraft.__dataclass_fields__) | {"issuer_rule_xml", "do_mat_xml", "do_khan_xml",
                                                        "trich_yeu_rule_xml"}
    assert variables <= known, variables - known
    assert {"dien", "nhan_dien", "content", "xac_nhan", "trich_yeu"} <= variables


def test_the_schema_is_the_union_of_the_four_models() -> None:
    from draftgen.schema import family_json_schema

    schema = family_json_schema("mau_rieng")
    # the union on ``loai`` is written as "if loai is … then <model>" (precise errors in an editor)
    picked = {key: branch["then"]["$ref"].rsplit("/", 1)[-1]
              for branch in schema["allOf"] for key in branch["if"]["properties"]["loai"]["enum"]}
    assert picked == {"cong_dien": "CongDien", "giay_moi": "GiayMoi", "giay_gioi_thieu": "GiayGioiThieu",
                      "giay_nghi_phep": "GiayNghiPhep"}
    assert schema["required"] == ["loai"]
    assert "nhan_dien" in schema["$defs"]["CongDien"]["required"]
    assert {"toi_du", "thoi_gian", "dia_diem"} <= set(schema["$defs"]["GiayMoi"]["required"])


def _example(name: str) -> str:
    return (FOLDER / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name, old, new, field, words", [
    ("cong-dien-968-ttg.yaml", "trich_yeu: Tiếp tục", "trich_yeu: V/v tiếp tục", "trich_yeu", "công văn"),
    ("cong-dien-968-ttg.yaml", "nhan_dien:\n  - Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Thủ trưởng cơ quan thuộc "
     "Chính phủ\n  - Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương\n", "nhan_dien: []\n",
     "nhan_dien", "nơi nhận điện"),
    ("giay-moi-dak-lak-2025.yaml", "toi_du: >-\n  Hội", "toi_du: >-\n  Tới dự Hội", "toi_du", "Tới dự"),
    ("giay-moi-dak-lak-2025.yaml", "luu_y:", "parents: [968/CĐ-TTg]\nluu_y:", "parents", "văn bản cấp trên"),
    ("giay-moi-dak-lak-2025.yaml", "kinh_moi:\n  - Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh\n  - Chủ tịch "
     "Ủy ban nhân dân các xã, phường\n", "kinh_moi: []\n", "kinh_moi", "được mời"),
    ("giay-gioi-thieu-so-noi-vu-2025.yaml", "co_gia_tri_den: 31/12/2025", "co_gia_tri_den: 30/11/2025",
     "co_gia_tri_den", "trước ngày ban hành"),
    ("giay-gioi-thieu-so-noi-vu-2025.yaml", "ho_ten: Lê Thị", "ho_ten: Bà Lê Thị", "nguoi.ho_ten", "danh_xung"),
    ("giay-gioi-thieu-so-noi-vu-2025.yaml", "danh_xung: Bà", "danh_xung: Cô", "nguoi.danh_xung", "chọn một trong"),
    ("giay-nghi-phep-xa-hoa-phu-2026.yaml", "den_ngay: 21/01/2026", "den_ngay: 10/01/2026", "den_ngay",
     "trước 'tu_ngay'"),
    ("giay-nghi-phep-xa-hoa-phu-2026.yaml", "thoi_gian: 08 ngày", "thoi_gian: 15 ngày", "den_ngay", "dài hơn"),
    ("giay-nghi-phep-xa-hoa-phu-2026.yaml", "tu_ngay: 12/01/2026", "tu_ngay: …/01/2026", "tu_ngay", "đủ ngày"),
    ("giay-nghi-phep-xa-hoa-phu-2026.yaml", "noi_nhan:", "nhu_tren: thực hiện\nnoi_nhan:", "nhu_tren", "Như trên"),
    ("giay-nghi-phep-xa-hoa-phu-2026.yaml", "noi_nghi:", "ve_viec: x\nnoi_nghi:", "ve_viec", "không có trong mẫu"),
])
def test_bad_input_names_the_field_and_line(name: str, old: str, new: str, field: str, words: str) -> None:
    base = _example(name)
    assert old in base
    with pytest.raises(InputError) as info:
        validate_letter(load_yaml_text(base.replace(old, new, 1)))
    problem = info.value.problems[0]
    assert words in problem.message, problem
    assert problem.field == field and problem.line is not None, problem


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_example_passes_draftgen_check(tmp_path, name: str) -> None:
    from draftgen.pipeline import load_letter

    out = tmp_path / name.replace(".yaml", ".docx")
    out.write_bytes(render_letter(load_letter(FOLDER / name)))
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0, result.output
    assert " 0 lỗi" in result.output, result.output


@pytest.mark.libreoffice
def test_libreoffice_opens_every_example(tmp_path) -> None:
    pdfs = to_pdf(tmp_path, render_examples(EXAMPLES))
    for name, (ten_loai, _, _) in EXPECTED.items():
        text = pdf_text(pdfs[name])
        assert ten_loai in text, name
        if name.startswith("cong-dien"):
            assert "điện:" in text
