"""Atomic file writes: write to a temporary file in the target folder, then rename over.

A reader (or a crash) never sees a half-written file; an existing file is replaced only when
the caller allows it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from draftgen.errors import InputError


def write_bytes_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically. Without ``force`` an existing file is an error."""
    path = Path(path)
    if path.exists() and not force:
        raise InputError(f"Tệp '{path}' đã có; dùng --force để ghi đè.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"Thư mục '{folder}' không tồn tại.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
