"""The HTML pages, rendered on the server with Jinja2 and refreshed with htmx.

One router for the app (``router``), made of one module per job: the start page and the templates page
here, the form, its preview and downloads (:mod:`draftgen.web.pages_form`), the parent directives
(:mod:`draftgen.web.pages_directives`), the batch (:mod:`draftgen.web.pages_batch`) and the checker
(:mod:`draftgen.web.pages_check`). :func:`mount_static` serves the vendored htmx and the stylesheet.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from draftgen.web import pages_batch, pages_check, pages_directives, pages_form
from draftgen.web.documents import type_groups
from draftgen.web.templating import STATIC_DIR, templates

router = APIRouter()
router.include_router(pages_form.router)
router.include_router(pages_directives.router)
router.include_router(pages_batch.router)
router.include_router(pages_check.router)


def mount_static(app: FastAPI) -> None:
    """Serve ``web/static/`` (htmx, the stylesheet, the page script) at ``/static``."""
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


@router.get("/", response_class=HTMLResponse)
def start_page(request: Request) -> HTMLResponse:
    """Choose the document type, or open a YAML file."""
    return templates().TemplateResponse(request, "start.html", {"groups": type_groups(), "page": "start"})


@router.get("/mau", response_class=HTMLResponse)
def templates_page(request: Request) -> HTMLResponse:
    """The office templates of the library (``draftgen templates list``), each opening the form."""
    from draftgen.doctypes.registry import doc_types
    from draftgen.errors import InputError
    from draftgen.library.discovery import libraries

    problem = None
    rows = []
    try:
        for library in libraries():
            for entry in library.entries:
                rows.append({"entry": entry, "ten": doc_types()[entry.loai].ten, "bundled": library.bundled})
    except InputError as exc:
        problem = str(exc)
    return templates().TemplateResponse(request, "templates.html", {"rows": rows, "problem": problem,
                                                                     "page": "templates"})
