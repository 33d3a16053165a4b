"""``draftgen batch --template ID[@VERSION]``: an office's template of the library for every unit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.library.test_templates_cli import STANDING, _clerk_edits

from draftgen.cli import main
from draftgen.library.manifest import read_manifest, write_manifest

from .helpers import LETTER, UNITS_ROWS, body_texts, docx_files, write_inputs


def _run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A starter library whose Công văn a clerk edited in Word (fixed issuer lines, a standing sentence): cong-van@2."""
    folder = tmp_path / "thu-vien"
    assert _run("templates", "init", folder).exit_code == 0
    edited = tmp_path / "cong-van-ubnd.docx"
    _clerk_edits(folder / "cong-van@1.docx", edited)
    added = _run("templates", "add", edited, "--id", "cong-van", "--loai", "cong_van", "--templates", folder)
    assert added.exit_code == 0, added.output
    return folder


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_document_uses_the_office_template(tmp_path: Path, library: Path, jobs: int) -> None:
    letter, units = write_inputs(tmp_path / "in")
    out = tmp_path / "out"
    result = _run("batch", letter, "--units", units, "--out", out, "--template", "cong-van", "--templates", library,
                  "--jobs", jobs)
    assert result.exit_code == 0, result.output
    files = docx_files(out)
    assert len(files) == len(UNITS_ROWS)
    for path in files:
        texts = body_texts(path)
        assert STANDING in texts                                      # the clerk's standing sentence
        assert "TỈNH SÓC TRĂNG" in texts and "THÀNH PHỐ HÀ NỘI" not in texts  # the template's fixed issuer lines
    hoan_kiem = body_texts(out / "00070-phường-hoàn-kiếm.docx")
    assert "Kính gửi: Ủy ban nhân dân Phường Hoàn Kiếm" in " ".join(hoan_kiem)
    assert "Riêng phường Hoàn Kiếm báo cáo thêm số liệu quý I." in " ".join(hoan_kiem)  # its override still applies
    meta = _manifest(out)
    assert meta["template_ref"] == "cong-van@2" and meta["template"] == str(library / "cong-van@2.docx")


def test_the_same_template_again_is_unchanged_another_rebuilds(tmp_path: Path, library: Path) -> None:
    letter, units = write_inputs(tmp_path / "in")
    out = tmp_path / "out"
    args = ("batch", letter, "--units", units, "--out", out, "--templates", library)
    assert _run(*args, "--template", "cong-van@2").exit_code == 0
    assert _run(*args, "--template", "cong-van@2").exit_code == 0
    assert {d["status"] for d in _manifest(out)["documents"]} == {"unchanged"}
    assert _run(*args, "--template", "cong-van@1").exit_code == 0  # the starter version: other bytes, rebuilt
    assert {d["status"] for d in _manifest(out)["documents"]} == {"rebuilt"}
    assert all(STANDING not in body_texts(p) for p in docx_files(out))


def test_the_templates_fixed_fields_fill_what_the_letter_leaves_out(tmp_path: Path, library: Path) -> None:
    manifest = read_manifest(library)
    issuer = {"ten": ["ỦY BAN NHÂN DÂN", "TỈNH SÓC TRĂNG"], "viet_tat": "UBND", "dia_danh": "Sóc Trăng", "cap": "tinh"}
    manifest.templates = [e.model_copy(update={"fixed": {"co_quan": issuer}}) if e.ref == "cong-van@2" else e
                          for e in manifest.templates]
    write_manifest(library, manifest)
    without_issuer = LETTER.replace(LETTER[LETTER.index("co_quan:"):LETTER.index("don_vi_soan_thao:")], "")
    rows = [[f"{i:05d}" if i > 1 else "00070", f"Xã Số {i}", str(10 * i), "Sở Xây dựng", "30/6/2026", ""]
            for i in range(1, 61)]  # 00070: the unit the letter's batch.overrides names
    letter, units = write_inputs(tmp_path / "in", rows, letter=without_issuer)  # enough units for two workers
    out = tmp_path / "out"
    bare = _run("batch", letter, "--units", units, "--out", tmp_path / "bare")
    assert bare.exit_code == 2 and "co_quan" in bare.output  # without the template the letter lacks its issuer
    result = _run("batch", letter, "--units", units, "--out", out, "--template", "cong-van", "--templates", library,
                  "--jobs", 2)
    assert result.exit_code == 0, result.output
    files = docx_files(out)
    assert len(files) == 60 and all("Sóc Trăng" in " ".join(body_texts(p)) for p in files)  # the place of the date


def test_a_template_of_another_family_or_none_is_refused_before_any_write(tmp_path: Path, library: Path) -> None:
    letter, units = write_inputs(tmp_path / "in")
    out = tmp_path / "out"
    other = _run("batch", letter, "--units", units, "--out", out, "--template", "bien-ban", "--templates", library)
    assert other.exit_code == 2, other.output
    assert "Mẫu 'bien-ban@1' dành cho Biên bản" in other.output and "--template" in other.output
    assert not out.exists()
    unknown = _run("batch", letter, "--units", units, "--out", out, "--template", "khong-co", "--templates", library)
    assert unknown.exit_code == 2 and "Không có mẫu 'khong-co'" in unknown.output and "Traceback" not in unknown.output
    assert not out.exists()
