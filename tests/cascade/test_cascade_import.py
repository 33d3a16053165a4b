"""Import of real documents: both seeds (.txt), a .md copy and a .docx built from seed 000's lines."""

from __future__ import annotations

import io
import unicodedata

import pytest
from click.testing import CliRunner

from draftgen.cli import main
from draftgen.directives import Library, load_directive
from draftgen.directives_import import import_file, import_lines
from draftgen.errors import InputError
from draftgen.nd30.lettering import point_letter

from .helpers import CORRECTIONS, SEED_000, SEED_001


@pytest.fixture(scope="module")
def bundled():
    return Library().get("968/CĐ-TTg")


def test_cong_dien_part_of_seed_001_gives_the_bundled_clauses(bundled):
    result = import_file(SEED_001, corrections=CORRECTIONS, document=2)
    got = result.directive
    assert result.documents_found == 2
    assert [(c.id, c.text) for c in got.clauses()] == [(c.id, c.text) for c in bundled.clauses()]
    assert (got.id, got.loai, got.co_quan, got.cap, got.dia_danh) == ("968/CĐ-TTg", "Công điện",
                                                                     "Thủ tướng Chính phủ", "trung_uong", "Hà Nội")
    assert got.ngay.complete == bundled.ngay.complete
    assert got.trich_yeu == bundled.trich_yeu
    assert got.gui == bundled.gui and got.mo_dau == bundled.mo_dau and got.ket_thuc == bundled.ket_thuc
    assert got.noi_nhan == bundled.noi_nhan and got.luu == bundled.luu
    assert got.nguoi_ky.ho_ten == "Phạm Minh Chính"


def test_without_corrections_the_ky_hieu_is_repaired_with_a_warning_and_typos_remain():
    result = import_file(SEED_001, document=2)
    assert result.directive.id == "968/CĐ-TTg"
    assert any("CD-TTg" in w for w in result.warnings)
    assert "đề tri trệ" in result.directive.clause("1.b").text


def test_first_part_of_seed_001_is_the_soc_trang_letter():
    d = import_file(SEED_001, corrections=CORRECTIONS, document=1).directive
    assert (d.id, d.loai, d.co_quan, d.cap) == ("2842/UBND-TH", "Công văn", "UBND tỉnh Sóc Trăng", "tinh")
    assert [c.id for c in d.clauses()] == ["1", "2"]
    assert d.gui[-1] == "UBND các huyện, thị xã, thành phố, tỉnh Sóc Trăng"
    assert (d.nguoi_ky.quyen_han, d.nguoi_ky.chuc_vu, d.nguoi_ky.ho_ten) == ("KT", ["CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                                                                           "Lâm Hoàng Nghiệp")


def _check_seed_000(d):
    assert [c.id for c in d.clauses()] == ["1"] + [f"1.{point_letter(i)}" for i in range(8)] + ["2", "3"]
    assert d.id == "…/UBND-TH" and d.so is None and d.co_quan == "UBND tỉnh Đắk Lắk" and d.cap == "tinh"
    assert (d.ngay.ngay, d.ngay.thang, d.ngay.nam) == (None, 10, 2023)
    assert d.trich_yeu.startswith("tiếp tục chấn chỉnh") and d.trich_yeu.endswith("nhà nước các cấp")
    assert d.gui == ["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"]
    assert len(d.mo_dau) == 3 and d.mo_dau[0].startswith("Triển khai Công điện số 968/CĐ-TTg ngày 16/10/2023")
    # hard line breaks inside sentences are gone: clause b) is one paragraph
    assert "Kịp thời rà soát, thay thế" in d.clause("1.b").text
    assert d.clause("1.h").text.endswith("tuyệt đối không được đùn đẩy, lòng vòng, né tránh.")
    assert d.ket_thuc[0].endswith("nghiêm túc triển khai thực hiện")
    assert d.nguoi_ky.ho_ten == "Phạm Ngọc Nghị" and d.luu == "VT, TH (ĐH.15b)"


def test_seed_000_gives_items_1a_to_1h_2_and_3():
    _check_seed_000(import_file(SEED_000, corrections=CORRECTIONS).directive)


def test_markdown_copy_imports_the_same(tmp_path):
    md = tmp_path / "seed.md"
    md.write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    _check_seed_000(import_file(md, corrections=CORRECTIONS).directive)


def test_docx_with_header_table_and_page_number(tmp_path):
    from docx import Document

    text = unicodedata.normalize("NFC", SEED_000.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    split = next(i for i, line in enumerate(lines) if line.startswith("Kính gửi"))
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    left = [x for x in lines[:split] if not x.startswith(("CỘNG HÒA", "Độc lập", "Đắk Lắk,"))]
    right = [x for x in lines[:split] if x.startswith(("CỘNG HÒA", "Độc lập", "Đắk Lắk,"))]
    table.cell(0, 0).text = "\n".join(left)
    table.cell(0, 1).text = "\n".join(right)
    for i, line in enumerate(lines[split:]):
        doc.add_paragraph(line)
        if i == 40:
            doc.add_paragraph("2")          # a page number left in the text by a conversion
    path = tmp_path / "seed.docx"
    doc.save(str(path))
    _check_seed_000(import_file(path, corrections=CORRECTIONS).directive)


def test_text_without_so_ky_hieu_is_an_error():
    with pytest.raises(InputError, match="Số"):
        import_lines(["Kính gửi: Các sở", "1. Việc một."], cap="tinh")


def test_cli_import_writes_yaml_that_loads_back(tmp_path, bundled):
    out = tmp_path / "968.yaml"
    args = ["directives", "import", str(SEED_001), "--van-ban", "2", "--sua-loi", str(CORRECTIONS), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    again = load_directive(out)
    assert [(c.id, c.text) for c in again.clauses()] == [(c.id, c.text) for c in bundled.clauses()]
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 2 and "--force" in second.output


def test_cli_list_show_and_user_library(tmp_path, monkeypatch):
    out = tmp_path / "lib"
    out.mkdir()
    CliRunner().invoke(main, ["directives", "import", str(SEED_001), "--van-ban", "1", "-o", str(out / "st.yaml")])
    monkeypatch.setenv("DRAFTGEN_LIBRARY", str(out))
    listing = CliRunner().invoke(main, ["directives", "list"])
    assert "968/CĐ-TTg" in listing.output and "2842/UBND-TH" in listing.output
    shown = CliRunner().invoke(main, ["directives", "show", "2842/UBND-TH"])
    assert shown.exit_code == 0 and "[2] 2. Giao Sở Nội vụ" in shown.output
    missing = CliRunner().invoke(main, ["directives", "show", "1/CĐ-TTg", "--library", str(out)])
    assert missing.exit_code == 2 and "1/CĐ-TTg" in missing.output
    buffer = io.StringIO(shown.output)
    assert buffer.readline().startswith("Công văn số 2842/UBND-TH ngày 17/10/2023 của UBND tỉnh Sóc Trăng")
