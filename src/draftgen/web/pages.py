"""The HTML pages, rendered on the server with Jinja2 and refreshed with htmx."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
