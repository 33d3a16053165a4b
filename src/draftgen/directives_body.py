"""The body of an imported document: paragraphs re-joined, then read into its clauses.

1. :func:`join_paragraphs`: a line starts a new paragraph only when it starts a clause ("Điều 1.", "I.",
   "1.", "a)", "-"), a Căn cứ line, or a heading, or when the previous line ended a sentence and this one
   starts one; a line of capitals after a line of capitals (a heading on two lines) is joined;
2. :func:`split_body`: Căn cứ / "Theo đề nghị" / the authority line at the top are metadata; "QUYẾT ĐỊNH:"
   and the Chương / Mục headings are dropped; Điều / khoản / điểm, sections I. with items and points, or
   items and points alone become the clauses; "- …" lines and plain paragraphs inside the structure stay
   with the clause above them (``them``); plain paragraphs after the last item are the closing; Nơi nhận,
   the signer and each Phụ lục after them are their own parts.
"""

from __future__ import annotations

import re
from typing import Any

from draftgen.directives_header import END_SENTENCE, RULE, import_words, is_caps, tidy, type_by_caps

ITEM = re.compile(r"^(?P<n>\d{1,2})\.\s+(?P<text>\S.*)$")
POINT = re.compile(r"^(?P<l>[a-zđ])\)\s+(?P<text>\S.*)$")
DIEU = re.compile(r"^Điều\s+(?P<n>\d{1,3})\s*[.:]?\s*(?P<text>.*)$")
ROMAN = re.compile(r"^(?P<r>[IVX]{1,5})\.\s+(?P<text>\S.*)$")
DASH = re.compile(r"^[-–+•]\s+")
_STARTS_SENTENCE = re.compile(r"^[A-ZĐÀ-Ỹ0-9(\"“-]")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*-)?$")


def _starts(line: str, words_key: str) -> bool:
    return line.startswith(tuple(import_words()[words_key]))


def _group_heading(line: str) -> bool:
    """"Chương I", "Chương II. QUY ĐỊNH CHUNG", "Mục 1": headings that group Điều."""
    return bool(re.match(rf"^(?:{'|'.join(import_words()['nhom_dieu'])})\s+[IVXLC\d]+\b\.?", line)) and \
        not END_SENTENCE.search(line)


def _block_start(line: str) -> bool:
    return bool(ITEM.match(line) or POINT.match(line) or DIEU.match(line) or ROMAN.match(line) or
                DASH.match(line) or _starts(line, "can_cu") or _starts(line, "theo_de_nghi") or
                _group_heading(line) or _starts(line, "phu_luc"))


def _heading(line: str) -> bool:
    """A line after which a capitalised line starts a new paragraph (a title, not a sentence cut short)."""
    dieu = DIEU.match(line)
    # a short numbered line without a full stop is a title ("2. Yêu cầu"); a line cut by a hard break is long
    short_item = bool(ITEM.match(line) or ROMAN.match(line)) and len(line.split()) <= 10 and \
        not END_SENTENCE.search(line)
    return bool((dieu and not END_SENTENCE.search(line)) or short_item or _group_heading(line) or is_caps(line))


def join_paragraphs(lines: list[str], *, blank_lines: bool = False) -> list[str]:
    """Re-join hard line breaks that fall inside a sentence.

    Blank lines are not trusted by default (extraction scatters them inside sentences). With
    ``blank_lines`` (a text whose paragraphs are separated by blank lines, as a Markdown export), a line
    starts a new paragraph only after a blank line that follows the end of a sentence, or at a clause.
    """
    paragraphs: list[str] = []
    tail = False  # after "Nơi nhận": one line per entry, joined only inside a "- …" entry
    after_blank = False
    for line in lines:
        if not line or _PAGE_NUMBER.match(line) or RULE.match(line):
            after_blank = True
            continue
        blank_before, after_blank = after_blank, False
        starts_block = _block_start(line)
        if tail:
            previous = paragraphs[-1] if paragraphs else ""
            if (not starts_block and previous.startswith("- ") and not re.search(r"[;.]$", previous)
                    and not is_caps(line) and not previous.startswith("- Lưu")):
                paragraphs[-1] = f"{previous} {line}"
            else:
                paragraphs.append(line)
            continue
        if re.match(r"^Nơi nhận\s*:?", line):
            tail = True
            paragraphs.append(line)
            continue
        if paragraphs and not starts_block:
            previous = paragraphs[-1]
            caps_pair = is_caps(previous) and is_caps(line)
            ended = END_SENTENCE.search(previous) and (blank_before or not blank_lines)
            if previous.endswith(";") and line[:1].isdigit():
                ended = None   # "…trồng phân tán;" / "31,2 triệu cây …": a list inside one sentence, cut by a break
            new = (ended or _heading(previous) or is_caps(line)) and _STARTS_SENTENCE.match(line)
            if caps_pair and not END_SENTENCE.search(previous) or not new:
                paragraphs[-1] = f"{previous} {line}"
                continue
        paragraphs.append(line)
    return [tidy(p) for p in paragraphs]


def _operative(text: str) -> bool:
    """"QUYẾT ĐỊNH:", "CHỈ THỊ:", "QUYẾT NGHỊ:": the word before the operative part."""
    word = text.rstrip(": ").strip()
    return text.rstrip().endswith(":") and is_caps(word) and (word in type_by_caps() or word == "QUYẾT NGHỊ")


class _Body:
    def __init__(self) -> None:
        self.out: dict[str, Any] = {"tham_quyen": [], "can_cu": [], "mo_dau": [], "muc": [], "dieu": [],
                                    "phan": [], "ket_thuc": [], "noi_nhan": [], "phu_luc": []}
        self.tail: list[str] = []
        self.article: dict | None = None
        self.section: dict | None = None
        self.item: dict | None = None
        self.last: dict | None = None      # the clause the next "- …" or plain paragraph belongs to
        self.trailing: list[str] = []      # plain paragraphs after the last clause (the closing, for items)
        self.skip_title = False

    def _attach(self, text: str) -> None:
        if self.last is None:
            self.out["mo_dau"].append(text)
            return
        if DASH.match(text):
            self.trailing = []
        else:
            self.trailing.append(text)
        self.last.setdefault("them", []).append(text)

    def _clause(self, record: dict) -> None:
        self.last = record
        self.trailing = []

    def feed(self, text: str) -> None:
        out = self.out
        structured = bool(out["muc"] or out["dieu"] or out["phan"])
        if self.skip_title:
            self.skip_title = False
            if is_caps(text) and not _block_start(text):
                return
        if not structured and self.last is None:
            if _starts(text, "can_cu"):
                out["can_cu"].append(text.rstrip(" ;,."))
                return
            if _starts(text, "theo_de_nghi"):
                out["theo_de_nghi"] = text.rstrip(" ;,.")
                return
            if is_caps(text) and not _operative(text) and not _block_start(text) and not out["mo_dau"]:
                out["tham_quyen"].append(text)
                return
        if _operative(text):
            if not structured and out["mo_dau"] and not out["dieu"]:
                # a Quyết định's preamble: the lines before "QUYẾT ĐỊNH:" are căn cứ even without the word
                out["can_cu"] += [t.rstrip(" ;,.") for t in out["mo_dau"]]
                out["mo_dau"] = []
            return
        if _group_heading(text):
            self.skip_title = not is_caps(text.split(None, 2)[-1]) or len(text.split()) <= 2
            return
        dieu, roman, item, point = DIEU.match(text), ROMAN.match(text), ITEM.match(text), POINT.match(text)
        if dieu:
            rest = dieu.group("text").strip()
            self.article = {"so": dieu.group("n")}
            if rest and END_SENTENCE.search(rest):
                self.article["noi_dung"] = rest
            elif rest:
                self.article["tieu_de"] = rest
            self.section = self.item = None
            out["dieu"].append(self.article)
            self._clause(self.article)
        elif roman and not self.article:
            self.section = {"so": roman.group("r"), "tieu_de": roman.group("text"), "muc": []}
            self.item = None
            out["phan"].append(self.section)
            self._clause(self.section)
        elif item:
            self.item = {"id": item.group("n"), "noi_dung": item.group("text"), "diem": []}
            owner = (self.section["muc"] if self.section else
                     self.article.setdefault("khoan", []) if self.article else out["muc"])
            owner.append(self.item)
            self._clause(self.item)
        elif point and (self.item or self.article):
            if self.item:
                record = {"id": f"{self.item['id']}.{point.group('l')}", "noi_dung": point.group("text")}
                self.item["diem"].append(record)
            else:
                record = {"id": f"d{self.article['so']}.{point.group('l')}", "noi_dung": point.group("text")}
                self.article.setdefault("diem", []).append(record)  # type: ignore[union-attr]
            self._clause(record)
        elif self.article is not None and self.last is self.article and "noi_dung" not in self.article \
                and not DASH.match(text):
            self.article["noi_dung"] = text      # the text under "Điều N. <tên điều>"
        elif self.section is not None and self.last is self.section and not DASH.match(text):
            self.section.setdefault("mo_dau", []).append(text)
        else:
            self._attach(text)

    def finish(self) -> dict[str, Any]:
        out = self.out
        if self.trailing and self.last is not None and _title_only(self.last, self.trailing):
            # the last item is a title ("2. Mục tiêu"): its first paragraph is its body, not the closing
            self.trailing = self.trailing[1:]
        if self.trailing and not out["dieu"] and self.last is not None:
            # plain paragraphs after the last item or section close the document (Chỉ thị, Kế hoạch)
            them = self.last.get("them", [])
            cut = len(them) - len(self.trailing)
            self.last["them"] = them[:cut]
            out["ket_thuc"] = self.trailing
        _drop_end_mark(out, self.last)
        return out


def _title_only(record: dict, trailing: list[str]) -> bool:
    """An item whose text is a short title and whose only paragraphs are the trailing ones ("2. Mục tiêu")."""
    text = record.get("noi_dung") or ""
    return ("id" in record and bool(text) and len(text.split()) <= 10 and not END_SENTENCE.search(text)
            and len(record.get("them", [])) == len(trailing) and not record.get("diem"))


def _drop_end_mark(out: dict[str, Any], last: dict | None) -> None:
    if out["ket_thuc"]:
        out["ket_thuc"][-1] = re.sub(r"\s*\./\.\s*$", "", out["ket_thuc"][-1]).rstrip()
    elif last is not None:
        if last.get("them"):
            last["them"][-1] = re.sub(r"\s*\./\.\s*$", ".", last["them"][-1])
        for key in ("noi_dung", "tieu_de"):
            if last.get(key):
                last[key] = re.sub(r"\s*\./\.\s*$", ".", last[key])


def split_body(paragraphs: list[str]) -> tuple[dict[str, Any], list[str]]:
    """The parts of the body (clauses, metadata, closing, Nơi nhận, annexes) and the signer's lines."""
    body = _Body()
    in_noi_nhan = False
    annex: dict | None = None
    for text in paragraphs:
        if _starts(text, "phu_luc") and (in_noi_nhan or body.last is not None) and not END_SENTENCE.search(text):
            annex = {"tieu_de": text, "doan": []}
            body.out["phu_luc"].append(annex)
            continue
        if annex is not None:
            if not annex["doan"] and is_caps(text):
                annex["tieu_de"] += f" {text}"
            else:
                annex["doan"].append(text)
            continue
        if re.match(r"^Nơi nhận\s*:?", text):
            in_noi_nhan = True
            rest = re.sub(r"^Nơi nhận\s*:?\s*", "", text)
            if rest:
                body.out["noi_nhan"].append(rest)
            continue
        if in_noi_nhan:
            if text.startswith("- "):
                body.out["noi_nhan"].append(text[2:])
            else:
                body.tail.append(text)
            continue
        body.feed(text)
    return body.finish(), body.tail


def signer(tail: list[str]) -> dict | None:
    if not tail:
        return None
    name = tail[-1] if not is_caps(tail[-1]) else None
    titles = [t for t in tail[:-1] if is_caps(t)] if name else [t for t in tail if is_caps(t)]
    out: dict[str, Any] = {}
    if titles and re.match(r"^(TM|KT|Q|TL|TUQ)\.\s", titles[0]):
        out["quyen_han"] = titles[0].split(".")[0]
        titles = [titles[0].split(".", 1)[1].strip()] + titles[1:]
    if titles:
        out["chuc_vu"] = titles
    if name:
        out["ho_ten"] = name
    return out or None
