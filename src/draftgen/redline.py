"""A review copy with tracked changes (ECMA-376 §17.13.5): the new document, marked against the old one.

Added words are runs inside ``w:ins``; removed words are runs inside ``w:del`` whose text is in
``w:delText``, with the formatting of the run they stood beside; a whole added (removed) paragraph has
its paragraph mark tracked too (``w:pPr/w:rPr/w:ins`` or ``w:del``). Every change has its own ``w:id``
(above every id the part already uses), the author "draftgen" and an ISO 8601 date. Word and LibreOffice
show such a copy as tracked changes to accept or reject. Only the body part is compared (as the diff).
"""

from __future__ import annotations

import copy
import datetime
import io
import zipfile

from lxml import etree

from draftgen.textdiff import (
    W,
    body_paragraphs,
    document_root,
    owner,
    paragraph_ops,
    paragraph_text,
    run_text,
    word_ops,
)

AUTHOR = "draftgen"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_AFTER_RPR = {f"{{{W}}}sectPr", f"{{{W}}}pPrChange"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class _Marks:
    """Makes the ``w:ins`` / ``w:del`` elements with unique ids and one date."""

    def __init__(self, root: etree._Element, date: str):
        used = [int(v) for el in root.iter() for k, v in el.attrib.items() if k == w("id") and v.lstrip("-").isdigit()]
        self.next_id = max(used, default=0) + 1
        self.date = date
        self.count = 0

    def make(self, kind: str) -> etree._Element:
        el = etree.Element(w(kind))
        el.set(w("id"), str(self.next_id))
        el.set(w("author"), AUTHOR)
        el.set(w("date"), self.date)
        self.next_id += 1
        self.count += 1
        return el


def _wrap(run: etree._Element, mark: etree._Element) -> None:
    run.addprevious(mark)
    mark.append(run)


def _as_deleted(run: etree._Element) -> etree._Element:
    for t in run.iter(w("t")):
        t.tag = w("delText")
        t.set(_XML_SPACE, "preserve")
    for t in run.iter(w("instrText")):
        t.tag = w("delInstrText")
    return run


def _mark_paragraph(p: etree._Element, mark: etree._Element) -> None:
    """Track the paragraph mark itself (``w:pPr/w:rPr`` begins with the mark)."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        later = next((c for c in ppr if c.tag in _AFTER_RPR), None)
        if later is not None:
            later.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, mark)


def _own_runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p.iter(w("r")) if owner(r) is p and r.getparent().tag not in (w("ins"), w("del"))]


def _inserted_paragraph(p: etree._Element, marks: _Marks) -> None:
    for run in _own_runs(p):
        _wrap(run, marks.make("ins"))
    _mark_paragraph(p, marks.make("ins"))


def _deleted_paragraph(old: etree._Element, marks: _Marks) -> etree._Element:
    p = copy.deepcopy(old)
    for el in list(p.iter(w("bookmarkStart"), w("bookmarkEnd"), w("sectPr"))):
        el.getparent().remove(el)
    for run in _own_runs(p):
        _wrap(_as_deleted(run), marks.make("del"))
    _mark_paragraph(p, marks.make("del"))
    return p


def _child_text(child: etree._Element) -> str:
    if child.tag == w("t"):
        return child.text or ""
    return "-" if child.tag == w("noBreakHyphen") else ""


def _split(run: etree._Element, cuts: list[int]) -> list[tuple[etree._Element, int, int]]:
    """``run`` cut at the offsets ``cuts`` (inside its text) into runs with its formatting: (run, start, end)."""
    rpr = run.find(w("rPr"))
    pieces: list[tuple[etree._Element, int, int]] = []
    current = _new_run(run, rpr)
    lo = offset = 0
    for child in [c for c in run if c.tag != w("rPr")]:
        text = _child_text(child)
        if child.tag == w("t"):
            pos = 0
            for cut in [c - offset for c in cuts if offset < c < offset + len(text)]:
                _add_text(current, text[pos:cut])
                pieces.append((current, lo, offset + cut))
                current, lo, pos = _new_run(run, rpr), offset + cut, cut
            _add_text(current, text[pos:])
        else:
            if offset in cuts and offset > lo:
                pieces.append((current, lo, offset))
                current, lo = _new_run(run, rpr), offset
            current.append(copy.deepcopy(child))
        offset += len(text)
    pieces.append((current, lo, offset))
    return pieces


def _new_run(run: etree._Element, rpr: etree._Element | None) -> etree._Element:
    made = etree.Element(w("r"), dict(run.attrib))
    if rpr is not None:
        made.append(copy.deepcopy(rpr))
    return made


def _add_text(run: etree._Element, text: str) -> None:
    if text:
        t = etree.SubElement(run, w("t"))
        t.text = text
        t.set(_XML_SPACE, "preserve")


def _piece(run: etree._Element, text: str) -> etree._Element:
    made = _new_run(run, run.find(w("rPr")))
    _add_text(made, text)
    return made


def _changed_paragraph(p: etree._Element, old_text: str, marks: _Marks) -> None:
    """Mark the words of ``p`` added since ``old_text`` and put back the removed ones as deletions."""
    new_text = paragraph_text(p)
    inserted: list[tuple[int, int]] = []
    deleted: list[tuple[int, str]] = []
    for tag, o1, o2, n1, n2 in word_ops(old_text, new_text):
        if tag in ("delete", "replace") and o2 > o1:
            deleted.append((n1, old_text[o1:o2]))
        if tag in ("insert", "replace") and n2 > n1:
            inserted.append((n1, n2))
    cuts = sorted({c for span in inserted for c in span} | {pos for pos, _ in deleted})
    pieces: list[tuple[etree._Element, int, int]] = []  # (run now in the paragraph, start, end)
    start = 0
    for run in _own_runs(p):
        text = run_text(run)
        end = start + len(text)
        inner = [c - start for c in cuts if start < c < end]
        if inner:
            for made, lo, hi in _split(run, inner):
                run.addprevious(made)
                pieces.append((made, start + lo, start + hi))
            run.getparent().remove(run)
        else:
            pieces.append((run, start, end))
        start = end
    for run, lo, hi in pieces:
        if hi > lo and any(a <= lo and hi <= b for a, b in inserted):
            _wrap(run, marks.make("ins"))
    for pos, text in deleted:
        at = next(((r, lo) for r, lo, hi in pieces if lo >= pos and hi > lo), None)
        beside = at[0] if at else (pieces[-1][0] if pieces else None)
        gone = _as_deleted(_piece(beside, text) if beside is not None else _bare(text))
        mark = marks.make("del")
        mark.append(gone)
        anchor = beside.getparent() if beside is not None and beside.getparent().tag == w("ins") else beside
        if at is not None:
            anchor.addprevious(mark)
        elif anchor is not None:
            anchor.addnext(mark)
        else:
            p.append(mark)


def _bare(text: str) -> etree._Element:
    run = etree.Element(w("r"))
    t = etree.SubElement(run, w("t"))
    t.text = text
    return run


def redline_document(old_docx: bytes, new_docx: bytes, date: datetime.datetime | None = None) -> tuple[bytes, int]:
    """The new DOCX with its differences from the old one as tracked changes; (bytes, number of marks)."""
    when = (date or datetime.datetime.now(datetime.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    old_ps = body_paragraphs(document_root(old_docx))
    root = document_root(new_docx)
    new_ps = body_paragraphs(root)
    old_texts = [paragraph_text(p) for p in old_ps]
    new_texts = [paragraph_text(p) for p in new_ps]
    marks = _Marks(root, when)
    anchor: etree._Element | None = None  # the last new paragraph passed: a removed one goes after it
    pending: list[etree._Element] = []    # removed paragraphs before the first new one
    for op in paragraph_ops(old_texts, new_texts):
        if op.kind == "delete":
            gone = _deleted_paragraph(old_ps[op.old], marks)
            if anchor is not None:
                anchor.addnext(gone)
                anchor = gone
            else:
                pending.append(gone)
            continue
        p = new_ps[op.new]
        if op.kind == "insert":
            _inserted_paragraph(p, marks)
        elif op.kind == "change":
            _changed_paragraph(p, old_texts[op.old], marks)
        anchor = p
    for gone in pending:
        (new_ps[0].addprevious(gone) if new_ps else root.find(w("body")).insert(0, gone))
    part = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _replace_part(new_docx, "word/document.xml", part), marks.count


def _replace_part(docx: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, data if info.filename == name else source.read(info))
    return out.getvalue()
