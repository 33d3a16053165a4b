"""What a template made from an office's letter borrows from the bundled Công văn template: the ND30 styles
of the paragraphs the engine writes itself (KHẨN/MẬT boxes, rules, a Phụ lục, data tables) and the Phụ lục
block, whose section breaks take the letter's own page setup (headers, footers, margins)."""

from __future__ import annotations

import copy
import zipfile
from functools import cache

from lxml import etree

from draftgen.library.docxparts import w

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_BUNDLED = "cong-van.docx"


@cache
def _bundled(part: str) -> bytes:
    from draftgen.resources import template_path

    with zipfile.ZipFile(template_path(_BUNDLED)) as archive:
        return archive.read(part)


def merged_styles(styles_xml: bytes) -> bytes:
    """The letter's styles with every ND30 style of the bundled template it lacks (by style id) added."""
    root = etree.fromstring(styles_xml, _PARSER)
    have = {s.get(w("styleId")) for s in root.iter(w("style"))}
    for style in etree.fromstring(_bundled("word/styles.xml"), _PARSER).iter(w("style")):
        sid = style.get(w("styleId")) or ""
        if sid.startswith("ND30") and sid not in have:
            root.append(copy.deepcopy(style))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _phu_luc_block() -> list[etree._Element]:
    body = etree.fromstring(_bundled("word/document.xml"), _PARSER).find(w("body"))
    children = list(body)
    start = next(i for i, el in enumerate(children) if _text(el) == "{%p if phu_luc %}")
    end = max(i for i, el in enumerate(children) if _text(el) == "{%p endfor %}")
    return [copy.deepcopy(el) for el in children[start:end + 1]]


def add_phu_luc(root: etree._Element) -> None:
    """Append the bundled Phụ lục block (when the letter has none) before the document's last section."""
    body = root.find(w("body"))
    if any("phu_luc" in _text(p) for p in body.iter(w("p"))):
        return
    final = body.find(w("sectPr"))
    for el in _phu_luc_block():
        for inner in el.iter(w("sectPr")):
            own = copy.deepcopy(final) if final is not None else etree.Element(w("sectPr"))
            restart = inner.find(w("pgNumType")) is not None
            for child in own.findall(w("pgNumType")) + (own.findall(w("titlePg")) if restart else []):
                own.remove(child)
            if restart:  # each Phụ lục numbers its pages from 1 (PL1 III.1.đ)
                number = etree.Element(w("pgNumType"))
                number.set(w("start"), "1")
                cols = own.find(w("cols"))
                (cols.addprevious(number) if cols is not None else own.append(number))
            inner.getparent().replace(inner, own)
        if final is not None:
            final.addprevious(el)
        else:
            body.append(el)
