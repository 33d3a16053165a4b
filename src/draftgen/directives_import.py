"""Import a real document (.docx, .txt, .md) into a directive YAML.

The text of a real document is messy: hard line breaks inside sentences, page breaks, Markdown
markers from extraction, OCR typos. The importer
1. reads lines (DOCX: one line per paragraph, tables cell by cell in reading order);
2. removes extraction artefacts (``**``, ``*ll*``, Markdown links and italics, lone page numbers);
3. applies an optional corrections list (``sua_loi: [{sai, dung}]``, see data/directives/corrections.yaml);
4. finds the documents in the file (one per "Số:" line) and picks one;
5. reads the header (:mod:`draftgen.directives_header`: issuer, số, ký hiệu, place and date, tên loại,
   trích yếu, recipients); fields the header lacks may be given (``--so``, ``--ngay``, ``--co-quan``,
   ``--loai``), and the result says which fields were read, inferred or given;
6. re-joins the lines into paragraphs and reads the body's clauses, Căn cứ lines, closing, Nơi nhận,
   signer and annexes (:mod:`draftgen.directives_body`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from draftgen.directives import Directive, directive_from_loaded
from draftgen.directives_body import join_paragraphs, signer, split_body
from draftgen.directives_header import SO, TIEU_NGU, is_caps, read_header, running_issuer
from draftgen.directives_io import read_lines
from draftgen.errors import InputError, Problem
from draftgen.load import Loaded, load_yaml_file
from draftgen.nd30.citations import cong_van_name, issuer_entry, parse_number
from draftgen.xmltext import clean_pasted, first_illegal, normalise_breaks


@dataclass
class ImportResult:
    directive: Directive
    data: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    documents_found: int = 1
    origins: dict[str, str] = field(default_factory=dict)
    """Where each header field came from: "van_ban" (read), "suy_ra" (inferred), "dong_lenh" (given)."""


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
    line = re.sub(r"^-{2,}\s*PAGE BREAK\s*-{2,}$", "", line.strip())         # a converter's page marker
    line = re.sub(r"^\|+$", "", line)                                         # a web page's table cell mark
    line = line.replace("**", "")
    line = re.sub(r"(?<!\w)\*([^*\s][^*]*?)\*(?!\w)", r"\1", line)                # *italic* → italic
    line = re.sub(r"[ ]{2,}", "  ", line).strip()
    return line


_LONE_SO = re.compile(r"^(?:Số|SỐ|So|SO|Sô)\s*:?$")
_NUMBER_ONLY = re.compile(r"^\d*\s*[._…]*\s*/\s*[^\s/]\S*$")


def join_split_number(lines: list[str]) -> list[str]:
    """"Số:" alone on its line and "258/KH-UBND" on the next (a header table copied from a web page) → one line."""
    out: list[str] = []
    pending: int | None = None          # index in ``out`` of a lone "Số:" waiting for its number
    for line in lines:
        if pending is not None and line:
            if _NUMBER_ONLY.match(line):
                out[pending] = f"{out[pending].rstrip(':').rstrip()}: {line}"
                pending = None
                continue
            pending = None
        if _LONE_SO.match(line):
            pending = len(out)
        out.append(line)
    return out


def apply_corrections(text: str, corrections: list[tuple[str, str]]) -> str:
    if not corrections:
        return text
    pattern = re.compile("|".join(re.escape(wrong) for wrong, _ in corrections))
    table = dict(corrections)
    return pattern.sub(lambda m: table[m.group(0)], text)



# --- documents ------------------------------------------------------------------------------

def split_documents(lines: list[str]) -> list[list[str]]:
    """One block of lines per document: each starts at the issuer lines just above its "Số:" line."""
    so_lines = [i for i, line in enumerate(lines) if SO.match(line)]
    if len(so_lines) <= 1:
        return [lines]
    starts = []
    for index in so_lines:
        start = index
        j = index - 1
        while j >= 0 and (not lines[j] or is_caps(TIEU_NGU.sub("", lines[j]).replace("-", "")) or
                          TIEU_NGU.search(lines[j])):
            if lines[j]:
                start = j
            j -= 1
        starts.append(start)
    starts[0] = 0
    return [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)], strict=True)]


# --- the document ----------------------------------------------------------------------------

@dataclass
class Given:
    """Header fields given on the command line (for a document whose header was lost in extraction)."""

    loai: str | None = None
    so: str | None = None       # "05" or "05/CT-UBND"
    ngay: str | None = None
    co_quan: str | None = None
    cap: str | None = None
    trich_yeu: str | None = None


def _header_fields(header, given: Given, warnings: list[str], source: str | None) -> tuple[dict[str, Any], dict]:
    origins: dict[str, str] = {}

    def pick(name: str, read: Any, supplied: Any) -> Any:
        if supplied:
            origins[name] = "dong_lenh"
            return supplied
        if read:
            origins[name] = "van_ban"
        return read

    so, ky_hieu = header.so, header.ky_hieu
    if given.so:
        number = given.so.strip()
        if "/" in number:
            so, _, ky_hieu = number.partition("/")
            so = so.strip(" .…_") or None
        else:
            so = number
        origins["so"] = "dong_lenh"
    elif so or ky_hieu:
        origins["so"] = "van_ban"
    if not ky_hieu:
        raise InputError(Problem("Không tìm thấy dòng 'Số: …/…' (số, ký hiệu) ở phần đầu văn bản. Nếu văn bản "
                                 "mất phần đầu khi trích xuất, ghi số, ký hiệu bằng --so (ví dụ --so 05/CT-UBND), "
                                 "thêm --ngay và --co-quan.", source=source))
    type_name = pick("loai", header.type_name, given.loai)
    try:
        number = parse_number(f"{so or '…'}/{ky_hieu}", ten_loai=type_name)
    except InputError as exc:
        raise InputError(Problem(exc.problems[0].message, source=source)) from None
    if not type_name:
        type_name = number.ten_loai or cong_van_name()
        origins["loai"] = "suy_ra"
    issuer, level = running_issuer(header.issuer_lines)
    entry = issuer_entry(number.co_quan)
    co_quan = pick("co_quan", issuer, given.co_quan)
    if not co_quan and entry and "{" not in entry["ten"]:
        co_quan = entry["ten"]
        origins["co_quan"] = "suy_ra"
    level = given.cap or level or (entry or {}).get("cap")
    if level is None:
        raise InputError(Problem("Không xác định được cấp của cơ quan ban hành; ghi rõ bằng --cap.", source=source))
    origins["cap"] = "dong_lenh" if given.cap else "suy_ra"
    fields = {
        "loai": type_name,
        "so": so,
        "ky_hieu": number.ky_hieu if number.nam is None else f"{number.nam}/{number.ky_hieu}",
        "ngay": pick("ngay", header.date, given.ngay),
        "dia_danh": header.place,
        "co_quan": co_quan,
        "co_quan_dong": header.issuer_lines,
        "cap": level,
        "trich_yeu": pick("trich_yeu", header.trich_yeu, given.trich_yeu),
        "gui": header.recipients,
    }
    if header.trich_yeu_caps and not given.trich_yeu:
        warnings.append("Trích yếu in hoa đã được chép sang chữ thường: kiểm tra lại tên riêng trong trích yếu.")
    return fields, origins


def import_lines(lines: list[str], *, corrections: list[tuple[str, str]] | None = None, document: int | None = None,
                 cap: str | None = None, source: str | None = None, given: Given | None = None,
                 blank_lines: bool = False) -> ImportResult:
    """Lines of a real document → a validated :class:`Directive` and its YAML-ready mapping."""
    given = given or Given()
    if cap:
        given.cap = cap
    warnings: list[str] = []
    # text extracted from other programs may carry characters XML cannot hold: drop them (and say so)
    split = [part for line in lines for part in normalise_breaks(line).split("\n")]
    dropped = sum(1 for line in split if first_illegal(line) is not None)
    if dropped:
        warnings.append(f"Đã bỏ các ký tự không in được (ký tự điều khiển) ở {dropped} dòng.")
    cleaned = join_split_number([apply_corrections(clean_line(clean_pasted(line)), corrections or [])
                                 for line in split])
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
    fields, origins = _header_fields(header, given, warnings, source)
    parts, tail = split_body(join_paragraphs(block[header.body_start:], blank_lines=blank_lines))
    noi_nhan = parts.pop("noi_nhan")
    data: dict[str, Any] = {
        **fields,
        **parts,
        "noi_nhan": [n.rstrip(";.,").strip() for n in noi_nhan if not n.lower().startswith(("như", "lưu"))],
        "luu": next((re.sub(r"^Lưu\s*:\s*", "", n).rstrip(" ;.") for n in noi_nhan if n.startswith("Lưu")), None),
        "nguoi_ky": signer(tail),
        "nguon": source,
    }
    data = {k: v for k, v in data.items() if v not in (None, [], "")}
    if not (data.get("muc") or data.get("dieu") or data.get("phan")):
        warnings.append("Không tìm thấy điều, khoản, mục hay điểm nào (Điều 1., I., 1., a)): văn bản chỉ dùng được "
                        "để viện dẫn, không có gì để chọn.")
    directive = directive_from_loaded(Loaded(data=data, source=source))
    return ImportResult(directive, data, warnings, len(documents), origins)


def import_file(path: str | Path, *, corrections: str | Path | None = None, document: int | None = None,
                cap: str | None = None, given: Given | None = None, blank_lines: bool = False) -> ImportResult:
    path = Path(path)
    return import_lines(read_lines(path), corrections=load_corrections(corrections), document=document, cap=cap,
                        source=path.name, given=given, blank_lines=blank_lines)
