"""The one place the pages call the HTML rendering of the A4 page (:mod:`draftgen.htmlpage`)."""

from __future__ import annotations

from typing import Any

from draftgen.htmlpage import page_css as _page_css
from draftgen.htmlpage import page_html as _page_html


def page_html(draft: Any) -> str:
    """HTML of the pages of a view model (mm-based, styled by :func:`page_css`)."""
    return _page_html(draft)


def page_css() -> str:
    """The stylesheet of :func:`page_html` (scoped under ``.dg-pages``)."""
    return _page_css()
