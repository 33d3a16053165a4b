"""The batch and check pages in a browser: a small batch validated per row and its ZIP downloaded; a DOCX
uploaded to the check page and its findings shown, grouped, with where and why."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

from playwright.sync_api import expect

LETTER = """\
co_quan: {ten: [ỦY BAN NHÂN DÂN, TỈNH ĐẮK LẮK], viet_tat: UBND, dia_danh: Đắk Lắk, cap: tinh}
don_vi_soan_thao: KT
ngay: "{{ unit.ngay }}"
trich_yeu: báo cáo kết quả năm 2025 của {{ unit.name }}
kinh_gui: Ủy ban nhân dân {{ unit.name }}
noi_dung:
  mo_dau: Đề nghị Ủy ban nhân dân {{ unit.name }} báo cáo trước ngày {{ unit.han }}.
nguoi_ky: {quyen_han: KT, cap_truong: CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH, ho_ten: Nguyễn Văn An}
"""
UNITS_BAD = ("code,name,han,ngay\n24175,Xã Hòa Phú,30/3/2026,10/3/2026\n24181,Xã Hòa Xuân,29/3/2026,31/02/2026\n"
             "24184,Phường Buôn Ma Thuột,31/3/2026,10/3/2026\n")
UNITS_GOOD = UNITS_BAD.replace("31/02/2026", "11/3/2026")


def test_small_batch_rows_then_zip(page, shot, tmp_path: Path) -> None:  # noqa: ANN001
    letter = tmp_path / "thu.yaml"
    letter.write_text(LETTER, encoding="utf-8")
    units = tmp_path / "don-vi.csv"
    units.write_text(UNITS_BAD, encoding="utf-8")
    page.goto("/hang-loat")
    page.set_input_files("#b-letter", str(letter))
    page.set_input_files("#b-units", str(units))
    page.get_by_role("button", name="Kiểm tra từng đơn vị").click()
    rows = page.locator("#batch-rows")
    expect(rows).to_contain_text("3 đơn vị: 1 lỗi, 2 hợp lệ")
    bad = rows.locator("tr", has_text="24181")
    expect(bad).to_contain_text("Lỗi")
    expect(bad).to_contain_text("không có thật")
    expect(rows.locator("tr", has_text="24175")).to_contain_text("Hợp lệ")
    shot(page, "batch-rows")
    units.write_text(UNITS_GOOD, encoding="utf-8")
    page.set_input_files("#b-units", str(units))
    page.get_by_role("button", name="Kiểm tra từng đơn vị").click()
    expect(rows).to_contain_text("3 đơn vị: 0 lỗi, 3 hợp lệ")
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Tạo và tải tệp ZIP").click()
    expect(page.locator("#zip-busy")).to_have_text("Đã tạo xong; tệp ZIP đã được tải về.")
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    names = archive.namelist()
    assert "manifest.json" in names and "manifest.csv" in names
    documents = sorted(n for n in names if n.endswith(".docx"))
    assert len(documents) == 3 and documents[0].startswith("24175-")
    manifest = json.loads(archive.read("manifest.json"))
    records = manifest["documents"]
    assert sorted(r["code"] for r in records) == ["24175", "24181", "24184"]
    import docx

    second = docx.Document(io.BytesIO(archive.read(documents[1])))
    text = "\n".join(p.text for p in second.paragraphs)
    assert "Đề nghị Ủy ban nhân dân Xã Hòa Xuân báo cáo trước ngày 29/3/2026." in text


def _docx_with_arial() -> bytes:
    """A rendered Công văn whose styles ask for Arial: the checker must say so (ND30-FONT)."""
    from draftgen.pipeline import load_letter, render_letter

    examples = Path(__file__).resolve().parents[3] / "examples"
    good = render_letter(load_letter(examples / "xa-hoa-phu-2026.yaml"))
    source, out = zipfile.ZipFile(io.BytesIO(good)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in ("word/styles.xml", "word/document.xml"):
                data = data.replace(b"Times New Roman", b"Arial")
            target.writestr(item, data)
    return out.getvalue()


def test_check_page_shows_findings_grouped(page, shot, tmp_path: Path) -> None:  # noqa: ANN001
    upload = tmp_path / "cong-van-arial.docx"
    upload.write_bytes(_docx_with_arial())
    page.goto("/kiem-tra")
    page.set_input_files("#tep-docx", str(upload))
    page.get_by_role("button", name="Kiểm tra").click()
    result = page.locator("#check-result")
    expect(result.get_by_role("heading", level=2)).to_contain_text(re.compile(r"cong-van-arial\.docx: [1-9]\d* lỗi"))
    errors = result.locator("section.findings", has=page.get_by_role("heading", name=re.compile("^Lỗi thể thức")))
    font = errors.locator(".finding", has_text="ND30-FONT").first
    expect(font).to_contain_text("Arial")
    expect(font).to_contain_text("Vì sao: Phông chữ Times New Roman cho mọi thành phần")
    expect(font.locator(".where").first).to_contain_text("Ở: đoạn")
    expect(font.locator(".excerpt").first).to_contain_text("ỦY BAN NHÂN DÂN")
    shot(page, "check-findings", full_page=True)


def test_check_page_refuses_a_file_that_is_not_a_docx(page, shot, tmp_path: Path) -> None:  # noqa: ANN001
    upload = tmp_path / "khong-phai.docx"
    upload.write_bytes(b"day khong phai tep DOCX")
    page.goto("/kiem-tra")
    page.set_input_files("#tep-docx", str(upload))
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.locator("#check-result [role=alert]")).to_contain_text("Không đọc được tệp 'khong-phai.docx'")
    shot(page, "check-refused")
