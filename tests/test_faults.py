"""Faults of the machine told plainly (faults.py, cli_errors.py) for render, check and directives import.

Each fault of the environment has a Vietnamese message that says what happened and what to do, an exit
code of its own (not 1) and no traceback; nothing half-written is left. The batch has its own tests in
tests/batch/test_batch_faults.py.
"""

from __future__ import annotations

import errno
import json
import os
import pickle
import signal
import subprocess
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from draftgen.cli import main
from draftgen.cli_errors import notes_in_chain, report
from draftgen.faults import (
    ExitCode,
    Fault,
    Terminated,
    fault_from_os_error,
    fault_in_chain,
    install_sigterm_handler,
    restore_sigterm_handler,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "soc-trang-2842.yaml"
SEED = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))[0]


@pytest.mark.parametrize(("name", "code"), [
    ("ENOSPC", ExitCode.NO_SPACE), ("EDQUOT", ExitCode.NO_SPACE), ("EFBIG", ExitCode.NO_SPACE),
    ("EACCES", ExitCode.NO_ACCESS), ("EPERM", ExitCode.NO_ACCESS), ("EROFS", ExitCode.NO_ACCESS),
    ("EBUSY", ExitCode.NO_ACCESS), ("ETXTBSY", ExitCode.NO_ACCESS),
    ("ENOENT", ExitCode.VANISHED), ("ESTALE", ExitCode.VANISHED),
    ("EMFILE", ExitCode.LIMITS), ("ENFILE", ExitCode.LIMITS), ("ENOMEM", ExitCode.LIMITS),
    ("EIO", ExitCode.IO),
])
def test_each_errno_has_its_code_and_advice(name: str, code: ExitCode) -> None:
    number = getattr(errno, name)
    fault = fault_from_os_error(OSError(number, os.strerror(number), "/x/y.docx"))
    assert fault is not None and fault.exit_code == code
    assert fault.message.endswith("(tệp '/x/y.docx').") and fault.advice.startswith("Hãy")
    assert "chạy lại đúng lệnh này" in fault.advice.lower()


def test_codes_are_distinct_and_none_of_the_faults_is_1() -> None:
    assert len({int(c) for c in ExitCode}) == len(ExitCode)
    assert {ExitCode.NO_SPACE, ExitCode.NO_ACCESS, ExitCode.VANISHED, ExitCode.LIMITS, ExitCode.BUSY,
            ExitCode.IO, ExitCode.INTERRUPTED, ExitCode.TERMINATED}.isdisjoint({0, 1, 2})


def test_not_a_fault_of_the_machine() -> None:
    assert fault_from_os_error(OSError(errno.EINVAL, "Invalid argument")) is None
    assert fault_in_chain(ValueError("x")) is None


def test_fault_found_through_the_chain_and_named_by_folder() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "/out/.a.docx.x1.tmp")
        except OSError as exc:
            raise RuntimeError("wrapped") from exc
    except RuntimeError as wrapped:
        fault = fault_in_chain(wrapped, "/out")
    assert fault is not None and fault.exit_code == ExitCode.NO_SPACE
    assert fault.message == "Hết chỗ trống trên đĩa (thư mục '/out')."  # not the temp file, gone already
    limits = fault_in_chain(OSError(errno.EMFILE, "Too many open files"), "/out")
    assert limits is not None and "thư mục" not in limits.message
    assert fault_in_chain(MemoryError()).exit_code == ExitCode.LIMITS


def test_fault_comes_back_from_a_worker_process() -> None:
    fault = Fault("Hết chỗ trống trên đĩa.", "Hãy giải phóng dung lượng.", ExitCode.NO_SPACE)
    again = pickle.loads(pickle.dumps(fault))
    assert (again.message, again.advice, again.exit_code) == (fault.message, fault.advice, fault.exit_code)


def test_report_prints_notes_even_through_click_abort(capsys: pytest.CaptureFixture[str]) -> None:
    interrupt = KeyboardInterrupt()
    interrupt.add_note("Đã xong 3/10 văn bản.")
    try:
        raise click.Abort() from interrupt
    except click.Abort as abort:
        assert notes_in_chain(abort) == ["Đã xong 3/10 văn bản."]
        assert report(abort, as_json=False) == ExitCode.INTERRUPTED
    err = capsys.readouterr().err
    assert "Ctrl-C" in err and "Đã xong 3/10 văn bản." in err
    terminated = Terminated()
    terminated.add_note("Chạy lại đúng lệnh này.")
    assert report(terminated, as_json=True) == ExitCode.TERMINATED
    payload = json.loads(capsys.readouterr().out)
    assert payload["exit_code"] == 143 and payload["error"] == "terminated"
    assert payload["notes"] == ["Chạy lại đúng lệnh này."] and "SIGTERM" in payload["message"]


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_stop_signals_raise_terminated_and_are_restored(signum: int, code: int) -> None:
    before = signal.getsignal(signum)
    previous = install_sigterm_handler()
    try:
        with pytest.raises(Terminated) as info:
            os.kill(os.getpid(), signum)
            time.sleep(5)  # the handler raises as soon as the signal is delivered
    finally:
        restore_sigterm_handler(previous)
    assert info.value.exit_code == code
    assert signal.getsignal(signum) == before


# --- render ----------------------------------------------------------------------------------------------


def _render(out: Path, *extra: str):
    return CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(out), *extra])


def test_render_on_a_full_tmpfs(tmp_path: Path) -> None:
    """A real 8 KB file system (root only): exit 3, the message, no file left, not even a temp file."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(disk)], capture_output=True,
                             text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"mount is not permitted here: {mounted.stderr.strip()}")
    try:
        result = _render(disk / "x.docx")
        assert result.exit_code == ExitCode.NO_SPACE, result.output
        assert "Hết chỗ trống trên đĩa" in result.output and "Traceback" not in result.output
        assert list(disk.iterdir()) == []
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True, check=False)


@pytest.mark.parametrize(("number", "code", "words"), [
    (errno.ENOSPC, ExitCode.NO_SPACE, "Hết chỗ trống trên đĩa"),
    (errno.EROFS, ExitCode.NO_ACCESS, "chỉ cho đọc"),
    (errno.EACCES, ExitCode.NO_ACCESS, "Không có quyền truy cập"),
    (errno.ENOENT, ExitCode.VANISHED, "biến mất"),
    (errno.EMFILE, ExitCode.LIMITS, "Quá nhiều tệp đang mở"),
    (errno.EIO, ExitCode.IO, "Lỗi đọc/ghi"),
])
def test_render_fault_while_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, code: ExitCode,
                                    words: str) -> None:
    """Everywhere (no mount): the write fails after the temp file exists."""
    from draftgen import atomic

    def fail(_fd: int) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(atomic.os, "fsync", fail)
    result = _render(tmp_path / "x.docx")
    assert result.exit_code == code, result.output
    assert words in result.output and "Traceback" not in result.output and "Errno" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("raised", "code", "words"), [
    (KeyboardInterrupt, ExitCode.INTERRUPTED, "Ctrl-C"),
    (Terminated, ExitCode.TERMINATED, "SIGTERM"),
])
def test_render_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raised: type[BaseException],
                            code: ExitCode, words: str) -> None:
    import draftgen.pipeline

    def stop(*_a: object, **_k: object) -> bytes:
        raise raised()

    monkeypatch.setattr(draftgen.pipeline, "render_letter", stop)
    result = _render(tmp_path / "x.docx")
    assert result.exit_code == code, result.output
    assert words in result.output and "Aborted!" not in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


# --- check, directives import ------------------------------------------------------------------------------


def test_check_a_file_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.docx"
    assert _render(target).exit_code == 0
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == target:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = CliRunner().invoke(main, ["check", str(target)])
    assert result.exit_code == ExitCode.INPUT, result.output  # check: 2 = a file that cannot be read
    assert "không đọc được tệp" in result.output and "Traceback" not in result.output


def test_check_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import draftgen.check.command

    def stop(*_a: object, **_k: object) -> list:
        raise KeyboardInterrupt

    monkeypatch.setattr(draftgen.check.command, "check_path", stop)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "x.docx")])
    assert result.exit_code == ExitCode.INTERRUPTED and "Ctrl-C" in result.output, result.output
    assert "Aborted!" not in result.output


def test_directives_import_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from draftgen import atomic

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    out = tmp_path / "d.yaml"
    result = CliRunner().invoke(main, ["directives", "import", str(SEED), "-o", str(out)])
    assert result.exit_code == ExitCode.NO_SPACE, result.output
    assert "Hết chỗ trống trên đĩa" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_directives_import_input_without_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == SEED.name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = CliRunner().invoke(main, ["directives", "import", str(SEED), "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == ExitCode.NO_ACCESS, result.output
    assert f"Không có quyền truy cập (tệp '{SEED}')" in result.output and "Traceback" not in result.output
