"""POST /api/check: a DOCX upload → the findings of ``draftgen check --json``; unreadable uploads refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from api_inputs import XA_HOA_PHU, bomb_docx, client  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from draftgen.cli import main  # noqa: E402

REALDOCS = Path("/work/shared/realdocs")


@pytest.fixture(scope="module")
def api():
    return client()


def _cli_json(path: Path) -> dict:
    result = CliRunner().invoke(main, ["check", "--json", str(path)])
    return json.loads(result.output)


def test_check_of_a_rendered_letter(api, tmp_path):
    docx = api.post("/api/render", content=XA_HOA_PHU.read_bytes()).content
    r = api.post("/api/check", files={"file": ("xa-hoa-phu.docx", docx)})
    assert r.status_code == 200, r.text
    [result] = r.json()["files"]
    assert result["readable"] is True and result["errors"] == 0
    assert result["type"]["loai"] == "cong_van"


def _a_docx_with_findings(api, tmp_path) -> Path:
    """A rendered letter whose ngày line has lost its italics: the checker finds an error."""
    import io

    import docx

    document = docx.Document(io.BytesIO(api.post("/api/render", content=XA_HOA_PHU.read_bytes()).content))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if "tháng" in p.text and "năm" in p.text:
                        for run in p.runs:
                            run.italic = False
    path = tmp_path / "sai-the-thuc.docx"
    document.save(path)
    return path


def test_findings_have_the_shape_of_check_json(api, tmp_path):
    path = _a_docx_with_findings(api, tmp_path)
    r = api.post("/api/check", files={"file": (path.name, path.read_bytes())})
    assert r.status_code == 200
    cli = _cli_json(path)
    cli["files"][0]["file"] = path.name  # the CLI names the path it was given, the API the upload's name
    assert r.json() == cli
    assert r.json()["files"][0]["errors"] >= 1


def test_real_document_from_elsewhere(api):
    docs = sorted(REALDOCS.glob("*.docx"))[:2]
    if not docs:
        pytest.skip("no real documents in /work/shared/realdocs")
    for path in docs:
        r = api.post("/api/check", files={"file": (path.name, path.read_bytes())})
        assert r.status_code == 200
        cli = _cli_json(path)
        cli["files"][0]["file"] = path.name
        assert r.json() == cli


def test_no_warnings_keeps_errors_only(api, tmp_path):
    path = _a_docx_with_findings(api, tmp_path)
    r = api.post("/api/check", files={"file": (path.name, path.read_bytes())}, data={"no_warnings": "true"})
    findings = r.json()["files"][0]["findings"]
    assert findings and {f["severity"] for f in findings} == {"error"}


def test_check_as_a_type(api):
    docx = api.post("/api/render", content=XA_HOA_PHU.read_bytes()).content
    r = api.post("/api/check", files={"file": ("a.docx", docx)}, data={"loai": "quyet_dinh"})
    assert r.status_code == 200
    assert r.json()["files"][0]["type"]["loai"] == "quyet_dinh"
    r = api.post("/api/check", files={"file": ("a.docx", docx)}, data={"loai": "khong_co"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "loai"


@pytest.mark.parametrize("data, words", [
    (b"Day khong phai DOCX", "không phải tệp DOCX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "mật khẩu"),
    (b"PK\x03\x04 broken", "bị hỏng"),
])
def test_non_docx_upload_is_422(api, data, words):
    r = api.post("/api/check", files={"file": ("tep.docx", data)})
    assert r.status_code == 422
    body = r.json()
    assert body["files"][0]["readable"] is False and words in body["files"][0]["error"]
    assert body["errors"][0]["field"] == "file" and words in body["errors"][0]["message"]


def test_zip_bomb_is_refused_before_inflating(api):
    bomb = bomb_docx(5 * 1024 * 1024)  # 5 MB of XML from a few kB: the ratio check
    assert len(bomb) < 50_000
    r = api.post("/api/check", files={"file": ("bom.docx", bomb)})
    assert r.status_code == 422
    assert "zip bomb" in r.json()["errors"][0]["message"]


def test_huge_part_is_refused(api):
    bomb = bomb_docx(17 * 1024 * 1024)  # past the part limit of the safe reader
    r = api.post("/api/check", files={"file": ("bom.docx", bomb)})
    assert r.status_code == 422
    assert "quá lớn" in r.json()["errors"][0]["message"]


def test_missing_upload_is_422_in_vietnamese(api):
    r = api.post("/api/check", data={"loai": "cong_van"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "file"
    assert "Thiếu" in r.json()["errors"][0]["message"]
