"""``draftgen batch --pdf``: a PDF beside each document of the run, through as few LibreOffice processes as
possible (one per chunk of files), each PDF moved into place atomically. A document whose PDF is newer than
it is not converted again, so a re-run after a stop converts only what is missing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from draftgen.batch.state import OK_STATUSES, Record

CHUNK = 400  # files per LibreOffice process: one start-up for many files, a timeout that still means something


def pdf_name(docx_name: str) -> str:
    return str(Path(docx_name).with_suffix(".pdf"))


def _stale(out_dir: Path, record: Record) -> bool:
    docx, pdf = out_dir / record.file, out_dir / pdf_name(record.file)
    return not pdf.is_file() or pdf.stat().st_mtime < docx.stat().st_mtime


def write_pdfs(out_dir: Path, records: list[Record]) -> list[Path]:
    """Convert the documents of ``records`` that have no up-to-date PDF; return the PDFs written."""
    from draftgen.pdf.soffice import convert

    todo = [r for r in records if r.status in OK_STATUSES and _stale(out_dir, r)]
    written: list[Path] = []
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        with tempfile.TemporaryDirectory(prefix=".draftgen-pdf-", dir=out_dir) as work:
            made = convert([out_dir / r.file for r in chunk], Path(work))
            for record, pdf in zip(chunk, made, strict=True):
                target = out_dir / pdf_name(record.file)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(pdf, target)
                written.append(target)
    return written
