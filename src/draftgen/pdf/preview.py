"""One PNG per page of a PDF, with poppler's ``pdftoppm`` (for a clerk, the README and the web page)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from draftgen.faults import ExitCode, Fault

DEFAULT_DPI = 80


def page_images(pdf: Path, out_dir: Path, stem: str, dpi: int = DEFAULT_DPI) -> list[Path]:
    """Write ``<stem>-1.png``, ``<stem>-2.png`` … into ``out_dir``; return them in page order."""
    program = shutil.which("pdftoppm")
    if program is None:
        raise Fault("Không tìm thấy pdftoppm (poppler-utils) để tạo ảnh trang.",
                    "Cài đặt: apt-get install -y poppler-utils", ExitCode.INPUT)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{stem}-*.png"):  # a shorter draft must not leave the pages of a longer one
        old.unlink()
    subprocess.run([program, "-png", "-r", str(dpi), str(pdf), str(out_dir / stem)], check=True,
                   capture_output=True, timeout=120)
    pages = sorted(out_dir.glob(f"{stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if not pages:
        raise Fault(f"Không tạo được ảnh trang từ {pdf}.", "Mở tệp PDF để kiểm tra.", ExitCode.CONVERTER)
    return pages
