"""Open a template safely and walk the parts that carry tags, paragraph by paragraph, with locations.

The package checks come first (a real DOCX, no macros, no altChunk, not encrypted): a file that is no
zip, or no WordprocessingML package, is :class:`Unreadable` (exit 2); the rest are findings.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from draftgen.library.findings import LintFinding

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TAG_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAIN_TYPES = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml")
_MAX_TOTAL = 64 * 1024 * 1024  # unzipped: a template with its logo is well under 5 MB


class Unreadable(Exception):
    """The file is no DOCX draftgen can read (exit 2)."""


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Package:
    parts: dict[str, bytes]

    def xml(self, name: str) -> etree._Element:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.fromstring(self.parts[name], parser)

    def tag_parts(self) -> list[str]:
        return sorted((n for n in self.parts if TAG_PARTS.match(n)), key=lambda n: (n != "word/document.xml", n))


def open_template(data: bytes, source: str) -> tuple[Package, list[LintFinding]]:
    """The package and its package-level findings; :class:`Unreadable` when it is no DOCX at all."""
    if data.startswith(_OLE):
        raise Unreadable(f"{source}: tệp được mã hóa bằng mật khẩu hoặc là tệp .doc cũ (không phải DOCX); hãy mở trong "
                         "Word, bỏ mật khẩu (File › Info › Protect Document) rồi lưu lại dạng .docx.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        if sum(i.file_size for i in infos) > _MAX_TOTAL:
            raise Unreadable(f"{source}: tệp giải nén quá lớn, không phải một mẫu văn bản.")
        parts = {i.filename: archive.read(i) for i in infos if not i.is_dir()}
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise Unreadable(f"{source}: không phải tệp DOCX đọc được ({exc}).") from None
    types = parts.get("[Content_Types].xml", b"").decode("utf-8", "replace")
    if "word/document.xml" not in parts or not any(t in types for t in _MAIN_TYPES + ("macroEnabled.main+xml",)):
        raise Unreadable(f"{source}: không phải văn bản Word (.docx): thiếu word/document.xml.")
    package = Package(parts)
    findings: list[LintFinding] = []
    if "macroEnabled" in types or any(n.lower().endswith("vbaproject.bin") for n in parts):
        findings.append(LintFinding("TPL-MACRO", "package", "Tệp có macro (vbaProject, .docm): mẫu văn bản không được "
                                    "chứa macro; hãy lưu lại trong Word dạng 'Word Document (*.docx)'."))
    rels = " ".join(v.decode("utf-8", "replace") for n, v in parts.items() if n.endswith(".rels"))
    if "relationships/aFChunk" in rels:
        findings.append(LintFinding("TPL-ALTCHUNK", "package", "Tệp có phần nhúng altChunk (nội dung HTML/RTF dán "
                                    "vào) mà draftgen không điền được; hãy dán lại dạng văn bản thường."))
    for name in package.tag_parts():
        try:
            package.xml(name)
        except etree.XMLSyntaxError as exc:
            raise Unreadable(f"{source}: phần {name} hỏng ({exc}).") from None
    return package, findings


@dataclass(frozen=True)
class Place:
    """Where a paragraph is: its part, its number in the part (from 1), the table cell it sits in."""

    part: str
    paragraph: int
    cell: tuple[int, int, int] | None = None   # (table, row, column), each from 1


def _cell(p: etree._Element, tables: dict[etree._Element, int]) -> tuple[int, int, int] | None:
    tc = next(p.iterancestors(w("tc")), None)
    if tc is None:
        return None
    tr = tc.getparent()
    tbl = tr.getparent()
    row = [r for r in tbl if r.tag == w("tr")].index(tr) + 1
    col = [c for c in tr if c.tag == w("tc")].index(tc) + 1
    return tables.setdefault(tbl, len(tables) + 1), row, col


def paragraphs(package: Package, part: str, root: etree._Element | None = None
               ) -> Iterator[tuple[Place, etree._Element]]:
    root = package.xml(part) if root is None else root
    tables: dict[etree._Element, int] = {}
    for tbl in root.iter(w("tbl")):
        tables.setdefault(tbl, len(tables) + 1)
    for number, p in enumerate(root.iter(w("p")), start=1):
        yield Place(part, number, _cell(p, tables)), p


def paragraph_text(p: etree._Element) -> str:
    """The text of the paragraph's own runs (not of a nested text box's paragraphs)."""
    return "".join(t.text or "" for t in p.iter(w("t"), w("instrText")) if _owner(t) is p)


def _owner(node: etree._Element) -> etree._Element | None:
    return next(node.iterancestors(w("p")), None)


def snippet(text: str, start: int = 0, end: int | None = None, width: int = 30) -> str:
    end = len(text) if end is None else end
    lo, hi = max(0, start - width), min(len(text), end + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")
