"""Find the components of a Công văn by their content and position, in any DOCX.

Nothing here trusts style names: a clerk's document has no named styles, only direct formatting.
The anchors are texts the decree fixes (Quốc hiệu, "Số:", "V/v", "ngày … tháng … năm", "Kính gửi",
"Nơi nhận") and the layout of the header and footer tables (issuer in the cell left of the Quốc
hiệu; signature in the cell right of "Nơi nhận").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from draftgen.check.model import Cell, Document, Para, Table

QUOC_HIEU_RE = re.compile(r"^C[ỘO]NG\s+H[ÒO][AÀ]?\s*X[ÃA]\s+H[ỘO]I|X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A")
TIEU_NGU_RE = re.compile(r"ĐỘC\s*LẬP|HẠNH\s*PHÚC")
# "Số" as typed in the wild: "Số", "SỐ", and misspelt or without diacritics "So", "Sô", "Só", "Sồ" (never "Sở",
# a word of issuer names). A số line is the word followed by a colon ("So:", "Số :") or by a number and "/".
SO_WORD = r"S[ốỐoOôÔóÓồỒộỘ]"
SO_RE = re.compile(rf"^{SO_WORD}(?:\s*[:：]|\s*\.?\s*[\d\s._…]*/)")
VV_RE = re.compile(r"^\s*v\s*/\s*v\b", re.IGNORECASE)
DATE_RE = re.compile(r"\bngày\b.*\btháng\b.*\bnăm\b|\bngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}",
                     re.IGNORECASE)
KINH_GUI_RE = re.compile(r"^\s*kính\s+gửi\b", re.IGNORECASE)
NOI_NHAN_RE = re.compile(r"^\s*nơi\s+nhận\b", re.IGNORECASE)
DASH_RE = re.compile(r"^\s*[-–—−+•]")
UNDERSCORES_RE = re.compile(r"^[\s_]*_{3,}[\s_]*$")
DATE_PARTS_RE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
YEAR_RE = re.compile(r"năm\s+(\d{4})", re.IGNORECASE)
PLACEHOLDER_RE = re.compile(r"^\(.*(chữ ký|ký|đóng dấu|dấu).*\)$", re.IGNORECASE)
URGENCY = {"HỎA TỐC", "HOẢ TỐC", "THƯỢNG KHẨN", "KHẨN", "MẬT", "TỐI MẬT", "TUYỆT MẬT"}
DRAFT_MARK_RE = re.compile(r"^DỰ\s+THẢO\b", re.IGNORECASE)
O12_LIKE_RE = re.compile(r"^[A-ZĐ][A-ZĐ0-9.]{0,11}\s*\(\s*\d+\s*\w{0,3}\s*\)\.?$")
# a Phụ lục's first line (PL1 III.1.b: "Phụ lục", or "Phụ lục I", "Phụ lục II" … when several) and its "(Kèm theo …)"
PHU_LUC_RE = re.compile(r"^ph[ụu]\s*l[ụu]c(\s+([IVXLC]+|\d+))?\s*$", re.IGNORECASE)
KEM_THEO_RE = re.compile(r"^\(\s*kèm\s+theo\b", re.IGNORECASE)


@dataclass
class Layout:
    header_table: Table | None = None
    quoc_hieu: Para | None = None
    tieu_ngu: Para | None = None
    issuer_cell: Cell | None = None
    chu_quan: list[Para] = field(default_factory=list)
    co_quan: list[Para] = field(default_factory=list)
    so: Para | None = None
    vv: Para | None = None
    date: Para | None = None
    urgency: list[Para] = field(default_factory=list)
    ten_loai: Para | None = None
    kinh_gui: Para | None = None
    kinh_gui_items: list[Para] = field(default_factory=list)       # every line, continuations included
    kinh_gui_entries: list[list[Para]] = field(default_factory=list)   # one per recipient: its lines
    body: list[Para] = field(default_factory=list)
    footer_table: Table | None = None
    noi_nhan: Para | None = None
    noi_nhan_items: list[Para] = field(default_factory=list)
    noi_nhan_entries: list[list[Para]] = field(default_factory=list)
    ky_hieu_soan_thao: Para | None = None
    signature_cell: Cell | None = None
    quyen_han: list[Para] = field(default_factory=list)
    sign_other: list[Para] = field(default_factory=list)
    ho_ten: Para | None = None
    is_cong_van: bool = True
    doc_date: dt.date | None = None
    doc_year: int | None = None
    # the document's type and the parts of a typed document (draftgen.check.doctype, locate_typed)
    doc_type: Any = None                                       # a draftgen.check.doctype.DocType
    trich_yeu: list[Para] = field(default_factory=list)       # ô 5a, the lines under the tên loại
    kem_theo: Para | None = None                               # "(Kèm theo Quyết định số …)"
    tham_quyen: Para | None = None                             # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"
    can_cu: list[Para] = field(default_factory=list)
    quyet: Para | None = None                                  # "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:"
    dieu: list[Para] = field(default_factory=list)             # "Điều 1. …"
    muc_la_ma: list[Para] = field(default_factory=list)        # "I. MỤC ĐÍCH, YÊU CẦU"
    dien: Para | None = None                                   # Công điện: "<cơ quan> điện:"
    dien_entries: list[list[Para]] = field(default_factory=list)
    signers: list[tuple[list[Para], Para | None]] = field(default_factory=list)   # Biên bản: (title, name)
    # the Phụ lục after the signature (Mẫu 2.1): each one's "Phụ lục I" line, title lines, "(Kèm theo …)" line
    phu_luc_so: list[Para] = field(default_factory=list)
    phu_luc_ten: list[Para] = field(default_factory=list)
    phu_luc_kem_theo: list[Para] = field(default_factory=list)


def norm(text: str) -> str:
    return " ".join(text.split())


def _nonempty(paras: list[Para]) -> list[Para]:
    return [p for p in paras if p.text.strip()]


def is_rule_text(p: Para) -> bool:
    return bool(UNDERSCORES_RE.match(p.text))


def entry_text(entry: list[Para]) -> str:
    return norm(" ".join(p.text for p in entry))


def continues_entry(entry: list[Para], p: Para, strict: bool) -> bool:
    """``p`` (no '- ') carries on the recipient ``entry`` above: the entry was wrapped onto a new line.

    Never after an entry that is complete (ends with ';' or '.'). After one left open (',' or ':') it
    always is; after any other end, unless it looks like ô 12 ("PL.(300)"). ``strict`` (a list not
    closed by a table cell, so other text follows it) also wants a lower-case start.
    """
    text = p.text.strip()
    if not text or DASH_RE.match(p.text):
        return False
    tail = entry_text(entry)[-1:]
    if tail in (";", "."):
        return False
    if strict and not text[0].islower():
        return False
    return tail in (",", ":") or not O12_LIKE_RE.match(text)


def _entries(candidates: list[Para], strict: bool) -> tuple[list[list[Para]], Para | None]:
    """The recipient entries at the start of ``candidates``, and the first paragraph after them.

    Unless ``strict``, a line that neither starts with '- ' nor carries on an entry, but has entries
    after it, is an entry that lost its dash (reported by the rules), not the end of the list.
    """
    entries: list[list[Para]] = []
    last_dash = max((k for k, q in enumerate(candidates) if DASH_RE.match(q.text)), default=-1)
    for k, p in enumerate(candidates):
        if not p.text.strip():
            continue
        if DASH_RE.match(p.text):
            entries.append([p])
        elif entries and continues_entry(entries[-1], p, strict):
            entries[-1].append(p)
        elif entries and not strict and k < last_dash:
            entries.append([p])
        else:
            return entries, p
    return entries, None


def locate(doc: Document, type_names: list[str]) -> Layout:
    lay = Layout()
    paras = doc.paragraphs
    pos = {id(p): i for i, p in enumerate(paras)}
    head = paras[:80]

    for p in head:
        if QUOC_HIEU_RE.search(norm(p.shown).upper()):
            lay.quoc_hieu = p
            break
    if lay.quoc_hieu is not None:
        start = pos[id(lay.quoc_hieu)] + 1
        for p in paras[start:start + 4]:
            if TIEU_NGU_RE.search(norm(p.shown).upper()):
                lay.tieu_ngu = p
                break
        cell = lay.quoc_hieu.cell
        if cell is not None:
            lay.header_table = cell.table
            if cell.col > 0:
                lay.issuer_cell = cell.table.rows[cell.row][0]

    # end of the header block: "Kính gửi", or the first paragraph after the header table
    for p in paras:
        if KINH_GUI_RE.match(p.text) and (p.cell is None or p.cell.table is not lay.header_table):
            lay.kinh_gui = p
            break
    table_end = None
    if lay.header_table is not None:
        table_end = max(pos[id(p)] for row in lay.header_table.rows for c in row for p in c.paras) + 1
    if lay.kinh_gui is not None:
        head_end = pos[id(lay.kinh_gui)]
    elif table_end is not None:
        head_end = min(len(paras), table_end + 3)
    else:
        head_end = min(len(paras), 25)
    header = paras[:head_end]

    for p in header:
        text = p.text.strip()
        if lay.so is None and SO_RE.match(text):
            lay.so = p
        elif lay.vv is None and VV_RE.match(text):
            lay.vv = p
        elif lay.date is None and DATE_RE.search(text) and p is not lay.so:
            lay.date = p

    _issuer(lay, header, pos)
    if lay.issuer_cell is not None:
        lay.urgency = [p for p in lay.issuer_cell.paras if norm(p.shown).upper() in URGENCY]

    types = {norm(t).upper() for t in type_names}
    in_header = {id(p) for row in lay.header_table.rows for c in row for p in c.paras} if lay.header_table else set()
    for p in header:
        if id(p) in in_header or p.cell is not None:
            continue
        if norm(p.shown).upper() in types:
            lay.ten_loai = p
            break

    # Kính gửi items
    if lay.kinh_gui is not None:
        after = lay.kinh_gui.text.split(":", 1)[1] if ":" in lay.kinh_gui.text else lay.kinh_gui.text[8:]
        if not after.strip():
            following = []
            for p in paras[pos[id(lay.kinh_gui)] + 1:]:
                if p.cell is not None and p.text.strip():
                    break
                following.append(p)
            lay.kinh_gui_entries, _ = _entries(following, strict=True)
            lay.kinh_gui_items = [p for entry in lay.kinh_gui_entries for p in entry]

    # Nơi nhận and the footer table
    body_start = head_end if table_end is None or lay.kinh_gui is not None else table_end
    if lay.kinh_gui is not None:
        body_start = pos[id(lay.kinh_gui_items[-1] if lay.kinh_gui_items else lay.kinh_gui)] + 1
    for p in paras[body_start:]:
        if NOI_NHAN_RE.match(p.text):
            lay.noi_nhan = p
            break
    body_end = len(paras)
    if lay.noi_nhan is not None:
        _noi_nhan(lay, paras, pos)
        if lay.footer_table is not None:
            body_end = min(pos[id(q)] for row in lay.footer_table.rows for c in row for q in c.paras)
        else:
            body_end = pos[id(lay.noi_nhan)]
    skip = {id(q) for q in (lay.ten_loai, lay.so, lay.vv, lay.date) if q is not None}
    lay.body = [p for p in paras[body_start:body_end]
                if p.text.strip() and p.cell is None and id(p) not in skip and not DRAFT_MARK_RE.match(p.text.strip())]

    # what kind of document
    if lay.ten_loai is not None and norm(lay.ten_loai.shown).upper() != "CÔNG VĂN":
        lay.is_cong_van = False
    elif lay.vv is None and lay.kinh_gui is None:
        lay.is_cong_van = False

    _appendices(lay, paras, pos)
    if lay.date is not None:
        m = DATE_PARTS_RE.search(lay.date.text)
        if m:
            try:
                lay.doc_date = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                lay.doc_date = None
        y = YEAR_RE.search(lay.date.text)
        if y:
            lay.doc_year = int(y.group(1))
    return lay


def _appendices(lay: Layout, paras: list[Para], pos: dict[int, int]) -> None:
    """The Phụ lục after the Nơi nhận and signature: a "Phụ lục I" line outside a table, its title (the lines up
    to "(Kèm theo …)", at most three, or the next line when there is no such line) and its "(Kèm theo …)"."""
    if lay.footer_table is None:
        return
    start = max(pos[id(q)] for row in lay.footer_table.rows for c in row for q in c.paras) + 1
    for k in range(start, len(paras)):
        if paras[k].cell is not None or not PHU_LUC_RE.match(norm(paras[k].text)):
            continue
        lay.phu_luc_so.append(paras[k])
        following = _nonempty([p for p in paras[k + 1:k + 8] if p.cell is None])[:4]
        at = next((i for i, p in enumerate(following) if KEM_THEO_RE.match(p.text.strip())), None)
        lay.phu_luc_ten += following[:at] if at is not None else following[:1]
        if at is not None:
            lay.phu_luc_kem_theo.append(following[at])


def _issuer(lay: Layout, header: list[Para], pos: dict[int, int]) -> None:
    if lay.issuer_cell is not None:
        candidates = lay.issuer_cell.paras
    elif lay.quoc_hieu is not None and lay.quoc_hieu.cell is None:
        candidates = header[: pos[id(lay.quoc_hieu)]]
    else:
        return
    lines: list[Para] = []
    for p in candidates:
        if p is lay.so or p is lay.vv or p is lay.date:
            break
        text = p.text.strip()
        if not text or is_rule_text(p) or DRAFT_MARK_RE.match(text) or QUOC_HIEU_RE.search(norm(p.shown).upper()):
            if lines and (is_rule_text(p) or p.drawings or p.get("bdr.bottom")):
                break
            continue
        lines.append(p)
    lay.co_quan = lines


def split_issuer(lay: Layout, lead_words: list[str], sub_words: list[str], is_bold) -> None:
    """Split the issuer block into chủ quản and cơ quan ban hành lines.

    By content first ("UBND TỈNH X" / "SỞ NỘI VỤ": a complete parent name followed by a line that
    starts a unit name), then by formatting (leading non-bold lines followed by bold lines).
    """
    lines = lay.co_quan
    if len(lines) < 2:
        return
    upper = [norm(p.shown).upper() for p in lines]
    for k in range(1, len(lines)):
        if any(upper[k].startswith(w + " ") or upper[k] == w for w in sub_words) and \
                any(upper[0].startswith(w + " ") for w in lead_words):
            lay.chu_quan, lay.co_quan = lines[:k], lines[k:]
            return
    bold = [is_bold(p) for p in lines]
    if any(bold) and not all(bold):
        k = bold.index(True)
        if k > 0 and all(bold[k:]):
            lay.chu_quan, lay.co_quan = lines[:k], lines[k:]


def _noi_nhan(lay: Layout, paras: list[Para], pos: dict[int, int]) -> None:
    label = lay.noi_nhan
    assert label is not None
    if label.cell is not None:
        lay.footer_table = label.cell.table
        following = label.cell.paras[label.cell.paras.index(label) + 1:]
        lay.signature_cell = label.cell.table.cell_after(label.cell)
    else:
        following = paras[pos[id(label)] + 1:]
    entries, after = _entries(following, strict=label.cell is None)
    if entries and after is not None and label.cell is not None:
        lay.ky_hieu_soan_thao = after
    lay.noi_nhan_entries = entries
    lay.noi_nhan_items = [p for entry in entries for p in entry]
    if lay.signature_cell is None:
        return
    cell_paras = lay.signature_cell.paras
    lines = _nonempty(cell_paras)
    if not lines:
        return
    lay.ho_ten = lines[-1]
    rest = lines[:-1]
    first_gap = None
    seen_text = False
    for p in cell_paras:
        if p.text.strip():
            if first_gap is not None:
                break
            seen_text = True
        elif seen_text and first_gap is None:
            first_gap = p
    if first_gap is not None:
        at = {id(p): i for i, p in enumerate(cell_paras)}
        gap_at = at[id(first_gap)]
        lay.quyen_han = [p for p in rest if at[id(p)] < gap_at]
        lay.sign_other = [p for p in rest if at[id(p)] > gap_at]
    else:
        lay.quyen_han = [p for p in rest if not PLACEHOLDER_RE.match(p.text.strip())]
        lay.sign_other = [p for p in rest if PLACEHOLDER_RE.match(p.text.strip())]
    moved = [p for p in lay.quyen_han if PLACEHOLDER_RE.match(p.text.strip())]
    if moved:
        lay.quyen_han = [p for p in lay.quyen_han if p not in moved]
        lay.sign_other = moved + lay.sign_other
