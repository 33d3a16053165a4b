"""PDFs and page images written the draftgen way: outputs checked before any work, nothing overwritten
without ``force``, every file written atomically (LibreOffice and pdftoppm write into a private folder first)."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from draftgen.atomic import check_output_path, write_bytes_atomic
from draftgen.pdf import preview, soffice
from draftgen.pdf.fonts import Substitution, substitution


@dataclass(frozen=True)
class Made:
    """The files written and what the first PDF says of its fonts."""

    files: list[Path]
    fonts: Substitution | None


def pdfs(docx_files: Sequence[Path], targets: Sequence[Path], *, force: bool) -> Made:
    """Convert ``docx_files`` with one LibreOffice process and write each PDF to its target."""
    for target in targets:
        check_output_path(target, force=force)
    with tempfile.TemporaryDirectory(prefix="draftgen-pdf-") as work:
        made = soffice.convert(docx_files, Path(work))
        fonts = substitution(made[0]) if made else None
        for pdf, target in zip(made, targets, strict=True):
            write_bytes_atomic(target, pdf.read_bytes(), force=force)
    return Made(files=list(targets), fonts=fonts)


def page_pngs(docx_file: Path, out_dir: Path, stem: str, dpi: int, *, force: bool) -> Made:
    """One PNG per page of ``docx_file`` in ``out_dir`` (``<stem>-1.png`` …)."""
    if not out_dir.is_dir():
        check_output_path(out_dir / f"{stem}-1.png", force=force)  # names the missing folder
    existing = sorted(out_dir.glob(f"{stem}-*.png"))
    if existing and not force:
        check_output_path(existing[0], force=False)
    with tempfile.TemporaryDirectory(prefix="draftgen-png-") as work:
        pdf = soffice.convert([docx_file], Path(work))[0]
        fonts = substitution(pdf)
        pages = preview.page_images(pdf, Path(work) / "pages", stem, dpi)
        for old in existing:
            old.unlink()
        written = []
        for page in pages:
            target = out_dir / page.name
            write_bytes_atomic(target, page.read_bytes(), force=True)
            written.append(target)
    return Made(files=written, fonts=fonts)
