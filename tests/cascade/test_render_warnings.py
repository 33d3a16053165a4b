"""`draftgen render` (and `validate`) print the cascade's warnings on stderr, in Vietnamese, as `directives` does."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from docx import Document

from draftgen.cli import main

from .test_cascade_dash_lines import CONG_VAN

# point II.2.d chosen right after point II.1.a: it has no item of its own in the letter
STRAY_POINT = CONG_VAN.replace("  - id: II.1.a..II.1.b\n", "  - id: II.1.a\n  - id: II.2.d\n")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "letter.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_render_prints_the_placement_warning_on_stderr(tmp_path):
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(_write(tmp_path, STRAY_POINT)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    warning = next(line for line in lines if line.startswith("Lưu ý: "))
    assert "Điểm d mục II.2 Chỉ thị số 11/CT-TTg (mã II.2.d)" in warning
    assert "đã đặt dưới mục 1 của văn bản này" in warning and "chọn cả mã II.2" in warning
    assert lines[-1] == f"Đã tạo {out}"
    assert "Lưu ý" not in result.stdout
    # the DOCX is written all the same, the point under item 1 as the warning says
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert texts.index("b) Các sở, ngành, địa phương:") > texts.index("a) Ngân hàng Nhà nước Việt Nam:")


def test_render_without_warnings_prints_only_the_file(tmp_path):
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(_write(tmp_path, CONG_VAN)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"Đã tạo {out}"]


def test_validate_prints_the_warning_too(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(_write(tmp_path, STRAY_POINT))])
    assert result.exit_code == 0, result.output
    assert any(line.startswith("Lưu ý: Điểm d mục II.2") for line in result.stderr.splitlines())
    assert result.stdout.strip().endswith(": hợp lệ")


def test_unknown_clause_id_is_a_clear_error_and_writes_nothing(tmp_path):
    out = tmp_path / "out.docx"
    text = CONG_VAN.replace("  - id: II.1.a..II.1.b\n", "  - id: II.9.x\n")
    result = CliRunner().invoke(main, ["render", str(_write(tmp_path, text)), "-o", str(out)])
    assert result.exit_code == 2
    assert "trường 'clauses[0].id'" in result.stderr
    assert "không có mục/điểm 'II.9.x'" in result.stderr and "II.1.a" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
