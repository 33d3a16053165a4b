"""The first pass of a run: every unit validated and resolved, in this process or in worker processes.

Per unit: its fields rendered and overrides applied (:meth:`LetterPlan.unit_data`), the letter validated
(pydantic; the unchanging part once, per unit only what it changes: :mod:`.vary`) and resolved to a
Draft, the input hash computed and the Draft pickled once (the bytes are spooled by the parent and
unpickled by the worker that renders it). With ``jobs > 1`` chunks of units go
to worker processes, so validation uses every core; results come back in the units' order, so the
problems are listed and the documents rendered in the order of the units file.

Workers are forked (where the system forks) after the plan is compiled, so they inherit it; elsewhere
each worker reads the INPUT letter again. They ignore Ctrl-C (the parent decides) and write nothing.
"""

from __future__ import annotations

import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from draftgen.batch.letter import LetterPlan
from draftgen.batch.lock import close_inherited_locks
from draftgen.batch.state import input_hash
from draftgen.batch.stop import init_worker_signals, signals_blocked, worker_lost_fault
from draftgen.batch.vary import VaryingValidator
from draftgen.errors import InputError, Problem
from draftgen.load import Loaded, load_yaml_file
from draftgen.units import Unit

if TYPE_CHECKING:
    import concurrent.futures as cf

Task = tuple[int, Unit, str]                   # index of the record, the unit, its file name
Checked = tuple[int, list[Problem], str, bytes]  # index, problems, input hash, pickled Draft ("" and b"" on problems)

_CHUNK = 48  # units per task sent to a worker: large enough that the pipe is no cost, small enough to balance


class UnitChecker:
    """Validates and resolves the units of one plan (the same in the parent and in every worker)."""

    def __init__(self, plan: LetterPlan, template_sha: str):
        from draftgen.pipeline import draft_of, validate_letter

        self.plan, self.template_sha = plan, template_sha
        self._draft_of = draft_of
        self.validator = VaryingValidator(plan, validate_letter)

    def check(self, index: int, unit: Unit, file_name: str) -> Checked:
        plan = self.plan
        data, problems = plan.unit_data(unit)
        if problems:
            return index, problems, "", b""
        try:
            draft = self._draft_of(self.validator.validate(unit, data))
        except InputError as exc:
            return index, exc.problems, "", b""
        except Exception as exc:  # noqa: BLE001 - reported with the unit, never a traceback mid-batch
            return index, [Problem(f"lỗi khi chuẩn bị văn bản: {exc.__class__.__name__}: {exc}")], "", b""
        return index, [], input_hash(self.template_sha, draft, file_name), \
            pickle.dumps(draft, protocol=pickle.HIGHEST_PROTOCOL)

    def check_chunk(self, chunk: list[Task]) -> list[Checked]:
        return [self.check(index, unit, name) for index, unit, name in chunk]


_CHECKER: UnitChecker | None = None


def _init_worker(input_path: str, template_sha: str, fixed: dict[str, Any] | None = None) -> None:
    """In each worker: signals first, the parent's lock closed, then the plan (inherited when forked).

    ``fixed``: the fields an office template supplies, under the letter's own (as in the parent)."""
    global _CHECKER
    init_worker_signals(None)
    close_inherited_locks()
    if _CHECKER is None or _CHECKER.template_sha != template_sha:
        loaded = load_yaml_file(input_path)
        if fixed and isinstance(loaded.data, dict):
            loaded = Loaded({**fixed, **loaded.data}, loaded.lines, loaded.source)
        _CHECKER = UnitChecker(LetterPlan(loaded), template_sha)


def _work(chunk: list[Task]) -> list[Checked]:
    assert _CHECKER is not None
    return _CHECKER.check_chunk(chunk)


def _chunked(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def check_all(checker: UnitChecker, tasks: list[Task], jobs: int, input_path: str | Path,
              fixed: dict[str, Any] | None = None, meanwhile: Callable[[], None] | None = None) -> Iterator[Checked]:
    """The outcome of every task, in the order of ``tasks`` (``fixed``: the fields of an office template).

    ``meanwhile``: work of this process done once the workers have their first chunks, while they validate
    (the template compiled for the render pass); with one job it is not called."""
    if jobs <= 1 or len(tasks) <= _CHUNK:
        for index, unit, name in tasks:
            yield checker.check(index, unit, name)
        return
    # The first unit here, before the fork: its validation builds what every later one reuses (the model's
    # schema, the data files, the first resolve), so the workers inherit it instead of each building it
    # again (about 50 ms each, the two at once, before their first chunk)
    yield checker.check(*tasks[0])
    tasks = tasks[1:]
    # the pool's modules only here: a run in one process (one unit, a small batch) does not load them
    import concurrent.futures as cf
    import multiprocessing

    global _CHECKER
    _CHECKER = checker  # inherited by forked workers: the plan is not compiled again
    size = max(8, min(_CHUNK, len(tasks) // (jobs * 4) or 1))
    pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(),
                                  initializer=_init_worker, initargs=(str(input_path), checker.template_sha, fixed))
    pending: deque[cf.Future[list[Checked]]] = deque()
    chunks = _chunked(tasks, size)
    try:
        with signals_blocked():  # workers are forked by the first submit: none sees a signal before its handlers
            first = next(chunks, None)
            if first is not None:
                pending.append(pool.submit(_work, first))
        for chunk in chunks:
            pending.append(pool.submit(_work, chunk))
            if meanwhile is not None and len(pending) >= jobs * 3:
                meanwhile()
                meanwhile = None
            while len(pending) >= jobs * 3:  # bounded in-flight work: flat memory
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        _CHECKER = None


def _result(future: cf.Future[list[Checked]]) -> list[Checked]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        raise worker_lost_fault() from None

