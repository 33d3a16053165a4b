"""The bundled Kế hoạch 258/KH-UBND of UBND tỉnh Lào Cai (a real document, its stored opening only): imported
from the web page's text, its ids, its citations read back, and the example that carries it one level down."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from draftgen.cascade import cascade
from draftgen.check import check_bytes
from draftgen.directives import BUNDLED_DIR, Library
from draftgen.directives_body import join_paragraphs, split_body
from draftgen.directives_clauses import normalise_clause_id
from draftgen.directives_header import quoc_hieu_part
from draftgen.directives_import import Given, clean_line, import_file, join_split_number
from draftgen.load import load_yaml_file
from draftgen.models.cascade import ClauseSelection, Opening
from draftgen.nd30.citations import parse_reference
from draftgen.pipeline import load_letter, render_letter

from .helpers import FIXTURES, ROOT

KH_TEXT = FIXTURES / "realdocs" / "ke-hoach-258-KH-UBND-lao-cai-2021.txt"
KH_FIXES = BUNDLED_DIR / "corrections-258-KH-UBND.yaml"
TRICH_YEU = "Triển khai thực hiện Đề án “Trồng một tỷ cây xanh giai đoạn 2021-2025” trên địa bàn tỉnh Lào Cai"
EXAMPLE = ROOT / "examples" / "cascade" / "huyen-bao-thang-258-kh-ubnd-2021.yaml"


@pytest.fixture(scope="module")
def kh():
    return Library().get("258/KH-UBND")


def test_every_correction_still_matches_the_text():
    text = KH_TEXT.read_text(encoding="utf-8")
    for entry in load_yaml_file(KH_FIXES).data["sua_loi"]:
        assert entry["sai"] in text and entry["ly_do"] and entry["noi"], entry


def test_the_page_text_gives_the_bundled_ke_hoach(kh):
    result = import_file(KH_TEXT, corrections=KH_FIXES, given=Given(trich_yeu=TRICH_YEU))
    got = result.directive
    assert [(c.id, c.text, c.extra) for c in got.clauses()] == [(c.id, c.text, c.extra) for c in kh.clauses()]
    assert (got.mo_dau, got.ket_thuc, got.trich_yeu) == (kh.mo_dau, kh.ket_thuc, kh.trich_yeu)
    assert result.origins == {"so": "van_ban", "loai": "van_ban", "co_quan": "van_ban", "cap": "suy_ra",
                              "ngay": "van_ban", "trich_yeu": "dong_lenh"}
    # the trích yếu is given, so no warning about the capitals it replaces
    assert not any("Trích yếu in hoa" in w for w in result.warnings)


def test_header_read_through_the_web_page_table(kh):
    assert (kh.id, kh.loai, kh.co_quan, kh.cap) == ("258/KH-UBND", "Kế hoạch", "UBND tỉnh Lào Cai", "tinh")
    assert kh.co_quan_dong == ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"]         # not the Quốc hiệu's two halves
    assert kh.ngay.complete and kh.ngay.earliest.isoformat() == "2021-06-07" and kh.dia_danh == "Lào Cai"
    assert kh.reference(full=True) == (f"Kế hoạch số 258/KH-UBND ngày 07/6/2021 của UBND tỉnh Lào Cai về "
                                       f"{TRICH_YEU[:1].lower()}{TRICH_YEU[1:]}")


def test_sections_items_and_their_lines(kh):
    assert [c.id for c in kh.clauses()] == ["I", "I.1", "I.2"]
    assert kh.clause("I").text == "QUAN ĐIỂM, MỤC TIÊU, YÊU CẦU"
    assert kh.clause("I.1").text == "Quan điểm"
    first, second = kh.clause("I.1").extra
    assert first.startswith("- Nâng cao nhận thức, trách nhiệm của các cấp ủy, chính quyền, cộng đồng dân cư")
    assert first.endswith("hạn chế ảnh hưởng tiêu cực của biến đổi khí hậu.")
    assert second.startswith("- Phát huy truyền thống trồng cây do Bác Hồ khởi xướng;")
    assert second.endswith("làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.")
    # "…trồng phân tán;" and "31,2 triệu cây …" are one sentence; the text under "2. Mục tiêu" is its body
    (goal,) = kh.clause("I.2").extra
    assert goal.startswith("Giai đoạn 2021-2025, toàn tỉnh trồng được 41,2 triệu cây xanh, trong đó: 10 triệu cây "
                           "xanh trồng phân tán; 31,2 triệu cây xanh trồng rừng tập trung;")
    assert goal.endswith("và ứng phó […]") and kh.ket_thuc == []
    assert kh.mo_dau[0].startswith("Thực hiện Quyết định số 524/QĐ-TTg ngày 01/4/2021 của Thủ tướng Chính phủ")


def test_citations_of_each_clause_round_trip(kh):
    pattern = re.compile(r"tại (?P<where>.+?) (?P<doc>Kế hoạch số \S+?)(?: ngày|\.$)")
    for clause in kh.clauses():
        result = cascade([kh], [ClauseSelection(id=clause.id, mode="refer"), ClauseSelection(id=clause.id,
                                                                                            mode="refer")],
                         target_level="huyen", opening=Opening(auto=False))
        full, short = (item.text for item in result.items)
        assert full.startswith(f"Thực hiện nghiêm nội dung tại mục {clause.id} Kế hoạch số 258/KH-UBND ngày "
                               "07/6/2021 của UBND tỉnh Lào Cai về")
        assert short == f"Thực hiện nghiêm nội dung tại mục {clause.id} Kế hoạch số 258/KH-UBND."
        for text in (full, short):
            match = pattern.search(text)
            assert normalise_clause_id(match.group("where")) == clause.id
            assert parse_reference(match.group("doc")).number == "258/KH-UBND"


def _example() -> tuple[list[str], bytes]:
    data = render_letter(load_letter(EXAMPLE))
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()], data


def test_example_carries_the_ke_hoach_down_to_the_district(kh):
    paragraphs, data = _example()
    opening = next(p for p in paragraphs if p.startswith("Thực hiện "))
    assert opening == (f"Thực hiện {kh.reference(full=True)}, Ủy ban nhân dân huyện Bảo Thắng ban hành Kế hoạch "
                       "thực hiện như sau:")
    section = paragraphs.index("I. QUAN ĐIỂM, MỤC TIÊU, YÊU CẦU")
    assert paragraphs[section + 1] == "1. Quan điểm"
    # the two "- …" lines of mục I.1, each a paragraph of its own, in order
    assert paragraphs[section + 2:section + 4] == list(kh.clause("I.1").extra)
    assert paragraphs[section + 4] == ("2. Phấn đấu hoàn thành phần chỉ tiêu của huyện trong mục tiêu tại mục I.2 "
                                       "Kế hoạch số 258/KH-UBND.")         # cited in full above, short here
    assert paragraphs[section + 5].startswith("3. Yêu cầu: các cơ quan, đơn vị")
    assert "II. NHIỆM VỤ, GIẢI PHÁP" in paragraphs and "III. TỔ CHỨC THỰC HIỆN" in paragraphs
    assert list(check_bytes(data, source=EXAMPLE.name)) == []


# --- the importer's fixes for a web page's text ------------------------------------------------------------------

def test_a_lone_so_line_takes_the_number_below_it():
    assert join_split_number(["Số:", "", "258/KH-UBND", "x"]) == ["Số: 258/KH-UBND", "", "x"]
    assert join_split_number(["Số:", "Lào Cai, ngày 07 tháng 06 năm 2021"]) == ["Số:", "Lào Cai, ngày 07 tháng 06 "
                                                                              "năm 2021"]
    assert join_split_number(["Số: 5/KH-UBND"]) == ["Số: 5/KH-UBND"]


def test_table_cell_marks_and_split_quoc_hieu():
    assert clean_line("|") == "" and clean_line("||") == "" and clean_line("a | b") == "a | b"
    assert quoc_hieu_part("CỘNG HÒA XÃ HỘI") and quoc_hieu_part("CHỦ NGHĨA VIỆT NAM")
    assert quoc_hieu_part("CỘNG HOÀ XÃ HỘI")
    assert not quoc_hieu_part("TỈNH LÀO CAI") and not quoc_hieu_part("VIỆT")


def test_a_title_item_keeps_its_paragraph_and_later_ones_close():
    body, _ = split_body(join_paragraphs(["I. MỤC ĐÍCH", "1. Mục đích", "- Một.", "2. Chế độ báo cáo",
                                          "Các phòng báo cáo trước ngày 15.", "Trong quá trình thực hiện, nếu có "
                                          "vướng mắc, báo cáo UBND tỉnh."]))
    item = body["phan"][0]["muc"][1]
    assert (item["noi_dung"], item["them"]) == ("Chế độ báo cáo", ["Các phòng báo cáo trước ngày 15."])
    assert body["ket_thuc"] == ["Trong quá trình thực hiện, nếu có vướng mắc, báo cáo UBND tỉnh."]
