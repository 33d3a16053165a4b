"""The quick preview of the A4 page: HTML from the same view model as the DOCX, its CSS in mm and pt from the
ND30 profile (DESIGN.md: "Quick preview = HTML of the A4 page from the same view model; exact preview = the PDF").

Pure: no web framework, no file written. :func:`page_html` gives the sheets as a fragment, :func:`page_css` their
stylesheet (scoped under ``.dg-pages``), :func:`document_html` both as one standalone document.
The page breaks are estimated; the exact pages are the PDF's.
"""

from __future__ import annotations

from draftgen.htmlpage.css import page_css
from draftgen.htmlpage.page import document_html, page_html

__all__ = ["document_html", "page_css", "page_html"]
