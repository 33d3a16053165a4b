"""Rendering: the template compiled once per process, chunks of Drafts, each DOCX written atomically.

Workers render chunks and write each DOCX atomically (:class:`draftgen.atomic.FolderWriter`); one unit's failure is
recorded and never loses another unit's output. Ctrl-C, SIGTERM and faults of the machine stop the
run between two documents, as :mod:`draftgen.batch.stop` describes.
"""

from __future__ import annotations

import hashlib
import pickle
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from draftgen.atomic import FolderWriter
from draftgen.batch.compiled import compiled_template
from draftgen.batch.lock import close_inherited_locks
from draftgen.batch.plan import Prepared, spool_read
from draftgen.batch.state import BatchOptions, Progress, Record, Silent, progress_stopped
from draftgen.batch.stop import (
    StopFault,
    StopRequests,
    UnitWriteError,
    init_worker_signals,
    signals_blocked,
    worker_lost_fault,
    worker_should_stop,
    write_judged,
)
from draftgen.draft import Draft
from draftgen.faults import Fault, fault_in_chain

if TYPE_CHECKING:  # the pool's modules are imported where a pool is made: a run in one process does not need them
    import concurrent.futures as cf


@dataclass
class ChunkOutcome:
    """What a chunk gave: (index, sha256, error) per document written or failed, and why it ended early."""

    results: list[tuple[int, str, str]] = field(default_factory=list)
    fault: Fault | None = None  # the folder cannot take documents any more: the run stops
    stopped: bool = False       # told to stop (Ctrl-C, SIGTERM) before its last document


class Renderer:
    """Renders Drafts with a template compiled once and writes each DOCX atomically.

    One process, one writer: each document is written (an unnamed file, optional fsync, linked under its
    name) right after it is rendered, in the same thread. Writer threads would only compete with rendering
    for the same cores. ``should_stop`` is asked before each document.
    """

    def __init__(self, template_path: str | Path | None, out_dir: Path, fsync: bool = False,
                 should_stop: Callable[[], bool] | None = None):
        self.template = compiled_template(template_path)
        self.out_dir = out_dir
        self.fsync = fsync
        self.should_stop = should_stop or (lambda: False)
        self.writer = FolderWriter(out_dir, fsync=fsync)

    def write(self, path: Path, data: bytes) -> None:
        """Atomic write (:class:`draftgen.atomic.FolderWriter`): the file appears whole at ``path`` or not at all."""
        self.writer.write(path, data)

    def render_chunk(self, chunk: list[tuple[int, str, Draft | bytes]]) -> ChunkOutcome:
        """The outcome of each document of the chunk (a Draft, or a Draft pickled by the validation pass)."""
        outcome = ChunkOutcome()
        for index, file_name, draft in chunk:
            if self.should_stop():
                outcome.stopped = True
                break
            try:
                data = self.template.render_bytes(pickle.loads(draft) if isinstance(draft, bytes) else draft)
            except Exception as exc:  # noqa: BLE001 - one unit's failure must not stop the others
                fault = fault_in_chain(exc, self.out_dir)
                if fault is not None:  # no memory, too many open files: not this unit's problem
                    outcome.fault = fault
                    break
                outcome.results.append((index, "", f"{exc.__class__.__name__}: {exc}"))
                continue
            path = self.out_dir / file_name
            try:
                write_judged(lambda: self.write(path, data), self.out_dir, len(data))  # noqa: B023 - called here
            except StopFault as exc:  # not written, not recorded: the re-run makes it
                outcome.fault = exc.fault
                break
            except UnitWriteError as exc:
                outcome.results.append((index, "", str(exc)))
                continue
            except Exception as exc:  # noqa: BLE001
                outcome.results.append((index, "", f"{exc.__class__.__name__}: {exc}"))
                continue
            outcome.results.append((index, hashlib.sha256(data).hexdigest(), ""))
        return outcome

    def close(self) -> None:
        pass


_WORKER: Renderer | None = None
_WORKER_ERROR: BaseException | None = None


def _init_worker(template_path: str | None, out_dir: str, fsync: bool, stop_event: Any = None) -> None:
    """In each worker: signals first (see draftgen.batch.stop), then the template, compiled once per process."""
    global _WORKER, _WORKER_ERROR
    init_worker_signals(stop_event)
    close_inherited_locks()
    try:
        _WORKER = Renderer(template_path, Path(out_dir), fsync, should_stop=worker_should_stop)
    except Exception as exc:  # noqa: BLE001 - reported by the first chunk, not as a traceback on stderr
        _WORKER_ERROR = exc


def _work(chunk: list[tuple[int, str, bytes]]) -> ChunkOutcome:
    if _WORKER is None:
        assert _WORKER_ERROR is not None
        raise _WORKER_ERROR
    return _WORKER.render_chunk(chunk)


def _chunks(prepared: Prepared, size: int) -> Iterator[list[tuple[int, str, bytes]]]:
    chunk: list[tuple[int, str, bytes]] = []
    for _ in prepared.todo:
        index, draft = spool_read(prepared.spool)
        chunk.append((index, prepared.records[index].file, draft))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def clean_temp_files(out_dir: Path) -> None:
    """Remove temp files left by a killed run (".<name>.docx.<random>.tmp")."""
    for leftover in out_dir.glob(".*.docx.*.tmp"):
        leftover.unlink(missing_ok=True)


_DRAIN_SECONDS = 10.0  # after a stop, how long the workers may take to finish the document they are writing


class _Run:
    """One render pass: records the outcome of each chunk and decides when the run stops."""

    def __init__(self, records: list[Record], progress: Progress, on_chunk: Callable[[list[Record]], None] | None,
                 stops: StopRequests, out_dir: Path):
        self.records, self.progress, self.on_chunk, self.stops, self.out_dir = \
            records, progress, on_chunk, stops, out_dir
        self.problem: BaseException | None = None  # the first fault or exception: raised once all is drained

    @property
    def stopping(self) -> bool:
        return self.problem is not None or self.stops.requested

    def finish(self, outcome: ChunkOutcome) -> None:
        done = []
        for index, sha, error in outcome.results:
            record = self.records[index]
            record.sha256 = sha
            if error:
                record.status, record.error = "failed", error
            done.append(record)
        try:
            if self.on_chunk and done:
                self.on_chunk(done)
        except BaseException as exc:  # noqa: BLE001 - e.g. the journal on a full disk: stop, keep what is done
            self.problem = self.problem or exc
        self.progress.advance(len(outcome.results))
        if outcome.fault is not None:
            self.problem = self.problem or outcome.fault
        elif outcome.stopped and not self.stops.requested:
            self.stops.signum = signal.SIGTERM  # a worker was told to stop from outside: the run stops too

    def take(self, future: cf.Future, indexes: list[int]) -> None:
        """The outcome of a worker's chunk; a dead pool stops the run, another exception fails the chunk."""
        import concurrent.futures as cf
        from concurrent.futures.process import BrokenProcessPool

        try:
            outcome = future.result()
        except cf.CancelledError:
            return
        except BrokenProcessPool:
            self.problem = self.problem or worker_lost_fault()
            return
        except Exception as exc:  # noqa: BLE001 - a chunk that raised fails its units, not the run
            fault = fault_in_chain(exc, self.out_dir)
            if fault is not None:
                self.problem = self.problem or fault
                return
            outcome = ChunkOutcome([(i, "", f"{exc.__class__.__name__}: {exc}") for i in indexes])
        self.finish(outcome)

    def stop_exception(self) -> BaseException | None:
        if self.problem is not None:
            return self.problem
        return self.stops.exception() if self.stops.requested else None


def _render_here(run: _Run, prepared: Prepared, size: int, tpl: str | None, options: BatchOptions) -> None:
    renderer = Renderer(tpl, run.out_dir, options.fsync, should_stop=lambda: run.stops.requested)
    try:
        for chunk in _chunks(prepared, size):
            run.finish(renderer.render_chunk(chunk))
            if run.stopping:
                break
    finally:
        renderer.close()


def _render_in_pool(run: _Run, prepared: Prepared, size: int, tpl: str | None, options: BatchOptions,
                    jobs: int) -> None:
    import concurrent.futures as cf
    import multiprocessing

    compiled_template(tpl)  # compiled here, inherited by the forked workers
    context = multiprocessing.get_context()
    stop_event = context.Event()
    pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                  initargs=(tpl, str(run.out_dir), options.fsync, stop_event))
    pending: dict[cf.Future, list[int]] = {}
    chunks = _chunks(prepared, size)
    exhausted = False
    try:
        with signals_blocked():  # workers are forked by the first submit: none may see a signal before its handlers
            chunk = next(chunks, None)
            if chunk is None:
                exhausted = True
            else:
                pending[pool.submit(_work, chunk)] = [item[0] for item in chunk]
        while (pending or not exhausted) and not run.stopping:
            while not exhausted and len(pending) < jobs * 3:  # bounded in-flight work: flat memory
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                pending[pool.submit(_work, chunk)] = [item[0] for item in chunk]
            if not pending:
                break
            finished, _ = cf.wait(pending, timeout=0.1, return_when=cf.FIRST_COMPLETED)
            for future in finished:
                run.take(future, pending.pop(future))
    except BaseException as exc:  # noqa: BLE001 - outside the main thread Ctrl-C lands here: drain, then raise
        run.problem = run.problem or exc
    finally:
        _drain(run, pool, pending, stop_event)


def _drain(run: _Run, pool: cf.ProcessPoolExecutor, pending: dict[cf.Future, list[int]], stop_event: Any) -> None:
    """Stop the workers after the document each one is writing; record what they finished."""
    import concurrent.futures as cf

    if pending:
        stop_event.set()
        for future in pending:
            future.cancel()  # not yet sent to a worker
        deadline = time.monotonic() + _DRAIN_SECONDS
        while pending and time.monotonic() < deadline:
            try:
                finished, _ = cf.wait(pending, timeout=0.1, return_when=cf.FIRST_COMPLETED)
            except BaseException as exc:  # noqa: BLE001 - a second Ctrl-C off the main thread: keep draining
                run.problem = run.problem or exc
                continue
            for future in finished:
                run.take(future, pending.pop(future))
        if pending:  # a worker stuck in the file system (a dead network folder): do not wait for ever
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def render_all(prepared: Prepared, options: BatchOptions, progress: Progress | None = None,
               on_chunk: Callable[[list[Record]], None] | None = None) -> None:
    """Render every planned unit, in this process (jobs=1) or in worker processes.

    Ctrl-C, SIGTERM or a fault of the output folder stop the run between two documents: the documents
    finished are recorded (``on_chunk``), no temp file is left, then KeyboardInterrupt, Terminated or
    the Fault is raised.
    """
    progress = progress or Silent()
    total = len(prepared.todo)
    jobs = max(1, prepared.jobs)
    size = options.chunk_size or max(1, min(64, total // (jobs * 8) or 1))
    tpl_path = prepared.template_path or options.template_path  # prepare resolved it (and compiled it ahead)
    tpl = str(tpl_path) if tpl_path else None
    progress.start("Tạo văn bản", total)
    with StopRequests() as stops:
        run = _Run(prepared.records, progress, on_chunk, stops, Path(options.out_dir))
        try:
            if jobs == 1 or total <= size:
                _render_here(run, prepared, size, tpl, options)
            else:
                _render_in_pool(run, prepared, size, tpl, options, jobs)
        except BaseException:
            progress_stopped(progress)
            raise
    problem = run.stop_exception()
    if problem is not None:
        progress_stopped(progress)
        raise problem
    progress.done()


