"""The HTML of the preview: the sheets of :mod:`draftgen.htmlpage.flow` through one Jinja template.

The environment is draftgen's one sandboxed, autoescaping, strict environment
(:func:`draftgen.render.jinja_environment`) with this package's templates folder as its loader, so every value
of the view model is escaped; the one filter added, ``html_runs``, escapes each piece of a body paragraph before
it wraps its **bold**/*italic* parts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, Template
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from draftgen.draft import Draft
from draftgen.htmlpage.css import page_css
from draftgen.htmlpage.flow import family_of, sheets_of
from draftgen.inline import has_markup, segments
from draftgen.render import jinja_environment

TEMPLATES = Path(__file__).resolve().parent / "templates"
_TAGS = {(True, False): ("<b>", "</b>"), (False, True): ("<i>", "</i>"), (True, True): ("<b><i>", "</i></b>")}


def html_runs(text: str) -> Markup:
    """Jinja filter: ``text`` escaped, its ``**bold**``/``*italic*`` parts (:mod:`draftgen.inline`) in b/i tags."""
    text = str(text)
    if not has_markup(text):
        return escape(text)
    out = []
    for piece, bold, italic in segments(text):
        opening, closing = _TAGS.get((bold, italic), ("", ""))
        out.append(f"{opening}{escape(piece)}{closing}")
    return Markup("".join(out))


@cache
def environment() -> SandboxedEnvironment:
    """draftgen's Jinja environment with the preview's templates and the ``html_runs`` filter."""
    env = jinja_environment()
    env.loader = FileSystemLoader(str(TEMPLATES))
    env.filters["html_runs"] = html_runs
    return env


@cache
def _template(name: str) -> Template:
    return environment().get_template(name)


def page_html(draft: Draft) -> str:
    """The A4 sheets of ``draft`` as an HTML fragment: ``<div class="dg-pages">`` holding one
    ``<section class="dg-page">`` per sheet (style it with :func:`page_css`).

    Every text element carries ``data-field``, the view model's field it shows (``so_ky_hieu``, ``trich_yeu``,
    ``dia_danh_ngay``, ``kinh_gui`` (the one-line "Kính gửi: …" or each recipient), ``body`` / ``content``,
    ``noi_nhan``, ``authority``, ``ho_ten``, ``phu_luc_content`` …) and, from a list, ``data-index`` (and
    ``data-group``: which Phụ lục); a paragraph split between two sheets is two elements, ``data-part`` 1 and 2.
    Each sheet is ``<section class="dg-page dg-fam-<family>" data-page="n" data-number="printed number">``.
    The sheets are an estimate; the exact pages are the PDF's (see :mod:`draftgen.htmlpage.flow`).
    """
    family = family_of(draft)
    return _template("page.html.j2").render(family=family, sheets=sheets_of(draft, family))


def _title(draft: Draft) -> str:
    parts = [getattr(draft, "ten_loai", None) or "", getattr(draft, "trich_yeu", None) or "", draft.so_ky_hieu]
    return " – ".join(p for p in parts if p)


def document_html(draft: Draft) -> str:
    """A whole HTML document of ``draft``'s sheets with the stylesheet inline (to open in a browser, for tests)."""
    return _template("document.html.j2").render(title=_title(draft), css=Markup(page_css()),
                                                pages=Markup(page_html(draft)))


__all__ = ["document_html", "environment", "html_runs", "page_css", "page_html"]
