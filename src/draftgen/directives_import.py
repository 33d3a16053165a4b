"""Import a real document (.docx, .txt, .md) into a directive YAML.

The text of a real document is messy: hard line breaks inside sentences, page breaks, Markdown
markers from extraction, OCR typos. The importer
1. reads lines (DOCX: one line per paragraph, tables cell by cell in reading order);
2. removes extraction artefacts (``**``, ``*ll*``, Markdown links and italics, lone page numbers);
3. applies an optional corrections list (``sua_loi: [{sai, dung}]``, see data/directives/corrections.yaml);
4. finds the documents in the file (one per "Số:" line) and picks one;
5. reads the header (issuer, số, ký hiệu, place and date, type, trích yếu, recipients);
6. re-joins the lines into paragraphs: a line starts a new paragraph only when it starts with an item or
   point marker ("1.", "a)", "đ)", "-") or when the previous line ended a sentence and this one starts one;
7. splits the body into opening paragraphs, items "1." with points "a)" … and closing paragraphs,
   and reads Nơi nhận and the signer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from draftgen.directives import Directive, directive_from_loaded
from draftgen.directives_io import read_lines
from draftgen.errors import InputError, Problem
from draftgen.load import Loaded, load_yaml_file
from draftgen.nd30.citations import administrative_types, cong_van_name, issuer_entry, normative_types, parse_number
from draftgen.xmltext import clean_pasted, first_illegal, normalise_breaks

_QUOC_HIEU = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
_TIEU_NGU = re.compile(r"Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc")
_SO = re.compile(r"^Số\s*:\s*(?P<so>\d*)\s*[._…]*\s*/\s*(?P<kh>\S+)\s*$")
_DATE = re.compile(r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<d>\d{1,2})?[\s._…]*tháng\s*(?P<m>\d{1,2})?[\s._…]*"
                   r"năm\s*(?P<y>\d{4})\s*$")
_ITEM = re.compile(r"^(?P<n>\d{1,2})\.\s+(?P<text>\S.*)$")
_POINT = re.compile(r"^(?P<l>[a-zđ])\)\s+(?P<text>\S.*)$")
_END_SENTENCE = re.compile(r"(?:[.:;!?]|\./\.)$")
_STARTS_SENTENCE = re.compile(r"^[A-ZĐÀ-Ỹ0-9(\"“-]")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*-)?$")
_UNIT_WORDS = {"TỈNH": "tinh", "THÀNH PHỐ": "tinh", "XÃ": "xa", "PHƯỜNG": "xa", "ĐẶC KHU": "xa",
               "HUYỆN": "huyen", "QUẬN": "huyen", "THỊ XÃ": "huyen"}


@dataclass
class ImportResult:
    directive: Directive
    data: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    documents_found: int = 1


# --- cleaning --------------------------------------------------------------------------------

def load_corrections(path: str | Path | None) -> list[tuple[str, str]]:
    """The ``sua_loi`` list of a corrections file as (wrong, right) pairs, longest first."""
    if path is None:
        return []
    loaded = load_yaml_file(path)
    items = loaded.data.get("sua_loi") if isinstance(loaded.data, dict) else None
    if not isinstance(items, list):
        raise InputError(Problem("Tệp sửa lỗi phải có danh sách 'sua_loi' gồm các mục {sai, dung}.",
                                 source=loaded.source))
    pairs = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not item.get("sai") or item.get("dung") is None:
            raise InputError(Problem("Mỗi mục sửa lỗi cần 'sai' và 'dung'.", field=f"sua_loi[{i}]",
                                     line=loaded.line_of(("sua_loi", i)), source=loaded.source))
        pairs.append((item["sai"], item["dung"]))
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def clean_line(line: str) -> str:
    """Remove extraction artefacts from one line."""
    line = unicodedata.normalize("NFC", line)
    line = line.replace("\u00a0", " ").replace("\t", " ")
    line = re.sub(r"\[([^\]]+)\]\((?:https?://|www\.)[^)]*\)", r"\1", line)   # Markdown link → its text
    line = re.sub(r"\*ll\*", "", line)
    line = line.replace("**", "")
    line = re.sub(r"(?<!\w)\*([^*\s][^*]*?)\*(?!\w)", r"\1", line)                # *italic* → italic
    line = re.sub(r"[ ]{2,}", "  ", line).strip()
    return line


def apply_corrections(text: str, corrections: list[tuple[str, str]]) -> str:
    if not corrections:
        return text
    pattern = re.compile("|".join(re.escape(wrong) for wrong, _ in corrections))
    table = dict(corrections)
    return pattern.sub(lambda m: table[m.group(0)], text)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,;:.)])", r"\1", text)
    return re.sub(r"\(\s+", "(", text)


# --- documents and paragraphs ----------------------------------------------------------------

def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def split_documents(lines: list[str]) -> list[list[str]]:
    """One block of lines per document: each starts at the issuer lines just above its "Số:" line."""
    so_lines = [i for i, line in enumerate(lines) if _SO.match(line)]
    if len(so_lines) <= 1:
        return [lines]
    starts = []
    for index in so_lines:
        start = index
        j = index - 1
        while j >= 0 and (not lines[j] or _is_caps(_TIEU_NGU.sub("", lines[j]).replace("-", "")) or
                          _TIEU_NGU.search(lines[j])):
            if lines[j]:
                start = j
            j -= 1
        starts.append(start)
    starts[0] = 0
    return [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)], strict=True)]


def join_paragraphs(lines: list[str]) -> list[str]:
    """Re-join hard line breaks that fall inside a sentence; blank lines are not trusted."""
    paragraphs: list[str] = []
    tail = False  # after "Nơi nhận": one line per entry, joined only inside a "- …" entry
    for line in lines:
        if not line or _PAGE_NUMBER.match(line):
            continue
        starts_block = bool(_ITEM.match(line) or _POINT.match(line) or line.startswith("- "))
        if tail:
            previous = paragraphs[-1] if paragraphs else ""
            if (not starts_block and previous.startswith("- ") and not re.search(r"[;.]$", previous)
                    and not _is_caps(line) and not previous.startswith("- Lưu")):
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
            if not (_END_SENTENCE.search(previous) and _STARTS_SENTENCE.match(line)):
                paragraphs[-1] = f"{previous} {line}"
                continue
        paragraphs.append(line)
    return [_tidy(p) for p in paragraphs]


# --- header ----------------------------------------------------------------------------------

def _type_by_caps() -> dict[str, str]:
    names = set(administrative_types().values()) | set(normative_types().values())
    return {n.upper(): n for n in names}


def _running_issuer(lines: list[str]) -> tuple[str, str | None]:
    """Issuer lines as printed → (name in running text, level)."""
    joined = " ".join(lines).strip()
    for abbreviation in ("TTg", "CP", "VPCP"):
        entry = issuer_entry(abbreviation)
        if entry and joined == entry["ten"].upper():
            return entry["ten"], entry.get("cap")
    parts = []
    level = None
    for line in lines:
        entry = next((issuer_entry(a) | {"abbr": a} for a in ("UBND", "HĐND")
                      if issuer_entry(a) and line == issuer_entry(a)["ten"].upper()), None)  # type: ignore[operator]
        if entry:
            parts.append(entry["abbr"])
            continue
        for word, cap in sorted(_UNIT_WORDS.items(), key=lambda kv: -len(kv[0])):
            if line.startswith(word + " "):
                level = level or cap
                name = line[len(word) + 1:]
                parts.append(f"{word.lower()} {' '.join(w.capitalize() for w in name.split())}")
                break
        else:
            parts.append(line[:1] + line[1:].lower())
    return " ".join(parts), level


@dataclass
class Header:
    issuer_lines: list[str] = field(default_factory=list)
    so: str | None = None
    ky_hieu: str | None = None
    place: str | None = None
    date: str | None = None
    type_name: str | None = None
    trich_yeu: str | None = None
    recipients: list[str] = field(default_factory=list)
    body_start: int = 0


def read_header(lines: list[str], warnings: list[str]) -> Header:
    header = Header()
    types = _type_by_caps()
    i = 0
    n = len(lines)
    state = "issuer"
    trich: list[str] = []
    while i < n:
        line = lines[i]
        if not line:
            i += 1
            continue
        bare = _TIEU_NGU.sub("", _QUOC_HIEU.sub("", line)).strip()
        so = _SO.match(line)
        date = _DATE.match(line)
        if so:
            header.so = so.group("so") or None
            header.ky_hieu = _repair_ky_hieu(so.group("kh"), warnings)
            state = "after_so"
        elif date:
            header.place = date.group("place").strip()
            if date.group("d") and date.group("m"):
                header.date = f"{int(date.group('d')):02d}/{int(date.group('m'))}/{date.group('y')}"
            else:
                header.date = f"…/{date.group('m') or '…'}/{date.group('y')}"
            state = "after_date" if state != "trich_yeu_typed" else state
        elif line.startswith("V/v") or line.startswith("V/V"):
            trich = [line[3:].strip()]
            state = "vv"
        elif bare.upper() in types and _is_caps(bare):
            header.type_name = types[bare.upper()]
            state = "type"
        elif re.match(r"^Kính gửi\s*:?", line) or re.search(r"\bđiện\s*:\s*$", line):
            rest = re.sub(r"^Kính gửi\s*:?\s*", "", line) if line.startswith("Kính gửi") else ""
            if rest:
                header.recipients.append(rest)
            i += 1
            while i < n and (not lines[i] or lines[i].startswith("- ") or
                             (header.recipients and not _END_SENTENCE.search(header.recipients[-1]))):
                if lines[i]:
                    if lines[i].startswith("- "):
                        header.recipients.append(lines[i][2:].strip())
                    else:
                        header.recipients[-1] += " " + lines[i]
                i += 1
            header.body_start = i
            break
        elif state == "issuer":
            if bare and _is_caps(bare):
                header.issuer_lines.append(re.split(r"\s{2,}", bare)[0].strip())
        elif state == "vv":
            if bare and not _is_caps(bare):
                trich.append(line)
        elif state == "type":
            trich = [line]
            state = "trich_yeu_typed"
        elif state == "trich_yeu_typed" and not _is_caps(line):
            trich.append(line)
        elif state in {"after_date", "after_so"} and not _is_caps(bare):
            header.body_start = i
            break
        i += 1
    header.trich_yeu = _tidy(" ".join(trich)) if trich else None
    header.recipients = [_tidy(r).rstrip(";.,") for r in header.recipients]
    return header


def _repair_ky_hieu(ky_hieu: str, warnings: list[str]) -> str:
    """OCR often loses the stroke of Đ ("CD-TTg"): restore it when that gives a known type."""
    first, _, rest = ky_hieu.partition("-")
    known = set(administrative_types()) | set(normative_types())
    if first not in known and issuer_entry(first) is None and first.replace("D", "Đ") in known:
        fixed = f"{first.replace('D', 'Đ')}-{rest}"
        warnings.append(f"Ký hiệu '{ky_hieu}' được sửa thành '{fixed}' (lỗi nhận dạng chữ Đ).")
        return fixed
    return ky_hieu


# --- body ------------------------------------------------------------------------------------

def _split_body(paragraphs: list[str]) -> tuple[list[str], list[dict], list[str], list[str], list[str]]:
    mo_dau: list[str] = []
    muc: list[dict] = []
    ket_thuc: list[str] = []
    tail: list[str] = []
    noi_nhan: list[str] = []
    in_noi_nhan = False
    for text in paragraphs:
        if re.match(r"^Nơi nhận\s*:?", text):
            in_noi_nhan = True
            rest = re.sub(r"^Nơi nhận\s*:?\s*", "", text)
            if rest:
                noi_nhan.append(rest)
            continue
        if in_noi_nhan:
            if text.startswith("- "):
                noi_nhan.append(text[2:])
            else:
                tail.append(text)
            continue
        item = _ITEM.match(text)
        point = _POINT.match(text)
        if item:
            muc.append({"id": item.group("n"), "noi_dung": item.group("text"), "diem": []})
        elif point and muc:
            muc[-1]["diem"].append({"id": f"{muc[-1]['id']}.{point.group('l')}", "noi_dung": point.group("text")})
        elif not muc:
            mo_dau.append(text)
        else:
            ket_thuc.append(text)
    if ket_thuc:
        ket_thuc[-1] = re.sub(r"\s*\./\.\s*$", "", ket_thuc[-1]).rstrip()
    elif muc:
        last = muc[-1]["diem"][-1] if muc[-1]["diem"] else muc[-1]
        last["noi_dung"] = re.sub(r"\s*\./\.\s*$", ".", last["noi_dung"])
    return mo_dau, muc, ket_thuc, noi_nhan, tail


def _signer(tail: list[str]) -> dict | None:
    if not tail:
        return None
    name = tail[-1] if not _is_caps(tail[-1]) else None
    titles = [t for t in tail[:-1] if _is_caps(t)] if name else [t for t in tail if _is_caps(t)]
    signer: dict[str, Any] = {}
    if titles and re.match(r"^(TM|KT|Q|TL|TUQ)\.\s", titles[0]):
        signer["quyen_han"] = titles[0].split(".")[0]
        titles = [titles[0].split(".", 1)[1].strip()] + titles[1:]
    if titles:
        signer["chuc_vu"] = titles
    if name:
        signer["ho_ten"] = name
    return signer or None


def import_lines(lines: list[str], *, corrections: list[tuple[str, str]] | None = None, document: int | None = None,
                 cap: str | None = None, source: str | None = None) -> ImportResult:
    """Lines of a real document → a validated :class:`Directive` and its YAML-ready mapping."""
    warnings: list[str] = []
    # text extracted from other programs may carry characters XML cannot hold: drop them (and say so)
    split = [part for line in lines for part in normalise_breaks(line).split("\n")]
    dropped = sum(1 for line in split if first_illegal(line) is not None)
    if dropped:
        warnings.append(f"Đã bỏ các ký tự không in được (ký tự điều khiển) ở {dropped} dòng.")
    cleaned = [apply_corrections(clean_line(clean_pasted(line)), corrections or []) for line in split]
    documents = split_documents(cleaned)
    if document is None:
        if len(documents) > 1:
            warnings.append(f"Tệp có {len(documents)} văn bản; đã nhập văn bản thứ nhất (chọn bằng --van-ban).")
        document = 1
    if not 1 <= document <= len(documents):
        raise InputError(Problem(f"Tệp chỉ có {len(documents)} văn bản; không có văn bản thứ {document}.",
                                 source=source))
    block = documents[document - 1]
    header = read_header(block, warnings)
    if not header.ky_hieu:
        raise InputError(Problem("Không tìm thấy dòng 'Số: …/…' (số, ký hiệu) ở phần đầu văn bản.", source=source))
    paragraphs = join_paragraphs(block[header.body_start:])
    mo_dau, muc, ket_thuc, noi_nhan, tail = _split_body(paragraphs)
    issuer, level = _running_issuer(header.issuer_lines)
    number = parse_number(f"{header.so or '…'}/{header.ky_hieu}", ten_loai=header.type_name)
    entry = issuer_entry(number.co_quan)
    level = cap or level or (entry or {}).get("cap")
    if level is None:
        raise InputError(Problem("Không xác định được cấp của cơ quan ban hành; ghi rõ bằng --cap.", source=source))
    data: dict[str, Any] = {
        "loai": header.type_name or number.ten_loai or cong_van_name(),
        "so": header.so,
        "ky_hieu": number.ky_hieu if number.nam is None else f"{number.nam}/{number.ky_hieu}",
        "ngay": header.date,
        "dia_danh": header.place,
        "co_quan": issuer,
        "co_quan_dong": header.issuer_lines,
        "cap": level,
        "trich_yeu": header.trich_yeu,
        "gui": header.recipients,
        "mo_dau": mo_dau,
        "muc": muc,
        "ket_thuc": ket_thuc,
        "noi_nhan": [n.rstrip(";.,").strip() for n in noi_nhan if not n.lower().startswith(("như trên", "lưu"))],
        "luu": next((re.sub(r"^Lưu\s*:\s*", "", n).rstrip(" ;.") for n in noi_nhan if n.startswith("Lưu")), None),
        "nguoi_ky": _signer(tail),
        "nguon": source,
    }
    data = {k: v for k, v in data.items() if v not in (None, [], "")}
    directive = directive_from_loaded(Loaded(data=data, source=source))
    return ImportResult(directive, data, warnings, len(documents))


def import_file(path: str | Path, *, corrections: str | Path | None = None, document: int | None = None,
                cap: str | None = None) -> ImportResult:
    path = Path(path)
    return import_lines(read_lines(path), corrections=load_corrections(corrections), document=document, cap=cap,
                        source=path.name)
