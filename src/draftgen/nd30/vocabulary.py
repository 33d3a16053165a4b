"""Lists of ND30 words read from data: urgency and secrecy marks, titles, district words (data/nd30.yaml); the
type names and abbreviations (data/doc_types.yaml). Validation reads them here; the checker through the
profile's ``check`` section, which :func:`draftgen.nd30.profile.load_profile` fills from here."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from draftgen.resources import DATA_DIR, read_bundled_yaml

# One abbreviation group of a ký hiệu: a capital letter, then letters, digits or "&" (TTg, UBTVQH15).
ABBREVIATION = re.compile(r"[A-ZĐ][A-Za-zĐđ0-9&]*")


@cache
def _data() -> dict[str, Any]:
    return read_bundled_yaml(DATA_DIR / "nd30.yaml")


@cache
def _types() -> dict[str, Any]:
    return read_bundled_yaml(DATA_DIR / "doc_types.yaml")


def type_abbreviations() -> list[str]:
    """What a Công văn's ký hiệu never starts with, in the data's order: the invented "CV" (``cong_van_sai``),
    then the type abbreviations of Phụ lục III (data/doc_types.yaml ``hanh_chinh``)."""
    return [*(_types().get("cong_van_sai") or []), *_types()["hanh_chinh"]]


@cache
def document_type_abbreviations() -> frozenset[str]:
    """:func:`type_abbreviations` as a set (validation of the ký hiệu and of an issuer's abbreviation)."""
    return frozenset(type_abbreviations())


def type_names() -> list[str]:
    """Every tên loại of Điều 7 and Phụ lục III in capitals, as printed: "CÔNG VĂN", "NGHỊ QUYẾT" … "THƯ CÔNG"."""
    types = _types()
    names = [types["cong_van"], *types["hanh_chinh"].values(), *([types["thu_cong"]] if types.get("thu_cong") else [])]
    return [name.upper() for name in names]


def academic_titles() -> list[str]:
    """The học hàm, học vị, danh hiệu not printed before a signer's name (PL1 II.7.c), as printed: "TS.", "Tiến sĩ"."""
    return [str(t) for t in _data()["academic_titles"]]


def title_before_name(name: str) -> str | None:
    """The title or word of address ``name`` starts with ("TS. Lâm …", "ts Lâm …", "Tiến sĩ Lâm …", "Ông …"), or
    None. An abbreviation counts with or without its "." and in any case; a title in words as a whole phrase
    (so that "Phó" alone, a surname, is no "Phó Giáo sư")."""
    words = name.split()
    if not words:
        return None
    first = words[0].rstrip(".").lower()
    low = name.lower()
    for title in academic_titles():
        if title.endswith("."):
            if first == title.rstrip(".").lower() or name.startswith(title):
                return title
        elif low.startswith(title.lower() + " "):
            return title
    return next((w for w in _data().get("forms_of_address") or [] if first == str(w).lower()), None)


def _canonical(table: str, value: str) -> str | None:
    wanted = value.strip().upper()
    for canonical, spellings in _data()[table].items():
        if wanted in {s.upper() for s in spellings}:
            return canonical
    return None


def canonical_urgency(value: str) -> str | None:
    """"hỏa tốc" → "HỎA TỐC"; None when the value is not an urgency mark."""
    return _canonical("do_khan", value)


def canonical_secrecy(value: str) -> str | None:
    """"mật" → "MẬT"; None when the value is not a secrecy mark."""
    return _canonical("do_mat", value)


def written_forms(table: str) -> list[str]:
    """Every way a clerk may write a mark of ``table`` (do_khan, do_mat): each spelling in capitals, in
    lower case and capitalised (the validator ignores case), for the JSON Schema's enum."""
    forms: dict[str, None] = {}
    for spellings in _data()[table].values():
        for spelling in spellings:
            forms.update(dict.fromkeys([spelling, spelling.lower(), spelling.capitalize()]))
    return list(forms)


def urgency_values() -> list[str]:
    return list(_data()["do_khan"])


def secrecy_values() -> list[str]:
    return list(_data()["do_mat"])


def two_level_from() -> dt.date:
    """The day local government became two-level (no districts)."""
    return dt.date.fromisoformat(_data()["two_level_from"])


def abolished_unit_words() -> list[str]:
    return list(_data()["abolished_unit_words"])
