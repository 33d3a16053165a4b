"""Atomic file writes: write to a temporary file in the target folder, then rename over.

A reader (or a crash) never sees a half-written file; an existing file is replaced only when
the caller allows it. Every file draftgen writes goes through :func:`atomic_file`, so every file
gets the same mode: ``0o666`` less the process umask (0644 under the usual 022), as ``open()``
would give. ``tempfile.mkstemp`` creates 0600 and a rename keeps that mode, which hid drafts from
the colleagues who share an office's network folder.
"""

from __future__ import annotations

import errno
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


# errno of a file system (or kernel) that cannot make an unnamed file: write with a named temp file instead
_NO_UNNAMED = {getattr(errno, name) for name in ("EOPNOTSUPP", "ENOTSUP", "EISDIR", "EINVAL", "ENOSYS")
               if hasattr(errno, name)}


class FolderWriter:
    """Many files written atomically into one folder (a batch's documents): each appears whole or not at all.

    On Linux each file starts as an unnamed file of the folder (``O_TMPFILE``), is written, then given its
    name (``linkat`` through ``/proc/self/fd``); a name that exists already is linked under a temp name
    (``.<name>.<random>.tmp``, as :func:`atomic_file` names it) and renamed over. Why: making a new inode is
    the costly part of a small file (about 0.5 ms of kernel time each on ext4 here), and a named file is
    made while the kernel holds the folder's lock, so two worker processes writing into one folder queue
    behind each other; an unnamed file is made outside that lock, and only the quick link takes it.
    A crash leaves nothing behind: the kernel frees an unnamed file that was never linked.

    Elsewhere, or on a file system that refuses unnamed files (some network folders), :func:`atomic_file`.
    """

    def __init__(self, folder: Path, *, fsync: bool = False):
        self.folder = Path(folder)
        self.fsync = fsync
        self.unnamed = hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")
        self.mode = file_mode()  # once: two umask calls per document otherwise

    def write(self, path: Path, data: bytes) -> None:
        """``data`` at ``path`` (a file of the folder), replacing the file that is there."""
        if self.unnamed:
            try:
                fd = os.open(self.folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o666)
            except OSError as exc:
                if exc.errno not in _NO_UNNAMED:
                    raise
                self.unnamed = False  # this file system cannot: named temp files from now on
            else:
                self._publish(fd, Path(path), data)
                return
        with atomic_file(path, "wb", fsync=self.fsync) as handle:
            handle.write(data)

    def _publish(self, fd: int, path: Path, data: bytes) -> None:
        source = f"/proc/self/fd/{fd}"
        try:
            os.fchmod(fd, self.mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if self.fsync:
                os.fsync(fd)
            # src_dir_fd makes os.link call linkat(AT_SYMLINK_FOLLOW) (else link(), which links the /proc
            # entry itself); an absolute source path ignores the descriptor
            try:
                os.link(source, path, src_dir_fd=fd, follow_symlinks=True)
            except FileExistsError:
                tmp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
                os.link(source, tmp, src_dir_fd=fd, follow_symlinks=True)
                try:
                    os.replace(tmp, path)
                except BaseException:
                    try:
                        os.unlink(tmp)
                    except OSError:
                        pass
                    raise
        except OSError as exc:
            if exc.filename is None or str(exc.filename) == source:
                exc.filename, exc.filename2 = str(path), None  # the document being written, not the /proc entry
            raise
        finally:
            os.close(fd)
