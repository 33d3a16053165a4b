"""The FastAPI application: the JSON API under ``/api`` and the pages, served on one address."""

from __future__ import annotations

from fastapi import FastAPI

from draftgen import __version__


def create_app(host: str = "127.0.0.1", port: int = 8000) -> FastAPI:
    """Build the app that ``draftgen serve`` runs; ``host``/``port`` are the served address (Host check)."""
    from draftgen.web import api, pages

    app = FastAPI(title="draftgen", version=__version__, description="Soạn văn bản hành chính theo NĐ 30/2020/NĐ-CP")
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.mount_static(app)
    return app
