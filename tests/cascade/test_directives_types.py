"""Import of parents of every type: Điều / khoản / điểm, sections I., Căn cứ lines kept apart, given header
fields, and every real DOCX of ../shared/realdocs imported or refused with a reason (never a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from draftgen.cli import main
from draftgen.directives import Directive
from draftgen.directives_clauses import location, normalise_clause_id
from draftgen.directives_import import Given, import_file, import_lines
from draftgen.errors import InputError

REALDOCS = Path(__file__).resolve().parents[2].parent / "shared" / "realdocs"
FILES = sorted(REALDOCS.glob("*.docx")) if REALDOCS.is_dir() else []
ND30 = REALDOCS / "vbp__30_2020_ND_CP.docx"
needs_realdocs = pytest.mark.skipif(not FILES, reason="../shared/realdocs is absent")


@needs_realdocs
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_real_docx_is_imported_or_refused_with_a_reason(path, tmp_path):
    result = CliRunner().invoke(main, ["directives", "import", str(path), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "Lỗi nội bộ" not in result.output
    if result.exit_code == 2:
        assert "Lỗi dữ liệu đầu vào" in result.output and path.name in result.output
    else:
        assert "Đã tạo" in result.output and "(đọc từ văn bản)" in result.output


@needs_realdocs
def test_the_parametrised_import_sees_every_listed_real_docx():
    """The test above runs on each of the 48 files SHA1SUMS lists: none is left out by the glob."""
    listed = sorted(line.split()[-1].lstrip("*") for line in (REALDOCS / "SHA1SUMS").read_text().splitlines()
                    if line.strip().endswith(".docx"))
    assert len(listed) == 48
    assert [p.name for p in FILES] == listed


@needs_realdocs
def test_refusals_of_real_docx_name_what_is_missing(tmp_path):
    """Each refusal says why in Vietnamese (a field, or the "Số:" line); each import says how many clauses."""
    reasons: dict[str, str] = {}
    for path in FILES:
        out = tmp_path / f"{path.stem}.yaml"
        result = CliRunner().invoke(main, ["directives", "import", str(path), "-o", str(out)])
        if result.exit_code == 2:
            reasons[path.name] = result.output
            assert not out.exists()
        else:
            assert out.is_file()
            assert "Đã tạo" in result.output and "/" in result.output.rsplit("Đã tạo", 1)[1]
    assert reasons, "some realdocs are forms, not documents: they must be refused"
    for name, output in reasons.items():
        reason = output.split(f"{name}: ", 1)[1]            # the reason follows the file's name
        assert reason.startswith(("Không tìm thấy dòng 'Số: …/…'", "Số, ký hiệu '", "Không xác định", "trường '")), \
            (name, output)
        if reason.startswith("Không tìm thấy"):              # …and says what the clerk can do
            assert "--so" in reason and "--ngay" in reason


@pytest.fixture(scope="module")
def nd30() -> Directive:
    if not ND30.is_file():
        pytest.skip("../shared/realdocs is absent")
    return import_file(ND30).directive


def test_decree_docx_reads_dieu_khoan_diem(nd30):
    assert (nd30.id, nd30.loai, nd30.co_quan, nd30.cap) == ("30/2020/NĐ-CP", "Nghị định", "Chính phủ", "trung_uong")
    assert nd30.trich_yeu == "Về công tác văn thư"
    assert len(nd30.dieu) == 38 and [a.so for a in nd30.dieu[:3]] == ["1", "2", "3"]
    assert nd30.dieu[0].tieu_de == "Phạm vi điều chỉnh"
    assert nd30.clause("d2.k1").text.startswith("Nghị định này áp dụng đối với cơ quan, tổ chức nhà nước")
    assert nd30.clause("d3").text == "Trong Nghị định này, những từ ngữ dưới đây được hiểu như sau:"
    assert nd30.clause("d3.k5").text == "“Văn bản đi” là tất cả các loại văn bản do cơ quan, tổ chức ban hành."
    assert nd30.clause("d4.k2.d").text == "Văn bản phải được theo dõi, cập nhật trạng thái gửi, nhận, xử lý."
    assert nd30.clause("d4.k2.a").item == "d4.k2" and nd30.clause("d4.k2.a").kind == "diem_khoan"


def test_can_cu_and_theo_de_nghi_are_metadata_not_clauses(nd30):
    assert nd30.can_cu == ["Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"]
    assert nd30.theo_de_nghi == "Theo đề nghị của Bộ trưởng Bộ Nội vụ"
    assert nd30.mo_dau == ["Chính phủ ban hành Nghị định về công tác văn thư."]
    assert not any(c.text.startswith((nd30.can_cu[0], nd30.theo_de_nghi)) for c in nd30.clauses())
    assert (nd30.nguoi_ky.quyen_han, nd30.nguoi_ky.ho_ten) == ("TM", "Nguyễn Xuân Phúc")


def test_every_clause_location_reads_back_to_its_id(nd30):
    for clause in nd30.clauses():
        assert normalise_clause_id(location(clause)) == clause.id, location(clause)
    assert location(nd30.clause("d4.k2.a")) == "điểm a khoản 2 Điều 4"
    assert nd30.clause("khoản 2 Điều 4").id == "d4.k2"


@pytest.mark.parametrize("spoken, wanted", [
    ("Điều 1", "d1"), ("khoản 2 Điều 1", "d1.k2"), ("điểm a khoản 2 Điều 1", "d1.k2.a"), ("điểm đ Điều 5", "d5.đ"),
    ("mục I", "I"), ("mục I.1", "I.1"), ("điểm a mục I.1", "I.1.a"), ("D1.K2.A", "d1.k2.a"), ("II.3.b", "II.3.b"),
    ("điểm a khoản 1", "1.a"), ("khoản 3", "3"), ("1a", "1.a"),
])
def test_spoken_clause_names(spoken, wanted):
    assert normalise_clause_id(spoken) == wanted


QD_LINES = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH
Số: 12/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hòa Bình, ngày 05 tháng 01 năm 2024
QUYẾT ĐỊNH
Về việc giao nhiệm vụ
_______________
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Theo đề nghị của Giám đốc Sở Nội vụ.
QUYẾT ĐỊNH:
Điều 1. Giao các sở:
1. Sở Nội vụ:
a) Rà soát quy chế làm việc;
b) Báo cáo kết quả.
2. Sở Tư pháp kiểm tra văn bản.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A
PHỤ LỤC
DANH SÁCH CÁC SỞ
Sở Nội vụ, Sở Tư pháp.""".splitlines()


def test_shape_of_a_quyet_dinh_in_text():
    """The parts of a Quyết định, on a made-up text (not a bundled parent: it only pins the shape)."""
    d = import_lines(QD_LINES).directive
    assert (d.loai, d.trich_yeu) == ("Quyết định", "Về việc giao nhiệm vụ")
    assert d.tham_quyen == ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"]
    assert [c.id for c in d.clauses()] == ["d1", "d1.k1", "d1.k1.a", "d1.k1.b", "d1.k2", "d2"]
    assert d.dieu[1].them == ["Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này."]
    assert d.noi_nhan == [] and d.luu == "VT" and d.nguoi_ky.ho_ten == "Nguyễn Văn A"
    assert [(a.tieu_de, a.doan) for a in d.phu_luc] == [("PHỤ LỤC DANH SÁCH CÁC SỞ", ["Sở Nội vụ, Sở Tư pháp."])]
    assert d.reference(full=True) == ("Quyết định số 12/QĐ-UBND ngày 05/1/2024 của UBND tỉnh Hòa Bình "
                                      "về việc giao nhiệm vụ")


def test_lost_header_is_refused_with_the_options_then_given():
    body = QD_LINES[12:]
    with pytest.raises(InputError, match="--so"):
        import_lines(body)
    result = import_lines(body, given=Given(loai="Quyết định", so="12/QĐ-UBND", ngay="05/01/2024",
                                            co_quan="UBND tỉnh Hòa Bình", cap="tinh",
                                            trich_yeu="Về việc giao nhiệm vụ"))
    assert result.origins["so"] == result.origins["ngay"] == result.origins["co_quan"] == "dong_lenh"
    assert result.directive.id == "12/QĐ-UBND" and result.directive.clause("d1.k1.b").text == "Báo cáo kết quả."


@needs_realdocs
def test_issuer_and_preamble_of_a_real_generator_quyet_dinh():
    """A Sở under its UBND is the issuer; the lines before "QUYẾT ĐỊNH:" are căn cứ even without the word."""
    d = import_file(REALDOCS / "tinhba__qd_bo_nhiem_pham_thuy_lam.docx").directive
    assert (d.loai, d.co_quan, d.cap) == ("Quyết định", "Sở Nội vụ", "tinh")
    assert len(d.can_cu) == 3 and d.can_cu[1].startswith("Nghị định số 138/2020/NĐ-CP") and d.mo_dau == []
    assert [c.id for c in d.clauses()] == ["d1", "d2", "d3"]
    notice = import_file(REALDOCS / "tinhba__thong_bao.docx").directive
    assert (notice.loai, notice.co_quan, notice.cap) == ("Thông báo", "Vụ Tổ chức cán bộ", "trung_uong")
    assert [c.id for c in notice.clauses()][:3] == ["1", "1.a", "1.b"]
