"""The "- …" lines of a quoted clause come down into the child letter, each as its own paragraph.

The parent is the bundled Chỉ thị 11/CT-TTg (real text): its points II.1.a and II.1.b end in dash lines.
The letters are written here, rendered, and their DOCX read back.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from draftgen.check import check_bytes
from draftgen.pipeline import load_letter, render_letter

HEADER = """\
co_quan:
  ten: [ỦY BAN NHÂN DÂN, TỈNH ĐẮK LẮK]
  viet_tat: UBND
  dia_danh: Đắk Lắk
  cap: tinh
so:
ngay: …/3/2020
parents:
  - 11/CT-TTg
noi_nhan:
  - CT, các PCT UBND tỉnh
luu:
  don_vi: KT
nguoi_ky:
  chuc_vu: CHỦ TỊCH
  ho_ten: …
"""

CONG_VAN = HEADER + """\
don_vi_soan_thao: KT
trich_yeu: triển khai Chỉ thị số 11/CT-TTg ngày 04/3/2020 của Thủ tướng Chính phủ
kinh_gui:
  - Các sở, ban, ngành
clauses:
  - id: II.1.a..II.1.b
  - id: II.2
    mode: refer
noi_dung:
  ket_thuc: Yêu cầu các cơ quan nghiêm túc thực hiện
"""

KE_HOACH = HEADER + """\
loai: ke_hoach
trich_yeu: Thực hiện Chỉ thị số 11/CT-TTg ngày 04/3/2020 của Thủ tướng Chính phủ
clauses:
  - id: II.1.a
clauses_section: 2
noi_dung:
  phan:
    - tieu_de: Mục đích, yêu cầu
      muc:
        - Triển khai kịp thời các nhiệm vụ của Chỉ thị.
    - tieu_de: Nhiệm vụ, giải pháp
      muc:
        - Sở Kế hoạch và Đầu tư tổng hợp kết quả thực hiện.
"""

# the real lines under II.1.a and II.1.b (their first words; the level tables may change words further on)
DASH_A = ["- Chỉ đạo, hướng dẫn kịp thời các tổ chức tín dụng", "- Chủ trì, phối hợp với Bộ Kế hoạch và Đầu tư",
          "- Tiếp tục triển khai các giải pháp đẩy mạnh thanh toán", "- Trình ngay"]
DASH_B = ["- Trình ", "- Khẩn trương trình ", "- Rà soát, đề xuất cấp có thẩm quyền các giải pháp về thuế"]


def _render(tmp_path: Path, text: str) -> tuple[list[str], bytes]:
    path = tmp_path / "letter.yaml"
    path.write_text(text, encoding="utf-8")
    data = render_letter(load_letter(path))
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()], data


def _after(paragraphs: list[str], start: str, count: int) -> list[str]:
    i = next(n for n, p in enumerate(paragraphs) if p.startswith(start))
    return paragraphs[i + 1:i + 1 + count]


def _starts(lines: list[str], firsts: list[str]) -> bool:
    return len(lines) == len(firsts) and all(line.startswith(first) for line, first in zip(lines, firsts, strict=True))


def test_cong_van_carries_the_dash_lines_of_each_point(tmp_path):
    paragraphs, data = _render(tmp_path, CONG_VAN)
    assert _starts(_after(paragraphs, "a) Ngân hàng Nhà nước Việt Nam:", 4), DASH_A)
    dash_b = _after(paragraphs, "b) Bộ Tài chính", 3)
    assert _starts(dash_b, DASH_B)
    # the lines are adapted to the province like the point itself ("Trình Chính phủ" is the province's to write)
    assert "ban hành Nghị định về gia hạn nộp thuế" in dash_b[0] and "Trình Chính phủ" not in dash_b[0]
    # each line is a paragraph of its own: no dash line is merged into the point above it
    assert not any(" - Chỉ đạo, hướng dẫn" in p or p.count("\n") for p in paragraphs)
    # a clause only cited brings no lines with it
    refer = next(p for p in paragraphs if "tại mục II.2 Chỉ thị số 11/CT-TTg" in p)
    assert paragraphs[paragraphs.index(refer) + 1].startswith("Yêu cầu các cơ quan")
    assert list(check_bytes(data, source="cong-van.docx")) == []


def test_ke_hoach_carries_the_dash_lines_into_its_section(tmp_path):
    paragraphs, data = _render(tmp_path, KE_HOACH)
    section = paragraphs.index("II. NHIỆM VỤ, GIẢI PHÁP")
    assert paragraphs[section + 1].startswith("1. Tháo gỡ khó khăn")
    assert paragraphs[section + 2] == "a) Ngân hàng Nhà nước Việt Nam:"
    assert _starts(paragraphs[section + 3:section + 7], DASH_A)
    assert paragraphs[section + 7].startswith("2. Sở Kế hoạch và Đầu tư tổng hợp")
    assert list(check_bytes(data, source="ke-hoach.docx")) == []


@pytest.mark.parametrize("mode", ["refer", "replace"])
def test_cited_or_replaced_clause_brings_no_lines(tmp_path, mode):
    extra = "\n    text: Ngân hàng Nhà nước chi nhánh tỉnh thực hiện." if mode == "replace" else ""
    text = CONG_VAN.replace("  - id: II.1.a..II.1.b\n", f"  - id: II.1.a\n    mode: {mode}{extra}\n")
    paragraphs, _ = _render(tmp_path, text)
    assert not any(p.startswith("- Chỉ đạo, hướng dẫn kịp thời") for p in paragraphs)


ROOT_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_quyet_dinh_carries_the_dash_lines_into_its_dieu(tmp_path):
    """A Quyết định of a commune (2025, so trung ương → tỉnh → xã) puts point II.1.a and its lines in Điều 1."""
    example = ROOT_EXAMPLES / "quyet-dinh" / "quyet-dinh-giao-nhiem-vu-xa-hoa-phu-2025.yaml"
    source = example.read_text(encoding="utf-8")
    head, _, rest = source.partition("parents:\n")
    rest = rest.split("clauses_dieu:", 1)[1]
    text = head + "parents:\n  - 11/CT-TTg\nclauses:\n  - id: II.1.a\nclauses_dieu:" + rest
    paragraphs, data = _render(tmp_path, text)
    a = paragraphs.index("a) Ngân hàng Nhà nước Việt Nam:")
    assert paragraphs[a - 1].startswith("1. Tháo gỡ khó khăn") and paragraphs[a - 2].startswith("Điều 1.")
    assert _starts(paragraphs[a + 1:a + 5], DASH_A)
    assert paragraphs[a + 5].startswith("2. Rà soát, công khai đầy đủ thủ tục hành chính")
    assert list(check_bytes(data, source="quyet-dinh.docx")) == []


def test_a_letter_read_as_a_parent_keeps_the_lines_it_carried():
    """The district's Kế hoạch, read as the parent of a commune's letter: its mục I.1 still has its two lines."""
    from draftgen.cascade.parents import directive_from_letter

    path = ROOT_EXAMPLES / "cascade" / "huyen-bao-thang-258-kh-ubnd-2021.yaml"
    parent = directive_from_letter(load_letter(path), base_dir=path.parent)
    clause = parent.clause("I.1")
    assert clause.text == "Quan điểm"
    assert _starts(list(clause.extra), ["- Nâng cao nhận thức, trách nhiệm của các cấp ủy",
                                        "- Phát huy truyền thống trồng cây do Bác Hồ khởi xướng"])
