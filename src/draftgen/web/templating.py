"""The Jinja2 environment of the pages: sandboxed and autoescaping, as every template of draftgen."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from draftgen.web.forms import element_id

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"


@cache
def templates() -> Jinja2Templates:
    """The page templates (``web/templates/``) in a sandboxed, autoescaping environment."""
    env = SandboxedEnvironment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(default=True),
                               trim_blocks=True, lstrip_blocks=True)
    env.globals["element_id"] = element_id
    return Jinja2Templates(env=env)
