"""Bad inputs: exit code 2, a Vietnamese message naming the field and its YAML line, no output file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from draftgen.cli import main

BASE = (Path(__file__).resolve().parent.parent / "examples" / "soc-trang-2842.yaml").read_text(encoding="utf-8")


def replace(old: str, new: str):
    def mutate(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return mutate


# (id, mutation, field named in the message, a word the message must contain)
CASES = [
    ("missing-signer-name", replace("  ho_ten: Lâm Hoàng Nghiệp\n", ""), "nguoi_ky.ho_ten", "thiếu"),
    ("kt-without-deputy", replace("chuc_vu: PHÓ CHỦ TỊCH", "chuc_vu: CHỦ TỊCH"), "nguoi_ky", "PHÓ"),
    ("kt-without-head-title", replace("  cap_truong: CHỦ TỊCH       # chức vụ người đứng đầu sau \"KT.\"\n", ""),
     "nguoi_ky", "cap_truong"),
    ("tm-without-collective", replace("quyen_han: KT ", "quyen_han: TM "), "nguoi_ky", "tap_the"),
    ("unknown-authority", replace("quyen_han: KT ", "quyen_han: KTT "), "nguoi_ky.quyen_han", "chọn"),
    ("academic-title", replace("ho_ten: Lâm Hoàng Nghiệp", "ho_ten: TS. Lâm Hoàng Nghiệp"),
     "nguoi_ky.ho_ten", "học vị"),
    ("name-all-caps", replace("ho_ten: Lâm Hoàng Nghiệp", "ho_ten: LÂM HOÀNG NGHIỆP"), "nguoi_ky.ho_ten", "chữ thường"),
    ("cv-in-ky-hieu", replace("don_vi_soan_thao: TH", "don_vi_soan_thao: CV"), "don_vi_soan_thao", "tên loại"),
    ("type-abbr-as-issuer", replace("viet_tat: UBND", "viet_tat: QĐ"), "co_quan.viet_tat", "tên loại"),
    ("unit-with-space", replace("don_vi_soan_thao: TH", "don_vi_soan_thao: T H"), "don_vi_soan_thao", "không hợp lệ"),
    ("number-not-numeric", replace("so: 2842", "so: 28a"), "so", "số Ả Rập"),
    ("number-zero", replace("so: 2842", "so: 0"), "so", "lớn hơn"),
    ("day-31-november", replace("ngay: 17/10/2023", "ngay: 31/11/2023"), "ngay", "không có thật"),
    ("month-13", replace("ngay: 17/10/2023", "ngay: 17/13/2023"), "ngay", "không có thật"),
    ("year-implausible", replace("ngay: 17/10/2023", "ngay: 17/10/1890"), "ngay", "không hợp lý"),
    ("date-garbage", replace("ngay: 17/10/2023", "ngay: hôm qua"), "ngay", "không đúng dạng"),
    ("missing-trich-yeu", replace("trich_yeu: tiếp tục", "trich_yeu_x: tiếp tục"), "trich_yeu", "thiếu"),
    ("unknown-field", replace("so: 2842", "so: 2842\nso_hieu: 5"), "so_hieu", "không có trong mẫu"),
    ("empty-kinh-gui", replace("kinh_gui:\n  - Các sở, ngành\n  - Các cơ quan Trung ương tại tỉnh\n"
                               "  - UBND các huyện, thị xã, thành phố, tỉnh Sóc Trăng\n", "kinh_gui: []\n"),
     "kinh_gui", "ít nhất"),
    ("nhu-tren-written", replace("  - TT. TU; TT. HĐND tỉnh\n", "  - Như trên\n"), "noi_nhan[0].ten", "tự động"),
    ("luu-written", replace("  - UBND các xã, phường, thị trấn\n", "  - Lưu: VT, TH\n"), "noi_nhan[3].ten", "Lưu"),
    ("bad-level", replace("cap: tinh ", "cap: quan "), "co_quan.cap", "chọn"),
    ("district-after-2025",
     lambda t: t.replace("cap: tinh ", "cap: huyen ").replace("ngay: 17/10/2023", "ngay: 17/10/2025"),
     None, "cấp huyện"),
    ("issuer-name-missing", replace("  ten:                       # tên cơ quan ban hành, mỗi dòng một phần tử\n"
                                    "    - ỦY BAN NHÂN DÂN\n    - TỈNH SÓC TRĂNG\n", ""), "co_quan.ten", "thiếu"),
    ("o12-half", replace("luu:\n", "nguoi_soan: PL\nluu:\n"), None, "so_ban_phat_hanh"),
    ("drafter-lowercase", replace("luu:\n", "nguoi_soan: pl\nso_ban_phat_hanh: 30\nluu:\n"), "nguoi_soan", "in hoa"),
    ("urgency-unknown", replace("so: 2842", "so: 2842\ndo_khan: gấp"), "do_khan", "KHẨN"),
    ("luu-two-notes", replace("  don_vi: TH\n", "  don_vi: TH\n  so_ban: 2\n  ghi_chu: ĐH\n"), "luu", "một trong hai"),
    ("item-numbered-by-hand", replace("  muc:\n    - >\n      Các sở", "  muc:\n    - >\n      1. Các sở"),
     "noi_dung.muc[0].noi_dung", "số thứ tự"),
    ("yaml-syntax", replace("kinh_gui:\n", "kinh_gui: [\n"), None, "cú pháp"),
    ("duplicate-key", replace("so: 2842", "so: 2842\nso: 2843"), "so", "lặp lại"),
    ("signer-not-a-mapping", replace("nguoi_ky:\n", "nguoi_ky: Lâm Hoàng Nghiệp\nnguoi_ky_cu:\n"), None, ""),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_exit_2_with_field_and_line_and_no_file(tmp_path, case):
    _id, mutate, field, word = case
    source = tmp_path / "letter.yaml"
    source.write_text(mutate(BASE), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not out.exists() and not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob(".*tmp"))
    message = result.output
    assert re.search(r"dòng \d+", message), message
    if field:
        assert f"'{field}'" in message, message
    assert word in message, message


def test_at_least_25_distinct_bad_inputs():
    assert len({c[0] for c in CASES}) >= 25


def test_validate_reports_every_problem_at_once(tmp_path):
    text = BASE.replace("so: 2842", "so: 0").replace("ngay: 17/10/2023", "ngay: 31/11/2023")
    source = tmp_path / "letter.yaml"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(source)])
    assert result.exit_code == 2
    assert "'so'" in result.output and "'ngay'" in result.output
