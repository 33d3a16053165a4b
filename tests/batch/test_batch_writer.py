"""FolderWriter: the batch's atomic writes (an unnamed file linked under its name; atomic_file elsewhere)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from draftgen.atomic import FolderWriter, file_mode


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("unnamed", [True, False], ids=["unnamed-file", "named-temp-file"])
def test_writes_new_and_replaces_existing_files(tmp_path: Path, unnamed: bool) -> None:
    writer = FolderWriter(tmp_path)
    if not unnamed:
        writer.unnamed = False
    elif not writer.unnamed:
        pytest.skip("no O_TMPFILE or /proc here")
    target = tmp_path / "00070-phường-tân-an.docx"
    writer.write(target, b"first")
    assert target.read_bytes() == b"first"
    assert stat.S_IMODE(target.stat().st_mode) == file_mode()  # as open() would make it, not 0600
    writer.write(target, b"second, longer")  # a rebuilt document: replaced whole
    assert target.read_bytes() == b"second, longer"
    assert _leftovers(tmp_path) == []


def test_a_file_system_without_unnamed_files_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = FolderWriter(tmp_path)
    if not writer.unnamed:
        pytest.skip("no O_TMPFILE or /proc here")
    real_open = os.open

    def no_tmpfile(path, flags, *args, **kwargs):  # noqa: ANN001
        if flags & os.O_TMPFILE == os.O_TMPFILE:
            raise OSError(errno.EOPNOTSUPP, os.strerror(errno.EOPNOTSUPP), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_tmpfile)
    writer.write(tmp_path / "a.docx", b"data")
    assert not writer.unnamed and (tmp_path / "a.docx").read_bytes() == b"data"
    writer.write(tmp_path / "b.docx", b"more")
    assert (tmp_path / "b.docx").read_bytes() == b"more" and _leftovers(tmp_path) == []


def test_a_failed_write_leaves_nothing_and_names_the_document(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    writer = FolderWriter(tmp_path)
    if not writer.unnamed:
        pytest.skip("no O_TMPFILE or /proc here")
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def full(fd: int, data) -> int:  # noqa: ANN001
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError) as caught:
        writer.write(target, b"new")
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_a_refused_rename_over_an_existing_file_leaves_no_temp_file(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    writer = FolderWriter(tmp_path)
    if not writer.unnamed:
        pytest.skip("no O_TMPFILE or /proc here")
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def busy(src, dst):  # noqa: ANN001
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(dst))

    monkeypatch.setattr(os, "replace", busy)
    with pytest.raises(OSError):
        writer.write(target, b"new")
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []
