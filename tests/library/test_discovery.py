"""Libraries are folders: found in --templates, DRAFTGEN_TEMPLATES and the bundled one; ids pinned to versions."""

from __future__ import annotations

import os
import shutil

import pytest

from draftgen.errors import InputError
from draftgen.library.discovery import libraries, resolve
from draftgen.library.manifest import Entry, Manifest, read_manifest, sha256_of, write_manifest
from draftgen.resources import template_path


def _library(folder, versions=("1", "2.1", "2.10")):
    folder.mkdir()
    entries = []
    for version in versions:
        name = f"cv-so@{version}.docx"
        shutil.copy(template_path("cong-van.docx"), folder / name)
        entries.append(Entry(id="cv-so", version=version, loai="cong_van", title="Công văn của Sở", file=name,
                             sha256=sha256_of(folder / name)))
    write_manifest(folder, Manifest(templates=entries))
    return folder


def test_bundled_library_without_copies():
    bundled = libraries()[-1]
    assert bundled.bundled and bundled.folder == template_path("cong-van.docx").parent
    assert {e.id for e in bundled.entries} == {"cong-van", "van-ban-co-ten-loai", "quyet-dinh", "mau-rieng", "bien-ban"}
    assert resolve("cong-van").path == template_path("cong-van.docx")


def test_highest_version_or_the_pinned_one(tmp_path):
    folder = _library(tmp_path / "lib")
    assert resolve("cv-so", [str(folder)]).entry.version == "2.10"  # numbers, not text: 2.10 > 2.1
    assert resolve("cv-so@2.1", [str(folder)]).path.name == "cv-so@2.1.docx"
    with pytest.raises(InputError, match="không có phiên bản 3"):
        resolve("cv-so@3", [str(folder)])
    with pytest.raises(InputError, match="Không có mẫu 'khong-co'"):
        resolve("khong-co", [str(folder)])


def test_env_holds_several_folders(tmp_path, monkeypatch):
    first = _library(tmp_path / "a", ("1",))
    second = tmp_path / "b"
    second.mkdir()
    monkeypatch.setenv("DRAFTGEN_TEMPLATES", os.pathsep.join([str(second), str(first)]))
    assert [lib.folder for lib in libraries()][:2] == [second, first]
    assert resolve("cv-so").library.folder == first


def test_a_file_edited_after_it_was_added_is_refused(tmp_path):
    folder = _library(tmp_path / "lib", ("1",))
    (folder / "cv-so@1.docx").write_bytes(b"PK changed")
    with pytest.raises(InputError, match="sha256"):
        resolve("cv-so@1", [str(folder)])


def test_bad_manifest_names_the_field_in_vietnamese(tmp_path):
    (tmp_path / "manifest.yaml").write_text("templates:\n  - id: CV So\n    version: x\n    loai: cong_van\n"
                                            "    title: T\n    file: a.docx\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_manifest(tmp_path)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "templates[0].id" in text and "chữ thường" in text and "phiên bản 'x'" in text and "dòng" in text
