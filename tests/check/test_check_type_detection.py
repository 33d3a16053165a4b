"""How ``draftgen check`` tells the type (tên loại, V/v, ký hiệu, --loai), what it does with a file that is no
administrative document (one ND30-NOT-ADMIN), and the types it finds in the repository's examples and in
shared/realdocs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from good_letter import SO, VV, build_letter, find, set_text, to_bytes
from good_typed import build_typed
from mutations import remove

from draftgen.check import check_bytes, check_path
from draftgen.check.command import check_command
from draftgen.check.doctype import NOT_ADMIN, catalogue, loai_keys, name_key
from draftgen.doctypes.data import drafted
from draftgen.load import load_yaml_text
from draftgen.nd30.profile import default_profile

ROOT = Path(__file__).resolve().parents[2]
REALDOCS = ROOT.parent / "shared" / "realdocs"
needs_realdocs = pytest.mark.skipif(not REALDOCS.is_dir(), reason=f"real documents not found in {REALDOCS}")
CFG = default_profile().raw["check"]


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


# ---- the catalogue is the data ---------------------------------------------------------------------
def test_every_drafted_type_and_type_name_is_known():
    cat = catalogue(CFG)
    assert set(drafted()) <= set(loai_keys(CFG))
    for name in CFG["type_names"]:
        assert name_key(name) in cat.by_key, name
    assert cat.by_loai["ke_hoach"].abbr == "KH" and cat.by_loai["quyet_dinh"].family == "quyet_dinh"
    assert cat.by_loai["nghi_dinh"].normative and cat.by_loai["cong_van"].is_cong_van
    assert name_key("GIẤY UỶ QUYỀN") == name_key("Giấy ủy quyền")


# ---- detection ---------------------------------------------------------------------------------------
def test_type_from_the_ky_hieu_when_there_is_no_v_v():
    doc = build_letter()
    remove([VV])(doc)
    findings = check_bytes(to_bytes(doc))
    assert findings.doc_type.is_cong_van and findings.doc_type.source == "ky_hieu"
    assert findings.doc_type.evidence == "SNV-VP"
    assert rules(findings) == ["ND30-VV-MISSING"]


def test_type_from_the_ky_hieu_of_a_typed_document_without_its_ten_loai():
    doc = build_typed("chi_thi")
    remove(["CHỈ THỊ"])(doc)
    findings = check_bytes(to_bytes(doc))
    assert findings.doc_type.name == "Chỉ thị" and findings.doc_type.source == "ky_hieu"
    assert rules(findings) == ["ND30-TENLOAI-MISSING"]
    assert "CHỈ THỊ" in findings[0].message


def test_the_year_of_a_normative_number_is_valid_where_it_belongs():
    doc = build_typed("quyet_dinh")
    set_text(find(doc, "Số:"), "Số: 05/2026/QĐ-SNV")
    findings = check_bytes(to_bytes(doc))
    assert findings.doc_type.normative and findings.doc_type.name == "Quyết định"
    assert findings == []                              # no year complaint, no "QUYẾT ĐỊNH:"/"Như Điều" of Mẫu 1.2


def test_a_normative_type_wants_its_year():
    doc = build_typed("quyet_dinh")
    set_text(find(doc, "QUYẾT ĐỊNH"), "NGHỊ ĐỊNH")
    set_text(find(doc, "Số:"), "Số: 05/NĐ-CP")
    findings = check_bytes(to_bytes(doc))
    assert findings.doc_type.name == "Nghị định" and findings.doc_type.normative
    (so,) = [f for f in findings if f.rule == "ND30-SO-FORMAT"]
    assert "có năm ban hành" in so.message


def test_a_year_on_a_cong_van_is_still_wrong():
    doc = build_letter()
    set_text(find(doc, SO), "Số: 05/2026/SNV-VP")
    findings = check_bytes(to_bytes(doc))
    assert rules(findings) == ["ND30-SO-FORMAT"] and "công văn không có năm" in findings[0].message


def test_loai_forces_the_type_and_reports_a_mislabelled_document():
    data = to_bytes(build_typed("chi_thi"))
    assert check_bytes(data, loai="chi_thi") == []
    findings = check_bytes(data, loai="ke_hoach")
    assert findings.doc_type.loai == "ke_hoach" and findings.doc_type.source == "loai"
    assert sorted(rules(findings)) == ["ND30-KYHIEU-LOAI", "ND30-LOAI-MISMATCH"]
    findings = check_bytes(to_bytes(build_letter()), loai="quyet_dinh")     # a Công văn checked as a Quyết định
    assert {"ND30-TENLOAI-MISSING", "ND30-KYHIEU-LOAI", "ND30-TRICHYEU-VV"} <= set(rules(findings))
    with pytest.raises(ValueError):
        check_bytes(data, loai="khong_co")


def test_a_cong_van_checked_as_one_keeps_its_rules():
    assert check_bytes(to_bytes(build_letter()), loai="cong_van") == []
    findings = check_bytes(to_bytes(build_typed("ke_hoach")), loai="cong_van")
    assert "ND30-LOAI-MISMATCH" in rules(findings)


@pytest.mark.parametrize("kind", ["quyet_dinh", "ke_hoach", "bien_ban"])
def test_no_cong_van_rule_on_another_type(kind):
    """The faults that are faults only of a Công văn are none on these (no V/v, no Kính gửi, no '- Như trên;')."""
    findings = check_bytes(to_bytes(build_typed(kind)))
    assert findings == [] and not findings.doc_type.is_cong_van


# ---- not an administrative document ------------------------------------------------------------------
def _citizens_form() -> bytes:
    doc = Document()
    for text, bold in (("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True),
                       ("ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC", True)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.font.bold, run.font.size, run.font.name = bold, Pt(13), "Arial"
    for text in ("Kính gửi: Ủy ban nhân dân phường Hòa Phú", "Tôi tên là: Nguyễn Văn A, sinh ngày 05/3/1980.",
                 "Đề nghị cấp 02 bản sao trích lục khai sinh.", "Hòa Phú, ngày 5 tháng 3 năm 2026",
                 "Người làm đơn"):
        doc.add_paragraph(text).runs[0].font.size = Pt(12)
    return to_bytes(doc)


def test_a_citizens_form_gets_one_finding_and_exit_0(tmp_path):
    data = _citizens_form()
    findings = check_bytes(data)
    assert rules(findings) == [NOT_ADMIN] and findings.administrative is False and findings.doc_type is None
    assert findings[0].severity == "warning" and "--loai" in findings[0].message
    forced = check_bytes(data, loai="cong_van")                          # checked anyway: its many faults
    assert len(forced) > 5 and NOT_ADMIN not in rules(forced)
    path = tmp_path / "don.docx"
    path.write_bytes(data)
    result = CliRunner().invoke(check_command, [str(path)])
    assert result.exit_code == 0 and "không phải văn bản hành chính" in result.output
    assert "CẢNH BÁO ND30-NOT-ADMIN" in result.output
    result = CliRunner().invoke(check_command, ["--loai", "cong_van", str(path)])
    assert result.exit_code == 1


def test_an_annex_on_its_own_is_no_administrative_document():
    doc = Document()
    for text in ("Phụ lục I", "DANH SÁCH CÁC ĐƠN VỊ", "(Kèm theo Công văn số 05/SNV-VP ngày 05 tháng 3 năm 2026)",
                 "1. Văn phòng Sở.", "2. Phòng Tổ chức."):
        doc.add_paragraph(text)
    findings = check_bytes(to_bytes(doc))
    assert rules(findings) == [NOT_ADMIN] and "phụ lục" in findings[0].message


def test_an_administrative_document_whose_type_cannot_be_told():
    doc = build_typed("chi_thi")
    remove(["CHỈ THỊ"])(doc)
    set_text(find(doc, "Số:"), "Số:")
    findings = check_bytes(to_bytes(doc))
    assert findings.doc_type is None and findings.administrative
    assert "ND30-LOAI-UNKNOWN" in rules(findings)


# ---- the command -------------------------------------------------------------------------------------
def test_command_reports_the_type_and_takes_loai(tmp_path):
    path = tmp_path / "qd.docx"
    path.write_bytes(to_bytes(build_typed("quyet_dinh")))
    runner = CliRunner()
    result = runner.invoke(check_command, [str(path)])
    assert result.exit_code == 0
    assert "0 lỗi, 0 cảnh báo — Quyết định (theo tên loại 'QUYẾT ĐỊNH')" in result.output
    result = runner.invoke(check_command, ["--json", "--loai", "quyet_dinh", str(path)])
    (entry,) = json.loads(result.output)["files"]
    assert entry["type"]["loai"] == "quyet_dinh" and entry["type"]["source"] == "loai" and entry["administrative"]
    result = runner.invoke(check_command, ["--loai", "ke_hoach", "--no-warnings", str(path)])
    assert result.exit_code == 1 and "ND30-LOAI-MISMATCH" in result.output and "theo --loai ke_hoach" in result.output
    result = runner.invoke(check_command, ["--loai", "khong_co", str(path)])
    assert result.exit_code == 2 and "không phải loại văn bản" in result.output and "quyet_dinh" in result.output


# ---- draftgen's own examples of every family -----------------------------------------------------------
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.yaml") if p.parent.name != "batch")


@pytest.fixture(scope="module")
def rendered_examples() -> dict[Path, bytes]:
    from draftgen.pipeline import load_letter, render_letter

    return {p: render_letter(load_letter(p)) for p in EXAMPLES}


def test_every_example_passes_and_is_told_as_its_loai(rendered_examples):
    """Every example of every family (examples/**: Công văn, co-ten-loai, quyet-dinh, mau-rieng, bien-ban …) has
    no error and no warning, and the checker tells the type its YAML asks for."""
    assert len(rendered_examples) >= 3
    for path, data in rendered_examples.items():
        findings = check_bytes(data, source=path.name)
        assert [(f.rule, f.message) for f in findings] == [], path
        loai = load_yaml_text(path.read_text(encoding="utf-8")).data.get("loai") or "cong_van"
        assert findings.doc_type is not None and findings.doc_type.loai == loai, (path, findings.doc_type)


# ---- shared/realdocs ---------------------------------------------------------------------------------
NOT_ADMINISTRATIVE = ("ktvb", "mvb", "mylove", "soatvb", "techber", "tpt", "vai", "vbp__0", "vbp__Phuluc",
                      "vbp__REQUIREMENT")
REAL_TYPES = {"tinhba__cong_van_nd30.docx": "cong_van", "tinhba__test_cong_van.docx": "cong_van",
              "tinhba__qd_bo_nhiem_pham_thuy_lam.docx": "quyet_dinh",
              "tinhba__qd_bo_nhiem_pham_thuy_lam_v2.docx": "quyet_dinh",
              "tinhba__test_quyet_dinh.docx": "quyet_dinh", "tinhba__thong_bao.docx": "thong_bao",
              "vbp__30_2020_ND_CP.docx": "nghi_dinh"}


@needs_realdocs
@pytest.mark.parametrize("path", sorted(REALDOCS.glob("*.docx")), ids=lambda p: p.name)
def test_realdocs_types(path):
    findings = check_path(path)
    if path.name.startswith(NOT_ADMINISTRATIVE) and not path.name.startswith("vbp__30"):
        assert rules(findings) == [NOT_ADMIN], [(f.rule, f.message) for f in findings]
    elif path.name in REAL_TYPES:
        assert findings.doc_type.loai == REAL_TYPES[path.name]
        assert NOT_ADMIN not in rules(findings)
    else:                                              # tinhba__CV_tra_loi_BXD: no diacritics, nothing to tell
        assert rules(findings) == ["ND30-NO-DIACRITICS"]


@needs_realdocs
def test_no_cong_van_rule_on_a_real_quyet_dinh():
    findings = check_path(REALDOCS / "tinhba__qd_bo_nhiem_pham_thuy_lam.docx")
    cong_van_only = {"ND30-VV-MISSING", "ND30-KINHGUI-MISSING", "ND30-NOINHAN-FIRST", "ND30-KYHIEU-CV"}
    assert not cong_van_only & set(rules(findings))
    assert "ND30-NOI-DUNG-SPACING" not in rules(findings)           # the trích yếu's rule is no content
    assert "ND30-CANCU-PUNCT" in rules(findings)                    # its last căn cứ ends with ','
