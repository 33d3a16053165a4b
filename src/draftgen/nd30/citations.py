"""Citations of other documents: parse and format "968/CĐ-TTg", "30/2020/NĐ-CP", "2842/UBND-TH".

A số, ký hiệu tells the document type (PL1 II.3.b; doc_types.md §1):
- ``<số>/<LOẠI>-<CQ>``: an administrative document with a type (968/CĐ-TTg is a Công điện of the
  Thủ tướng Chính phủ);
- ``<số>/<CQ>-<ĐV>``: a Công văn, which has no type abbreviation (2842/UBND-TH);
- ``<số>/<năm>/<LOẠI>-<CQ>``: a legal normative document, whose number carries the year
  (30/2020/NĐ-CP); Luật and Nghị quyết of Quốc hội have no type group (33/2024/QH15).

The tables (types, issuers) are data: ``data/doc_types.yaml`` and ``data/issuer_abbreviations.yaml``.
Viện dẫn (PL1 II.6.b): the first citation of a document is in full (type, số, ký hiệu, date, issuer,
trích yếu), later ones give only type + số, ký hiệu (:func:`format_reference` with ``full=False``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

from draftgen.errors import InputError, Problem
from draftgen.load import load_yaml_text
from draftgen.nd30.dates import day_text, month_text, short_date
from draftgen.resources import DATA_DIR

DateStyle = Literal["so", "chu"]
"""How a date is written in running text: "so" → "ngày 16/10/2023", "chu" → "ngày 16 tháng 10 năm 2023"."""

BLANK_NUMBER = "…"
_GROUP = r"[A-Za-zĐđ0-9&]+"
_NUMBER = re.compile(
    rf"^(?P<so>\d+|[….\s_]*)/(?:(?P<nam>\d{{4}})/)?(?P<kh>{_GROUP}(?:-{_GROUP})*)$"
)
_VALID_GROUP = re.compile(r"[A-ZĐ][A-Za-zĐđ0-9&]*")
# A number inside running text: "968/CĐ-TTg", "73/2023/NĐ-CP", "…/UBND-VP".
NUMBER_IN_TEXT = re.compile(
    r"(?<![\w/])(?:\d+|…)/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-ZĐ][A-Za-zĐđ0-9&]*)+(?![\w-])"
    r"|(?<![\w/])\d+/\d{4}/[A-ZĐ][A-Za-zĐđ0-9&]*(?![\w/-])"
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@cache
def _doc_types() -> dict:
    path = DATA_DIR / "doc_types.yaml"
    return load_yaml_text(path.read_text(encoding="utf-8"), source=str(path)).data


@cache
def _issuers() -> dict[str, dict]:
    path = DATA_DIR / "issuer_abbreviations.yaml"
    return load_yaml_text(path.read_text(encoding="utf-8"), source=str(path)).data


def administrative_types() -> dict[str, str]:
    """Abbreviation → type name for administrative documents and copies (NĐ30 Phụ lục III, Mục I)."""
    return {**_doc_types()["hanh_chinh"], **(_doc_types().get("ban_sao") or {})}


def normative_types() -> dict[str, str]:
    """Abbreviation → type name for legal normative documents (number with year)."""
    return dict(_doc_types()["quy_pham"])


def cong_van_name() -> str:
    return _doc_types()["cong_van"]


def issuer_entry(abbreviation: str) -> dict | None:
    """The issuer table entry of "TTg", "UBND", "QH15" (a trailing term number is ignored)."""
    table = _issuers()
    if abbreviation in table:
        return table[abbreviation]
    base = re.sub(r"\d+$", "", abbreviation)
    return table.get(base)


def issuer_name(abbreviation: str) -> str | None:
    """Name of the issuer in running text ("Thủ tướng Chính phủ"); None when unknown or when the
    name needs a place (a UBND: the directive or letter gives "UBND tỉnh Đắk Lắk")."""
    entry = issuer_entry(abbreviation)
    if not entry or entry.get("dia_phuong") in (True, "true"):
        return None
    return entry["ten"]


def _error(message: str, field: str | None = None) -> InputError:
    return InputError(Problem(message, field=field))


@dataclass(frozen=True)
class Citation:
    """A parsed số, ký hiệu. ``so`` is None for a draft's blank number ("…/UBND-VP")."""

    so: int | None
    nam: int | None
    loai: str | None
    """Type abbreviation (CĐ, QĐ, NĐ …); None for a Công văn and for Luật/Nghị quyết of Quốc hội."""
    nhom: tuple[str, ...]
    """The ký hiệu groups after the type: ("TTg",), ("UBND", "TH"), ("CP",)."""
    ten_loai: str
    """Type name in running text: "Công điện", "Công văn", "Nghị định"."""

    @property
    def co_quan(self) -> str:
        """Issuer abbreviation: TTg, UBND, CP."""
        return self.nhom[0]

    @property
    def cong_van(self) -> bool:
        return self.loai is None and self.nam is None

    @property
    def ky_hieu(self) -> str:
        """"CĐ-TTg", "UBND-TH", "NĐ-CP"."""
        return "-".join(((self.loai,) if self.loai else ()) + self.nhom)

    @property
    def number(self) -> str:
        """"968/CĐ-TTg", "30/2020/NĐ-CP", "…/UBND-VP"."""
        so = BLANK_NUMBER if self.so is None else f"{self.so:02d}"
        year = f"{self.nam}/" if self.nam is not None else ""
        return f"{so}/{year}{self.ky_hieu}"

    @property
    def key(self) -> str:
        """Identity used by the directive library: the number without a blank draft number."""
        return self.number

    def short(self) -> str:
        """Later citation (PL1 II.6.b): "Công điện số 968/CĐ-TTg"."""
        return f"{self.ten_loai} số {self.number}"


def parse_number(text: str, *, ten_loai: str | None = None, field: str | None = None) -> Citation:
    """Parse "968/CĐ-TTg", "30/2020/NĐ-CP", "2842/UBND-TH", "…/UBND-VP".

    ``ten_loai`` is the type name written before "số" when known ("Công điện"); it must agree with
    the abbreviation. Errors name the number and the part that is wrong.
    """
    raw = _nfc(text.strip())
    cleaned = re.sub(r"\s*([/-])\s*", r"\1", raw.replace("–", "-").replace("—", "-"))
    cleaned = re.sub(r"^(?:Số|số)\s*:?\s*", "", cleaned)
    match = _NUMBER.match(cleaned)
    if not match:
        raise _error(
            f"Số, ký hiệu '{raw}' không đúng dạng: viết như 968/CĐ-TTg, 2842/UBND-TH hoặc 30/2020/NĐ-CP.",
            field,
        )
    so_text = match.group("so").strip(" ._")
    so = int(so_text) if so_text.isdigit() else None
    nam = int(match.group("nam")) if match.group("nam") else None
    groups = tuple(match.group("kh").split("-"))
    for group in groups:
        if not _VALID_GROUP.fullmatch(group):
            raise _error(f"Ký hiệu '{raw}': nhóm '{group}' phải bắt đầu bằng chữ in hoa.", field)
    unofficial = _doc_types().get("khong_chinh_thuc", {})
    if groups[0] in unofficial:
        raise _error(f"Ký hiệu '{raw}': '{groups[0]}' không phải chữ viết tắt chính thức. "
                     f"{unofficial[groups[0]]}.", field)
    given = _nfc(ten_loai).strip() if ten_loai else None

    if nam is not None:
        types = normative_types()
        if len(groups) == 1:
            entry = issuer_entry(groups[0])
            if not given:
                raise _error(f"Số '{raw}' không có tên loại trong ký hiệu: ghi tên loại trước 'số' "
                             "(ví dụ 'Luật … số 33/2024/QH15').", field)
            if entry is None:
                raise _error(f"Số '{raw}': không biết cơ quan '{groups[0]}'.", field)
            return Citation(so, nam, None, groups, given)
        loai, rest = groups[0], groups[1:]
        if loai not in types:
            hint = _hint(loai, types)
            raise _error(f"Số '{raw}': loại văn bản '{loai}' không có trong bảng chữ viết tắt "
                         f"văn bản quy phạm pháp luật{hint}.", field)
        return _checked(Citation(so, nam, loai, rest, types[loai]), given, raw, field)

    types = administrative_types()
    first = groups[0]
    if first in types:
        if len(groups) < 2:
            raise _error(f"Ký hiệu '{raw}' thiếu tên cơ quan ban hành sau '{first}-'.", field)
        return _checked(Citation(so, None, first, groups[1:], types[first]), given, raw, field)
    if first in normative_types():
        raise _error(f"Số '{raw}': {normative_types()[first]} là văn bản quy phạm pháp luật, số phải có năm "
                     f"(ví dụ 30/2020/{first}-CP).", field)
    if len(groups) < 2:
        raise _error(f"Ký hiệu '{raw}' thiếu phần sau dấu '-': công văn ghi <cơ quan>-<đơn vị> "
                     "(ví dụ UBND-TH), văn bản có tên loại ghi <loại>-<cơ quan> (ví dụ CĐ-TTg).", field)
    if issuer_entry(first) is None and issuer_entry(groups[1]) is not None:
        hint = _hint(first, types)
        raise _error(f"Số '{raw}': loại văn bản '{first}' không có trong bảng chữ viết tắt tên loại "
                     f"(NĐ 30/2020/NĐ-CP, Phụ lục III){hint}.", field)
    return _checked(Citation(so, None, None, groups, cong_van_name()), given, raw, field)


def _hint(abbreviation: str, types: dict[str, str]) -> str:
    folded = abbreviation.replace("D", "Đ")
    for candidate in (folded, abbreviation.upper()):
        if candidate in types and candidate != abbreviation:
            return f" (có phải '{candidate}'?)"
    return ""


def _checked(citation: Citation, given: str | None, raw: str, field: str | None) -> Citation:
    if given and given.lower() != citation.ten_loai.lower():
        raise _error(f"'{given} số {raw}': ký hiệu cho biết đây là {citation.ten_loai}, "
                     f"không phải {given}.", field)
    return citation



def _type_names() -> list[str]:
    names = set(administrative_types().values()) | set(normative_types().values()) | {cong_van_name(), "Luật",
                                                                                      "Pháp lệnh"}
    return sorted(names, key=len, reverse=True)


def parse_reference(text: str, *, field: str | None = None) -> Citation:
    """Parse "Công điện số 968/CĐ-TTg" or a bare number "968/CĐ-TTg"."""
    raw = _nfc(text.strip())
    names = "|".join(re.escape(n) for n in _type_names())
    match = re.match(rf"^(?P<ten>{names})(?:\s+[^\d…]*?)?\s+số\s+(?P<so>.+)$", raw, flags=re.IGNORECASE)
    if match:
        return parse_number(match.group("so"), ten_loai=match.group("ten"), field=field)
    if re.match(r"^[\w\s]+\s+số\s+", raw):
        name = raw.split(" số ")[0]
        raise _error(f"'{raw}': không biết loại văn bản '{name}'.", field)
    return parse_number(raw, field=field)


# --- dates in running text -------------------------------------------------------------------

_DATE_SO = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_DATE_CHU = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def parse_date(text: str) -> tuple[dt.date, DateStyle]:
    """"ngày 16/10/2023" → (date, "so"); "ngày 18 tháng 6 năm 2022" → (date, "chu")."""
    raw = _nfc(text.strip())
    for pattern, style in ((_DATE_SO, "so"), (_DATE_CHU, "chu")):
        match = pattern.fullmatch(raw)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day), style  # type: ignore[return-value]
            except ValueError:
                raise _error(f"Ngày '{raw}' không có thật.") from None
    raise _error(f"Ngày '{raw}' không đúng dạng 'ngày 16/10/2023' hoặc 'ngày 16 tháng 10 năm 2023'.")


def format_date(date: dt.date | None, style: DateStyle = "so") -> str:
    """"ngày 16/10/2023" (style "so", as letters write it) or "ngày 16 tháng 10 năm 2023" ("chu").

    A None date (a draft parent whose date is not known yet) gives "ngày …".
    """
    if date is None:
        return f"ngày {BLANK_NUMBER}"
    if style == "chu":
        return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"
    return f"ngày {short_date(date)}"


DATE_IN_TEXT = re.compile(r"ngày\s+\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})")


def restyle_dates(text: str, style: DateStyle) -> str:
    """Rewrite every full date in ``text`` ("ngày 29 tháng 9 năm 2023") in ``style`` ("ngày 29/9/2023")."""

    def one(match: re.Match[str]) -> str:
        try:
            date, _ = parse_date(match.group(0))
        except InputError:
            return match.group(0)
        return format_date(date, style)

    return DATE_IN_TEXT.sub(one, text)


def lower_first(text: str) -> str:
    """A trích yếu inside a sentence starts lower-case, unless its first word is an abbreviation or name."""
    text = text.strip()
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first.isupper() or any(c.isupper() for c in first[1:])):
        return text
    return text[:1].lower() + text[1:]


def format_reference(citation: Citation, *, full: bool = True, ngay: dt.date | None = None,
                     date_style: DateStyle = "so", co_quan: str | None = None, trich_yeu: str | None = None,
                     ve_viec: str = "về việc") -> str:
    """A citation in running text.

    Full (first citation): "Công điện số 968/CĐ-TTg ngày 16/10/2023 của Thủ tướng Chính phủ về việc tiếp
    tục chấn chỉnh …". Short (later ones): "Công điện số 968/CĐ-TTg".
    ``co_quan`` defaults to the issuer's name from the table when it needs no place.
    """
    if not full:
        return citation.short()
    parts = [citation.short()]
    if ngay is not None or citation.so is None:
        parts.append(format_date(ngay, date_style))
    issuer = co_quan or issuer_name(citation.co_quan)
    if issuer:
        parts.append(f"của {issuer}")
    if trich_yeu:
        summary = re.sub(r"^(?:V/v|v/v|V/V|Về việc|về việc)\s+", "", trich_yeu.strip())
        parts.append(f"{ve_viec} {lower_first(summary)}".strip())
    return " ".join(parts)


def numbers_in(text: str) -> list[str]:
    """Every số, ký hiệu that appears in ``text`` ("968/CĐ-TTg", "73/2023/NĐ-CP" …), in order."""
    return [m.group(0) for m in NUMBER_IN_TEXT.finditer(_nfc(text))]
