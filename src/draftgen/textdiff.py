"""A word-level diff of the text of two DOCX documents (the body part, paragraph by paragraph).

Paragraphs are aligned first (``difflib`` on their texts), then the words of each changed pair; the printed
form marks removed words ``[-cũ-]`` and added ones ``{+mới+}``. :func:`paragraph_ops` and
:func:`word_ops` are shared with the redline (draftgen.redline), so the review copy shows exactly what the
printed diff says.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from difflib import SequenceMatcher

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_T, _NBH, _P = f"{{{W}}}t", f"{{{W}}}noBreakHyphen", f"{{{W}}}p"
TOKEN = re.compile(r"\S+\s*|\s+")


def document_root(docx: bytes) -> etree._Element:
    """The parsed ``word/document.xml`` of a DOCX."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read("word/document.xml"), _PARSER)


def owner(node: etree._Element) -> etree._Element | None:
    return next(node.iterancestors(_P), None)


def body_paragraphs(root: etree._Element) -> list[etree._Element]:
    """Every paragraph of the body in document order (table cells included)."""
    return list(root.iter(_P))


def run_text(run: etree._Element) -> str:
    """The text a run shows: its ``w:t``, a no-break hyphen as '-'."""
    return "".join((t.text or "") if t.tag == _T else "-" for t in run.iter(_T, _NBH))


def paragraph_text(p: etree._Element) -> str:
    """The text of a paragraph's own runs (a no-break hyphen as '-')."""
    return "".join((t.text or "") if t.tag == _T else "-" for t in p.iter(_T, _NBH) if owner(t) is p)


def tokens(text: str) -> list[re.Match[str]]:
    """The words of a text with their trailing space (a leading space is a token of its own)."""
    return list(TOKEN.finditer(text))


@dataclass(frozen=True)
class ParagraphOp:
    """One step of the paragraph alignment: 'equal', 'change', 'insert' (new only), 'delete' (old only)."""

    kind: str
    old: int | None
    new: int | None


def paragraph_ops(old: list[str], new: list[str]) -> list[ParagraphOp]:
    """Align two lists of paragraph texts; a replaced block pairs its paragraphs in order."""
    ops: list[ParagraphOp] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            ops += [ParagraphOp("equal", i1 + k, j1 + k) for k in range(i2 - i1)]
            continue
        paired = min(i2 - i1, j2 - j1)
        ops += [ParagraphOp("change", i1 + k, j1 + k) for k in range(paired)]
        ops += [ParagraphOp("delete", i, None) for i in range(i1 + paired, i2)]
        ops += [ParagraphOp("insert", None, j) for j in range(j1 + paired, j2)]
    return ops


def word_ops(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """Opcodes of the words (compared without their spaces) as character spans: (tag, o1, o2, n1, n2)."""
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, [m.group().strip() for m in a], [m.group().strip() for m in b], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        o1 = a[i1].start() if i1 < len(a) else len(old)
        o2 = a[i2 - 1].end() if i2 > i1 else o1
        n1 = b[j1].start() if j1 < len(b) else len(new)
        n2 = b[j2 - 1].end() if j2 > j1 else n1
        out.append((tag, o1, o2, n1, n2))
    return out


def marked(old: str, new: str) -> tuple[str, int, int]:
    """``new`` with the removed words as ``[-…-]`` and the added ones as ``{+…+}``; (text, added, removed)."""
    parts: list[str] = []
    added = removed = 0
    for tag, o1, o2, n1, n2 in word_ops(old, new):
        if tag == "equal":
            parts.append(new[n1:n2])
            continue
        gone, come = old[o1:o2], new[n1:n2]
        if gone.strip():
            parts.append(f"[-{gone.strip()}-]")
            removed += len(gone.split())
        if come.strip():
            parts.append(f"{{+{come.strip()}+}}")
            added += len(come.split())
        tail = come if come.strip() else gone
        parts.append(" " if tail != tail.rstrip() else "")
    return "".join(parts).rstrip(), added, removed


def diff_lines(old_docx: bytes, new_docx: bytes, old_name: str, new_name: str) -> list[str]:
    """The printed diff: two header lines, one line per changed paragraph, a summary."""
    old = [paragraph_text(p) for p in body_paragraphs(document_root(old_docx))]
    new = [paragraph_text(p) for p in body_paragraphs(document_root(new_docx))]
    lines = [f"--- văn bản cũ: {old_name}", f"+++ văn bản mới: {new_name}"]
    added = removed = changed = 0
    for op in paragraph_ops(old, new):
        if op.kind == "equal":
            continue
        before = old[op.old] if op.old is not None else ""
        after = new[op.new] if op.new is not None else ""
        if not before.strip() and not after.strip():
            continue
        text, plus, minus = marked(before, after)
        where = f"đoạn {op.new + 1}" if op.new is not None else f"đoạn {op.old + 1} của văn bản cũ"
        label = {"insert": "thêm đoạn", "delete": "bỏ đoạn", "change": "sửa"}[op.kind]
        lines.append(f"@@ {where} ({label}): {text}")
        added, removed, changed = added + plus, removed + minus, changed + 1
    if changed:
        lines.append(f"Khác nhau ở {changed} đoạn: thêm {added} từ, bỏ {removed} từ.")
    else:
        lines.append("Chữ của hai văn bản giống nhau.")
    return lines
