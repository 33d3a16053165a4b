"""Every example, previewed: the HTML parses, and it shows what the DOCX shows, in the same order."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from lxml import etree
from tests.docx_read import NS, element_text

from draftgen.doctypes.registry import type_of
from draftgen.htmlpage import document_html, page_html
from draftgen.pipeline import draft_of
from draftgen.render import template_for

from .helpers import EXAMPLES, ROOT, field_texts, load_example, page_texts, parse


def _docx_texts(data: bytes) -> list[str]:
    """The non-empty paragraphs of word/document.xml in document order (table cells included)."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find("w:body", NS)
    texts = (element_text(p) for p in body.iter(f"{{{NS['w']}}}p"))
    return [t for t in texts if t]


def _in_order(haystack: list[str], needles: list[str]) -> bool:
    """Each needle is (in) a paragraph after the paragraph of the needle before it."""
    at = 0
    for needle in needles:
        while at < len(haystack) and needle not in haystack[at]:
            at += 1
        if at == len(haystack):
            return False
        at += 1
    return True


@pytest.fixture(scope="module")
def documents():
    found = {name: load_example(name) for name in EXAMPLES}
    return {name: doc for name, doc in found.items() if doc is not None}


def test_the_examples_are_found(documents) -> None:
    assert len(EXAMPLES) >= 20
    assert len(documents) >= 20  # a few need files of their own (parents) and may be skipped


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_preview_shows_the_docx_paragraphs_in_order(name: str, documents) -> None:
    """The paragraphs of the preview are the DOCX's paragraphs, one for one, same text, same order."""
    if name not in documents:
        pytest.skip(f"{name}: needs files this test cannot resolve")
    document = documents[name]
    draft = draft_of(document)
    docx = template_for(type_of(document).key).render_bytes(draft)
    root = parse(page_html(draft))
    assert root.tag == "div" and root.get("class") == "dg-pages"
    assert root.xpath("./section[contains(@class, 'dg-page')]")
    assert page_texts(root) == _docx_texts(docx)


@pytest.mark.parametrize("name", EXAMPLES)
def test_what_the_clerk_typed_is_on_the_page_in_order(name: str, documents) -> None:
    """Trích yếu, Kính gửi, the body, Nơi nhận and the signer, from the YAML, found by their data-field."""
    if name not in documents:
        pytest.skip(f"{name}: needs files this test cannot resolve")
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((ROOT / "examples" / name).read_text(encoding="utf-8"))
    root = parse(page_html(draft_of(documents[name])))
    texts = page_texts(root)
    signer = data["nguoi_ky"]["ho_ten"]
    assert field_texts(root, "ho_ten") == [signer]
    noi_nhan = field_texts(root, "noi_nhan")
    typed = [entry["ten"] if isinstance(entry, dict) else str(entry) for entry in data.get("noi_nhan") or []]
    assert len(noi_nhan) >= len(typed)
    for entry in typed:  # each one the clerk typed is a "- …;" line (draftgen adds "Như trên", "Lưu")
        assert any(entry.strip(" -;.") in line for line in noi_nhan), (entry, noi_nhan)
    wanted = []
    if data.get("trich_yeu"):
        wanted.append(" ".join(str(data["trich_yeu"]).split()[:3]))  # its start (the V/v may hold no-break spaces)
        assert field_texts(root, "trich_yeu")
    kinh_gui = data.get("kinh_gui")
    if kinh_gui:
        first = kinh_gui[0] if isinstance(kinh_gui, list) else kinh_gui
        wanted.append(str(first))
        assert field_texts(root, "kinh_gui")
    mo_dau = (data.get("noi_dung") or {}).get("mo_dau") if isinstance(data.get("noi_dung"), dict) else None
    if mo_dau:
        first = mo_dau[0] if isinstance(mo_dau, list) else mo_dau
        wanted.append(" ".join(str(first).split()[:6]))
    first_noi_nhan = typed[0].strip(" -;.") if typed else ""
    # Nơi nhận beside the signature (its left column comes first); Mẫu 1.9 has it under the two signatures
    under = type_of(documents[name]).family == "bien_ban"
    wanted += [signer, first_noi_nhan] if under else [first_noi_nhan, signer]
    assert _in_order(texts, [w for w in wanted if w]), wanted


@pytest.mark.parametrize("name", EXAMPLES[:3])
def test_the_standalone_document_holds_the_stylesheet_and_the_sheets(name: str, documents) -> None:
    if name not in documents:
        pytest.skip(f"{name}: needs files this test cannot resolve")
    import lxml.html

    html = document_html(draft_of(documents[name]))
    doc = lxml.html.document_fromstring(html)
    assert html.startswith("<!DOCTYPE html>")
    assert doc.get("lang") == "vi"
    style = doc.xpath("//head/style")[0].text
    assert ".dg-pages .dg-page{" in style and '"Times New Roman"' in style
    assert doc.xpath("//body/div[@class='dg-pages']/section")
