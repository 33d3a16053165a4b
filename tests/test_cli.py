"""The command line: render/validate/schema, stdin/stdout, --force, atomic writes, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docx_read import Docx
from draftgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "soc-trang-2842.yaml"


def test_render_writes_a_docx(tmp_path):
    out = tmp_path / "a.docx"
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert Docx(out).one(lambda p: p.text.startswith("Số:")).text == "Số: 2842/UBND-TH"


def test_no_overwrite_without_force(tmp_path):
    out = tmp_path / "a.docx"
    out.write_bytes(b"keep me")
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_bytes() == b"keep me"
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(out), "--force"])
    assert result.exit_code == 0 and out.read_bytes()[:2] == b"PK"


def test_stdin_to_stdout():
    result = CliRunner().invoke(main, ["render", "-", "-o", "-"], input=EXAMPLE.read_bytes())
    assert result.exit_code == 0
    doc = Docx(result.stdout_bytes)
    assert doc.one(lambda p: p.text.startswith("V/v ")).text.startswith("V/v tiếp tục chấn chỉnh")


def test_validate_ok_and_schema_json():
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(EXAMPLE)])
    assert ok.exit_code == 0 and "hợp lệ" in ok.output
    schema = json.loads(runner.invoke(main, ["schema"]).output)
    assert "nguoi_ky" in schema["properties"] and "kinh_gui" in schema["required"]


def test_missing_input_file(tmp_path):
    result = CliRunner().invoke(main, ["render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "Không tìm thấy" in result.output


def test_internal_error_is_exit_1_without_traceback(tmp_path, monkeypatch):
    import draftgen.pipeline

    def boom(*_a, **_k):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(draftgen.pipeline, "render_letter", boom)
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1 and "Lỗi nội bộ" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.docx").exists()


def test_atomic_write_leaves_no_partial_file(tmp_path, monkeypatch):
    from draftgen import atomic

    target = tmp_path / "x.docx"

    def failing_fsync(_fd):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        atomic.write_bytes_atomic(target, b"data")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(shutil.which("draftgen") is None, reason="draftgen console script not on PATH")
def test_installed_command_renders_every_example_from_another_directory(tmp_path):
    """After `pip install .`, the command finds its templates wherever it runs."""
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        out = tmp_path / (example.stem + ".docx")
        proc = subprocess.run(["draftgen", "render", str(example), "-o", str(out)], cwd=tmp_path,
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ""})
        assert proc.returncode == 0, proc.stderr
        assert out.stat().st_size > 3000


def test_python_dash_m_entry_point(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "draftgen", "validate", str(EXAMPLE)], capture_output=True,
                          text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
