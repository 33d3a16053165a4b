"""Lists of ND30 words (type abbreviations, urgency and secrecy marks …) read from data/nd30.yaml."""

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
def document_type_abbreviations() -> frozenset[str]:
    """Type abbreviations (Phụ lục III, from data/doc_types.yaml ``hanh_chinh``) plus the unofficial "CV"
    (``khong_chinh_thuc``): a Công văn's ký hiệu never starts with one of them."""
    types = read_bundled_yaml(DATA_DIR / "doc_types.yaml")
    return frozenset(types["hanh_chinh"]) | {"CV"}


def academic_titles() -> frozenset[str]:
    """Lower-case first words that mark a title before a name (TS, ThS, PGS …)."""
    return frozenset(str(t) for t in _data()["academic_titles"])


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


def urgency_values() -> list[str]:
    return list(_data()["do_khan"])


def secrecy_values() -> list[str]:
    return list(_data()["do_mat"])


def two_level_from() -> dt.date:
    """The day local government became two-level (no districts)."""
    return dt.date.fromisoformat(_data()["two_level_from"])


def abolished_unit_words() -> list[str]:
    return list(_data()["abolished_unit_words"])
