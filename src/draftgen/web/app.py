"""The FastAPI application: the JSON API under ``/api`` and the pages, served on one address.

The guards of :mod:`draftgen.web.security` wrap it: the Host check (outermost), then the body cap. Bad input
anywhere (:class:`~draftgen.errors.InputError`) answers 422 with ``{"errors": [...]}``; a missing tool of the
machine (LibreOffice) answers 503; a batch past a limit its own status. The app keeps no state between
requests, so several workers (uvicorn ``--workers``, gunicorn) can serve it side by side.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from draftgen import __version__
from draftgen.errors import InputError
from draftgen.faults import Fault
from draftgen.web.security import BodyLimit, HostCheck, Settings, allowed_host_values


def _errors(status: int, message: str, field: str | None = None) -> JSONResponse:
    return JSONResponse({"errors": [{"field": field, "line": None, "message": message}]}, status_code=status)


def _request_problem(error: dict[str, Any]) -> dict[str, Any]:
    """A FastAPI request error (a form field missing …) in the API's shape, in Vietnamese."""
    field = ".".join(str(part) for part in error.get("loc", ())[1:]) or None
    if error.get("type") == "missing":
        message = f"Thiếu trường '{field}'."
    else:
        message = f"Giá trị của '{field}' không hợp lệ (chi tiết: {error.get('msg', '')})."
    return {"field": field, "line": None, "message": message}


def create_app(host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None,
               allowed_hosts: Iterable[str] = ()) -> FastAPI:
    """Build the app that ``draftgen serve`` runs; ``host``/``port`` are the served address (Host check).

    ``settings`` default to :meth:`Settings.from_env`; ``allowed_hosts`` are more Host values to accept
    (added to those of the settings), e.g. the office server's name."""
    from draftgen.web import api, batchjob, converting, pages, service

    settings = settings or Settings.from_env()
    app = FastAPI(title="draftgen", version=__version__, description="Soạn văn bản hành chính theo NĐ 30/2020/NĐ-CP")
    app.state.settings = settings
    app.state.batch_slots = threading.BoundedSemaphore(settings.batch_concurrent)  # per worker process
    converting.install(app, settings)
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.mount_static(app)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse(service.errors_of(exc), status_code=422)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"errors": [_request_problem(e) for e in exc.errors()]}, status_code=422)

    @app.exception_handler(Fault)
    async def machine_fault(request: Request, exc: Fault) -> JSONResponse:
        return _errors(503, f"{exc.message} {exc.advice}".strip())

    @app.exception_handler(converting.ConverterBusy)
    async def converter_busy(request: Request, exc: converting.ConverterBusy) -> JSONResponse:
        answer = _errors(503, str(exc))
        answer.headers["Retry-After"] = str(converting.RETRY_AFTER_SECONDS)
        return answer

    @app.exception_handler(batchjob.BatchLimit)
    async def batch_limit(request: Request, exc: batchjob.BatchLimit) -> JSONResponse:
        return _errors(exc.status, str(exc))

    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(HostCheck, allowed=allowed_host_values(host, port, [*settings.allowed_hosts, *allowed_hosts]))
    return app
