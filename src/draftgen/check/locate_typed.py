"""The parts of a document with a tên loại, found by content and position like the rest (locate.py).

* ô 5a: the tên loại line ("KẾ HOẠCH", a name of the type catalogue) right under the header, the trích yếu
  lines under it (centred or bold, up to the rule line), a "(Kèm theo …)" line, the rule;
* Quyết định family: the issuing authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), the căn cứ lines, the
  "QUYẾT ĐỊNH:" line, the Điều labels;
* Mục headings "I. …"; a Công điện's "<cơ quan> điện:" line and its recipients; a Biên bản's two
  signatures (THƯ KÝ, CHỦ TỌA).

These parts leave the located body, so the rules of the content (indent, spacing) do not judge them.
"""

from __future__ import annotations

import re
from typing import Any

from draftgen.check.doctype import DocType, name_key
from draftgen.check.locate import (
    DRAFT_MARK_RE,
    KINH_GUI_RE,
    NOI_NHAN_RE,
    PLACEHOLDER_RE,
    Layout,
    _entries,
    is_rule_text,
    norm,
)
from draftgen.check.model import Document, Para
from draftgen.check.rules.rulelines import find_rule_line

KEM_THEO_RE = re.compile(r"^\(\s*(Kèm|Ban hành kèm)\s+theo\b.*\)$", re.IGNORECASE)
CAN_CU_RE = re.compile(r"^(Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|Theo\s+(đề\s+xuất|tờ\s+trình))\b", re.IGNORECASE)
QUYET_RE = re.compile(r"^QUYẾT\s+(ĐỊNH|NGHỊ)\s*:?$", re.IGNORECASE)
DIEU_RE = re.compile(r"^\s*Điều\s*(?=[\dIVXLC.…])")
STRUCTURE_RE = re.compile(r"^\s*(Chương|Phần|Mục)\s+[\dIVXLC]+\b")
MUC_LA_MA_RE = re.compile(r"^\s*[IVXLC]+\s*\.\s*\S")
DIEN_RE = re.compile(r"\bđiện\s*:\s*$", re.IGNORECASE)
MAX_TRICH_YEU_LINES = 4
MAX_PREAMBLE = 25                    # căn cứ and authority lines before "QUYẾT ĐỊNH:" / Điều 1


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def _upper(text: str) -> bool:
    s = _letters(text)
    return bool(s) and s == s.upper()


def _bold(p: Para) -> bool:
    runs = [r for r in p.text_runs() if _letters(r.text)]
    return bool(runs) and all(r.get("b") for r in runs)


def header_end(doc: Document, lay: Layout, pos: dict[int, int]) -> int:
    """Index of the first paragraph after the header (the table of ô 1–4, or its located lines)."""
    if lay.header_table is not None:
        cells = [pos[id(p)] for row in lay.header_table.rows for c in row for p in c.paras]
        if cells:
            return max(cells) + 1
    marks = [pos[id(p)] for p in (lay.quoc_hieu, lay.tieu_ngu, lay.so, lay.date, lay.vv, *lay.co_quan)
             if p is not None]
    return max(marks) + 1 if marks else 0


def find_ten_loai(doc: Document, lay: Layout, keys: set[str]) -> Para | None:
    """The tên loại: one of the first three paragraphs under the header whose text is a type name."""
    paras = doc.paragraphs
    pos = {id(p): i for i, p in enumerate(paras)}
    start = header_end(doc, lay, pos)
    in_header = {id(p) for row in lay.header_table.rows for c in row for p in c.paras} if lay.header_table else set()
    seen = 0
    for p in paras[start:start + 16]:
        text = p.text.strip()
        if not text or id(p) in in_header or is_rule_text(p) or DRAFT_MARK_RE.match(text):
            continue
        if name_key(norm(p.shown)) in keys:
            return p
        seen += 1
        if seen >= 3 or KINH_GUI_RE.match(p.text) or NOI_NHAN_RE.match(p.text):
            return None
    return None


def _trich_yeu(doc: Document, lay: Layout, pos: dict[int, int]) -> int:
    """Read ô 5a under the tên loại; the index of the first paragraph after it (and its rule line)."""
    paras = doc.paragraphs
    assert lay.ten_loai is not None
    k = pos[id(lay.ten_loai)] + 1
    last = lay.ten_loai
    while k < len(paras):
        p = paras[k]
        text = p.text.strip()
        if not text or is_rule_text(p) or p.cell is not None or KINH_GUI_RE.match(p.text):
            break
        if KEM_THEO_RE.match(text):
            lay.kem_theo = last = p
            k += 1
            continue
        if lay.kem_theo is not None or len(lay.trich_yeu) >= MAX_TRICH_YEU_LINES:
            break
        centred = p.get("jc") == "center"
        if not (centred or _bold(p)) or CAN_CU_RE.match(text) or QUYET_RE.match(text) or DIEU_RE.match(text):
            break
        if lay.trich_yeu and (_upper(text) or text.endswith(":")):
            break                                   # the authority line, "… điện:": ô 5a ended without a rule
        lay.trich_yeu.append(p)
        last = p
        k += 1
        if p.get("bdr.bottom") or p.drawings:
            break
    rule = find_rule_line(doc, last)
    end = pos[id(last)] + 1
    if rule is not None:
        end = max(end, pos[id(rule.para)] + 1)
    return end


def _preamble(lay: Layout, rest: list[Para]) -> None:
    """Quyết định family: the authority line, the căn cứ, the "QUYẾT ĐỊNH:" line, before Điều 1."""
    stop = next((i for i, p in enumerate(rest[:MAX_PREAMBLE]) if QUYET_RE.match(norm(p.shown))
                 or DIEU_RE.match(p.text) or STRUCTURE_RE.match(p.text)), None)
    lines = rest[:stop] if stop is not None else []
    if stop is None:                                # no Điều 1 in reach: the căn cứ are the lines that say so
        for p in rest:
            if not CAN_CU_RE.match(p.text.strip()):
                break
            lines.append(p)
    if lines and _upper(lines[0].text) and not CAN_CU_RE.match(lines[0].text.strip()):
        lay.tham_quyen = lines[0]
        lines = lines[1:]
    lay.can_cu = lines
    if stop is not None and QUYET_RE.match(norm(rest[stop].shown)):
        lay.quyet = rest[stop]


def _dien(doc: Document, lay: Layout, rest: list[Para], pos: dict[int, int]) -> set[int]:
    """Công điện: "<tên cơ quan, chức danh> điện:" then one "- …;" line per recipient (also in a table)."""
    line = next((p for p in rest[:3] if DIEN_RE.search(p.text)), None)
    if line is None:
        return set()
    lay.dien = line
    after = [p for p in doc.paragraphs[pos[id(line)] + 1:] if p.text.strip()]
    lay.dien_entries, _ = _entries(after, strict=True)
    return {id(line), *(id(p) for entry in lay.dien_entries for p in entry)}


def _signers(doc: Document, lay: Layout, titles: list[str]) -> None:
    """Biên bản: each signature block is a cell whose first line is a title of ``titles`` (THƯ KÝ, CHỦ TỌA);
    the name is the last line under it in the same column (before 'Nơi nhận')."""
    keys = {name_key(t) for t in titles}
    for table in doc.tables:
        if table is lay.header_table:
            continue
        for r, row in enumerate(table.rows):
            for cell in row:
                lines = [p for p in cell.paras if p.text.strip()]
                if not lines or name_key(norm(lines[0].shown)) not in keys:
                    continue
                below = list(lines[1:])
                for lower in table.rows[r + 1:]:
                    same = [c for c in lower if c.col == cell.col]
                    text = [p for c in same for p in c.paras if p.text.strip()]
                    if any(NOI_NHAN_RE.match(p.text) for p in text):
                        break
                    below.extend(text)
                names = [p for p in below if not PLACEHOLDER_RE.match(p.text.strip())]
                lay.signers.append(([lines[0], *names[:-1]], names[-1] if names else None))


def locate_typed(doc: Document, lay: Layout, doc_type: DocType, fam: dict[str, Any]) -> None:
    paras = doc.paragraphs
    pos = {id(p): i for i, p in enumerate(paras)}
    excluded: set[int] = set()
    block_end = header_end(doc, lay, pos)
    if lay.ten_loai is not None:
        block_end = _trich_yeu(doc, lay, pos)
        excluded |= {id(p) for p in paras[pos[id(lay.ten_loai)]:block_end]}
        if lay.vv is not None and (id(lay.vv) in excluded or pos[id(lay.vv)] > pos[id(lay.ten_loai)]):
            lay.vv = None                           # the trích yếu under the tên loại, written "V/v …"
    rest = [p for p in lay.body if pos[id(p)] >= block_end and id(p) not in excluded]
    if doc_type.family == "quyet_dinh":
        _preamble(lay, rest)
        excluded |= {id(p) for p in (lay.tham_quyen, lay.quyet, *lay.can_cu) if p is not None}
    if doc_type.abbr in (fam.get("dien") or []):
        excluded |= _dien(doc, lay, rest, pos)
    if fam.get("signatures"):
        _signers(doc, lay, fam["signatures"])
    lay.body = [p for p in lay.body if id(p) not in excluded]
    lay.dieu = [p for p in lay.body if DIEU_RE.match(p.text)]
    lay.muc_la_ma = [p for p in lay.body if MUC_LA_MA_RE.match(p.text) and p.cell is None]
