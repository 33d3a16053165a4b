"""The cascade over parents of every type: Điều / khoản / điểm of a Quyết định, sections of a Kế hoạch; clauses
quoted, referred to and replaced, cited as letters cite them (in full first, then short), and read back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from draftgen.cascade import cascade
from draftgen.cascade.parents import directive_from_letter
from draftgen.directives_clauses import location, normalise_clause_id
from draftgen.directives_import import import_lines
from draftgen.doctypes.registry import validate_document
from draftgen.load import load_yaml_file
from draftgen.models.cascade import ClauseSelection, Opening
from draftgen.nd30.citations import parse_reference

from .helpers import ROOT
from .test_directives_types import QD_LINES

LETTER = dt.date(2025, 8, 1)   # a commune letter (two-level government) citing the 2024 parents

KH_LINES = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH
Số: 5/KH-UBND
Hòa Bình, ngày 10 tháng 01 năm 2024
KẾ HOẠCH
Triển khai công tác cải cách hành chính năm 2024
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao chất lượng phục vụ người dân.
2. Yêu cầu
Bám sát nhiệm vụ của Chính phủ, Thủ tướng Chính phủ.
II. NHIỆM VỤ
1. Các sở, ban, ngành:
a) Rà soát thủ tục hành chính;
b) Công khai kết quả.
Trên đây là Kế hoạch của UBND tỉnh./.""".splitlines()


def sel(**kw) -> ClauseSelection:
    return ClauseSelection.model_validate(kw)


@pytest.fixture(scope="module")
def qd():
    return import_lines(QD_LINES).directive


@pytest.fixture(scope="module")
def kh():
    return import_lines(KH_LINES).directive


def test_kế_hoạch_sections_items_and_points(kh):
    assert [c.id for c in kh.clauses()] == ["I", "I.1", "I.2", "II", "II.1", "II.1.a", "II.1.b"]
    assert kh.clause("I.1").extra == ("- Nâng cao chất lượng phục vụ người dân.",)
    assert kh.clause("I.2").extra == ("Bám sát nhiệm vụ của Chính phủ, Thủ tướng Chính phủ.",)
    assert kh.ket_thuc == ["Trên đây là Kế hoạch của UBND tỉnh"]
    assert location(kh.clause("II.1.b")) == "điểm b mục II.1"


def test_points_of_a_khoan_come_under_its_text(qd):
    result = cascade([qd], [sel(id="d1.k1.a..d1.k1.b"), sel(id="d1.k2")], target_level="tinh", letter_date=LETTER,
                     opening=Opening(auto=False))
    assert result.paragraphs() == ["1. Sở Nội vụ:", "a) Rà soát quy chế làm việc;", "b) Báo cáo kết quả.",
                                   "2. Sở Tư pháp kiểm tra văn bản."]


def test_refer_cites_the_clause_in_full_first_then_short(qd, kh):
    result = cascade([kh, qd], [sel(id="d1.k1.b", mode="refer"), sel(id="d1.k2", mode="refer"),
                                sel(id="I.1", source="5/KH-UBND", mode="refer"),
                                sel(id="II.1.a", source="5/KH-UBND", mode="refer")],
                     target_level="xa", letter_date=LETTER, opening=Opening(auto=False))
    texts = [t for i in result.items for t in [i.text, *i.points] if t.startswith("Thực hiện nghiêm")]
    assert texts == [
        "Thực hiện nghiêm nội dung tại điểm b khoản 1 Điều 1 Quyết định số 12/QĐ-UBND ngày 05/1/2024 của UBND tỉnh "
        "Hòa Bình về việc giao nhiệm vụ.",
        "Thực hiện nghiêm nội dung tại khoản 2 Điều 1 Quyết định số 12/QĐ-UBND.",
        "Thực hiện nghiêm nội dung tại mục I.1 Kế hoạch số 05/KH-UBND ngày 10/1/2024 của UBND tỉnh Hòa Bình về "
        "triển khai công tác cải cách hành chính năm 2024.",
        "Thực hiện nghiêm nội dung tại điểm a mục II.1 Kế hoạch số 05/KH-UBND.",
    ]


def test_citations_round_trip(qd, kh):
    """Each refer sentence names the clause and the document; both read back to what was selected."""
    pattern = re.compile(r"tại (?P<where>.+?) (?P<doc>(?:Quyết định|Kế hoạch) số \S+?)(?: ngày|\.$)")
    for parent in (qd, kh):
        for clause in parent.clauses():
            item = cascade([parent], [sel(id=clause.id, mode="refer")], target_level="xa", letter_date=LETTER,
                           opening=Opening(auto=False)).items[0]
            text = item.points[-1] if clause.is_point else item.text
            match = pattern.search(text)
            assert match, text
            assert normalise_clause_id(match.group("where")) == clause.id
            assert parse_reference(match.group("doc")).number == parent.id


def test_quote_adapts_and_replace_overrides(kh):
    result = cascade([kh], [sel(id="I.2"), sel(id="II.1"),
                            sel(id="II.1.b", mode="replace", text="Công khai trên cổng của xã.")],
                     target_level="xa", letter_date=LETTER, opening=Opening(auto=False))
    assert result.items[0].text == "Yêu cầu"
    assert result.items[1].text == "Các phòng chuyên môn, đơn vị thuộc UBND xã:"   # adapted tỉnh → xã
    assert result.items[1].points == ["Công khai trên cổng của xã."]
    # the plain paragraph under mục I.2 comes down with it, adapted, as its own line (no warning any more)
    assert result.items[0].extra == ["Bám sát nhiệm vụ của Chính phủ, Thủ tướng Chính phủ."]
    assert result.paragraphs()[:2] == ["1. Yêu cầu", "Bám sát nhiệm vụ của Chính phủ, Thủ tướng Chính phủ."]
    assert not any("mục I.2" in w for w in result.warnings)


def test_a_quyet_dinh_letter_file_is_a_parent_with_dieu():
    path = ROOT / "examples" / "quyet-dinh" / "quyet-dinh-giao-nhiem-vu-xa-hoa-phu-2025.yaml"
    letter = validate_document(load_yaml_file(path))
    parent = directive_from_letter(letter, base_dir=Path(path).parent)
    assert (parent.id, parent.loai, parent.cap) == ("87/QĐ-UBND", "Quyết định", "xa")
    ids = [c.id for c in parent.clauses()]
    assert ids[:2] == ["d1", "d1.k1"] and "d2" in ids and "d3" in ids
    assert parent.clause("d2").text == "Quyết định này có hiệu lực kể từ ngày ký."
    assert parent.can_cu[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert parent.can_cu[-1].startswith("Thực hiện Công văn")


def test_a_ke_hoach_letter_file_is_a_parent_with_sections():
    path = (ROOT / "examples" / "co-ten-loai" / "ke-hoach-xa-hoa-phu-2025.yaml").resolve()
    parent = directive_from_letter(validate_document(load_yaml_file(path)), base_dir=path.parent)
    assert (parent.loai, parent.cap) == ("Kế hoạch", "xa") and parent.id.endswith("/KH-UBND")
    ids = [c.id for c in parent.clauses()]
    assert ids[:3] == ["I", "I.1", "I.2"] and "II.1.a" in ids
    assert parent.mo_dau[0].startswith("Thực hiện Công văn")   # its own parents, cited in its first paragraph
    refer = cascade([parent], [sel(id="II.1.a", mode="refer")], target_level="xa", letter_date=LETTER,
                    opening=Opening(auto=False)).items[0].points[0]
    assert refer.startswith("Thực hiện nghiêm nội dung tại điểm a mục II.1 Kế hoạch số 15/KH-UBND ngày 20/9/2025")
