"""The JSON API behind the pages (``/api/...``)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api")
