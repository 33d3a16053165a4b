"""``draftgen serve``: lazy import of the web extra, its absence told in Vietnamese, the warning off loopback,
and a real server answering on its address only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from draftgen.cli import main

SRC = Path(__file__).resolve().parent.parent.parent / "src"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}


def test_help_does_not_import_the_web_extra():
    code = "import sys; from draftgen.cli import main; print('fastapi' in sys.modules, 'uvicorn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=True)
    assert out.stdout.split() == ["False", "False"]
    helped = subprocess.run([sys.executable, "-m", "draftgen", "--help"], capture_output=True, text=True, env=_env())
    assert helped.returncode == 0 and "serve" in helped.stdout


def test_without_the_web_extra_exit_2_with_the_pip_command(monkeypatch):
    from draftgen import web_cli

    monkeypatch.setattr(web_cli, "_web_missing", lambda: "fastapi")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert 'pip install "draftgen[web]"' in result.output and "fastapi" in result.output


def _run_recorded(monkeypatch) -> list[dict]:
    pytest.importorskip("uvicorn")
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_loopback_serves_without_warning(monkeypatch):
    calls = _run_recorded(monkeypatch)
    result = CliRunner().invoke(main, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "CẢNH BÁO" not in result.output and "http://127.0.0.1:8123/" in result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8123


def test_other_address_prints_a_warning(monkeypatch):
    calls = _run_recorded(monkeypatch)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--allow-host", "soanthao.example.vn"])
    assert result.exit_code == 0, result.output
    assert "CẢNH BÁO" in result.output and "0.0.0.0:8000" in result.output
    assert calls[0]["host"] == "0.0.0.0"
    from fastapi.testclient import TestClient

    web = TestClient(calls[0]["app"], base_url="http://soanthao.example.vn")
    assert web.get("/api/types").status_code == 200
    assert web.get("/api/types", headers={"host": "evil.example"}).status_code == 400


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, host: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.mark.parametrize("workers", [[], ["--workers", "2"]], ids=["one-process", "two-workers"])
def test_a_real_server_answers_on_its_address_only(workers):
    pytest.importorskip("uvicorn")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "draftgen", "serve", "--port", str(port), *workers], env=_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/api/types"
        for _ in range(300):
            try:
                status, body = _get(url)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start: " + server.stderr.read1().decode())
        assert status == 200 and b'"cong_van"' in body
        assert _get(url, host=f"evil.example:{port}")[0] == 400
    finally:
        server.terminate()
        server.wait(10)
