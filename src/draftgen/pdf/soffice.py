"""DOCX → PDF with LibreOffice headless: one ``soffice`` call converts many files (one process start for a
whole batch), in a private profile folder per run, under a timeout; each PDF is checked to exist and hold
something, because soffice exits 0 when a conversion fails.

LibreOffice is found through ``DRAFTGEN_SOFFICE`` (a path) or on PATH (``soffice``, ``libreoffice``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from draftgen.faults import ExitCode, Fault

ENV_VAR = "DRAFTGEN_SOFFICE"
INSTALL = "apt-get install -y libreoffice-writer-nogui fonts-liberation2 poppler-utils"
DEFAULT_TIMEOUT = 120.0   # seconds for one call; a batch call gets this plus PER_FILE_TIMEOUT per file
PER_FILE_TIMEOUT = 10.0
_MIN_PDF_BYTES = 200      # a PDF with one empty page is larger than this


def find_soffice() -> str:
    """The LibreOffice program to run, or a :class:`Fault` (exit 2) saying how to install it."""
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        if Path(chosen).is_file() and os.access(chosen, os.X_OK):
            return chosen
        raise Fault(f"{ENV_VAR}={chosen} không phải là chương trình LibreOffice chạy được.",
                    f"Sửa biến {ENV_VAR} (đường dẫn tới soffice) hoặc bỏ nó để tìm soffice trên PATH.",
                    ExitCode.INPUT)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise Fault("Không tìm thấy LibreOffice (soffice) để tạo PDF.",
                f"Cài đặt: {INSTALL} (Debian, Ubuntu), hoặc chỉ đường dẫn bằng biến {ENV_VAR}.",
                ExitCode.INPUT)


def soffice_version(program: str | None = None) -> str | None:
    """LibreOffice's version line ("LibreOffice 7.4.7.2 …"), or None when it is not installed."""
    try:
        program = program or find_soffice()
        done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60)
    except (Fault, OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill a converter and whatever it started."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def convert(docx_files: Sequence[Path], out_dir: Path, timeout: float | None = None) -> list[Path]:
    """Convert every DOCX to a PDF of the same name in ``out_dir`` with one soffice process.

    Returns the PDFs in the order of ``docx_files``. Raises :class:`Fault`: LibreOffice missing (exit 2),
    the conversion timed out or left a file without a PDF (exit 9, naming the files).
    """
    if not docx_files:
        return []
    program = find_soffice()
    names = [Path(f).stem for f in docx_files]
    if len(set(names)) != len(names):
        raise Fault("Hai tệp DOCX cùng tên sẽ cho cùng một tệp PDF.", "Đổi tên một tệp rồi chạy lại.",
                    ExitCode.INPUT)
    out_dir.mkdir(parents=True, exist_ok=True)
    limit = timeout or DEFAULT_TIMEOUT + PER_FILE_TIMEOUT * len(docx_files)
    with tempfile.TemporaryDirectory(prefix="draftgen-lo-") as profile:
        command = [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir),
                   *(str(Path(f).resolve()) for f in docx_files)]
        # its own process group: soffice is a script that starts soffice.bin, and a timeout must stop both
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "HOME": profile}, start_new_session=True)
        try:
            process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise Fault(f"LibreOffice không chuyển xong {len(docx_files)} tệp sang PDF trong {limit:.0f} giây.",
                        "Đóng các cửa sổ LibreOffice đang mở rồi chạy lại; tệp DOCX vẫn được giữ.",
                        ExitCode.CONVERTER) from None
        except BaseException:  # Ctrl-C, SIGTERM: the converter (in its own session) must not outlive us
            _stop(process)
            raise
    pdfs = [out_dir / f"{name}.pdf" for name in names]
    failed = [str(f) for f, pdf in zip(docx_files, pdfs, strict=True)
              if not pdf.is_file() or pdf.stat().st_size < _MIN_PDF_BYTES]
    if failed:
        raise Fault(f"LibreOffice không tạo được PDF cho: {', '.join(failed)}.",
                    "Mở tệp bằng LibreOffice để xem lỗi; tệp DOCX vẫn được giữ.", ExitCode.CONVERTER)
    return pdfs
