"""Atomic file writes: write to a temporary file in the target folder, then rename over.

A reader (or a crash) never sees a half-written file; an existing file is replaced only when
the caller allows it. Every file draftgen writes goes through :func:`atomic_file`, so every file
gets the same mode: ``0o666`` less the process umask (0644 under the usual 022), as ``open()``
would give. ``tempfile.mkstemp`` creates 0600 and a rename keeps that mode, which hid drafts from
the colleagues who share an office's network folder.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, Any

from draftgen.errors import InputError, Problem


@cache
def file_mode() -> int:
    """The mode of a new file under the process umask (read once: changing the umask is not thread-safe)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def check_output_path(path: Path, *, force: bool) -> None:
    """Refuse, before any work, an output that cannot be written: exit 2 with the reason in Vietnamese."""
    path = Path(path)
    if path.is_dir():
        raise InputError(Problem(f"'{path}' là một thư mục, không phải tệp; hãy ghi cả tên tệp, "
                                 f"ví dụ '{path / 'van-ban.docx'}'."))
    if path.exists() and not force:
        raise InputError(Problem(f"Tệp '{path}' đã có; dùng --force để ghi đè."))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise InputError(Problem(f"Thư mục '{folder}' không tồn tại; hãy tạo thư mục hoặc chọn nơi ghi khác."))
    if not folder.is_dir():
        raise InputError(Problem(f"'{folder}' không phải là thư mục."))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(Problem(f"Không có quyền ghi vào thư mục '{folder}' (thư mục chỉ đọc hoặc của người "
                                 "khác); hãy chọn nơi ghi khác."))


@contextmanager
def atomic_file(path: Path, mode: str = "wb", *, fsync: bool = True, **kwargs: Any) -> Iterator[IO[Any]]:
    """A file written in pieces that appears at ``path`` only when complete (temp file, fsync, rename).

    On any exception (a full disk, Ctrl-C) the temporary file is removed and ``path`` is untouched.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and exc.filename is None:
            exc.filename = str(path)  # "no space left" on a write names no file: name the one being written
        raise


def write_bytes_atomic(path: Path, data: bytes, *, force: bool = False, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically. Without ``force`` an existing file is an error."""
    path = Path(path)
    check_output_path(path, force=force)
    with atomic_file(path, "wb", fsync=fsync) as handle:
        handle.write(data)
