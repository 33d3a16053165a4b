"""Shared helpers of the hardening tests: run draftgen as a clerk would and read what it left."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "soc-trang-2842.yaml"
BASE = EXAMPLE.read_text(encoding="utf-8")


def run(*args: str, cwd: Path | None = None, timeout: float = 60, stdin: bytes | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m draftgen ARGS`` in a subprocess (a fresh interpreter, as a clerk runs it)."""
    return subprocess.run([sys.executable, "-m", "draftgen", *args], cwd=cwd, capture_output=True, timeout=timeout,
                          input=stdin, env=env)


def assert_clean_refusal(proc: subprocess.CompletedProcess, *words: str, code: int = 2) -> str:
    """Exit ``code``, no traceback, no internal error, every word in the message; returns stderr."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == code, (proc.returncode, err)
    assert "Traceback" not in err, err
    assert "Lỗi nội bộ" not in err, err
    for word in words:
        assert word in err, (word, err)
    return err


def assert_opens(path: Path) -> None:
    """A DOCX whose every XML part parses."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))
