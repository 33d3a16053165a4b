"""POST /api/batch: a letter and its units → a ZIP of one DOCX per unit and the manifest, under limits."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

pytest.importorskip("fastapi")

from api_inputs import ROOT, client, docx_text  # noqa: E402

LETTER = """\
co_quan:
  ten: [ỦY BAN NHÂN DÂN, THÀNH PHỐ HÀ NỘI]
  viet_tat: UBND
  dia_danh: Hà Nội
  cap: tinh
don_vi_soan_thao: KT
ngay: …/3/2026
trich_yeu: giao chỉ tiêu năm 2026 cho {{ unit.name }}
kinh_gui: Ủy ban nhân dân {{ unit.name }}
noi_dung:
  mo_dau: Ủy ban nhân dân Thành phố giao {{ unit.name }} chỉ tiêu năm 2026 như sau
  muc:
    - Trồng mới {{ unit.so_cay|so }} cây xanh.
nguoi_ky:
  quyen_han: KT
  cap_truong: CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  ho_ten: Nguyễn Văn An
"""
UNITS = [("00070", "Phường Hoàn Kiếm", "1250"), ("00082", "Phường Cửa Nam", "800"),
         ("00004", "Phường Ba Đình", "12000")]


def _csv(rows=UNITS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "name", "so_cay"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def api():
    return client()


def _post(api, letter: str = LETTER, units: bytes | None = None, name: str = "don-vi.csv", **data):
    files = {"letter": ("thu-giao-chi-tieu.yaml", letter.encode("utf-8"))}
    if units is not None:
        files["units"] = (name, units)
    return api.post("/api/batch", files=files, data=data)


def test_batch_zip_has_one_docx_per_unit_and_the_manifest(api):
    r = _post(api, units=_csv())
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/zip"
    assert r.headers["x-draftgen-created"] == "3"
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    names = archive.namelist()
    docs = sorted(n for n in names if n.endswith(".docx"))
    assert len(docs) == 3 and {"manifest.json", "manifest.csv"} <= set(names)
    manifest = json.loads(archive.read("manifest.json"))
    records = manifest["documents"] if isinstance(manifest, dict) else manifest
    assert sorted(r["code"] for r in records) == sorted(u[0] for u in UNITS)
    for code, name, trees in UNITS:
        [doc] = [n for n in docs if n.startswith(code)]
        text = docx_text(archive.read(doc))
        assert f"cho {name}" in text
        assert f"Trồng mới {int(trees):,} cây xanh.".replace(",", ".") in text


def test_batch_from_xlsx(api, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "so_cay"])
    for row in UNITS[:2]:
        sheet.append(list(row))
    path = tmp_path / "don-vi.xlsx"
    book.save(path)
    r = _post(api, units=path.read_bytes(), name="danh-sach.xlsx")
    assert r.status_code == 200, r.text
    assert len([n for n in zipfile.ZipFile(io.BytesIO(r.content)).namelist() if n.endswith(".docx")]) == 2


def test_batch_for_a_bundled_province(api):
    communes = list(csv.DictReader(open(ROOT / "src/draftgen/data/units/communes-2025-07-01.csv", encoding="utf-8")))
    wards = [c for c in communes if c["province_code"] == "66" and c["kind"] == "Phường"]
    assert wards
    letter = LETTER.replace("{{ unit.so_cay|so }}", "100").replace("THÀNH PHỐ HÀ NỘI", "TỈNH ĐẮK LẮK")
    r = _post(api, letter=letter, province="66", kind="Phường")
    assert r.status_code == 200, r.text
    docs = [n for n in zipfile.ZipFile(io.BytesIO(r.content)).namelist() if n.endswith(".docx")]
    assert len(docs) == len(wards)


def test_per_row_errors_are_422_with_their_rows(api):
    rows = [UNITS[0], ("00082", "Phường Cửa Nam", "nhiều"), UNITS[2]]
    letter = LETTER.replace("{{ unit.so_cay|so }}", "{{ unit.so_cay|so }} ({{ unit.khong_co }})")
    r = _post(api, letter=letter, units=_csv(rows))
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert len(errors) >= 3  # every unit lacks the column 'khong_co'
    assert all(e["source"] == "don-vi.csv" for e in errors)
    assert sorted({e["line"] for e in errors}) == [2, 3, 4]  # the CSV rows, after the header
    assert all("khong_co" in e["message"] for e in errors)


def test_bad_letter_is_422_naming_the_uploaded_file(api):
    r = _post(api, letter=LETTER.replace("ngay: …/3/2026", "ngay: 31/02/2026"), units=_csv())
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert len(errors) == len(UNITS)  # told for each unit, at its row of the unit list
    for error, (code, _name, _trees) in zip(errors, UNITS, strict=True):
        assert error["field"] == "ngay" and error["source"] == "don-vi.csv"
        assert code in error["message"] and "31/2/2026" in error["message"]
        assert "thu-giao-chi-tieu.yaml dòng 7" in error["message"]


def test_units_are_needed(api):
    r = _post(api)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "units"


@pytest.mark.parametrize("province", ["66,kind=Xã", "../../etc", "66|67", "=1"])
def test_province_is_a_code_or_name_only(api, province):
    r = _post(api, province=province)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "province"


def test_unknown_kind(api):
    r = _post(api, province="66", kind="Thôn")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "kind"


def test_units_file_type(api):
    r = _post(api, units=b"code,name\n1,A\n", name="don-vi.exe")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "units"


def test_parent_file_in_overrides_is_refused(api, tmp_path):
    secret = tmp_path / "cap-tren.yaml"
    secret.write_text("loai: Công văn\n", encoding="utf-8")
    letter = f'batch:\n  overrides:\n    "00070":\n      parents:\n        - file: {secret}\n' + LETTER
    r = _post(api, letter=letter, units=_csv())
    assert r.status_code == 422
    assert any("thư viện" in e["message"] for e in r.json()["errors"]), r.text


def test_too_many_units(api):
    r = _post(client(batch_max_units=2), units=_csv())
    assert r.status_code == 422
    assert "tối đa 2" in r.json()["errors"][0]["message"]


def test_time_limit_stops_the_batch():
    r = _post(client(batch_seconds=0.05), units=_csv())
    assert r.status_code == 504
    assert "giây" in r.json()["errors"][0]["message"]


def test_disk_limit_stops_the_batch():
    r = _post(client(batch_max_bytes=4096), units=_csv())
    assert r.status_code == 507
    assert "MB" in r.json()["errors"][0]["message"]


def test_private_folders_are_removed(api, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert _post(api, units=_csv()).status_code == 200
    assert _post(api, units=_csv([("1", "A", "x")]), letter=LETTER + "so: [").status_code == 422
    assert _post(client(batch_seconds=0.05), units=_csv()).status_code == 504
    assert list(tmp_path.iterdir()) == []


def test_batches_beyond_the_slots_are_told_to_come_back():
    busy = client(batch_concurrent=1)
    slots = busy.app.state.batch_slots
    assert slots.acquire(blocking=False)  # one batch running
    try:
        r = _post(busy, units=_csv())
        assert r.status_code == 503 and r.headers["retry-after"] == "30"
        assert "thử lại" in r.json()["errors"][0]["message"]
    finally:
        slots.release()
    assert _post(busy, units=_csv()).status_code == 200
