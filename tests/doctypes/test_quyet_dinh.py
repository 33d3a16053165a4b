"""The Quyết định family (Mẫu 1.1 Nghị quyết, 1.2 and 1.3 Quyết định cá biệt): every example read back.

Spec: ../shared/nd30/spec.md §4.5 (tên loại, trích yếu "Về việc …" / "Ban hành …", rule 1/3–1/2), §4.6 (căn cứ
nghiêng, ";" each line and "." the last, PL1 II.6.a; "Điều 1." in bold with a first-line indent, khoản 1.,
điểm a) b) … đ) e)), §4.9 (Nơi nhận "- Như Điều …;", no Kính gửi), doc_types.md §1 (Số: 156/QĐ-UBND, no year).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docx_read import NS, Docx, q
from draftgen.cli import main
from draftgen.errors import InputError
from draftgen.load import load_yaml_text
from draftgen.nd30.lettering import point_label
from draftgen.pipeline import load_letter, render_letter, validate_letter

from .helpers import main_body, pdf_text, render_examples, to_pdf

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "examples" / "quyet-dinh"
EXAMPLES = sorted(FOLDER.glob("*.yaml"))
# example → (tên loại, Số line, authority line, "QUYẾT ĐỊNH:" line, trích yếu start, Điều count, "- Như Điều N;")
EXPECTED = {
    "quyet-dinh-ban-chi-dao-dak-lak-2025.yaml": ("QUYẾT ĐỊNH", "Số: 156/QĐ-UBND",
                                                 "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "QUYẾT ĐỊNH:", "Về việc ",
                                                 3, "- Như Điều 3;"),
    "quyet-dinh-giao-nhiem-vu-xa-hoa-phu-2025.yaml": ("QUYẾT ĐỊNH", "Số: 87/QĐ-UBND", "ỦY BAN NHÂN DÂN XÃ HÒA PHÚ",
                                                      "QUYẾT ĐỊNH:", "Về việc ", 3, "- Như Điều 3;"),
    "quyet-dinh-ban-hanh-quy-che-dak-lak-2025.yaml": ("QUYẾT ĐỊNH", "Số:        /QĐ-UBND",
                                                      "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "QUYẾT ĐỊNH:",
                                                      "Ban hành ", 3, "- Như Điều 3;"),
    "nghi-quyet-hdnd-xa-hoa-phu-2025.yaml": ("NGHỊ QUYẾT", "Số: 24/NQ-HĐND", "HỘI ĐỒNG NHÂN DÂN XÃ HÒA PHÚ",
                                             "QUYẾT NGHỊ:", "Về việc ", 3, "- Như Điều 3;"),
}
ATTACHED = "quyet-dinh-ban-hanh-quy-che-dak-lak-2025.yaml"
MM = 1440 / 25.4
TEXT_WIDTH = 11906 - round(30 * MM) - round(15 * MM)


@pytest.fixture(scope="module")
def docs() -> dict[str, Docx]:
    return {p.name: Docx(render_letter(load_letter(p))) for p in EXAMPLES}


def _decision(doc: Docx) -> list:
    """The body paragraphs of the decision itself (before its footer table; not a Mẫu 1.3 attachment)."""
    return main_body(doc)


def _attachment(doc: Docx) -> list:
    """The body paragraphs after the footer table (a Mẫu 1.3 attachment)."""
    paras = doc.paragraphs
    last_footer = max(i for i, p in enumerate(paras) if p.style_name == "ND30 Họ tên người ký")
    return [p for p in paras[last_footer + 1:] if p.where == "body" and p.text.strip()]


def _runs(doc: Docx, p) -> list[tuple[str, bool]]:
    """(text, bold) of each run with text: the run's own bold, else its paragraph style's."""
    style_rpr = doc.styles[p.style_id].find("w:rPr", NS)
    style_b = style_rpr.find("w:b", NS) if style_rpr is not None else None
    out = []
    for run in p.element.iter(q("r")):
        text = "".join(t.text or "" for t in run.iter(q("t")))
        if not text:
            continue
        b = run.find("w:rPr/w:b", NS)
        b = b if b is not None else style_b
        out.append((text, b is not None and b.get(q("val")) not in ("0", "false")))
    return out


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in EXAMPLES) == sorted(EXPECTED)
    for path in EXAMPLES:
        head = path.read_text(encoding="utf-8").splitlines()
        assert head[0] == "# yaml-language-server: $schema=../../schemas/quyet-dinh.schema.json"
        assert any("Ví dụ dựng (không phải văn bản thật)" in line for line in head[:3])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ten_loai_trich_yeu_and_rule(docs, name: str) -> None:
    doc = docs[name]
    ten_loai, _, _, _, start, _, _ = EXPECTED[name]
    first, second = _decision(doc)[:2]
    assert first.text == ten_loai and first.style_name == "ND30 Tên loại"
    assert first.bold and first.size_pt in (13, 14) and first.align == "center"
    assert second.style_name == "ND30 Trích yếu" and second.bold and not second.italic
    assert second.size_pt in (13, 14) and second.align == "center"
    assert second.text.startswith(start) and not second.text.endswith(".")
    rule = doc.paragraphs[doc.index(second) + 1]
    assert rule.text == "" and "bottom" in rule.borders
    length = TEXT_WIDTH - rule.ind.get("left", 0) - rule.ind.get("right", 0)
    assert TEXT_WIDTH / 3 - 30 <= length <= TEXT_WIDTH / 2 + 30  # every example's trích yếu wraps
    assert abs(rule.ind.get("left", 0) - rule.ind.get("right", 0)) <= 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_so_ky_hieu_has_the_type_and_no_year(docs, name: str) -> None:
    so = [p.text for p in docs[name].paragraphs if p.text.startswith("Số:")]
    assert so == [EXPECTED[name][1]]
    assert not re.search(r"/\d{4}/", so[0])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_authority_line_under_the_rule(docs, name: str) -> None:
    body = _decision(docs[name])
    authority = body[2]
    assert authority.text == EXPECTED[name][2] and authority.style_name == "ND30 Thẩm quyền ban hành"
    assert authority.bold and authority.align == "center" and authority.size_pt in (13, 14)
    assert authority.text == authority.text.upper()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_can_cu_lines_italic_each_on_its_own_line(docs, name: str) -> None:
    body = _decision(docs[name])
    lines = [p for p in body if p.style_name == "ND30 Căn cứ"]
    assert lines and body.index(lines[0]) == 3 and body[body.index(lines[-1]) + 1].text == EXPECTED[name][3]
    for p in lines:
        assert p.italic and not p.bold and p.size_pt in (13, 14) and p.ind.get("firstLine") in (567, 720)
        assert p.text.startswith(("Căn cứ", "Thực hiện", "Triển khai", "Xét", "Theo đề nghị"))
    assert all(p.text.endswith(";") and not p.text.endswith(".;") for p in lines[:-1])
    assert lines[-1].text.endswith(".") and not lines[-1].text.endswith("..")
    proposal = [p for p in lines if p.text.startswith(("Theo đề nghị", "Xét Tờ trình"))]
    assert proposal == [lines[-1]]  # "Theo đề nghị của …" is the last line, the line before it ends ";"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_quyet_dinh_line_centred_bold(docs, name: str) -> None:
    lines = [p for p in docs[name].paragraphs if p.text in ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:")]
    assert [p.text for p in lines] == [EXPECTED[name][3]]
    p = lines[0]
    assert p.style_name == "ND30 Quyết định:" and p.bold and p.align == "center" and p.size_pt in (13, 14)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_dieu_labels_bold_and_numbered(docs, name: str) -> None:
    doc = docs[name]
    body = _decision(doc)
    after = body[[p.text for p in body].index(EXPECTED[name][3]) + 1:]
    assert after[0].text.startswith("Điều 1.")
    dieu = [p for p in after if p.style_name == "ND30 Điều"]
    assert [int(re.match(r"Điều (\d+)\.", p.text).group(1)) for p in dieu] == list(range(1, EXPECTED[name][5] + 1))
    for p in dieu:
        runs = _runs(doc, p)
        label, bold = runs[0]
        assert re.fullmatch(r"Điều \d+\.", label) and bold, runs
        assert all(not b for _, b in runs[1:]), runs  # the text after the label is not bold (Mẫu 1.2)
        assert p.ind.get("firstLine") in (567, 720) and p.align in ("both", "justify") and p.size_pt in (13, 14)
    assert after[-1].text.endswith("./.")


def _check_numbering(paras: list) -> None:
    """Khoản restart at 1. under every Điều; điểm restart at a) under every khoản: a b c d đ e g …"""
    khoan: list[int] = []
    diem: list[str] = []
    for p in paras:
        if p.style_name in ("ND30 Điều", "ND30 Chương", "ND30 Mục (số La Mã)"):
            khoan, diem = [], []
        elif m := re.match(r"^(\d+)\. ", p.text):
            khoan.append(int(m.group(1)))
            diem = []
            assert khoan == list(range(1, len(khoan) + 1)), khoan
        elif m := re.match(r"^([a-zđ]+\)) ", p.text):
            diem.append(m.group(1))
            assert diem == [point_label(i) for i in range(len(diem))], diem


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_khoan_and_diem_numbering(docs, name: str) -> None:
    body = _decision(docs[name])
    _check_numbering(body)
    for p in body:
        if re.match(r"^(\d+\.|[a-zđ]\)) ", p.text):
            assert p.style_name == "ND30 Nội dung" and not p.bold and p.align in ("both", "justify")


def test_points_run_past_d_to_dd_and_e(docs) -> None:
    texts = [p.text for p in _decision(docs["quyet-dinh-ban-chi-dao-dak-lak-2025.yaml"])]
    assert [t[:2] for t in texts if re.match(r"^[a-zđ]\) ", t)] == ["a)", "b)", "c)", "d)", "đ)", "e)"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_noi_nhan_opens_with_nhu_dieu_and_no_kinh_gui(docs, name: str) -> None:
    doc = docs[name]
    footer = [p for p in doc.paragraphs if p.where == "footer-left"]
    assert footer[0].text == "Nơi nhận:"
    items = [p.text for p in footer if p.text.startswith("- ")]
    assert items[0] == EXPECTED[name][6] and items[-1].startswith("- Lưu: VT") and items[-1].endswith(".")
    assert not any("Như trên" in t for t in items)
    assert not any(p.text.startswith("Kính gửi") for p in doc.paragraphs)
    assert not any(p.text.startswith("V/v") for p in doc.paragraphs)


def test_cascade_clauses_become_the_first_khoan_of_dieu_1(docs) -> None:
    body = _decision(docs["quyet-dinh-giao-nhiem-vu-xa-hoa-phu-2025.yaml"])
    texts = [p.text for p in body]
    start = next(i for i, t in enumerate(texts) if t.startswith("Điều 1."))
    assert texts[start + 1].startswith("1. Trưởng các phòng chuyên môn")  # the province's item 1, adapted
    assert texts[start + 2].startswith("a) ") and texts[start + 3].startswith("b) ")
    assert texts[start + 4].startswith("2. Văn phòng HĐND và UBND xã")
    assert texts[start + 5].startswith("3. Rà soát")  # the decision's own khoản follow
    can_cu = [p.text for p in body if p.style_name == "ND30 Căn cứ"]
    assert can_cu[1].startswith("Thực hiện Công văn số") and "UBND tỉnh Đắk Lắk" in can_cu[1]
    assert can_cu[2].startswith("Triển khai Công điện số 968/CĐ-TTg") and can_cu[2].endswith(";")


def test_mau_1_3_attachment_from_a_new_page(docs) -> None:
    doc = docs[ATTACHED]
    paras = doc.paragraphs
    breaks = [p for p in paras if p.element.find(".//w:br[@w:type='page']", NS) is not None]
    assert len(breaks) == 1 and paras.index(breaks[0]) > max(i for i, p in enumerate(paras) if p.text == "Nơi nhận:")
    # the issuer | Quốc hiệu table of the attachment (no số, no date)
    table = [p.text for p in paras[paras.index(breaks[0]) + 1:] if p.where != "body"]
    assert table[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK"] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in table
    assert not any(t.startswith("Số:") or "ngày" in t for t in table)
    body = _attachment(doc)
    assert body[0].text == "QUY CHẾ" and body[0].style_name == "ND30 Tên loại" and body[0].bold
    assert body[1].style_name == "ND30 Trích yếu" and body[1].text.startswith("Làm việc của Ban Chỉ đạo")
    assert body[2].text == ("(Kèm theo Quyết định số         /QĐ-UBND ngày          tháng 11 năm 2025 "
                            "của Chủ tịch Ủy ban nhân dân tỉnh Đắk Lắk)")
    assert body[2].italic and body[2].align == "center"
    rule = paras[doc.index(body[2]) + 1]
    assert rule.text == "" and "bottom" in rule.borders
    chapters = [p for p in body if p.style_name == "ND30 Chương"]
    assert [p.text for p in chapters] == ["Chương I", "Chương II", "Chương III"]
    for p in chapters:
        title = body[body.index(p) + 1]
        assert p.bold and p.align == "center" and title.style_name == "ND30 Tên chương"
        assert title.text == title.text.upper() and title.bold and title.align == "center"
    dieu = [p for p in body if p.style_name == "ND30 Điều"]
    assert [p.text.split(".")[0] for p in dieu] == [f"Điều {n}" for n in range(1, 7)]  # numbered on across Chương
    assert all(_runs(doc, p) == [(p.text, True)] for p in dieu)  # "Điều 1. Phạm vi điều chỉnh": all bold
    _check_numbering(body)
    assert body[-1].text.endswith("./.")
    assert not any(p.style_name == "ND30 Họ tên người ký" for p in body)


def test_template_has_the_named_styles_of_the_family(root) -> None:
    from docx import Document

    from draftgen.nd30.profile import default_profile

    names = {s.name for s in Document(str(root / "templates" / "quyet-dinh.docx")).styles}
    profile = default_profile().for_type("quyet_dinh")
    for element in profile.elements.values():
        assert element.style in names, element.style
    for name in ("ND30 Thẩm quyền ban hành", "ND30 Căn cứ", "ND30 Quyết định:", "ND30 Điều", "ND30 Chương",
                 "ND30 Tên chương", "ND30 Kèm theo quyết định", "ND30 Tên loại", "ND30 Trích yếu"):
        assert name in names
    assert not {"ND30 Trích yếu công văn", "ND30 Kính gửi"} & names


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_example_passes_draftgen_check(tmp_path, name: str) -> None:
    out = tmp_path / name.replace(".yaml", ".docx")
    out.write_bytes(render_letter(load_letter(FOLDER / name)))
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0, result.output
    assert " 0 lỗi" in result.output, result.output


BASE = (FOLDER / "quyet-dinh-ban-chi-dao-dak-lak-2025.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, field, words", [
    ("loai: quyet_dinh", "loai: quyet_dinhh", "loai", "chưa được hỗ trợ"),
    ("trich_yeu: Về việc", "trich_yeu: V/v", "trich_yeu", "công văn"),
    ("tỉnh Đắk Lắk\n# thẩm", "tỉnh Đắk Lắk.\n# thẩm", "trich_yeu", "dấu chấm"),
    ("  - Căn cứ Luật Tổ chức chính quyền địa phương ngày", "  - Luật Tổ chức chính quyền địa phương ngày",
     "can_cu[0]", "bắt đầu bằng 'Căn cứ'"),
    ("  - Căn cứ Luật Tổ chức chính quyền địa phương ngày",
     "  - Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày", "can_cu[0]", "không ghi số"),
    ("can_cu:\n", "can_cu:\n  - Theo đề nghị của Sở Nội vụ\n", "can_cu[0]", "de_nghi"),
    ("can_cu:\n  - Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025\n  - >\n"
     "    Căn cứ Công điện số 968/CĐ-TTg ngày 16 tháng 10 năm 2023 của Thủ tướng Chính phủ về tiếp tục chấn chỉnh,\n"
     "    tăng cường kỷ luật, kỷ cương trong cơ quan hành chính nhà nước các cấp\n", "can_cu: []\n",
     "can_cu", "ít nhất một căn cứ"),
    ("  - noi_dung: Quyết định này có hiệu lực", "  - noi_dung: Điều 3. Quyết định này có hiệu lực",
     "dieu[2].noi_dung", "tự đánh số"),
    ("luu:\n", "nhu_dieu: 5\nluu:\n", None, "chỉ có 3 điều"),
    ("luu:\n", "clauses_dieu: 4\nluu:\n", None, "chỉ có 3 điều"),
    ("luu:\n", "nhu_tren: thực hiện\nluu:\n", "nhu_tren", "Như Điều"),
    ("  - CT, các PCT UBND tỉnh\n", "  - Như Điều 3\n", "noi_nhan", "tự động"),
    ("luu:\n", "kinh_gui: UBND tỉnh\nluu:\n", "kinh_gui", "không có trong mẫu"),
    ("luu:\n", "van_ban_kem_theo: {loai: Quy chế, trich_yeu: Làm việc, dieu: [Một]}\nluu:\n", None, "Ban hành"),
    ("luu:\n", "van_ban_kem_theo: {loai: Quy chếe, trich_yeu: Làm việc, dieu: [Một]}\nluu:\n",
     "van_ban_kem_theo.loai", "Phụ lục III"),
])
def test_bad_input_names_the_field_and_line(old: str, new: str, field: str | None, words: str) -> None:
    assert old in BASE, old
    with pytest.raises(InputError) as info:
        validate_letter(load_yaml_text(BASE.replace(old, new, 1)))
    problem = info.value.problems[0]
    assert words in problem.message, problem
    assert problem.line is not None, problem
    if field:
        assert problem.field == field, problem


def test_bad_input_exits_2_without_a_file(tmp_path) -> None:
    source = tmp_path / "qd.yaml"
    source.write_text(BASE.replace("  - Căn cứ Luật", "  - Luật", 1), encoding="utf-8")
    out = tmp_path / "qd.docx"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "'can_cu[0]'" in result.output and re.search(r"dòng \d+", result.output), result.output
    assert not out.exists() and not list(tmp_path.glob("*.docx"))


@pytest.mark.parametrize("signer, authority", [
    ("nguoi_ky:\n  chuc_vu: CHỦ TỊCH\n", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"),
    ("nguoi_ky:\n  quyen_han: KT\n  cap_truong: CHỦ TỊCH\n  chuc_vu: PHÓ CHỦ TỊCH\n",
     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"),
    ("nguoi_ky:\n  quyen_han: TM\n  tap_the: ỦY BAN NHÂN DÂN\n  chuc_vu: CHỦ TỊCH\n", "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"),
])
def test_default_authority_follows_the_signer(signer: str, authority: str) -> None:
    text = BASE.replace("nguoi_ky:\n  chuc_vu: CHỦ TỊCH\n", signer, 1)
    doc = Docx(render_letter(validate_letter(load_yaml_text(text))))
    assert [p.text for p in doc.paragraphs if p.style_name == "ND30 Thẩm quyền ban hành"] == [authority]


def test_every_type_of_the_family_renders_and_nhu_dieu_is_chosen() -> None:
    from draftgen.doctypes.registry import doc_types

    for key, doc_type in doc_types().items():
        if doc_type.family != "quyet_dinh":
            continue
        text = BASE.replace("loai: quyet_dinh", f"loai: {key}", 1).replace("luu:\n", "nhu_dieu: 2\nluu:\n", 1)
        doc = Docx(render_letter(validate_letter(load_yaml_text(text))))
        assert _decision(doc)[0].text == doc_type.ten.upper()
        assert any(p.text == f"Số: 156/{doc_type.viet_tat}-UBND" for p in doc.paragraphs), key
        assert [p.text for p in doc.paragraphs if p.where == "footer-left"][1] == "- Như Điều 2;"


def test_can_cu_without_proposal_ends_with_a_period() -> None:
    text = BASE.replace("de_nghi: Giám đốc Sở Nội vụ tại Tờ trình số 245/TTr-SNV ngày 10 tháng 10 năm 2025\n", "")
    doc = Docx(render_letter(validate_letter(load_yaml_text(text))))
    lines = [p.text for p in doc.paragraphs if p.style_name == "ND30 Căn cứ"]
    assert len(lines) == 2 and lines[0].endswith(";") and lines[1].endswith("các cấp.")


def test_mau_1_3_approves_a_ke_hoach_of_sections() -> None:
    """A Kế hoạch approved with the decision: its Mục I., II. with khoản and điểm; a given 'cua'."""
    attached = ("van_ban_kem_theo:\n  loai: ke_hoach\n  trich_yeu: Kiểm tra công vụ năm 2026\n"
                "  cua: Chủ tịch UBND tỉnh Đắk Lắk\n  phan:\n    - tieu_de: Mục đích, yêu cầu\n"
                "      muc: ['Phát hiện, chấn chỉnh kịp thời vi phạm']\n    - tieu_de: Tổ chức thực hiện\n"
                "      muc:\n        - noi_dung: 'Sở Nội vụ:'\n          diem: [Chủ trì kiểm tra, Tổng hợp báo cáo]\n"
                "luu:\n")
    text = (BASE.replace("trich_yeu: Về việc thành lập", "trich_yeu: Phê duyệt Kế hoạch kiểm tra công vụ của", 1)
            .replace("luu:\n", attached, 1))
    doc = Docx(render_letter(validate_letter(load_yaml_text(text))))
    body = [p.text for p in _attachment(doc)]
    assert body[0] == "KẾ HOẠCH" and body[1] == "Kiểm tra công vụ năm 2026"
    assert body[2].endswith("tháng 10 năm 2025 của Chủ tịch UBND tỉnh Đắk Lắk)")
    assert body[3:] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Phát hiện, chấn chỉnh kịp thời vi phạm", "II. TỔ CHỨC THỰC HIỆN",
                        "1. Sở Nội vụ:", "a) Chủ trì kiểm tra", "b) Tổng hợp báo cáo./."]


@pytest.mark.libreoffice
def test_libreoffice_opens_every_example(tmp_path) -> None:
    pdfs = to_pdf(tmp_path, render_examples(EXAMPLES))
    for name in EXPECTED:
        page1 = pdf_text(pdfs[name], last=1)
        assert EXPECTED[name][0] in page1 and "Điều 1." in page1 and EXPECTED[name][3] in page1, name
    later = pdf_text(pdfs[ATTACHED], first=2)
    assert "QUY CHẾ" in later and "Chương I" in later and "(Kèm theo Quyết định số" in later
