"""draftgen batch when the machine fails under it (issue 17).

A full disk (a real small tmpfs, and a simulated one that runs everywhere), a read-only folder, a folder
without permission, a folder that vanishes, a worker that dies, Ctrl-C and SIGTERM sent to the process
group as a terminal does, and two batches on one folder. Each must: say what happened in Vietnamese
(no traceback, no "Aborted!"), exit with its own code, leave no broken or temporary file, keep the
journal, say how many documents are finished, and let the same command finish the set with exact counts.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from draftgen.batch import JOURNAL
from draftgen.batch.lock import LOCK_NAME, OutputLock
from draftgen.cli import main
from draftgen.faults import ExitCode, Fault

from .helpers import LETTER, docx_files, write_inputs

PYTHON_DRAFTGEN = [sys.executable, "-m", "draftgen", "batch"]


# --- helpers ---------------------------------------------------------------------------------------------


def _inputs(folder: Path, n: int) -> tuple[Path, Path]:
    rows = [[f"{i:05d}", f"Xã Số {i}", str(i * 10), "Sở Xây dựng", "30/6/2026", ""] for i in range(1, n + 1)]
    return write_inputs(folder, rows, LETTER.replace('"00070"', '"00001"'))


def _run(*args: object):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def _counts(text: str) -> dict[str, int]:
    found = re.search(r"tạo mới (\d+), tạo lại (\d+), không đổi (\d+), lỗi (\d+)", text)
    assert found, text
    return dict(zip(("created", "rebuilt", "unchanged", "failed"), map(int, found.groups()), strict=True))


def _done(text: str) -> tuple[int, int]:
    found = re.search(r"Đã xong (\d+)/(\d+) văn bản", text)
    assert found, text
    return int(found.group(1)), int(found.group(2))


def _assert_told(text: str) -> None:
    """Said for a clerk: no traceback, no click English, re-running resumes."""
    assert "Traceback" not in text and "Aborted!" not in text and "Lỗi nội bộ" not in text, text
    assert "Errno" not in text, text
    assert "chạy lại đúng lệnh này" in text.lower(), text


def _assert_clean(out: Path) -> None:
    """Every DOCX opens and has its body; no temporary file is left."""
    for path in docx_files(out):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path
            assert archive.read("word/document.xml").startswith(b"<?xml"), path
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


def _journal_codes(out: Path) -> list[str]:
    codes = []
    for line in (out / JOURNAL).read_text(encoding="utf-8").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue  # a line cut by the full disk
        assert item["status"] != "failed", item  # a full disk is not the units' failure
        codes.append(item["code"])
    return codes


@pytest.fixture
def tmpfs() -> Iterator[Callable[..., Path]]:
    """mount(path, size, *options): a real tmpfs (root only; skipped where mounting is not permitted)."""
    mounted: list[Path] = []

    def mount(where: Path, size: str, *options: str) -> Path:
        if os.geteuid() != 0:
            pytest.skip("mounting a tmpfs needs root")
        where.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join((f"size={size}", *options)), "tmpfs",
                               str(where)], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            pytest.skip(f"mount is not permitted here: {proc.stderr.strip()}")
        mounted.append(where)
        return where

    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def _remount(where: Path, *options: str) -> None:
    subprocess.run(["mount", "-o", ",".join(("remount", *options)), str(where)], check=True, capture_output=True)


class _SimulatedFullDisk:
    """ENOSPC for writes into ``out`` once ``after`` documents are in (in this process and forked ones).

    Documents (their rename) and the folder probe always fail then; the journal too with ``journal``.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, out: Path, after: int, journal: bool):
        if not Path("/proc/self/fd").is_dir():
            pytest.skip("needs /proc to tell which file a descriptor writes")
        self.out, self.after, self.journal, self.renamed = str(out.resolve()), after, journal, 0
        self.real_replace, self.real_write, self.real_link = os.replace, os.write, os.link
        monkeypatch.setattr(os, "replace", self.replace)
        monkeypatch.setattr(os, "link", self.link)  # a new document is linked under its name (FolderWriter)
        monkeypatch.setattr(os, "write", self.write)

    def _full(self) -> OSError:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def _published(self, dst) -> None:  # noqa: ANN001
        if str(Path(dst).resolve()).startswith(self.out) and str(dst).endswith(".docx"):
            if self.renamed >= self.after:
                raise self._full()
            self.renamed += 1

    def replace(self, src, dst):  # noqa: ANN001
        self._published(dst)
        return self.real_replace(src, dst)

    def link(self, src, dst, **kwargs):  # noqa: ANN001, ANN003
        self._published(dst)
        return self.real_link(src, dst, **kwargs)

    def write(self, fd: int, data) -> int:  # noqa: ANN001
        if self.renamed >= self.after:
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.startswith(self.out) and (self.journal or not target.endswith(JOURNAL)):
                raise self._full()
        return self.real_write(fd, data)


# --- a full disk -----------------------------------------------------------------------------------------


def test_full_disk_stops_the_batch_and_the_rerun_completes_it(tmp_path: Path, tmpfs) -> None:
    """600 documents into a 600 KB file system, two workers: exit 3, not 600 units 'failed'."""
    letter, units = _inputs(tmp_path, 600)
    disk = tmpfs(tmp_path / "disk", "600k")
    out = disk / "out"
    proc = subprocess.run([*PYTHON_DRAFTGEN, letter, "--units", units, "--out", out, "--jobs", "2"],
                          capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == ExitCode.NO_SPACE, proc.stderr
    _assert_told(proc.stderr)
    assert f"Hết chỗ trống trên đĩa (thư mục '{out}')" in proc.stderr
    done, total = _done(proc.stderr)
    assert total == 600 and 0 < done < 600
    _assert_clean(out)
    assert not (out / "manifest.json").exists() and not (out / LOCK_NAME).exists()
    assert len(_journal_codes(out)) == done
    written = len(docx_files(out))
    assert written >= done  # a document renamed into place while the journal could no longer grow

    _remount(disk, "size=16m")  # the clerk frees space
    again = subprocess.run([*PYTHON_DRAFTGEN, letter, "--units", units, "--out", out, "--jobs", "2"],
                           capture_output=True, text=True, check=False, timeout=120)
    assert again.returncode == 0, again.stderr
    assert _counts(again.stderr) == {"created": 600 - written, "rebuilt": written - done, "unchanged": done,
                                     "failed": 0}
    assert len(docx_files(out)) == 600 and not (out / JOURNAL).exists()
    _assert_clean(out)


@pytest.mark.parametrize(("jobs", "journal"), [(1, False), (2, False), (1, True)],
                         ids=["j1-documents", "j2-documents", "j1-documents-and-journal"])
def test_simulated_full_disk_stops_with_no_space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int,
                                                 journal: bool) -> None:
    """The same without mounting (runs everywhere): documents and the probe meet ENOSPC, the journal too."""
    letter, units = _inputs(tmp_path, 40)
    out = tmp_path / "out"
    full = _SimulatedFullDisk(monkeypatch, out, after=12, journal=journal)
    result = _run(letter, "--units", units, "--out", out, "--jobs", jobs)
    assert result.exit_code == ExitCode.NO_SPACE, result.output
    _assert_told(result.output)
    assert f"Hết chỗ trống trên đĩa (thư mục '{out}')" in result.output
    done, total = _done(result.output)
    written = len(docx_files(out))
    assert total == 40 and done == len(_journal_codes(out))
    assert 12 <= written <= 12 * jobs  # each forked worker counts its own documents
    assert done <= written if journal else done == written
    _assert_clean(out)
    monkeypatch.setattr(os, "replace", full.real_replace)
    monkeypatch.setattr(os, "link", full.real_link)
    monkeypatch.setattr(os, "write", full.real_write)
    again = _run(letter, "--units", units, "--out", out)
    assert again.exit_code == 0, again.output
    assert _counts(again.output) == {"created": 40 - written, "rebuilt": written - done, "unchanged": done,
                                     "failed": 0}


# --- read-only, no permission, vanished ------------------------------------------------------------------


def test_read_only_folder(tmp_path: Path, tmpfs) -> None:
    letter, units = _inputs(tmp_path, 4)
    disk = tmpfs(tmp_path / "disk", "4m")
    out = disk / "out"
    assert _run(letter, "--units", units, "--out", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _remount(disk, "ro")
    units.write_text(units.read_text(encoding="utf-8").replace(",10,", ",15,"), encoding="utf-8")  # one changes
    result = _run(letter, "--units", units, "--out", out)
    assert result.exit_code == ExitCode.NO_ACCESS, result.output
    assert f"Ổ đĩa chỉ cho đọc, không ghi được (thư mục '{out}')" in result.output
    _assert_told(result.output)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    result = _run(letter, "--units", units, "--out", disk / "new")  # a folder to be made on it
    assert result.exit_code == ExitCode.NO_ACCESS and "chỉ cho đọc" in result.output, result.output


@pytest.mark.parametrize(("code", "exit_code", "words"), [
    (errno.EROFS, ExitCode.NO_ACCESS, "chỉ cho đọc"),
    (errno.EACCES, ExitCode.NO_ACCESS, "Không có quyền truy cập"),
    (errno.ENOENT, ExitCode.VANISHED, "biến mất"),
])
def test_folder_refused_by_the_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int,
                                      exit_code: ExitCode, words: str) -> None:
    """Where mounting is impossible (and for root, whom chmod does not stop): os.open refuses the folder."""
    letter, units = _inputs(tmp_path, 4)
    out = tmp_path / "out"
    out.mkdir()
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):  # noqa: ANN001
        if str(path).startswith(str(out)) and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = _run(letter, "--units", units, "--out", out)
    assert result.exit_code == exit_code, result.output
    assert words in result.output and f"thư mục '{out}'" in result.output
    assert "Traceback" not in result.output and "Errno" not in result.output
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions (the test above refuses os.open)")
def test_folder_without_permission(tmp_path: Path) -> None:
    letter, units = _inputs(tmp_path, 4)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = _run(letter, "--units", units, "--out", out)
    finally:
        out.chmod(0o755)
    assert result.exit_code == ExitCode.NO_ACCESS and "Không có quyền truy cập" in result.output, result.output


def test_write_refused_for_one_file_only_fails_that_unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file locked by another program: the folder still takes documents, so only that unit failed."""
    letter, units = _inputs(tmp_path, 6)
    out = tmp_path / "out"
    real_replace, real_link = os.replace, os.link

    def refused(dst) -> None:  # noqa: ANN001
        if str(dst).endswith("00003-xã-số-3.docx"):
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(dst))

    def replace(src, dst):  # noqa: ANN001
        refused(dst)
        return real_replace(src, dst)

    def link(src, dst, **kwargs):  # noqa: ANN001, ANN003 - a new document is linked under its name
        refused(dst)
        return real_link(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "link", link)
    result = _run(letter, "--units", units, "--out", out)
    assert result.exit_code == 1, result.output
    assert "00003 Xã Số 3" in result.output and "Tệp đang bị chương trình khác giữ" in result.output
    assert _counts(result.output) == {"created": 5, "rebuilt": 0, "unchanged": 0, "failed": 1}
    _assert_clean(out)


def test_a_dead_worker_stops_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed (the system out of memory): exit 6 and a message, not every unit 'failed'."""
    from draftgen import batch

    letter, units = _inputs(tmp_path, 8)
    out = tmp_path / "out"
    real = batch.Renderer.write

    def write(self, path, data):  # noqa: ANN001
        if path.name.startswith("00005-"):
            os._exit(137)  # in the worker: as if the OOM killer took it
        real(self, path, data)

    monkeypatch.setattr(batch.Renderer, "write", write)
    result = _run(letter, "--units", units, "--out", out, "--jobs", "2")
    assert result.exit_code == ExitCode.LIMITS, result.output
    assert "bị dừng đột ngột" in result.output
    _assert_told(result.output)
    done, _ = _done(result.output)
    assert done == len(_journal_codes(out))
    _assert_clean(out)
    monkeypatch.setattr(batch.Renderer, "write", real)
    again = _run(letter, "--units", units, "--out", out)
    assert again.exit_code == 0 and _counts(again.output)["unchanged"] == done, again.output


# --- Ctrl-C and SIGTERM, as a terminal sends them --------------------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _inputs(tmp_path_factory.mktemp("many"), 1200)


@pytest.mark.parametrize(("signum", "jobs"), [(signal.SIGINT, 2), (signal.SIGTERM, 2), (signal.SIGINT, 1)],
                         ids=["sigint-j2", "sigterm-j2", "sigint-j1"])
def test_signal_to_the_process_group(tmp_path: Path, many: tuple[Path, Path], signum: int, jobs: int) -> None:
    letter, units = many
    out = tmp_path / "out"
    proc = subprocess.Popen([*PYTHON_DRAFTGEN, letter, "--units", units, "--out", out, "--jobs", str(jobs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(docx_files(out)) < 30 if out.is_dir() else True:
        assert proc.poll() is None and time.monotonic() < deadline, "the batch ended before it could be stopped"
        time.sleep(0.01)
    sent = time.monotonic()
    os.killpg(proc.pid, signum)
    _, stderr = proc.communicate(timeout=30)
    stopped_in = time.monotonic() - sent
    expected = ExitCode.INTERRUPTED if signum == signal.SIGINT else ExitCode.TERMINATED
    assert proc.returncode == expected, stderr
    assert stopped_in < 2.0, stopped_in  # measured ~0.1-0.2 s; generous for a loaded CI machine
    _assert_told(stderr)
    assert ("Ctrl-C" if signum == signal.SIGINT else "SIGTERM") in stderr
    assert "Không có tệp dở dang" in stderr
    done, total = _done(stderr)
    assert total == 1200 and 30 <= done < 1200
    assert done == len(docx_files(out)) == len(_journal_codes(out))  # every finished document is recorded
    _assert_clean(out)
    assert not (out / "manifest.json").exists()
    for _ in range(100):  # no worker outlives the batch
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.02)
    else:
        pytest.fail("a worker process is still running")
    again = subprocess.run([*PYTHON_DRAFTGEN, letter, "--units", units, "--out", out, "--jobs", "2"],
                           capture_output=True, text=True, check=False, timeout=120)
    assert again.returncode == 0, again.stderr
    assert _counts(again.stderr) == {"created": 1200 - done, "rebuilt": 0, "unchanged": done, "failed": 0}
    assert len(docx_files(out)) == 1200 and not (out / JOURNAL).exists()


# --- two batches on one folder ---------------------------------------------------------------------------


def _start(letter: Path, units: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([*PYTHON_DRAFTGEN, letter, "--units", units, "--out", out, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _paused_while_writing(proc: subprocess.Popen, out: Path) -> None:
    """Wait until ``proc`` holds the lock and has written documents, then stop it (SIGSTOP) right there."""
    deadline = time.monotonic() + 60
    while not ((out / LOCK_NAME).exists() and len(docx_files(out)) >= 10):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[1]
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGSTOP)


def test_second_batch_on_the_same_folder_refuses_then_waits(tmp_path: Path, many: tuple[Path, Path]) -> None:
    letter, units = many
    out = tmp_path / "out"
    first = _start(letter, units, out, "--jobs", "2")
    try:
        _paused_while_writing(first, out)
        started = time.monotonic()
        second = subprocess.run([*PYTHON_DRAFTGEN, letter, "--units", units, "--out", out], capture_output=True,
                                text=True, check=False, timeout=60)
        assert second.returncode == ExitCode.BUSY, second.stderr
        assert time.monotonic() - started < 10  # at once: before checking 1200 units
        assert f"Thư mục '{out}' đang được một đợt draftgen batch khác ghi (tiến trình {first.pid}" in second.stderr
        assert "--wait" in second.stderr and "Traceback" not in second.stderr
        waiting = _start(letter, units, out, "--wait")
        line = waiting.stderr.readline()  # told once that it waits
        assert "đang chờ đợt đó xong" in line and str(first.pid) in line, line
    finally:
        os.killpg(first.pid, signal.SIGCONT)
    _, first_err = first.communicate(timeout=120)
    assert first.returncode == 0, first_err
    assert _counts(first_err) == {"created": 1200, "rebuilt": 0, "unchanged": 0, "failed": 0}
    _, waiting_err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, waiting_err
    assert _counts(waiting_err) == {"created": 0, "rebuilt": 0, "unchanged": 1200, "failed": 0}  # the truth
    assert len(docx_files(out)) == 1200 and not (out / LOCK_NAME).exists()


def test_two_batches_started_at_once_into_a_new_folder(tmp_path: Path) -> None:
    letter, units = _inputs(tmp_path, 300)
    out = tmp_path / "out"
    procs = [_start(letter, units, out) for _ in range(2)]
    results = [(p.wait(timeout=120), p.communicate()[1]) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, ExitCode.BUSY], [0, 0]), results
    said = sorted(tuple(_counts(err).values()) for code, err in results if code == 0)
    if codes == [0, 0]:  # the second one checked its units after the first had finished: it says so
        assert said == [(0, 0, 300, 0), (300, 0, 0, 0)], results
    else:
        assert said == [(300, 0, 0, 0)], results
    assert len(docx_files(out)) == 300


def test_lock_in_one_process(tmp_path: Path) -> None:
    first, second = OutputLock(tmp_path), OutputLock(tmp_path)
    first.acquire()
    with pytest.raises(Fault) as refused:
        second.acquire()
    assert refused.value.exit_code == ExitCode.BUSY and f"tiến trình {os.getpid()}" in refused.value.message
    told: list[str] = []
    threading.Timer(0.3, first.release).start()
    second.acquire(wait=True, on_wait=told.append)
    assert len(told) == 1 and "đang chờ" in told[0]
    assert (tmp_path / LOCK_NAME).exists()
    second.release()
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_journal_line_cut_by_a_full_disk_does_not_swallow_the_next(tmp_path: Path) -> None:
    from draftgen.batch import Journal, Record, read_state

    path = tmp_path / JOURNAL
    path.write_bytes(b'{"code": "00001", "status": "created", "sha256": "ab')  # ENOSPC in the middle of a line
    journal = Journal(path)
    journal.append([Record(code="00002", name="Xã Số 2", row=3, source="u.csv", file="b.docx", status="created")])
    journal.close(remove=False)
    assert set(read_state(tmp_path)) == {"00002"}
