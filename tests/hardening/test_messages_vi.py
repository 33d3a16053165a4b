"""Every message in Vietnamese, usage errors included; ``--json`` prints JSON on every path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .helpers import EXAMPLE, assert_clean_refusal, run

ENGLISH = re.compile(r"\b(Usage|Error|Missing|No such|Invalid value|Try|Aborted|is not|does not|expected|"
                     r"Got unexpected|requires an argument|Did you mean|not a valid|range)\b")

USAGE_ERRORS = {
    "no-argument": ["render"],
    "unknown-option": ["render", str(EXAMPLE), "-o", "x.docx", "--bogus"],
    "option-needs-value": ["render", str(EXAMPLE), "-o"],
    "unknown-command": ["rendr"],
    "extra-argument": ["validate", str(EXAMPLE), "thua.yaml"],
    "bad-integer": ["batch", str(EXAMPLE), "--units", "u.csv", "--out", "o", "--jobs", "hai"],
    "out-of-range": ["batch", str(EXAMPLE), "--units", "u.csv", "--out", "o", "--jobs", "-1"],
    "missing-option": ["batch", str(EXAMPLE), "--out", "o"],
    "check-no-file": ["check"],
    "directives-unknown": ["directives", "nhap"],
}


@pytest.mark.parametrize("name", sorted(USAGE_ERRORS))
def test_usage_errors_in_vietnamese(tmp_path: Path, name: str) -> None:
    err = assert_clean_refusal(run(*USAGE_ERRORS[name], cwd=tmp_path), "Lỗi cách dùng", "--help")
    assert not ENGLISH.search(err), err


def test_help_is_in_vietnamese() -> None:
    for args in (["--help"], ["render", "--help"], ["batch", "--help"], ["check", "-h"]):
        proc = run(*args)
        out = proc.stdout.decode()
        assert proc.returncode == 0 and "Cách dùng:" in out and "Tùy chọn" in out, out
        assert "Show this message" not in out and "Usage:" not in out, out


def _json(proc) -> dict:
    assert proc.stdout, proc.stderr.decode()
    return json.loads(proc.stdout.decode())


@pytest.mark.parametrize("args, code, kind", [
    (["check", "--json", "--bogus", "x.docx"], 2, "usage"),
    (["check", "--json"], 2, "usage"),
    (["render", str(EXAMPLE), "--json"], 2, "usage"),
])
def test_json_on_usage_errors(tmp_path: Path, args: list[str], code: int, kind: str) -> None:
    proc = run(*args, cwd=tmp_path)
    data = _json(proc)
    assert proc.returncode == code and data["exit_code"] == code and data["error"] == kind and not data["ok"]
    assert "Lỗi cách dùng" in data["message"] and not ENGLISH.search(data["message"])


def test_json_on_unreadable_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    proc = run("check", "--json", str(bad), str(tmp_path / "khong-co.docx"), str(tmp_path))
    data = _json(proc)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr.decode()
    assert data.get("files") or data.get("error"), data


def test_yaml_error_messages_carry_no_english(tmp_path: Path) -> None:
    for text in ("a: b: c\n", "- a\nb: c\n", "a: [b\n", "a: '\n", "a: @\n", "\tx: 1\n", "a: *b\n", "? [a]\n: b\n"):
        src = tmp_path / "x.yaml"
        src.write_text(text, encoding="utf-8")
        err = assert_clean_refusal(run("validate", str(src)), "dòng")
        assert not ENGLISH.search(err), (text, err)
