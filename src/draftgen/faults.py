"""Exit codes, and faults of the machine told plainly.

A full disk, a folder without permission, a folder that vanished, too many open files, Ctrl-C or a
SIGTERM are not defects of draftgen and not mistakes in the clerk's input: each has a Vietnamese
message that says what happened and what to do, and an exit code of its own (README, "Mã thoát").
Exit 1 is kept for defects of draftgen (and, for ``draftgen check``, for documents with errors).
"""

from __future__ import annotations

import errno
import os
import signal
from dataclasses import dataclass
from enum import IntEnum
from types import FrameType
from typing import Any


class ExitCode(IntEnum):
    """Every exit code of the draftgen commands."""

    OK = 0
    INTERNAL = 1       # a defect in draftgen (check: the documents have errors)
    INPUT = 2          # bad input, bad options, an output that cannot be used
    NO_SPACE = 3       # the disk (or the user's quota) is full
    NO_ACCESS = 4      # permission denied, read-only file system, a file locked by another program
    VANISHED = 5       # a file or folder disappeared while draftgen was working
    LIMITS = 6         # too many open files, out of memory
    BUSY = 7           # another draftgen batch is writing into the same folder
    IO = 8             # any other failure of the storage (I/O error, network folder gone)
    CONVERTER = 9      # LibreOffice did not turn a DOCX into a PDF (timed out, or left no PDF)
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it
    HANGUP = 129       # SIGHUP: the terminal window was closed (128 + SIGHUP)
    TERMINATED = 143   # SIGTERM (128 + SIGTERM)


@dataclass
class Fault(Exception):
    """A fault of the environment: what happened, what to do, and the exit code."""

    message: str
    advice: str
    exit_code: ExitCode

    def __str__(self) -> str:
        return f"{self.message} {self.advice}".strip()

    def __reduce__(self) -> tuple[Any, ...]:  # back from a worker process whatever way it was built
        return (type(self), (self.message, self.advice, self.exit_code))


class Terminated(BaseException):
    """Raised in the main thread when SIGTERM (or SIGHUP: the terminal window was closed) arrives.

    A BaseException, like KeyboardInterrupt, so that clean-up runs the same way.
    """

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # 143 for SIGTERM, 129 for SIGHUP, as shells report it


_RERUN = "Sau đó chạy lại đúng lệnh này."

_BY_ERRNO: dict[int, tuple[ExitCode, str, str]] = {}


def _register(codes: tuple[str, ...], exit_code: ExitCode, message: str, advice: str) -> None:
    for name in codes:
        number = getattr(errno, name, None)
        if number is not None:
            _BY_ERRNO[number] = (exit_code, message, advice)


_register(("ENOSPC", "EDQUOT", "EFBIG"), ExitCode.NO_SPACE,
          "Hết chỗ trống trên đĩa{where}.",
          "Hãy giải phóng dung lượng hoặc chọn thư mục ghi ở ổ đĩa khác. " + _RERUN)
_register(("EACCES", "EPERM"), ExitCode.NO_ACCESS,
          "Không có quyền truy cập{where}.",
          "Hãy chọn thư mục khác, hoặc nhờ quản trị máy cấp quyền ghi. " + _RERUN)
_register(("EROFS",), ExitCode.NO_ACCESS,
          "Ổ đĩa chỉ cho đọc, không ghi được{where}.",
          "Hãy chọn thư mục ghi ở ổ đĩa khác (USB có khóa ghi, thư mục mạng chỉ đọc?). " + _RERUN)
_register(("EBUSY", "ETXTBSY", "EAGAIN", "EWOULDBLOCK"), ExitCode.NO_ACCESS,
          "Tệp đang bị chương trình khác giữ{where}.",
          "Hãy đóng tệp trong Word hoặc chương trình đang mở nó. " + _RERUN)
_register(("ENOENT", "ENOTDIR", "ESTALE"), ExitCode.VANISHED,
          "Tệp hoặc thư mục đã biến mất trong khi draftgen đang làm việc{where}.",
          "Hãy kiểm tra thư mục (bị xóa, đổi tên, rút USB, mất kết nối mạng?). " + _RERUN)
_register(("EMFILE", "ENFILE"), ExitCode.LIMITS,
          "Quá nhiều tệp đang mở cùng lúc{where}.",
          "Hãy đóng bớt chương trình, hoặc chạy với ít tiến trình hơn (--jobs 1). " + _RERUN)
_register(("ENOMEM",), ExitCode.LIMITS,
          "Máy hết bộ nhớ{where}.",
          "Hãy đóng bớt chương trình, hoặc chạy với ít tiến trình hơn (--jobs 1). " + _RERUN)
_register(("EIO", "ENXIO", "ENODEV", "EHOSTDOWN", "ENETDOWN", "ENETUNREACH", "ECONNRESET", "ETIMEDOUT"),
          ExitCode.IO,
          "Lỗi đọc/ghi của ổ đĩa hoặc thư mục mạng{where}.",
          "Hãy kiểm tra ổ đĩa hoặc kết nối mạng. " + _RERUN)


def fault_from_os_error(exc: OSError, folder: str | os.PathLike[str] | None = None) -> Fault | None:
    """The :class:`Fault` of an OS error of the environment, or None when it is not one.

    The message names the file of the error, or ``folder`` when given (a batch names its output folder:
    a temporary file that is already removed means nothing to a clerk); limits name neither.
    """
    known = _BY_ERRNO.get(exc.errno or -1)
    if known is None:
        return None
    exit_code, message, advice = known
    if folder is not None and exit_code != ExitCode.LIMITS:  # limits are of the machine, not of a folder
        where = f" (thư mục '{os.fspath(folder)}')"
    else:
        where = f" (tệp '{os.fsdecode(exc.filename)}')" if exc.filename else ""
    return Fault(message.format(where=where), advice, exit_code)


def fault_in_chain(exc: BaseException, folder: str | os.PathLike[str] | None = None) -> Fault | None:
    """A Fault for ``exc`` or for the OS error that caused it (``raise … from``, ``__context__``).

    ``folder``: name this folder in the message instead of the file of the OS error.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, Fault):
            return current
        if isinstance(current, MemoryError):
            return Fault("Máy hết bộ nhớ.", "Hãy đóng bớt chương trình, hoặc chạy với ít tiến trình hơn (--jobs 1). "
                         + _RERUN, ExitCode.LIMITS)
        if isinstance(current, OSError):
            fault = fault_from_os_error(current, folder)
            if fault is not None:
                return fault
        current = current.__cause__ or current.__context__
    return None


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


STOP_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s)


def install_sigterm_handler() -> Any:
    """Turn SIGTERM into :class:`Terminated` in the main thread, so clean-up runs as for Ctrl-C.

    Returns the previous handler (for :func:`restore_sigterm_handler`), or None off the main thread.
    """
    try:
        return {signum: signal.signal(signum, _raise_terminated) for signum in STOP_SIGNALS}
    except ValueError:  # not the main thread (a test runner, the web server): leave it alone
        return None


def restore_sigterm_handler(previous: Any) -> None:
    """Put back the handler that :func:`install_sigterm_handler` replaced."""
    for signum, handler in (previous or {}).items():
        try:
            signal.signal(signum, handler)
        except ValueError:
            pass
