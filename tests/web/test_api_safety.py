"""The guards of the web service: the Host check (DNS rebinding), the body cap, uploads read by the safe reader."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from api_inputs import XA_HOA_PHU, client  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from draftgen.web.app import create_app  # noqa: E402
from draftgen.web.security import Settings, allowed_host_values, is_loopback  # noqa: E402


@pytest.fixture(scope="module")
def api():
    return client()


@pytest.mark.parametrize("host", ["evil.example:8000", "evil.example", "127.0.0.1:9999", "localhost", "",
                                  "127.0.0.1:8000.evil.example"])
def test_wrong_host_is_refused(api, host):
    for method, path in (("get", "/api/types"), ("post", "/api/validate"), ("get", "/openapi.json")):
        r = api.request(method, path, headers={"host": host}, content=XA_HOA_PHU.read_bytes())
        assert r.status_code == 400, (method, path, host)
        assert r.json()["errors"][0]["field"] == "Host"
        assert "DNS rebinding" in r.json()["errors"][0]["message"]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"])
def test_served_address_is_accepted(api, host):
    assert api.get("/api/types", headers={"host": host}).status_code == 200


def test_explicit_host_and_office_names_are_accepted():
    app = create_app("192.168.1.20", 8080, settings=Settings(allowed_hosts=("soanthao.ubnd.example.vn",)))
    web = TestClient(app, base_url="http://192.168.1.20:8080")
    assert web.get("/api/types").status_code == 200
    assert web.get("/api/types", headers={"host": "soanthao.ubnd.example.vn"}).status_code == 200
    assert web.get("/api/types", headers={"host": "soanthao.ubnd.example.vn:443"}).status_code == 200
    assert web.get("/api/types", headers={"host": "evil.example:8080"}).status_code == 400


def test_office_names_from_the_environment(monkeypatch):
    monkeypatch.setenv("DRAFTGEN_WEB_HOSTS", "soanthao.example.vn, 10.0.0.5:9000")
    settings = Settings.from_env()
    assert settings.allowed_hosts == ("soanthao.example.vn", "10.0.0.5:9000")
    values = allowed_host_values("127.0.0.1", 8000, settings.allowed_hosts)
    assert {"127.0.0.1:8000", "localhost:8000", "soanthao.example.vn", "10.0.0.5:9000"} <= values
    assert "127.0.0.1" not in values  # without the port only on 80/443


def test_limits_from_the_environment(monkeypatch):
    monkeypatch.setenv("DRAFTGEN_WEB_MAX_UPLOAD_MB", "5")
    monkeypatch.setenv("DRAFTGEN_WEB_BATCH_SECONDS", "30")
    settings = Settings.from_env()
    assert settings.max_body_bytes == 5 * 1024 * 1024 and settings.batch_seconds == 30
    assert Settings().max_body_bytes == 20 * 1024 * 1024


def test_loopback():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")


def test_oversized_upload_is_413(api):
    big = b"a" * (20 * 1024 * 1024 + 1)
    r = api.post("/api/check", files={"file": ("lon.docx", big)})
    assert r.status_code == 413
    assert "20 MB" in r.json()["errors"][0]["message"]


def test_oversized_body_is_413_with_a_lower_cap():
    small = client(max_body_bytes=1000)
    r = small.post("/api/validate", content=XA_HOA_PHU.read_bytes())  # about 2 kB
    assert len(XA_HOA_PHU.read_bytes()) > 1000
    assert r.status_code == 413


def test_streamed_body_without_length_is_capped():
    small = client(max_body_bytes=1000)

    def chunks():
        for _ in range(10):
            yield b"x" * 200

    r = small.post("/api/validate", content=chunks())
    assert r.status_code == 413


def test_body_under_the_cap_passes():
    assert client(max_body_bytes=64 * 1024).post("/api/validate", content=XA_HOA_PHU.read_bytes()).status_code == 200


def test_yaml_over_the_loader_limit_is_422_in_vietnamese(api):
    text = XA_HOA_PHU.read_text(encoding="utf-8") + "# " + "x" * (4 * 1024 * 1024) + "\n"
    r = api.post("/api/validate", content=text.encode())
    assert r.status_code == 422
    assert "quá lớn" in r.json()["errors"][0]["message"]


def test_hostile_yaml_aliases_are_refused(api):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]" for n in range(1, 12)]
    r = api.post("/api/validate", content="\n".join(lines).encode())
    assert r.status_code == 422
    assert "mốc" in r.json()["errors"][0]["message"]


def test_the_cascade_refuses_parent_files_when_told(tmp_path):
    from draftgen.cascade.parents import parent_files_allowed, resolve_chain, restore_parent_files
    from draftgen.errors import InputError
    from draftgen.models.cascade import ParentRef

    parent = tmp_path / "cap-tren.yaml"
    parent.write_text("loai: Công văn\n", encoding="utf-8")
    refs = [ParentRef(id="968/CĐ-TTg"), ParentRef(file=str(parent))]
    token = parent_files_allowed(False)
    try:
        with pytest.raises(InputError) as caught:
            resolve_chain(refs)
    finally:
        restore_parent_files(token)
    assert caught.value.problems[0].field == "parents[1].file"
    assert len(resolve_chain(refs[:1]).directives) == 1  # the library is still read
    with pytest.raises(InputError) as caught:  # allowed again: the file is read (and is no directive)
        resolve_chain(refs)
    assert "thư viện" not in caught.value.problems[0].message
