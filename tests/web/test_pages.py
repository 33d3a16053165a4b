"""The pages without a browser (FastAPI's TestClient): every type's generated form, the form ↔ YAML round trip
of every example, rows added and removed, the preview, errors beside their fields, downloads, the panels."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytest.importorskip("fastapi")

import docx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from formscrape import form_pairs  # noqa: E402

from draftgen.doctypes.registry import doc_types  # noqa: E402
from draftgen.load import load_yaml_text  # noqa: E402
from draftgen.pipeline import draft_of, load_letter  # noqa: E402
from draftgen.web import documents, formrows, forms  # noqa: E402
from draftgen.web.app import create_app  # noqa: E402
from draftgen.web.templating import STATIC_DIR  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.yaml") if "batch" not in p.parts)
HTMX_SHA256 = "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1:8000")


def _post(client: TestClient, url: str, pairs: list[tuple[str, str]]):  # noqa: ANN202
    """POST the pairs as a browser sends a form (repeated names kept, in order)."""
    return client.post(url, content=urlencode(pairs),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})


def _open(client: TestClient, path: Path):  # noqa: ANN202
    return client.post("/soan/mo-yaml", files={"tep": (path.name, path.read_bytes(), "text/yaml")})


def _uses_parent_files(path: Path) -> bool:
    data = load_yaml_text(path.read_text(encoding="utf-8")).data
    return any(isinstance(p, dict) and p.get("file") for p in data.get("parents") or [])


def test_htmx_is_the_pinned_vendored_file(client: TestClient) -> None:
    assert hashlib.sha256((STATIC_DIR / "htmx.min.js").read_bytes()).hexdigest() == HTMX_SHA256
    page = client.get("/soan").text
    assert '<script src="/static/htmx.min.js"' in page and "//unpkg" not in page and "cdn" not in page.lower()
    assert client.get("/static/htmx.min.js").status_code == 200


def test_start_page_offers_every_type_by_its_vietnamese_name(client: TestClient) -> None:
    page = client.get("/").text
    for key, doc_type in doc_types().items():
        assert f'href="/soan?loai={key}"' in page
        assert f">{doc_type.ten}<" in page


@pytest.mark.parametrize("loai", list(doc_types()))
def test_every_type_has_a_labelled_form(client: TestClient, loai: str) -> None:
    response = client.get(f"/soan?loai={loai}")
    assert response.status_code == 200
    page = response.text
    ids = re.findall(r'<(?:input|textarea|select) id="([^"]+)"', page)
    assert ids, "no input at all"
    for element_id in ids:
        assert f'<label for="{element_id}"' in page, element_id
    assert page.count("<legend>") >= 2
    assert f'name="_loai" value="{loai}"' in page
    assert 'aria-live="polite"' in page


def test_signer_authority_is_a_select_with_vietnamese_words(client: TestClient) -> None:
    page = client.get("/soan").text
    select = page[page.index('id="f-nguoi_ky-quyen_han"'):]
    select = select[:select.index("</select>")]
    assert '<option value="KT" >KT. (ký thay)</option>' in select.replace("  ", " ") or "KT. (ký thay)" in select
    assert select.count("<option") == 6   # none + TM, KT, Q, TL, TUQ (not "KT." again)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_an_example_goes_through_the_form_unchanged(client: TestClient, path: Path) -> None:
    """YAML → form → the dict the form sends: the same view model as the YAML file itself."""
    response = _open(client, path)
    assert response.status_code == 200
    loai, data = documents.form_data(form_pairs(response.text))
    outcome = documents.check(loai, data)
    draft = documents.draft(outcome)
    if _uses_parent_files(path):  # the web page reads no file: a parent given as a file is refused, visibly
        assert "không đọc tệp" in response.text
        return
    assert draft is not None, [str(p) for p in outcome.problems]
    assert draft == draft_of(load_letter(path))


def test_yaml_download_reads_back_to_the_same_form(client: TestClient) -> None:
    page = _open(client, ROOT / "examples" / "xa-hoa-phu-2026.yaml").text
    pairs = form_pairs(page)
    response = _post(client, "/soan/tai/yaml", pairs)
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    _, first = documents.form_data(pairs)
    assert load_yaml_text(response.text).data == first
    again = client.post("/soan/mo-yaml", files={"tep": ("lai.yaml", response.content, "text/yaml")})
    assert documents.form_data(form_pairs(again.text))[1] == first


def test_rows_are_added_and_removed(client: TestClient) -> None:
    pairs = form_pairs(_open(client, ROOT / "examples" / "xa-hoa-phu-2026.yaml").text)
    items = sum(1 for k, _ in pairs if re.fullmatch(r"noi_dung\.muc\[\d+\]\.noi_dung", k))
    added = _post(client, "/soan/bieu-mau", pairs + [("_action", "add:noi_dung.muc")])
    assert added.headers["HX-Trigger-After-Settle"] == "refresh-preview"
    assert f'id="f-noi_dung-muc-{items}-noi_dung"' in added.text
    assert f'data-focus="f-noi_dung-muc-{items}"' in added.text
    removed = _post(client, "/soan/bieu-mau", pairs + [("_action", "remove:noi_dung.muc[0]")])
    assert f'id="f-noi_dung-muc-{items - 1}-noi_dung"' not in removed.text
    second = dict(pairs)["noi_dung.muc[1].noi_dung"]
    assert second.split()[0] in removed.text.split('id="f-noi_dung-muc-0-noi_dung"', 1)[1][:400]
    # a path that is no list, an index past the form's rows: nothing changes
    assert formrows.apply_action({"so": "5"}, "add:so") is None
    assert formrows.apply_action({}, "remove:noi_dung.muc[900]") is None


def test_preview_shows_the_page_or_keeps_it_with_the_errors(client: TestClient) -> None:
    pairs = form_pairs(_open(client, ROOT / "examples" / "xa-hoa-phu-2026.yaml").text)
    good = _post(client, "/soan/xem-truoc", pairs)
    assert "HX-Reswap" not in good.headers
    assert 'class="dg-pages"' in good.text and "V/v tăng cường kỷ luật" in good.text
    assert "Đã cập nhật" in good.text
    bad = _post(client, "/soan/xem-truoc", [(k, "31/02/2026" if k == "ngay" else v) for k, v in pairs])
    assert bad.headers["HX-Reswap"] == "none"
    assert "còn 1 lỗi" in bad.text
    assert "không có thật" in bad.text and "#f-ngay" in bad.text


def test_checked_form_puts_each_error_beside_its_field(client: TestClient) -> None:
    pairs = [(k, "31/02/2026" if k == "ngay" else v) for k, v in form_pairs(client.get("/soan").text)]
    page = _post(client, "/soan", pairs).text
    date = page[page.index('id="f-ngay"'):][:400]
    assert 'aria-invalid="true"' in date and 'aria-describedby="f-ngay-help f-ngay-err"' in date
    assert re.search(r'<p class="error" id="f-ngay-err"[^>]*>Ngày 31/2/2026 không có thật\.</p>', page)
    trich = page[page.index('id="f-trich_yeu-err"'):][:200]
    assert "thiếu" in trich.lower()


def test_docx_download_is_the_document(client: TestClient) -> None:
    pairs = form_pairs(_open(client, ROOT / "examples" / "soc-trang-2842.yaml").text)
    response = _post(client, "/soan/tai/docx", pairs)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Trong thời gian qua" in text or "Sóc Trăng" in text
    from draftgen.check.engine import check_bytes

    assert not [f for f in check_bytes(response.content, "web.docx") if f.severity == "error"]


def test_an_invalid_download_comes_back_as_the_form_with_errors(client: TestClient) -> None:
    response = _post(client, "/soan/tai/docx", form_pairs(client.get("/soan").text))
    assert response.status_code == 422
    assert "Văn bản còn" in response.text and 'id="doc-form"' in response.text


def test_directive_panel_lists_clauses_and_the_opening(client: TestClient) -> None:
    pairs = form_pairs(_open(client, ROOT / "examples" / "xa-hoa-phu-2026.yaml").text)
    pairs = [p for p in pairs if not p[0].startswith(("parents", "clauses"))]
    panel = _post(client, "/soan/van-ban-cap-tren", pairs + [("parents[0].id", "968/CĐ-TTg"),
                                                             ("clauses[1].id", "1.a")]).text
    assert 'value="1.a" checked' in panel and 'value="1.b" >' in panel.replace('value="1.b"  ', 'value="1.b" ')
    assert "Công điện số 968/CĐ-TTg ngày 16/10/2023 của Thủ tướng Chính phủ" in panel
    assert "Trích nguyên văn" in panel and "Chỉ viện dẫn" in panel and "Thay bằng nội dung riêng" in panel
    loai, data = documents.form_data(pairs + [("parents[0].id", "968/CĐ-TTg"), ("clauses[1].id", "1.a"),
                                              ("clauses[1].mode", "quote"), ("clauses[2].mode", "quote"),
                                              ("clauses[5].id", "1.đ"), ("clauses[5].mode", "refer")])
    assert data["parents"] == ["968/CĐ-TTg"]
    assert data["clauses"] == ["1.a", {"id": "1.đ", "mode": "refer"}]


def test_a_parent_file_is_refused(client: TestClient) -> None:
    outcome = documents.check("cong_van", {"parents": [{"file": "/etc/passwd"}]})
    assert outcome.document is None
    assert any(p.field == "parents[0].file" for p in outcome.problems)


def test_templates_page_opens_a_template_in_the_form(client: TestClient) -> None:
    from draftgen.library.bundled import bundled_entries

    page = client.get("/mau").text
    entry = bundled_entries()[0]
    assert entry.title in page
    form = client.get(f"/soan?mau={entry.ref}")
    assert form.status_code == 200
    assert f'name="_template" value="{entry.ref}"' in form.text
    unknown = client.get("/soan?mau=khong-co")
    assert "Không có mẫu" in unknown.text


def test_check_page_refuses_what_is_not_a_docx(client: TestClient) -> None:
    response = client.post("/kiem-tra", files={"tep": ("x.docx", b"not a zip", "application/octet-stream")})
    assert response.status_code == 422
    assert "Không đọc được tệp" in response.text


def test_batch_rows_for_a_bundled_province(client: TestClient) -> None:
    letter = (ROOT / "examples" / "batch" / "dak-lak-xa-2026.yaml").read_bytes()
    response = client.post("/hang-loat/kiem-tra", files={"van_ban": ("thu.yaml", letter, "text/yaml")},
                           data={"tinh": "66"})
    assert response.status_code == 200
    rows = re.findall(r"<tr><td>", response.text)
    assert len(rows) == 102   # the 102 communes and wards of Đắk Lắk, each checked (the join is missing: errors)
    assert "lỗi" in response.text


@pytest.mark.parametrize("loai", list(doc_types()))
def test_select_labels_name_real_options(loai: str) -> None:
    """field_help.yaml's ``labels`` are words for values the model takes (a misspelt key would never show)."""
    def walk(node: forms.Field) -> None:
        if node.kind == "select":
            assert set(node.labels) <= set(node.options), (node.key, node.labels, node.options)
        for child in node.children + ([node.item] if node.item else []):
            walk(child)

    walk(forms.form_of(loai))
    assert forms.form_of(loai).children, loai
