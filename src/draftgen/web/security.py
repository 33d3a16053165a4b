"""The web service's guards: the Host check (DNS rebinding), the cap on request bodies, and its settings.

- **Host check** (:class:`HostCheck`): a page of another site can make the clerk's browser call
  ``http://evil.example:8000/`` after pointing that name at 127.0.0.1 (DNS rebinding); the request then
  carries ``Host: evil.example:8000``. Only the served address is accepted (``127.0.0.1:PORT``,
  ``localhost:PORT``, ``[::1]:PORT``, the ``--host`` given, and the names of :attr:`Settings.allowed_hosts`,
  e.g. the office server's name behind its web server); anything else is refused with 400.
- **Body cap** (:class:`BodyLimit`): every request body (an upload, a YAML) is read up to
  :attr:`Settings.max_body_bytes` (20 MB unless set); a longer one is refused with 413 before the app
  sees it. Uploaded DOCX files are then opened by the checker's safe reader (zip-bomb limits).

Both are plain ASGI middleware: they answer with JSON in the API's error shape, in Vietnamese.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MB = 1024 * 1024
ENV_HOSTS = "DRAFTGEN_WEB_HOSTS"            # more Host values to accept, comma-separated (an office server's name)
ENV_MAX_BODY_MB = "DRAFTGEN_WEB_MAX_UPLOAD_MB"
ENV_BATCH_SECONDS = "DRAFTGEN_WEB_BATCH_SECONDS"
ENV_BATCH_MAX_MB = "DRAFTGEN_WEB_BATCH_MAX_MB"
ENV_BATCH_MAX_UNITS = "DRAFTGEN_WEB_BATCH_MAX_UNITS"
ENV_PDF_CONCURRENT = "DRAFTGEN_WEB_PDF_CONCURRENT"
ENV_PDF_WAIT_SECONDS = "DRAFTGEN_WEB_PDF_WAIT_SECONDS"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class Settings:
    """Limits of the web service (each can be set by an environment variable, see the ``ENV_*`` names)."""

    max_body_bytes: int = 20 * MB           # one request body: an upload, a YAML
    batch_seconds: float = 300.0            # a batch is stopped after this long
    batch_max_bytes: int = 500 * MB         # the documents and the zip of one batch, on disk
    batch_max_units: int = 5000             # units in one batch (a whole province is a few hundred)
    batch_concurrent: int = 2               # batches at once in one worker; more are told to come back (503)
    # LibreOffice conversions (PDF, "Xem bản in") at once in one worker, each ~200 MB for seconds; a request
    # waits this long for a free one, then is told to come back (503) (draftgen.web.converting)
    pdf_concurrent: int = 2
    pdf_wait_seconds: float = 30.0
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, environ: MutableMapping[str, str] | None = None) -> Settings:
        """Defaults, overridden by the ``DRAFTGEN_WEB_*`` environment variables."""
        env = os.environ if environ is None else environ

        def number(name: str, default: float) -> float:
            text = env.get(name, "").strip()
            try:
                return float(text) if text else default
            except ValueError:
                raise ValueError(f"{name}={text!r} phải là một số.") from None

        base = cls()
        hosts = tuple(h.strip().lower() for h in env.get(ENV_HOSTS, "").split(",") if h.strip())
        return cls(max_body_bytes=int(number(ENV_MAX_BODY_MB, base.max_body_bytes / MB) * MB),
                   batch_seconds=number(ENV_BATCH_SECONDS, base.batch_seconds),
                   batch_max_bytes=int(number(ENV_BATCH_MAX_MB, base.batch_max_bytes / MB) * MB),
                   batch_max_units=int(number(ENV_BATCH_MAX_UNITS, base.batch_max_units)),
                   pdf_concurrent=int(number(ENV_PDF_CONCURRENT, base.pdf_concurrent)),
                   pdf_wait_seconds=number(ENV_PDF_WAIT_SECONDS, base.pdf_wait_seconds),
                   allowed_hosts=hosts)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (as given to ``--host``) is this machine only."""
    return host.strip("[]").lower() in {"127.0.0.1", "localhost", "::1"} or host.startswith("127.")


def allowed_host_values(host: str, port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host header values accepted for a server on ``host:port`` (lower case; a name without port
    in ``extra`` is accepted on any port, as behind an office's web server on 80 or 443)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    names = {*LOOPBACK, shown.lower()}
    values = {f"{name}:{port}" for name in names}
    if port in (80, 443):
        values |= names
    values |= {h.lower() for h in extra}
    return frozenset(values)


def error_body(message: str, field: str | None = None) -> bytes:
    """The API's error shape: ``{"errors": [{"field", "line", "message"}]}``."""
    return json.dumps({"errors": [{"field": field, "line": None, "message": message}]},
                      ensure_ascii=False).encode("utf-8")


async def _answer(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or []:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class HostCheck:
    """Refuse (400) a request whose Host header is not one of ``allowed``."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]):
        self.app = app
        self.allowed = frozenset(a.lower() for a in allowed)

    def host_ok(self, host: str | None) -> bool:
        """Whether a Host value (``name:port``) is allowed; a missing Host is refused."""
        if not host:
            return False
        host = host.strip().lower()
        return host in self.allowed or host.rsplit(":", 1)[0] in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not self.host_ok(_header(scope, b"host")):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await _answer(send, 400, error_body(
                "Địa chỉ (Host) của yêu cầu không phải địa chỉ của draftgen; yêu cầu bị từ chối để chống tấn công "
                "đổi tên miền (DNS rebinding). Hãy mở trang bằng đúng địa chỉ mà 'draftgen serve' in ra.",
                field="Host"))
            return
        await self.app(scope, receive, send)


class BodyLimit:
    """Read each request body up to ``limit`` bytes; a longer one is refused with 413 before the app runs."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    def _too_large(self) -> bytes:
        return error_body(f"Dữ liệu gửi lên quá lớn (tối đa {self.limit / MB:g} MB).", field="body")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > self.limit:
            await _answer(send, 413, self._too_large())
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _answer(send, 413, self._too_large())
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect, as the server would

        await self.app(scope, replay, send)
