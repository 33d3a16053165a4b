"""DOCX → PDF with LibreOffice headless: one ``soffice`` call converts many files (one process start for up to
200 files: LibreOffice drops the files past about 246 of one call), in a private profile folder per call, under
a timeout; each PDF is checked to exist and hold something, because soffice exits 0 when a conversion fails.

LibreOffice is found through ``DRAFTGEN_SOFFICE`` (a path) or on PATH (``soffice``, ``libreoffice``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from draftgen.faults import ExitCode, Fault

ENV_VAR = "DRAFTGEN_SOFFICE"
INSTALL = "apt-get install -y libreoffice-writer-nogui fonts-liberation2 poppler-utils"
DEFAULT_TIMEOUT = 120.0   # seconds for one call; a batch call gets this plus PER_FILE_TIMEOUT per file
PER_FILE_TIMEOUT = 10.0
# files per soffice process: LibreOffice (7.4 here) converts the first 246 files of one call and silently drops
# the rest, exiting 0 (measured: 246 PDFs for 250, 260, 300 and 400 files; the same is reported publicly at
# about 247), so a longer list is converted by several processes in turn
MAX_FILES_PER_PROCESS = 200
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


def _convert_group(program: str, group: Sequence[Path], out_dir: Path, limit: float,
                   stop: threading.Event | None) -> None:
    """One soffice process for ``group`` (at most :data:`MAX_FILES_PER_PROCESS` files), in a private profile."""
    with tempfile.TemporaryDirectory(prefix="draftgen-lo-") as profile:
        command = [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir),
                   *(str(Path(f).resolve()) for f in group)]
        # its own process group: soffice is a script that starts soffice.bin, and a timeout must stop both
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "HOME": profile}, start_new_session=True)
        try:
            _wait(process, limit, stop)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise Fault(f"LibreOffice không chuyển xong {len(group)} tệp sang PDF trong {limit:.0f} giây.",
                        "Đóng các cửa sổ LibreOffice đang mở rồi chạy lại; tệp DOCX vẫn được giữ.",
                        ExitCode.CONVERTER) from None
        except BaseException:  # Ctrl-C, SIGTERM: the converter (in its own session) must not outlive us
            _stop(process)
            raise


def _wait(process: subprocess.Popen[bytes], limit: float, stop: threading.Event | None) -> None:
    """Wait for the converter; TimeoutExpired after ``limit`` seconds, ConversionStopped once ``stop`` is set."""
    if stop is None:
        process.wait(timeout=limit)
        return
    deadline = time.monotonic() + limit
    while True:
        try:
            process.wait(timeout=min(0.2, max(0.0, deadline - time.monotonic())))
            return
        except subprocess.TimeoutExpired:
            if stop.is_set():
                _stop(process)
                raise ConversionStopped() from None
            if time.monotonic() >= deadline:
                raise


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill a converter and whatever it started."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


class ConversionStopped(Exception):
    """The conversion was told to stop (``stop`` set: another conversion of the run failed, or Ctrl-C)."""


def convert(docx_files: Sequence[Path], out_dir: Path, timeout: float | None = None,
            stop: threading.Event | None = None) -> list[Path]:
    """Convert every DOCX to a PDF of the same name in ``out_dir``: one soffice process per 200 files.

    Returns the PDFs in the order of ``docx_files``. Raises :class:`Fault`: LibreOffice missing (exit 2),
    the conversion timed out or left a file without a PDF (exit 9, naming the files). ``stop``: an event that,
    once set, kills the converter and raises :class:`ConversionStopped` (a conversion in a thread, which no
    Ctrl-C reaches).
    """
    if not docx_files:
        return []
    program = find_soffice()
    names = [Path(f).stem for f in docx_files]
    if len(set(names)) != len(names):
        raise Fault("Hai tệp DOCX cùng tên sẽ cho cùng một tệp PDF.", "Đổi tên một tệp rồi chạy lại.",
                    ExitCode.INPUT)
    out_dir.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(docx_files), MAX_FILES_PER_PROCESS):
        group = docx_files[start:start + MAX_FILES_PER_PROCESS]
        if stop is not None and stop.is_set():
            raise ConversionStopped()
        _convert_group(program, group, out_dir, timeout or DEFAULT_TIMEOUT + PER_FILE_TIMEOUT * len(group), stop)
    pdfs = [out_dir / f"{name}.pdf" for name in names]
    failed = [str(f) for f, pdf in zip(docx_files, pdfs, strict=True)
              if not pdf.is_file() or pdf.stat().st_size < _MIN_PDF_BYTES]
    if failed:
        raise Fault(f"LibreOffice không tạo được PDF cho: {', '.join(failed)}.",
                    "Mở tệp bằng LibreOffice để xem lỗi; tệp DOCX vẫn được giữ.", ExitCode.CONVERTER)
    return pdfs
