"""LibreOffice conversions of the web service: at most a few at once, never on the event loop.

One conversion is a LibreOffice process of about 200 MB that runs for seconds. The page's "Xem bản in", the
PDF download and ``POST /api/pdf`` each take a slot (:attr:`Settings.pdf_concurrent` per worker process)
for the whole conversion; a request that finds none free within :attr:`Settings.pdf_wait_seconds` is told to
come back (503, ``Retry-After``) instead of starting one more LibreOffice, so a clerk who clicks again and
again, or many clerks at once, cannot fill the machine's memory. The work runs in the thread pool: the live
preview of every other clerk goes on while a PDF is made.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool

from draftgen.web.security import Settings

T = TypeVar("T")

RETRY_AFTER_SECONDS = 10
BUSY_MESSAGE = ("Máy đang tạo bản in cho các yêu cầu khác (tối đa {n} bản cùng lúc); hãy thử lại sau ít giây. "
                "Văn bản chưa bị mất: bấm lại nút khi máy rảnh.")


class ConverterBusy(Exception):
    """Every conversion slot stayed taken for ``pdf_wait_seconds`` (answered with 503 and ``Retry-After``)."""


def install(app: FastAPI, settings: Settings) -> None:
    """The conversion slots of one worker process."""
    app.state.pdf_slots = threading.BoundedSemaphore(max(1, settings.pdf_concurrent))


def busy_message(settings: Settings) -> str:
    return BUSY_MESSAGE.format(n=max(1, settings.pdf_concurrent))


async def run_converter(request: Request, work: Callable[..., T], *args: object, **kwargs: object) -> T:
    """``work(*args, **kwargs)`` in the thread pool, holding a conversion slot; :class:`ConverterBusy` when none
    came free in time."""
    return await run_in_threadpool(_in_slot, request.app, work, args, kwargs)


def _in_slot(app: FastAPI, work: Callable[..., T], args: tuple, kwargs: dict) -> T:
    settings: Settings = app.state.settings
    slots: threading.BoundedSemaphore = app.state.pdf_slots
    if not slots.acquire(timeout=max(0.0, settings.pdf_wait_seconds)):
        raise ConverterBusy(busy_message(settings))
    try:
        return work(*args, **kwargs)
    finally:
        slots.release()


def pdf_of(docx: bytes) -> bytes:
    """The PDF of DOCX bytes (LibreOffice, in a private folder); a missing LibreOffice is a Fault."""
    pdf, _pages = printed(docx, images=False)
    return pdf


def printed(docx: bytes, images: bool = True) -> tuple[bytes, list[bytes]]:
    """The PDF of a DOCX (LibreOffice) and, with ``images``, one PNG per page (poppler), in a private folder."""
    from draftgen.pdf import preview as page_preview
    from draftgen.pdf import soffice

    with tempfile.TemporaryDirectory(prefix="draftgen-web-") as work:
        source = Path(work) / "van-ban.docx"
        source.write_bytes(docx)
        pdf = soffice.convert([source], Path(work) / "pdf")[0]
        pages = page_preview.page_images(pdf, Path(work) / "png", "trang", dpi=70) if images else []
        return pdf.read_bytes(), [p.read_bytes() for p in pages]
