"""A whole run: lock the output folder, validate, render, record, zip; an interruption told plainly."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from draftgen.atomic import atomic_file
from draftgen.batch.lock import LOCK_NAME, OutputLock
from draftgen.batch.plan import Prepared, prepare
from draftgen.batch.state import (
    JOURNAL,
    MANIFEST_CSV,
    MANIFEST_JSON,
    OK_STATUSES,
    BatchOptions,
    BatchResult,
    Journal,
    Progress,
    Record,
    write_manifest,
)
from draftgen.batch.stop import Tally, stop_notes
from draftgen.batch.workers import clean_temp_files, render_all
from draftgen.faults import Fault, fault_in_chain


def sync_folder(folder: Path) -> None:
    """Flush the file system that holds ``folder`` (Linux syncfs; elsewhere os.sync when there is one)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(folder, os.O_RDONLY)
        try:
            if libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    except (OSError, AttributeError):
        pass
    if hasattr(os, "sync"):
        os.sync()


def write_zip(zip_path: Path, out_dir: Path, records: list[Record], with_pdf: bool = False) -> None:
    """A zip of the documents (and their PDFs) and the manifest, written atomically (streamed from the files)."""
    with atomic_file(zip_path, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
        for record in records:
            if record.status in OK_STATUSES:
                archive.write(out_dir / record.file, record.file, compress_type=zipfile.ZIP_STORED)
                if with_pdf:
                    pdf = str(Path(record.file).with_suffix(".pdf"))
                    archive.write(out_dir / pdf, pdf, compress_type=zipfile.ZIP_STORED)
        for name in (MANIFEST_JSON, MANIFEST_CSV):
            archive.write(out_dir / name, name, compress_type=zipfile.ZIP_DEFLATED)


def run_batch(options: BatchOptions, progress: Progress | None = None,
              on_wait: Callable[[str], None] | None = None) -> BatchResult:
    """Validate every unit, then render, record and (optionally) zip. InputError before any write.

    The output folder is locked for the whole run (:mod:`draftgen.batch.lock`): taken before its state is
    read when it exists, else as soon as it is made. Another run on it: the BUSY Fault (exit 7), or with
    ``options.wait`` a wait (``on_wait`` is told once). An interrupted run (Ctrl-C, SIGTERM, a fault of the
    machine) raises with notes that say how many documents are finished and that a re-run goes on.
    """
    out_dir = Path(options.out_dir)
    lock = OutputLock(out_dir)
    existed = out_dir.is_dir()
    try:
        if existed:
            lock.acquire(options.wait, on_wait)
        prepared = prepare(options, progress)
        try:
            if not existed:
                try:
                    out_dir.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise (fault_in_chain(exc, out_dir) or exc) from exc
                lock.acquire(options.wait, on_wait)
                if any(entry.name != LOCK_NAME for entry in out_dir.iterdir()):
                    prepared.spool.close()  # another run wrote here while this one was checking: plan again
                    prepared = prepare(options, progress)
            return _write_all(prepared, options, out_dir, progress)
        finally:
            prepared.spool.close()
    finally:
        lock.release()


def _write_all(prepared: Prepared, options: BatchOptions, out_dir: Path, progress: Progress | None) -> BatchResult:
    records = prepared.records
    tally = Tally(total=len(records), unchanged=sum(1 for r in records if r.status == "unchanged"))

    def record(done: list[Record]) -> None:
        # one write per chunk; counted once in the journal (what a re-run will skip), exact to the line
        try:
            journal.append(done)
        except OSError as exc:
            tally.add([one.status for one in done[:getattr(exc, "journal_records", 0)]])
            raise
        tally.add([one.status for one in done])

    try:
        clean_temp_files(out_dir)
        journal = Journal(out_dir / JOURNAL)
        finished = False
        try:
            # units found up to date are recorded first, so a crash keeps them known
            journal.append([r for r in records if r.status == "unchanged"])
            render_all(prepared, options, progress, on_chunk=record)
            if not options.fsync:
                sync_folder(out_dir)  # the documents are on disk before the manifest says so
            meta = {**prepared.meta, "finished_at": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
            write_manifest(out_dir, records, meta)
            finished = tally.manifest_written = True
        finally:
            journal.close(remove=finished)
        if options.pdf:
            from draftgen.batch.pdfs import write_pdfs

            write_pdfs(out_dir, records, jobs=prepared.jobs)
        zip_path = Path(options.zip_path) if options.zip_path else None
        if zip_path:
            write_zip(zip_path, out_dir, records, with_pdf=options.pdf)
    except BaseException as exc:
        notes = stop_notes(tally, out_dir)
        fault = None if isinstance(exc, Fault) else fault_in_chain(exc, _folder_of(exc, out_dir))
        if fault is not None:  # an OSError of the machine: told as the fault, naming the output folder
            for note in notes:
                fault.add_note(note)
            raise fault from exc
        for note in notes:
            exc.add_note(note)
        raise
    return BatchResult(records, out_dir, zip_path)


def _folder_of(exc: BaseException, out_dir: Path) -> Path | None:
    """The output folder, to name in the message, unless the error is about a file elsewhere (the zip)."""
    filename = getattr(exc, "filename", None)
    if filename is None:
        return out_dir
    try:
        return out_dir if Path(os.fsdecode(filename)).resolve().is_relative_to(out_dir.resolve()) else None
    except (OSError, ValueError):
        return None
