"""One batch at a time per output folder.

A run holds ``fcntl.flock`` on ``DIR/.draftgen-batch.lock`` from before it reads the folder's state
(manifest, journal) until it has written the manifest and the zip. A second run on the same folder
refuses at once (:attr:`~draftgen.faults.ExitCode.BUSY`, exit 7) naming the folder and the process that
holds it, or with ``wait`` waits until the first one is done and then sees its documents as unchanged.

The lock dies with the process (a crash or ``kill -9`` never leaves the folder locked); the file holds
the PID, host and start time of the holder, for the message only. The file is removed when the run
ends; it is removed while the lock is still held and a run that locked a file that is no longer at
that path tries again, so two runs never both hold "the" lock.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

from draftgen.faults import ExitCode, Fault, fault_from_os_error

LOCK_NAME = ".draftgen-batch.lock"
_POLL = 0.2  # seconds between two tries with ``wait``
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock, the batch runs without a lock
    fcntl = None  # type: ignore[assignment]

# lock file descriptors held by this process: a forked worker closes its copies (closing a copy never
# releases the lock of the parent; unlocking would), so the lock dies with the parent alone
_HELD: set[int] = set()


def close_inherited_locks() -> None:
    """In a forked worker: close the copies of the parent's lock files (never unlock them)."""
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


def _describe(text: str) -> str:
    """'(tiến trình 1234 trên máy X, bắt đầu lúc 08:15:02 ngày 01/12/2026)' from the lock file's lines."""
    info = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    parts = []
    if info.get("pid", "").isdigit():
        parts.append(f"tiến trình {info['pid']}" + (f" trên máy {info['host']}" if info.get("host") else ""))
    try:
        started = dt.datetime.fromisoformat(info.get("started", ""))
        parts.append(f"bắt đầu lúc {started:%H:%M:%S} ngày {started:%d/%m/%Y}")
    except ValueError:
        pass
    return f" ({', '.join(parts)})" if parts else ""


def busy_fault(folder: Path, holder: str) -> Fault:
    return Fault(f"Thư mục '{folder}' đang được một đợt draftgen batch khác ghi{holder}.",
                 "Hãy đợi đợt đó xong rồi chạy lại đúng lệnh này (chỉ những văn bản còn thiếu được tạo), "
                 "thêm --wait để tự chờ, hoặc chọn thư mục --out khác.", ExitCode.BUSY)


class OutputLock:
    """The lock of one output folder (a context manager; :meth:`acquire` may also be called later)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.fd: int | None = None
        self.held = False

    def holder(self) -> str:
        """Who holds the lock, as words for the message ('' when the file cannot be read)."""
        try:
            return _describe(self.path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return ""

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except PermissionError:
            if not self.path.exists():
                raise
            return os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)  # flock needs no write access

    def _try(self) -> bool | None:
        """True: locked; False: held by another run; None: the file changed under us, try again."""
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError as exc:
            if exc.errno in _NO_LOCKS:  # a network folder without locks: run unprotected, as before
                self.fd, self.held = fd, True
                return True
            os.close(fd)
            raise
        mine = os.fstat(fd)
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            now = None
        if now is None or (now.st_dev, now.st_ino) != (mine.st_dev, mine.st_ino):
            os.close(fd)  # the holder removed it as it finished: lock the new file instead
            return None
        self.fd, self.held = fd, True
        _HELD.add(fd)
        started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        text = f"pid={os.getpid()}\nhost={socket.gethostname()}\nstarted={started}\ncommand={' '.join(sys.argv)}\n"
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, text.encode("utf-8", errors="replace"), 0)
        except OSError:
            pass  # read-only open, or a full disk: the lock holds without the words
        return True

    def acquire(self, wait: bool = False, on_wait: Callable[[str], None] | None = None) -> None:
        """Take the lock, or raise the BUSY :class:`Fault` (with ``wait``: wait, telling ``on_wait`` once)."""
        if self.held:
            return
        if fcntl is None:  # pragma: no cover
            self.held = True
            return
        told = False
        while True:
            try:
                got = self._try()
            except OSError as exc:
                fault = fault_from_os_error(exc, self.folder)
                if fault is None:
                    raise
                raise fault from exc
            if got:
                return
            if got is None:
                continue
            if not wait:
                raise busy_fault(self.folder, self.holder())
            if not told and on_wait is not None:
                on_wait(f"Thư mục '{self.folder}' đang được một đợt draftgen batch khác ghi{self.holder()}; "
                        "đang chờ đợt đó xong (Ctrl-C để thôi) …")
                told = True
            time.sleep(_POLL)

    def release(self) -> None:
        """Remove the lock file, then unlock (closing the file unlocks)."""
        if self.fd is None:
            self.held = False
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass  # a read-only folder: the file stays, unlocked
        _HELD.discard(self.fd)
        try:
            os.close(self.fd)
        finally:
            self.fd, self.held = None, False

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
