"""``draftgen batch --pdf``: a PDF beside each document of the run, through as few LibreOffice processes as
possible (one per chunk of files, as many at once as the run has jobs), each PDF moved into place atomically.
A document whose PDF is newer than it is not converted again, so a re-run after a stop converts only what is
missing."""

from __future__ import annotations

import concurrent.futures as cf
import os
import tempfile
import threading
from pathlib import Path

from draftgen.batch.state import OK_STATUSES, Record
from draftgen.pdf.soffice import MAX_FILES_PER_PROCESS, ConversionStopped

# files per LibreOffice process: one start-up for many files, a timeout that still means something, and under the
# ~246 files past which LibreOffice silently converts no more
CHUNK = MAX_FILES_PER_PROCESS
MAX_CONVERTERS = 4  # LibreOffice processes at once (each about 200 MB)


def pdf_name(docx_name: str) -> str:
    return str(Path(docx_name).with_suffix(".pdf"))


def _stale(out_dir: Path, record: Record) -> bool:
    docx, pdf = out_dir / record.file, out_dir / pdf_name(record.file)
    return not pdf.is_file() or pdf.stat().st_mtime < docx.stat().st_mtime


def write_pdfs(out_dir: Path, records: list[Record], jobs: int = 1) -> list[Path]:
    """Convert the documents of ``records`` that have no up-to-date PDF; return the PDFs written.

    With ``jobs`` > 1, up to that many LibreOffice processes (at most :data:`MAX_CONVERTERS`, about 200 MB each)
    convert chunks side by side: LibreOffice converts on one core. When one fails, or on Ctrl-C, the others are
    stopped (their converters killed) and what they finished stays; a re-run converts the rest.
    """
    todo = [r for r in records if r.status in OK_STATUSES and _stale(out_dir, r)]
    converters = max(1, min(jobs, MAX_CONVERTERS, len(todo)))
    size = min(CHUNK, -(-len(todo) // converters)) if todo else CHUNK
    chunks = [todo[start:start + size] for start in range(0, len(todo), size)]
    if converters == 1:
        return [pdf for chunk in chunks for pdf in _convert_chunk(out_dir, chunk, None)]
    stop = threading.Event()
    with cf.ThreadPoolExecutor(max_workers=converters, thread_name_prefix="draftgen-pdf") as pool:
        futures = [pool.submit(_convert_chunk, out_dir, chunk, stop) for chunk in chunks]
        try:
            cf.wait(futures, return_when=cf.FIRST_EXCEPTION)
        finally:  # a failure (or Ctrl-C while waiting): the running converters are killed within 0.2 s
            if not all(f.done() and f.exception() is None for f in futures):
                stop.set()
                for future in futures:
                    future.cancel()
    failures = [f.exception() for f in futures if not f.cancelled() and f.exception() is not None]
    if failures:  # the first real failure is told, not the converters stopped because of it
        raise next((e for e in failures if not isinstance(e, ConversionStopped)), failures[0])
    return [pdf for future in futures for pdf in future.result()]


def _convert_chunk(out_dir: Path, chunk: list[Record], stop: threading.Event | None) -> list[Path]:
    """One LibreOffice process for ``chunk``; each PDF moved into place (atomically) beside its document."""
    from draftgen.pdf.soffice import convert

    if stop is not None and stop.is_set():
        return []
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix=".draftgen-pdf-", dir=out_dir) as work:
        made = convert([out_dir / r.file for r in chunk], Path(work), stop=stop)
        for record, pdf in zip(chunk, made, strict=True):
            target = out_dir / pdf_name(record.file)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(pdf, target)
            written.append(target)
    return written
