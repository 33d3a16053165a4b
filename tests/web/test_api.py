"""The JSON API: validate, render, pdf and the helpers (types, schema, directives), through FastAPI's TestClient."""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("fastapi")

from api_inputs import DOCX_TYPE, EXAMPLES, LETTERS, XA_HOA_PHU, client, docx_text, line_of  # noqa: E402

from draftgen.check.engine import check_bytes  # noqa: E402


@pytest.fixture(scope="module")
def api():
    return client()


def _yaml(path=XA_HOA_PHU) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.name)
def test_validate_accepts_every_example(api, path):
    r = api.post("/api/validate", content=path.read_bytes(), headers={"content-type": "application/yaml"})
    assert r.status_code == 200, r.text
    assert r.json() == {"ok": True}


def test_validate_accepts_json(api):
    import yaml

    data = yaml.safe_load(_yaml())
    r = api.post("/api/validate", content=json.dumps(data, ensure_ascii=False, default=str).encode(),
                 headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text


def test_bad_yaml_is_422_with_its_line(api):
    text = _yaml().replace("ngay: 05/02/2026", "ngay: [05/02/2026", 1)
    r = api.post("/api/validate", content=text.encode())
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert "YAML sai cú pháp" in error["message"]
    assert error["line"] >= line_of(text, "ngay:")


def test_bad_json_is_422_with_its_line(api):
    r = api.post("/api/validate", content=b'{"so": 7,\n "ngay": }', headers={"content-type": "application/json"})
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert error["line"] == 2 and "JSON" in error["message"]


def test_bad_field_names_the_field_and_line(api):
    text = _yaml().replace("ngay: 05/02/2026", "ngay: 31/02/2026", 1)
    r = api.post("/api/render", content=text.encode())
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert [e["field"] for e in errors] == ["ngay"]
    assert errors[0]["line"] == line_of(text, "ngay:")
    assert "31/02/2026" in errors[0]["message"] or "ngày" in errors[0]["message"].lower()


def test_every_problem_is_listed(api):
    text = _yaml().replace("ngay: 05/02/2026", "ngay: 31/02/2026", 1).replace("viet_tat: UBND", "viet_tat:", 1)
    r = api.post("/api/validate", content=text.encode())
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} >= {"ngay", "co_quan.viet_tat"}


def test_unknown_type_is_a_field_error(api):
    r = api.post("/api/validate", content=("loai: khong_co\n" + _yaml()).encode())
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "loai"
    assert r.json()["errors"][0]["line"] == 1


def test_not_utf8_is_refused(api):
    r = api.post("/api/validate", content="trich_yeu: thư".encode("cp1258"))
    assert r.status_code == 422
    assert "UTF-8" in r.json()["errors"][0]["message"]


def test_parent_given_as_a_file_is_refused_with_its_line(api):
    path = EXAMPLES / "cascade" / "xa-hoa-phu-2025.yaml"  # its parents: 968/CĐ-TTg and a file beside it
    text = path.read_text(encoding="utf-8")
    r = api.post("/api/validate", content=text.encode())
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert error["field"] == "parents[1].file"
    assert error["line"] == line_of(text, "  - file: tinh-dak-lak-2025.yaml")
    assert "thư viện" in error["message"]


def test_absolute_parent_file_is_never_read(api, tmp_path):
    secret = tmp_path / "bi-mat.yaml"
    secret.write_text("loai: Công văn\nso: '1'\nky_hieu: BI-MAT\ntrich_yeu: NỘI DUNG BÍ MẬT\n", encoding="utf-8")
    text = _yaml().replace("kinh_gui:", f"parents:\n  - file: {secret}\nkinh_gui:", 1)
    r = api.post("/api/render", content=text.encode())
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "parents[0].file"
    assert "BÍ MẬT" not in r.text and "BI-MAT" not in r.text


def test_library_parent_renders_its_clauses(api):
    path = EXAMPLES / "cascade" / "dak-lak-968.yaml"
    r = api.post("/api/render", content=path.read_bytes())
    assert r.status_code == 200, r.text
    text = docx_text(r.content)
    assert "968/CĐ-TTg" in text
    # a point of the directive, carried down (its words are in the bundled library file)
    assert "trách nhiệm người đứng đầu" in text


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.name)
def test_render_returns_a_docx_that_passes_check(api, path):
    r = api.post("/api/render", content=path.read_bytes())
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == DOCX_TYPE
    disposition = r.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=\"") and ".docx\"" in disposition
    findings = check_bytes(r.content, source=path.name)
    assert [f"{f.rule}: {f.message}" for f in findings if f.severity == "error"] == []
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = " ".join(docx_text(r.content).split())
    issuer = data["co_quan"]["ten"]
    assert (issuer if isinstance(issuer, str) else issuer[-1]).upper() in text.upper()
    if "trich_yeu" in data:
        assert " ".join(str(data["trich_yeu"]).split())[:30] in text


def test_file_name_comes_from_the_document(api):
    r = api.post("/api/render", content=XA_HOA_PHU.read_bytes())
    name = re.search(r'filename="([^"]+)"', r.headers["content-disposition"]).group(1)
    assert name == "cong-van-7-tang-cuong-ky-luat-ky-cuong-hanh-chinh-trong-dip-tet-nguyen-dan-binh-ngo-2026.docx"


def test_render_with_a_library_template(api):
    r = api.post("/api/render", params={"template": "cong-van@1"}, content=XA_HOA_PHU.read_bytes())
    assert r.status_code == 200, r.text
    assert "Trưởng các thôn, buôn trên địa bàn xã" in docx_text(r.content)


def test_unknown_template_is_a_field_error(api):
    r = api.post("/api/render", params={"template": "khong-co@9"}, content=XA_HOA_PHU.read_bytes())
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "template"


def test_template_path_is_not_a_path(api):
    r = api.post("/api/render", params={"template": "../../etc/passwd"}, content=XA_HOA_PHU.read_bytes())
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "template"


def test_pdf_without_libreoffice_is_503(api, monkeypatch):
    monkeypatch.setenv("DRAFTGEN_SOFFICE", "/khong/co/soffice")
    r = api.post("/api/pdf", content=XA_HOA_PHU.read_bytes())
    assert r.status_code == 503
    assert "LibreOffice" in r.json()["errors"][0]["message"]


def test_pdf_bad_input_is_422_before_libreoffice(api):
    r = api.post("/api/pdf", content=b"so: [")
    assert r.status_code == 422


@pytest.mark.libreoffice
def test_pdf_is_made(api):
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice/pdftotext not installed")
    import subprocess

    r = api.post("/api/pdf", content=XA_HOA_PHU.read_bytes())
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=r.content, capture_output=True, check=True).stdout
    assert "XÃ HÒA PHÚ" in text.decode("utf-8")


def test_types_lists_the_registry(api):
    from draftgen.doctypes.registry import doc_types

    r = api.get("/api/types")
    assert r.status_code == 200
    by_key = {t["loai"]: t for t in r.json()}
    assert list(by_key) == list(doc_types())
    assert by_key["cong_van"]["ten"] == "Công văn"
    assert by_key["quyet_dinh"]["ten"] == "Quyết định"


def test_schema_of_a_type(api):
    r = api.get("/api/schema/cong_van")
    assert r.status_code == 200
    schema = r.json()
    assert {"co_quan", "trich_yeu", "noi_dung"} <= set(schema["properties"])
    committed = json.loads((EXAMPLES.parent / "schemas" / "cong-van.schema.json").read_text(encoding="utf-8"))
    assert schema == committed


def test_schema_of_an_unknown_type(api):
    r = api.get("/api/schema/khong_co")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "loai"


def test_directives_list_the_bundled_library(api):
    r = api.get("/api/directives")
    assert r.status_code == 200
    ids = {d["id"] for d in r.json()}
    assert {"968/CĐ-TTg", "11/CT-TTg"} <= ids


def test_directive_clauses_and_texts(api):
    import yaml

    from draftgen.resources import DATA_DIR

    source = yaml.safe_load((DATA_DIR / "directives" / "968-CD-TTg.yaml").read_text(encoding="utf-8"))
    r = api.get("/api/directives/968/CĐ-TTg")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["id"] == "968/CĐ-TTg" and body["loai"] == "Công điện"
    clauses = {c["id"]: c for c in body["clauses"]}
    first = source["muc"][0]
    assert clauses["1"]["text"] == " ".join(first["noi_dung"].split())
    assert clauses["1.a"]["text"] == " ".join(first["diem"][0]["noi_dung"].split())
    assert clauses["1.a"]["item"] == "1"


def test_a_directive_added_to_the_library_is_seen(api, tmp_path, monkeypatch):
    from draftgen.resources import DATA_DIR

    monkeypatch.setenv("DRAFTGEN_LIBRARY", str(tmp_path))
    assert "99/CĐ-TTg" not in {d["id"] for d in api.get("/api/directives").json()}
    text = (DATA_DIR / "directives" / "968-CD-TTg.yaml").read_text(encoding="utf-8")
    (tmp_path / "99-CD-TTg.yaml").write_text(text.replace('so: "968"', 'so: "99"'), encoding="utf-8")
    assert "99/CĐ-TTg" in {d["id"] for d in api.get("/api/directives").json()}
    letter = (EXAMPLES / "cascade" / "dak-lak-968.yaml").read_text(encoding="utf-8").replace("968/CĐ-TTg", "99/CĐ-TTg")
    r = api.post("/api/render", content=letter.encode())
    assert r.status_code == 200, r.text
    assert "99/CĐ-TTg" in docx_text(r.content)


def test_unknown_directive(api):
    r = api.get("/api/directives/999/CĐ-TTg")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "id"


def test_templates_list_the_bundled_library(api):
    r = api.get("/api/templates")
    assert r.status_code == 200
    by_ref = {t["ref"]: t for t in r.json()}
    assert by_ref["cong-van@1"]["loai"] == "cong_van" and by_ref["cong-van@1"]["bundled"] is True
    assert {"quyet-dinh@1", "bien-ban@1"} <= set(by_ref)


def test_openapi_documents_every_endpoint_in_vietnamese(api):
    spec = api.get("/openapi.json").json()
    wanted = {("post", "/api/validate"), ("post", "/api/render"), ("post", "/api/pdf"), ("post", "/api/check"),
              ("post", "/api/batch"), ("get", "/api/types"), ("get", "/api/schema/{loai}"),
              ("get", "/api/directives"), ("get", "/api/directives/{ref}"), ("get", "/api/templates")}
    found = {(method, path) for path, ops in spec["paths"].items() for method in ops}
    assert wanted <= found
    for method, path in wanted:
        op = spec["paths"][path][method]
        assert re.search(r"[àáảãạăâđêôơườớợềếệ]", op["summary"] + op["description"]), (path, op["summary"])
    assert "application/yaml" in spec["paths"]["/api/render"]["post"]["requestBody"]["content"]
