"""Read a DOCX back for tests: paragraphs in document order with their effective formatting.

Independent of draftgen's own code: it follows direct formatting → paragraph style chain (basedOn)
→ docDefaults, as Word does, using only lxml.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    val = el.get(q("val"))
    return val not in ("0", "false", "off")


def element_text(element: etree._Element) -> str:
    """The text of a paragraph, cell or row as Word shows it: a no-break hyphen (in a số/ký hiệu) is "-"."""
    return "".join((t.text or "") if t.tag == q("t") else "-" for t in element.iter(q("t"), q("noBreakHyphen")))


@dataclass
class Para:
    """One paragraph with its effective properties."""

    text: str
    style_id: str | None
    style_name: str | None
    size_pt: float | None
    bold: bool
    italic: bool
    align: str | None
    ind: dict[str, int] = field(default_factory=dict)
    spacing: dict[str, str] = field(default_factory=dict)
    fonts: dict[str, str] = field(default_factory=dict)
    borders: set[str] = field(default_factory=set)
    where: str = "body"          # body | header-left | header-right | footer-left | footer-right
    element: etree._Element | None = None


class Docx:
    """A DOCX opened for assertions."""

    def __init__(self, data: bytes | Path):
        raw = data.read_bytes() if isinstance(data, Path) else data
        self.zip = zipfile.ZipFile(io.BytesIO(raw))
        self.names = self.zip.namelist()
        self.document = etree.fromstring(self.zip.read("word/document.xml"))
        self.styles_root = etree.fromstring(self.zip.read("word/styles.xml"))
        self.styles = {s.get(q("styleId")): s for s in self.styles_root.findall("w:style", NS)}
        self.defaults_rpr = self.styles_root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        self.defaults_ppr = self.styles_root.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        self.paragraphs = self._paragraphs()

    def part(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    # style chain -----------------------------------------------------------------------------
    def _chain(self, style_id: str | None) -> list[etree._Element]:
        chain = []
        while style_id and style_id in self.styles:
            style = self.styles[style_id]
            chain.append(style)
            based = style.find("w:basedOn", NS)
            style_id = based.get(q("val")) if based is not None else None
        if not chain and "Normal" in self.styles:
            chain.append(self.styles["Normal"])
        return chain

    def _lookup(self, containers: list[etree._Element | None], path: str) -> etree._Element | None:
        for container in containers:
            if container is None:
                continue
            found = container.find(path, NS)
            if found is not None:
                return found
        return None

    def _para(self, p: etree._Element, where: str) -> Para:
        ppr = p.find("w:pPr", NS)
        style_el = ppr.find("w:pStyle", NS) if ppr is not None else None
        style_id = style_el.get(q("val")) if style_el is not None else None
        chain = self._chain(style_id)
        p_containers = [ppr] + [s.find("w:pPr", NS) for s in chain] + [self.defaults_ppr]
        runs = [r for r in p.iter(q("r")) if r.find("w:t", NS) is not None and (r.find("w:t", NS).text or "")]
        first_rpr = runs[0].find("w:rPr", NS) if runs else (ppr.find("w:rPr", NS) if ppr is not None else None)
        r_containers = [first_rpr] + [s.find("w:rPr", NS) for s in chain] + [self.defaults_rpr]
        sz = self._lookup(r_containers, "w:sz")
        jc = self._lookup(p_containers, "w:jc")
        ind_el = self._lookup(p_containers, "w:ind")
        spacing_el = self._lookup(p_containers, "w:spacing")
        fonts_el = self._lookup(r_containers, "w:rFonts")
        bdr = self._lookup(p_containers, "w:pBdr")
        name_el = self.styles[style_id].find("w:name", NS) if style_id in self.styles else None
        return Para(
            text=element_text(p),
            style_id=style_id,
            style_name=name_el.get(q("val")) if name_el is not None else None,
            size_pt=int(sz.get(q("val"))) / 2 if sz is not None else None,
            bold=bool(_on(self._lookup(r_containers, "w:b"))),
            italic=bool(_on(self._lookup(r_containers, "w:i"))),
            align=jc.get(q("val")) if jc is not None else None,
            ind={k.split("}")[1]: int(v) for k, v in (ind_el.attrib.items() if ind_el is not None else [])},
            spacing={k.split("}")[1]: v for k, v in (spacing_el.attrib.items() if spacing_el is not None else [])},
            fonts={k.split("}")[1]: v for k, v in (fonts_el.attrib.items() if fonts_el is not None else [])},
            borders={c.tag.split("}")[1] for c in bdr} if bdr is not None else set(),
            where=where,
            element=p,
        )

    def _paragraphs(self) -> list[Para]:
        body = self.document.find("w:body", NS)
        out: list[Para] = []
        tables = 0
        for child in body:
            if child.tag == q("p"):
                out.append(self._para(child, "body"))
            elif child.tag == q("tbl"):
                name = "header" if tables == 0 else "footer"
                tables += 1
                for row in child.findall("w:tr", NS):
                    for i, tc in enumerate(row.findall("w:tc", NS)):
                        side = "left" if i == 0 else "right"
                        for p in tc.findall("w:p", NS):
                            out.append(self._para(p, f"{name}-{side}"))
        return out

    def find(self, predicate) -> list[Para]:
        return [p for p in self.paragraphs if predicate(p)]

    def by_style(self, style_id: str) -> list[Para]:
        return [p for p in self.paragraphs if p.style_id == style_id]

    def one(self, predicate) -> Para:
        found = self.find(predicate)
        assert len(found) == 1, f"expected one paragraph, found {[p.text for p in found]}"
        return found[0]

    def index(self, para: Para) -> int:
        return self.paragraphs.index(para)

    def tables(self) -> list[etree._Element]:
        return self.document.find("w:body", NS).findall("w:tbl", NS)

    def sect(self) -> etree._Element:
        return self.document.find("w:body/w:sectPr", NS)
