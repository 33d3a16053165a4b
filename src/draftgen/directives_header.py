"""The header of an imported document: issuer, số and ký hiệu, place and date, tên loại, trích yếu, Kính gửi.

Two headers occur: a Công văn's ("Số: …", "V/v …" under it, "Kính gửi: …") and a typed document's (the
tên loại "CHỈ THỊ", "QUYẾT ĐỊNH", "KẾ HOẠCH" on its own line, the trích yếu under it, on one or more
lines, in capitals or not). The words that tell the parts apart are data (``import`` in data/cascade.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from draftgen.load import load_yaml_text
from draftgen.nd30.citations import administrative_types, issuer_entry, normative_types
from draftgen.resources import DATA_DIR

QUOC_HIEU = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
_QUOC_HIEU_WORDS = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".split()


def quoc_hieu_part(line: str) -> bool:
    """"CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM": the Quốc hiệu cut over two lines (a narrow table cell)."""
    words = line.replace("HOÀ", "HÒA").split()
    n = len(words)
    return n >= 2 and any(_QUOC_HIEU_WORDS[k:k + n] == words for k in range(len(_QUOC_HIEU_WORDS) - n + 1))
TIEU_NGU = re.compile(r"Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc")
# "Số:", "SỐ:", "So:", "Số :" or no colon at all ("Số      /TB-TCCB")
SO = re.compile(r"^(?:Số|SỐ|So|SO|Sô)\s*:?\s*(?P<so>\d*)\s*[._…]*\s*/\s*(?P<kh>[^\s/]\S*)\s*$")
DATE = re.compile(r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<d>\d{1,2})?[\s._…]*tháng\s*(?P<m>\d{1,2})?[\s._…]*"
                  r"năm\s*(?P<y>\d{4})\s*$")
RULE = re.compile(r"^[\s_\-—–=*.]{3,}$")
END_SENTENCE = re.compile(r"(?:[.:;!?]|\./\.)$")
_UNIT_WORDS = {"TỈNH": "tinh", "THÀNH PHỐ": "tinh", "XÃ": "xa", "PHƯỜNG": "xa", "ĐẶC KHU": "xa",
               "HUYỆN": "huyen", "QUẬN": "huyen", "THỊ XÃ": "huyen"}


@cache
def import_words() -> dict:
    path = DATA_DIR / "cascade.yaml"
    return load_yaml_text(path.read_text(encoding="utf-8"), source=str(path)).data["import"]


def is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,;:.)])", r"\1", text)
    return re.sub(r"\(\s+", "(", text)


def type_by_caps() -> dict[str, str]:
    names = set(administrative_types().values()) | set(normative_types().values())
    return {n.upper(): n for n in names}


def _agency_name(line: str) -> str:
    """"SỞ NỘI VỤ" → "Sở Nội vụ", "VỤ TỔ CHỨC CÁN BỘ" → "Vụ Tổ chức cán bộ" (the generic noun and the first
    word of the name capitalised, as ND30 PL I writes an agency's name)."""
    nouns = sorted(import_words()["co_quan_thuoc"], key=len, reverse=True)
    noun = next(n for n in nouns if line.startswith(n + " "))
    rest = line[len(noun) + 1:].lower()
    return f"{noun.capitalize() if ' ' not in noun else noun[:1] + noun[1:].lower()} {rest[:1].upper()}{rest[1:]}"


def running_issuer(lines: list[str]) -> tuple[str, str | None]:
    """Issuer lines as printed → (name in running text, level).

    "ỦY BAN NHÂN DÂN / TỈNH ĐẮK LẮK" → "UBND tỉnh Đắk Lắk"; an agency under its governing body ("ỦY BAN NHÂN
    DÂN TỈNH HÀ GIANG / SỞ NỘI VỤ", "BỘ TÀI CHÍNH / VỤ TỔ CHỨC CÁN BỘ") is named by its own line.
    """
    joined = " ".join(lines).strip()
    for abbreviation in ("TTg", "CP", "VPCP"):
        entry = issuer_entry(abbreviation)
        if entry and joined == entry["ten"].upper():
            return entry["ten"], entry.get("cap")
    words = import_words()
    level = next((cap for line in lines[:1] for start, cap in words["cap_dong_dau"].items()
                  if line.startswith(start + " ")), None)
    lines = [part for line in lines for part in _split_ubnd(line)]
    agency = len(lines) > 1 and lines[-1].startswith(tuple(n + " " for n in words["co_quan_thuoc"]))
    parts = []
    for line in lines[:-1] if agency else lines:
        entry = next((issuer_entry(a) | {"abbr": a} for a in ("UBND", "HĐND")
                      if issuer_entry(a) and line == issuer_entry(a)["ten"].upper()), None)  # type: ignore[operator]
        if entry:
            parts.append(entry["abbr"])
            continue
        for word, cap in sorted(_UNIT_WORDS.items(), key=lambda kv: -len(kv[0])):
            if line.startswith(word + " "):
                level = cap if level is None or level == "trung_uong" else level
                name = line[len(word) + 1:]
                parts.append(f"{word.lower()} {' '.join(w.capitalize() for w in name.split())}")
                break
        else:
            parts.append(line[:1] + line[1:].lower())
    if agency:
        return _agency_name(lines[-1]), level
    return " ".join(parts), level


def _split_ubnd(line: str) -> list[str]:
    """"ỦY BAN NHÂN DÂN TỈNH HÀ GIANG" (one line) → ["ỦY BAN NHÂN DÂN", "TỈNH HÀ GIANG"]."""
    for abbreviation in ("UBND", "HĐND"):
        entry = issuer_entry(abbreviation)
        name = entry["ten"].upper() if entry else None
        if name and line.startswith(name + " "):
            return [name, line[len(name) + 1:]]
    return [line]


@dataclass
class Header:
    issuer_lines: list[str] = field(default_factory=list)
    so: str | None = None
    ky_hieu: str | None = None
    place: str | None = None
    date: str | None = None
    type_name: str | None = None
    trich_yeu: str | None = None
    trich_yeu_caps: bool = False
    recipients: list[str] = field(default_factory=list)
    body_start: int = 0


def _recipients(lines: list[str], i: int, header: Header) -> int:
    """Read "Kính gửi: …" (one line or a "- …" list) from line ``i``; the index after it."""
    line = lines[i]
    rest = re.sub(r"^Kính gửi\s*:?\s*", "", line) if line.startswith("Kính gửi") else ""
    if rest:
        header.recipients.append(rest)
    i += 1
    n = len(lines)
    while i < n and (not lines[i] or lines[i].startswith("- ") or
                     (header.recipients and not END_SENTENCE.search(header.recipients[-1]))):
        if lines[i]:
            if lines[i].startswith("- "):
                header.recipients.append(lines[i][2:].strip())
            else:
                header.recipients[-1] += " " + lines[i]
        i += 1
    return i


def _stops_trich_yeu(line: str) -> bool:
    words = import_words()
    return (bool(RULE.match(line)) or line.startswith(tuple(words["mo_dau_than"])) or
            bool(re.match(r"^(?:Điều\s+\d+|[IVX]+\.\s|\d{1,2}\.\s|[a-zđ]\)\s)", line)))


def _typed_trich_yeu(lines: list[str], i: int, header: Header) -> int:
    """The trích yếu under the tên loại (line ``i`` is its first line); the index of the body."""
    n = len(lines)
    while i < n and not lines[i]:
        i += 1
    if i >= n or _stops_trich_yeu(lines[i]):
        return i
    first = lines[i]
    caps = is_caps(first)
    trich = [first]
    i += 1
    authority = tuple(import_words()["tham_quyen"])
    while i < n:
        line = lines[i]
        if not line:
            i += 1
            continue
        if _stops_trich_yeu(line) or (caps and line.startswith(authority)):
            break
        continues = is_caps(line) if caps else bool(re.match(r"^[a-zđà-ỹ(,;]", line))
        if not continues:
            break
        trich.append(line)
        i += 1
    text = tidy(" ".join(trich))
    header.trich_yeu_caps = caps
    header.trich_yeu = text[:1] + text[1:].lower() if caps else text
    while i < n and (not lines[i] or RULE.match(lines[i])):
        i += 1
    return i


def read_header(lines: list[str], warnings: list[str]) -> Header:
    header = Header()
    types = type_by_caps()
    i = 0
    n = len(lines)
    state = "issuer"
    trich: list[str] = []
    while i < n:
        line = lines[i]
        if not line:
            i += 1
            continue
        bare = TIEU_NGU.sub("", QUOC_HIEU.sub("", line)).strip()
        so = SO.match(line)
        date = DATE.match(line)
        if so:
            header.so = so.group("so") or None
            header.ky_hieu = repair_ky_hieu(so.group("kh"), warnings)
            state = "after_so"
        elif date:
            header.place = date.group("place").strip()
            if date.group("d") and date.group("m"):
                header.date = f"{int(date.group('d')):02d}/{int(date.group('m'))}/{date.group('y')}"
            else:
                header.date = f"…/{date.group('m') or '…'}/{date.group('y')}"
            state = "after_date"
        elif line.startswith("V/v") or line.startswith("V/V"):
            trich = [line[3:].strip()]
            state = "vv"
        elif bare.upper() in types and is_caps(bare):
            header.type_name = types[bare.upper()]
            i = _typed_trich_yeu(lines, i + 1, header)
            while i < n and not lines[i]:
                i += 1
            addressed = i < n and (lines[i].startswith("Kính gửi") or re.search(r"\bđiện\s*:\s*$", lines[i]))
            header.body_start = _recipients(lines, i, header) if addressed else i
            break
        elif re.match(r"^Kính gửi\s*:?", line) or re.search(r"\bđiện\s*:\s*$", line):
            header.body_start = _recipients(lines, i, header)
            break
        elif state == "issuer":
            if bare and is_caps(bare) and not quoc_hieu_part(bare):
                header.issuer_lines.append(re.split(r"\s{2,}", bare)[0].strip())
        elif state == "vv":
            if bare and not is_caps(bare):
                trich.append(line)
        elif state in {"after_date", "after_so"} and not is_caps(bare) and not RULE.match(bare) and bare:
            header.body_start = i
            break
        i += 1
    if trich:
        header.trich_yeu = tidy(" ".join(trich))
    header.recipients = [tidy(r).rstrip(";.,") for r in header.recipients]
    return header


def repair_ky_hieu(ky_hieu: str, warnings: list[str]) -> str:
    """OCR often loses the stroke of Đ ("CD-TTg", "QD-BTC"): restore it when that gives a known type."""
    first, _, rest = ky_hieu.partition("-")
    known = set(administrative_types()) | set(normative_types())
    if first not in known and issuer_entry(first) is None and first.replace("D", "Đ") in known:
        fixed = f"{first.replace('D', 'Đ')}-{rest}"
        warnings.append(f"Ký hiệu '{ky_hieu}' được sửa thành '{fixed}' (lỗi nhận dạng chữ Đ).")
        return fixed
    return ky_hieu
