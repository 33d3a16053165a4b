"""Shared helpers of the preview tests: the examples, and the preview's text read back with lxml.html."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from draftgen.errors import InputError
from draftgen.pipeline import draft_of, load_letter

ROOT = Path(__file__).resolve().parents[2]
# every example a clerk would preview (the batch inputs are not documents)
EXAMPLES = sorted(p.relative_to(ROOT / "examples").as_posix() for p in (ROOT / "examples").rglob("*.yaml")
                  if "batch" not in p.parts)


def load_example(name: str):
    """The validated document of ``examples/<name>``, or None when it cannot be read here."""
    try:
        return load_letter(ROOT / "examples" / name)
    except InputError:
        return None


def example_draft(name: str):
    document = load_example(name)
    return None if document is None else draft_of(document)


def parse(fragment: str) -> lxml.html.HtmlElement:
    """The fragment's root element (``div.dg-pages``)."""
    return lxml.html.fragment_fromstring(fragment)


def page_texts(root: lxml.html.HtmlElement) -> list[str]:
    """The text of every paragraph on the sheets, in page order, a paragraph split between sheets joined again;
    without the page numbers and ô 13 (the DOCX has them in its headers and footers)."""
    out: list[str] = []
    for p in root.iter("p"):
        if "dg-so-trang" in p.classes or any("dg-dia-chi" in a.classes for a in p.iterancestors()):
            continue
        text = p.text_content()
        if p.get("data-part") == "2" and out:
            out[-1] = f"{out[-1]} {text}"
        elif text:
            out.append(text)
    return out


def field_texts(root: lxml.html.HtmlElement, field: str) -> list[str]:
    """The texts of the elements of ``data-field="<field>"``, in page order (split paragraphs joined)."""
    out: list[str] = []
    for el in root.xpath(f'//*[@data-field="{field}"]'):
        text = el.text_content()
        if el.get("data-part") == "2" and out:
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out
