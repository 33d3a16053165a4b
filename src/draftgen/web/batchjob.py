"""A batch sent over HTTP: :func:`draftgen.batch.run_batch` in a private folder, in its own process, with a
time limit and a bound on what it writes.

The letter and the unit list are written under names of our own (``thu.yaml``, ``don-vi.csv`` …) into a
fresh temporary folder; a province is passed as a ``bundled:`` selection built from checked words. A
separate process (``python -m draftgen.web.batchjob WORK``: no fork of the server's threads) runs the batch
there and writes its outcome to ``result.json``; the server watches the clock and the folder's size, and
kills the process (and what it started) when either limit is crossed.
Nothing here imports FastAPI: the HTTP side is :mod:`draftgen.web.api`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from draftgen.errors import InputError, Problem

LETTER_NAME = "thu.yaml"
UNITS_STEM = "don-vi"
OUT_DIR = "van-ban"
ZIP_NAME = "van-ban.zip"
JOB_NAME = "job.json"
RESULT_NAME = "result.json"
UNIT_SUFFIXES = (".csv", ".xlsx", ".yaml", ".yml")
KINDS = ("Xã", "Phường", "Đặc khu")
_PROVINCE = re.compile(r"[0-9]{1,3}|[^\W\d_][\w .'-]{0,59}")
_POLL_SECONDS = 0.2


@dataclass
class BatchRequest:
    """What the clerk sent: the letter, and a unit list (bytes and its file name) or a province."""

    letter: bytes
    letter_name: str = "thu.yaml"
    units: bytes | None = None
    units_name: str | None = None
    province: str | None = None
    kind: str | None = None
    ascii_names: bool = False


@dataclass
class BatchOutcome:
    """A finished batch: its zip (in ``work``, removed by :meth:`cleanup`) and the manifest's counts."""

    work: Path
    zip_path: Path
    counts: dict[str, int] = field(default_factory=dict)

    def cleanup(self) -> None:
        """Remove the private folder (after the zip has been sent)."""
        shutil.rmtree(self.work, ignore_errors=True)


class BatchLimit(Exception):
    """The batch crossed a limit of the service (time or disk); ``str(exc)`` is Vietnamese, ``status`` HTTP."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def units_spec(request: BatchRequest, folder: Path) -> str:
    """Write the unit list into ``folder`` under our own name, or build the ``bundled:`` selection; the spec."""
    if request.units is not None:
        suffix = Path(request.units_name or "").suffix.lower()
        if suffix not in UNIT_SUFFIXES:
            raise InputError(Problem("Danh sách đơn vị phải là tệp .csv, .xlsx hoặc .yaml.", field="units"))
        path = folder / f"{UNITS_STEM}{'.yaml' if suffix == '.yml' else suffix}"
        path.write_bytes(request.units)
        return path.name
    province = (request.province or "").strip()
    if not province:
        raise InputError(Problem("Hãy gửi danh sách đơn vị (tệp .csv/.xlsx) hoặc chọn một tỉnh (mã, ví dụ 66).",
                                 field="units"))
    if not _PROVINCE.fullmatch(province):
        raise InputError(Problem(f"'{province[:60]}' không phải mã hay tên tỉnh (ví dụ 66, Đắk Lắk).",
                                 field="province"))
    spec = f"bundled:province={province}"
    if request.kind:
        if request.kind not in KINDS:
            raise InputError(Problem(f"Loại đơn vị phải là một trong: {', '.join(KINDS)}.", field="kind"))
        spec += f",kind={request.kind}"
    return spec


def folder_bytes(folder: Path) -> int:
    """The size of the files under ``folder`` (those that vanish while counted are skipped)."""
    total = 0
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                else:
                    total += entry.stat(follow_symlinks=False).st_size
            except OSError:
                continue
    return total


def _send(work: Path, kind: str, value: Any) -> None:
    """The child's outcome, written atomically where the server reads it."""
    from draftgen.atomic import write_bytes_atomic

    write_bytes_atomic(work / RESULT_NAME, json.dumps([kind, value], ensure_ascii=False).encode("utf-8"), force=True)


def child_main(work: Path) -> None:
    """In the batch process (``python -m draftgen.web.batchjob WORK``): run the job of ``WORK/job.json``
    there and write ("ok", counts), ("input", errors), ("fault" | "internal", message) to ``WORK/result.json``."""
    from draftgen.faults import Fault, fault_in_chain

    try:
        job = json.loads((work / JOB_NAME).read_text(encoding="utf-8"))
        os.chdir(work)  # this process only: the sources in messages are our short names, never a full path
        from draftgen.batch import BatchOptions, run_batch
        from draftgen.cascade.parents import parent_files_allowed
        from draftgen.units import load_units
        from draftgen.web.service import problem_dict

        parent_files_allowed(False)  # for the whole process and the workers it forks
        try:
            count = len(load_units(job["spec"]))
            if count > job["max_units"]:
                raise InputError(Problem(f"Danh sách có {count} đơn vị; trang web tạo tối đa {job['max_units']} văn "
                                         "bản một lần. Hãy chia danh sách ra.", field="units"))
            result = run_batch(BatchOptions(input_path=LETTER_NAME, units=job["spec"], out_dir=OUT_DIR,
                                            zip_path=ZIP_NAME, ascii_names=job["ascii_names"]))
        except InputError as exc:
            errors = []
            for problem in exc.problems:
                shown = problem_dict(problem)
                if "source" in shown:
                    shown["source"] = job["names"].get(shown["source"], shown["source"])
                for ours, theirs in job["names"].items():  # "(mẫu: thu.yaml dòng 7)": the clerk's file name
                    shown["message"] = shown["message"].replace(f"{ours} ", f"{theirs} ")
                errors.append(shown)
            _send(work, "input", errors)
            return
        _send(work, "ok", {status: result.count(status) for status in ("created", "rebuilt", "unchanged", "failed")})
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the server as a message
        fault = exc if isinstance(exc, Fault) else fault_in_chain(exc)
        if fault is not None:
            _send(work, "fault", f"{fault.message} {fault.advice}")
        else:
            _send(work, "internal", f"{type(exc).__name__}: {exc}"[:500])


def run(request: BatchRequest, *, seconds: float, max_bytes: int, max_units: int) -> BatchOutcome:
    """Run a batch under the limits; InputError for bad input (per row), :class:`BatchLimit` past a limit."""
    work = Path(tempfile.mkdtemp(prefix="draftgen-web-batch-"))
    try:
        (work / LETTER_NAME).write_bytes(request.letter)
        spec = units_spec(request, work)
        names = {LETTER_NAME: request.letter_name}
        if request.units is not None:
            names[spec] = request.units_name or spec
        job = {"spec": spec, "ascii_names": request.ascii_names, "max_units": max_units, "names": names}
        (work / JOB_NAME).write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        with open(work / "stderr.txt", "wb") as stderr:  # a file, not a pipe: a chatty child never blocks
            process = subprocess.Popen([sys.executable, "-m", "draftgen.web.batchjob", str(work)], cwd=work,
                                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                                       start_new_session=True, env=_child_env())
        outcome = _watch(process, work, seconds, max_bytes)
        kind, value = outcome
        if kind == "input":
            raise InputError([Problem(e["message"], field=e.get("field"), line=e.get("line"), source=e.get("source"))
                              for e in value])
        if kind != "ok":
            raise BatchLimit(f"Không tạo được các văn bản: {value}", 500)
        zip_path = work / ZIP_NAME
        if folder_bytes(work) > max_bytes:
            raise _too_big(max_bytes)
        return BatchOutcome(work, zip_path, value)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _too_big(max_bytes: int) -> BatchLimit:
    return BatchLimit(f"Các văn bản của đợt này vượt quá {max_bytes / 2**20:g} MB, giới hạn của trang web; đã dừng. "
                      "Hãy chia danh sách đơn vị ra.", 507)


def _child_env() -> dict[str, str]:
    """The server's environment, with the folder of this very draftgen first on the module path."""
    import draftgen

    env = dict(os.environ)
    here = str(Path(draftgen.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([here, *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))])
    return env


def _watch(process: subprocess.Popen[bytes], work: Path, seconds: float, max_bytes: int) -> tuple[str, Any]:
    """Wait for the batch process; kill it (and what it started) past the time limit or when ``work`` grows
    past ``max_bytes``. Its outcome: the pair it wrote to ``result.json``."""
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                process.wait(min(_POLL_SECONDS, max(deadline - time.monotonic(), 0.01)))
                break
            except subprocess.TimeoutExpired:
                pass
            if time.monotonic() > deadline:
                raise BatchLimit(f"Đợt tạo văn bản chạy quá {seconds:g} giây, giới hạn của trang web; đã dừng. "
                                 "Hãy chia danh sách đơn vị ra, hoặc dùng lệnh 'draftgen batch'.", 504)
            if folder_bytes(work) > max_bytes:
                raise _too_big(max_bytes)
    finally:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(10)
    try:
        kind, value = json.loads((work / RESULT_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        tail = (work / "stderr.txt").read_bytes()[-300:].decode("utf-8", "replace")
        return ("internal", f"tiến trình tạo văn bản dừng bất thường (mã {process.returncode}) {tail}")
    return kind, value


if __name__ == "__main__":
    child_main(Path(sys.argv[1]))
