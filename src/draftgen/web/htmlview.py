"""The one place the pages call the HTML rendering of the A4 page (:mod:`draftgen.htmlpage`)."""

from __future__ import annotations

from html import escape
from typing import Any


def page_html(draft: Any) -> str:
    """HTML of the pages of a view model (mm-based, styled by :func:`page_css`)."""
    try:
        from draftgen.htmlpage import page_html as render
    except ImportError:  # TEMPORARY until issue-12b lands
        return _plain(draft)
    return render(draft)


def page_css() -> str:
    """The stylesheet of :func:`page_html`."""
    try:
        from draftgen.htmlpage import page_css as css
    except ImportError:
        return ".a4{background:#fff;width:210mm;padding:20mm 15mm 20mm 30mm;font-family:'Times New Roman',serif}"
    return css()


def _plain(draft: Any) -> str:
    lines = [*draft.co_quan, draft.so_ky_hieu, draft.dia_danh_ngay, getattr(draft, "trich_yeu", ""),
             getattr(draft, "kinh_gui_inline", "") or "", *getattr(draft, "kinh_gui_items", []),
             *draft.body, *[p.text for p in getattr(draft, "content", [])], draft.noi_nhan_label, *draft.noi_nhan,
             *draft.authority, draft.ho_ten]
    return '<div class="a4">' + "".join(f"<p>{escape(t)}</p>" for t in lines if t) + "</div>"
