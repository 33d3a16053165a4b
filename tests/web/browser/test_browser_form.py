"""The form in a browser: a Công văn filled from an empty form, the preview following the typing, an inline
error for a bad date cleared by its fix, three clauses of 968/CĐ-TTg in the preview, the DOCX downloaded."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from playwright.sync_api import expect

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def fill_cong_van(page) -> None:  # noqa: ANN001
    """Fill the required fields of a Công văn, as a clerk would, from the empty form."""
    page.goto("/")
    page.get_by_role("link", name=re.compile("^Công văn")).click()
    expect(page.get_by_role("heading", name="Soạn Công văn")).to_be_visible()
    page.fill("#f-co_quan-ten-0", "ỦY BAN NHÂN DÂN")
    page.get_by_role("button", name="+ Thêm dòng vào tên cơ quan ban hành").click()
    page.locator("#f-co_quan-ten-1").fill("XÃ HÒA PHÚ")
    page.fill("#f-co_quan-viet_tat", "UBND")
    page.fill("#f-co_quan-dia_danh", "Hòa Phú")
    page.select_option("#f-co_quan-cap", "xa")
    page.fill("#f-don_vi_soan_thao", "VP")
    page.fill("#f-ngay", "05/3/2026")
    page.fill("#f-trich_yeu", "triển khai nhiệm vụ năm 2026")
    page.fill("#f-kinh_gui-0", "Các thôn, buôn trên địa bàn xã")
    page.fill("#f-noi_dung-mo_dau-0", "Để triển khai kịp thời nhiệm vụ năm 2026, Ủy ban nhân dân xã yêu cầu:")
    page.locator("#f-noi_dung-muc-0-noi_dung").fill("Rà soát, báo cáo kết quả thực hiện nhiệm vụ năm 2025.")
    page.get_by_role("button", name="+ Thêm mục vào các mục đánh số").click()  # a list grows: a second item, its points
    page.locator("#f-noi_dung-muc-1-noi_dung").fill("Xây dựng kế hoạch năm 2026, trong đó:")
    page.locator("#f-noi_dung-muc-1").get_by_role("button", name="+ Thêm điểm vào các điểm a), b)").click()
    page.locator("#f-noi_dung-muc-1-diem-0").fill("Xác định rõ nhiệm vụ trọng tâm;")
    page.select_option("#f-nguoi_ky-quyen_han", "TM")
    page.fill("#f-nguoi_ky-tap_the", "ỦY BAN NHÂN DÂN")
    page.fill("#f-nguoi_ky-chuc_vu", "CHỦ TỊCH")
    page.fill("#f-nguoi_ky-ho_ten", "Trần Văn Bình")


def open_example(page, name: str) -> None:  # noqa: ANN001
    """Open an example YAML through the start page's upload (the YAML → form way)."""
    page.goto("/")
    page.set_input_files("#tep-yaml", str(EXAMPLES / name))
    page.get_by_role("button", name="Mở vào biểu mẫu").click()
    expect(page.locator("#preview-status")).to_have_text(re.compile("Đã cập nhật"))


def test_fill_cong_van_from_an_empty_form(page, shot) -> None:  # noqa: ANN001
    fill_cong_van(page)
    status = page.locator("#preview-status")
    expect(status).to_have_text(re.compile("Đã cập nhật"))
    preview = page.locator("#preview-pages")
    expect(preview).to_contain_text("V/v triển khai nhiệm vụ năm 2026")
    expect(preview).to_contain_text("Số:")
    expect(preview).to_contain_text("/UBND-VP")
    expect(preview).to_contain_text("Hòa Phú, ngày 05 tháng 3 năm 2026")
    expect(preview).to_contain_text("TM. ỦY BAN NHÂN DÂN")
    expect(preview).to_contain_text("Trần Văn Bình")
    expect(preview).to_contain_text("1. Rà soát, báo cáo kết quả")
    expect(preview).to_contain_text("2. Xây dựng kế hoạch năm 2026, trong đó:")
    expect(preview).to_contain_text("a) Xác định rõ nhiệm vụ trọng tâm./.")
    expect(page.locator("#error-summary")).to_be_hidden()
    shot(page, "form-cong-van")


def test_preview_follows_typing(page, shot) -> None:  # noqa: ANN001
    open_example(page, "xa-hoa-phu-2026.yaml")
    preview = page.locator("#preview-pages")
    expect(preview).not_to_contain_text("kiểm tra đột xuất tháng Ba")
    page.locator("#f-trich_yeu").fill("")
    page.locator("#f-trich_yeu").press_sequentially("kiểm tra đột xuất tháng Ba", delay=20)
    expect(preview).to_contain_text("V/v kiểm tra đột xuất tháng Ba")
    shot(page, "preview-typed")


def test_bad_date_shows_beside_its_field_and_the_fix_clears_it(page, shot) -> None:  # noqa: ANN001
    fill_cong_van(page)
    expect(page.locator("#preview-status")).to_have_text(re.compile("Đã cập nhật"))
    date = page.locator("#f-ngay")
    date.fill("31/02/2026")
    error = page.locator("#f-ngay-err")
    expect(error).to_have_text(re.compile("không có thật"))
    expect(date).to_have_attribute("aria-invalid", "true")
    described = date.get_attribute("aria-describedby") or ""
    assert "f-ngay-err" in described.split()
    expect(page.locator("#preview-status")).to_have_text(re.compile("còn 1 lỗi"))
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#error-summary")).to_contain_text("ngay")
    shot(page, "bad-date")
    date.fill("28/02/2026")
    expect(error).to_be_empty()
    expect(date).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#preview-pages")).to_contain_text("ngày 28 tháng 02 năm 2026")
    expect(page.locator("#error-summary")).to_be_hidden()


def test_three_clauses_of_968_in_the_preview(page, shot) -> None:  # noqa: ANN001
    open_example(page, "xa-hoa-phu-2026.yaml")
    page.select_option("#f-parent", "968/CĐ-TTg")
    clauses = page.locator("fieldset.clauses")
    expect(clauses).to_be_visible()
    for clause_id in ("1.a", "1.c", "1.đ"):
        page.locator(f"fieldset.clauses input[type=checkbox][value='{clause_id}']").check()
    page.locator("li.clause", has=page.locator("input[value='1.đ']")).locator("select").select_option("refer")
    expect(page.locator("#opening-sentence")).to_contain_text("Công điện số 968/CĐ-TTg ngày 16/10/2023")
    preview = page.locator("#preview-pages")
    expect(preview).to_contain_text("Công điện số 968/CĐ-TTg")
    expect(preview).to_contain_text("Đề cao trách nhiệm người đứng đầu")       # 1.a, quoted
    expect(preview).to_contain_text("Tiếp tục rà soát, sửa đổi, bổ sung quy chế làm việc")   # 1.c, quoted
    expect(preview).to_contain_text("tại điểm đ khoản 1 Công điện số 968/CĐ-TTg")   # 1.đ, referred to
    expect(preview).not_to_contain_text("Trực tiếp, chủ động, tích cực")          # 1.b, not picked
    shot(page, "directive-968")


def test_download_the_docx(page, shot) -> None:  # noqa: ANN001
    fill_cong_van(page)
    expect(page.locator("#preview-status")).to_have_text(re.compile("Đã cập nhật"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải DOCX").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    document = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
    # every paragraph, those of the header tables (nested) included, in document order
    text = "\n".join(Paragraph(p, document).text for p in document.element.body.iter(qn("w:p")))
    text = text.replace("\u00a0", " ")  # the V/v line keeps its last two words together
    assert "V/v triển khai nhiệm vụ năm 2026" in text
    assert "Hòa Phú, ngày 05 tháng 3 năm 2026" in text
    assert "Kính gửi: Các thôn, buôn trên địa bàn xã" in text
    assert "Số:" in text and "/UBND-VP" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    assert "1. Rà soát, báo cáo kết quả thực hiện nhiệm vụ năm 2025." in text
    assert "a) Xác định rõ nhiệm vụ trọng tâm./." in text
    assert "Trần Văn Bình" in text
    shot(page, "downloaded")
