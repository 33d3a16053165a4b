"""The Jinja tags of a template as Word leaves them, and ``--fix`` for the runs Word split.

Word cuts a paragraph's text into runs wherever its editing history, spelling check or bookmarks touch it
(``w:proofErr``, runs of different ``w:rsidR``, ``w:bookmarkStart``): a tag typed in Word is often spread
over three runs. docxtpl's own repair is a regular expression over the XML; here every paragraph of every
part with tags (document, headers, footers, footnotes, endnotes) is read as text, each tag located, and
the runs it spans named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from draftgen.library.docxparts import Package, Place, paragraph_text, paragraphs, snippet, w
from draftgen.library.findings import LintFinding

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_OPEN = re.compile(r"\{\{|\{%")
_CLOSE = re.compile(r"\}\}|%\}")
_SMART = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " ", "\u202f": " "}
_SMART_RE = re.compile("[" + "".join(_SMART) + "]")


@dataclass
class _Text:
    t: etree._Element
    start: int
    end: int


def _texts(p: etree._Element) -> tuple[str, list[_Text]]:
    pieces: list[_Text] = []
    text = ""
    for t in p.iter(w("t")):
        if next(t.iterancestors(w("p")), None) is not p:
            continue
        value = t.text or ""
        pieces.append(_Text(t, len(text), len(text) + len(value)))
        text += value
    return text, pieces


def _spanned(pieces: list[_Text], start: int, end: int) -> list[_Text]:
    return [x for x in pieces if x.start < end and x.end > start]


def _between(first: etree._Element, last: etree._Element) -> list[str]:
    """What Word put between the runs of a split tag."""
    seen: list[str] = []
    runs = []
    node = first
    while node is not None:
        local = etree.QName(node).localname
        if local in ("proofErr", "bookmarkStart", "bookmarkEnd") and local not in seen:
            seen.append(local)
        if local == "r":
            runs.append(node)
        if node is last:
            break
        node = node.getnext()
    if len({r.get(w("rsidR")) for r in runs}) > 1:
        seen.append("rsid")
    return seen


def _finding(rule: str, place: Place, message: str, text: str, start: int = 0, end: int | None = None,
             fixable: bool = False) -> LintFinding:
    return LintFinding(rule, place.part, message, place.paragraph, place.cell, snippet(text, start, end), fixable)


def tag_findings(package: Package) -> list[LintFinding]:
    findings: list[LintFinding] = []
    for part in package.tag_parts():
        for place, p in paragraphs(package, part):
            findings += _paragraph_findings(place, p)
    return findings


def _paragraph_findings(place: Place, p: etree._Element) -> list[LintFinding]:
    found: list[LintFinding] = []
    instr = "".join(i.text or "" for i in p.iter(w("instrText")))
    if _OPEN.search(instr):
        found.append(_finding("TPL-TAG-FIELD", place, "Thẻ {{ }} nằm trong mã trường (field code) của Word sẽ không "
                              "được điền; hãy gõ thẻ ra ngoài trường.", instr))
    text, pieces = _texts(p)
    if not _OPEN.search(text) and not _CLOSE.search(text):
        return found
    if next(p.iterancestors(w("txbxContent")), None) is not None:
        found.append(_finding("TPL-TAG-TEXTBOX", place, "Thẻ nằm trong hộp văn bản (text box) sẽ không được điền; "
                              "hãy đưa thẻ ra đoạn văn thường hoặc ô bảng.", text))
    rest = TAG.sub(lambda m: " " * len(m.group()), text)
    for m in _OPEN.finditer(rest):
        found.append(_finding("TPL-TAG-UNCLOSED", place, f"Thẻ mở '{m.group()}' không có thẻ đóng trong cùng đoạn "
                              "(thiếu '}}' hoặc '%}', hoặc thẻ bị ngắt sang đoạn khác).", text, m.start()))
    for m in _CLOSE.finditer(rest):
        found.append(_finding("TPL-TAG-UNCLOSED", place, f"Thẻ đóng '{m.group()}' không có thẻ mở trong cùng đoạn.",
                              text, m.start()))
    for m in TAG.finditer(text):
        spanned = _spanned(pieces, m.start(), m.end())
        runs = {x.t.getparent() for x in spanned}
        if len(runs) > 1:
            ordered = [x.t.getparent() for x in spanned]
            why = _between(ordered[0], ordered[-1]) if ordered[0].getparent() is ordered[-1].getparent() else []
            because = f" (giữa hai dấu ngoặc có: {', '.join(why)})" if why else ""
            found.append(_finding("TPL-TAG-SPLIT", place, f"Word đã cắt thẻ thành {len(runs)} đoạn chữ (run){because}; "
                                  "'draftgen templates lint --fix' gộp lại.", text, m.start(), m.end(), True))
        if _SMART_RE.search(m.group()):
            found.append(_finding("TPL-TAG-QUOTES", place, "Trong thẻ có ngoặc kép cong (“ ” ‘ ’) hoặc dấu cách không "
                                  "ngắt do Word tự sửa; Jinja chỉ hiểu ngoặc thẳng \" ' và dấu cách thường; "
                                  "'--fix' sửa lại.", text, m.start(), m.end(), True))
    return found


def fix_package(package: Package) -> int:
    """Merge the runs of every split tag into its first run (keeping that run's formatting) and straighten
    quotes and spaces inside tags; the parts are rewritten in ``package``. Returns how many tags were fixed."""
    fixed = 0
    for part in package.tag_parts():
        root = package.xml(part)
        changed = 0
        for _place, p in paragraphs(package, part, root):
            changed += _fix_paragraph(p)
        if changed:
            package.parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            fixed += changed
    return fixed


def _fix_paragraph(p: etree._Element) -> int:
    count = 0
    for _ in range(200):  # one tag per pass: the offsets change after each merge
        text, pieces = _texts(p)
        target = None
        for m in TAG.finditer(text):
            spanned = _spanned(pieces, m.start(), m.end())
            runs = [x.t.getparent() for x in spanned]
            if len(set(runs)) > 1 and runs[0].getparent() is runs[-1].getparent():
                target = runs
                break
        if target is None:
            break
        first, last = target[0], target[-1]
        merged = [first]
        node = first.getnext()
        while node is not None:
            nxt = node.getnext()
            local = etree.QName(node).localname if isinstance(node.tag, str) else ""
            if local == "r":
                merged.append(node)
            elif local in ("proofErr", "bookmarkStart", "bookmarkEnd"):
                node.getparent().remove(node)
            if node is last:
                break
            node = nxt
        whole = "".join(t.text or "" for r in merged for t in r.iter(w("t")))
        texts = list(first.iter(w("t")))
        texts[0].text = whole
        texts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        for t in texts[1:]:
            first.remove(t)
        for r in merged[1:]:
            r.getparent().remove(r)
        count += 1
    text, pieces = _texts(p)
    for m in TAG.finditer(text):
        if _SMART_RE.search(m.group()):
            for x in _spanned(pieces, m.start(), m.end()):
                lo, hi = max(m.start(), x.start) - x.start, min(m.end(), x.end) - x.start
                value = x.t.text or ""
                x.t.text = value[:lo] + _SMART_RE.sub(lambda c: _SMART[c.group()], value[lo:hi]) + value[hi:]
            count += 1
    return count


__all__ = ["TAG", "fix_package", "paragraph_text", "tag_findings"]
