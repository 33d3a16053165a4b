"""Stopping a batch cleanly: Ctrl-C, SIGTERM and faults of the machine while documents are written.

- **Signals.** While documents are rendered, Ctrl-C (SIGINT) and SIGTERM only raise a flag
  (:class:`StopRequests`); the parent acts on it between two documents: it tells the workers to stop
  (a shared event), lets every write already started finish, records the finished documents in the
  journal and raises :class:`KeyboardInterrupt` or :class:`~draftgen.faults.Terminated`. Workers ignore
  SIGINT (a terminal sends it to the whole process group: the parent decides) and take SIGTERM as "stop
  after this document"; they start with both blocked until their handlers are in place, so none ever
  prints a traceback.
- **Faults while writing.** A document that cannot be written because of the machine (a full disk, a
  read-only or vanished folder, a file locked by another program) is tried once more; if it still
  fails, the folder is asked whether it can take a file of that size at all (:func:`probe_folder`).
  If not, the run stops with that fault (:class:`StopFault`: exit 3, 4, 5 …) instead of marking every
  remaining unit "failed"; if it can, only that unit failed (:class:`UnitWriteError`).
- **The summary** (:func:`stop_notes`): how many documents are finished, of how many, and that running
  the same command again goes on where it stopped.
"""

from __future__ import annotations

import os
import secrets
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from draftgen.faults import STOP_SIGNALS, ExitCode, Fault, Terminated, fault_in_chain

_SIGNALS = (signal.SIGINT, *STOP_SIGNALS)  # SIGTERM, and SIGHUP when the terminal is closed


class StopRequests:
    """While active (main thread only), Ctrl-C and SIGTERM are remembered instead of raised."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._previous: dict[int, Any] = {}

    def _note(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is None:
            self.signum = signum

    def __enter__(self) -> StopRequests:
        for signum in _SIGNALS:
            try:
                self._previous[signum] = signal.signal(signum, self._note)
            except ValueError:  # not the main thread: signals stay as they were
                break
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    @property
    def requested(self) -> bool:
        return self.signum is not None

    def exception(self) -> BaseException:
        return KeyboardInterrupt() if self.signum == signal.SIGINT else Terminated(self.signum or signal.SIGTERM)


@contextmanager
def signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM held back (for the calling thread and the processes it forks meanwhile)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, set(_SIGNALS))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# --- in a worker process -------------------------------------------------------------------------------

_worker_stop = False
_worker_event: Any = None


def _worker_sigterm(signum: int, frame: FrameType | None) -> None:
    global _worker_stop
    _worker_stop = True


def init_worker_signals(event: Any) -> None:
    """A worker ignores Ctrl-C and finishes its document on SIGTERM; the parent decides the rest."""
    global _worker_event, _worker_stop
    _worker_event, _worker_stop = event, False
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in STOP_SIGNALS:
        signal.signal(signum, _worker_sigterm)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, set(_SIGNALS))


def worker_should_stop() -> bool:
    return _worker_stop or (_worker_event is not None and _worker_event.is_set())


# --- faults while writing ------------------------------------------------------------------------------


class StopFault(Exception):
    """The output folder cannot take documents any more: the run stops with :attr:`fault`."""

    def __init__(self, fault: Fault):
        super().__init__(fault)
        self.fault = fault


class UnitWriteError(Exception):
    """One document could not be written (the folder itself is fine): that unit is marked failed."""


def probe_folder(folder: Path, size: int) -> Fault | None:
    """Can ``folder`` still take a file of ``size`` bytes? None if yes, else the fault that stops it.

    Random bytes (a compressing file system would store zeros for nothing), fsync'ed, then removed.
    The name matches the temp files that a later run cleans up, should this process be killed here.
    """
    path = Path(folder) / f".draftgen-probe.docx.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            view = memoryview(os.urandom(max(size, 4096)))
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return fault_in_chain(exc, folder)
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
    return None


def write_judged(write: Callable[[], None], folder: Path, size: int) -> None:
    """``write()``; when the machine makes it fail: once more, then :class:`StopFault` or :class:`UnitWriteError`."""
    try:
        write()
        return
    except Exception as exc:  # noqa: BLE001 - sorted below: machine faults, or the unit's own failure
        fault = fault_in_chain(exc)
        if fault is None:
            raise
        if fault.exit_code in (ExitCode.LIMITS,):  # too many open files, no memory: never one file's problem
            raise StopFault(fault_in_chain(exc, folder) or fault) from exc
    try:
        write()
        return
    except Exception as exc:  # noqa: BLE001
        fault = fault_in_chain(exc)
        if fault is None:
            raise
        stop = probe_folder(folder, size)
        if stop is not None:
            raise StopFault(stop) from exc
        raise UnitWriteError(f"không ghi được tệp: {fault.message} ({exc.__class__.__name__}: {exc})") from exc


def worker_lost_fault() -> Fault:
    """A worker process died (killed by the system for lack of memory, or from outside)."""
    return Fault("Một tiến trình tạo văn bản bị dừng đột ngột (máy hết bộ nhớ, hoặc tiến trình bị tắt từ bên ngoài).",
                 "Hãy đóng bớt chương trình hoặc chạy với ít tiến trình hơn (--jobs 1), rồi chạy lại đúng lệnh này.",
                 ExitCode.LIMITS)


# --- what an interrupted run says ----------------------------------------------------------------------


@dataclass
class Tally:
    """What a run has finished so far: only documents recorded in the journal count as finished."""

    total: int = 0
    unchanged: int = 0
    made: int = 0
    failed: int = 0
    manifest_written: bool = False

    def add(self, statuses: list[str]) -> None:
        failed = sum(1 for s in statuses if s == "failed")
        self.failed += failed
        self.made += len(statuses) - failed

    @property
    def done(self) -> int:
        return self.unchanged + self.made


def stop_notes(tally: Tally, out_dir: Path) -> list[str]:
    """The lines an interrupted run adds to its message (Vietnamese)."""
    if tally.manifest_written:
        return [f"Mọi văn bản ({tally.done}/{tally.total}) và danh sách manifest đã ghi xong trong '{out_dir}'; "
                "chỉ tệp nén chưa ghi được.",
                "Chạy lại đúng lệnh này để ghi tệp nén: không văn bản nào phải tạo lại."]
    again = "Chạy lại đúng lệnh này để làm tiếp từ chỗ dừng: các văn bản đã xong không phải tạo lại."
    if tally.done == 0:
        failed = f" ({tally.failed} đơn vị lỗi)" if tally.failed else ""
        return [f"Chưa xong văn bản nào (0/{tally.total}) trong '{out_dir}'{failed}.", "Chạy lại đúng lệnh này để tạo."]
    detail = [f"{tally.made} văn bản tạo trong lần chạy này"]
    if tally.unchanged:
        detail.append(f"{tally.unchanged} văn bản không đổi từ lần trước")
    remaining = tally.total - tally.done
    failed = f", trong đó {tally.failed} đơn vị lỗi" if tally.failed else ""
    if remaining:
        head = (f"Đã xong {tally.done}/{tally.total} văn bản trong '{out_dir}' ({', '.join(detail)}); "
                f"còn {remaining} văn bản chưa tạo{failed}.")
    else:
        head = (f"Đã xong {tally.done}/{tally.total} văn bản trong '{out_dir}' ({', '.join(detail)}), "
                "nhưng danh sách manifest chưa ghi được.")
    return [head, again]
