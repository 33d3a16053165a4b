"""The 2025 reorganisation (changes.md): no district-level issuers or place names from 01/7/2025,
no retired ministry abbreviations from 01/3/2025, provinces as merged on 01/7/2025."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from draftgen.check.findings import REGISTRY
from draftgen.check.locate import norm
from draftgen.check.rules.base import Context
from draftgen.check.rules.numbering import ky_hieu_groups
from draftgen.nd30 import vocabulary

REGISTRY.add("ND30-2025-DISTRICT", "law",
             "Từ 01/7/2025 không còn cấp huyện: tên cơ quan và địa danh không là huyện, quận, thị xã, thị trấn, "
             "thành phố thuộc tỉnh")
REGISTRY.add("ND30-2025-PROVINCE", "law", "Từ 01/7/2025 tên tỉnh, thành phố trong tên cơ quan là một trong 34 đơn "
             "vị cấp tỉnh mới")
REGISTRY.add("ND30-2025-MINISTRY", "law",
             "Từ 01/3/2025 không dùng chữ viết tắt của các bộ đã hợp nhất (BKHĐT, BTNMT …) trong ký hiệu")


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def key(name: str) -> str:
    """Tone- and case-insensitive key: 'Thanh Hóa' == 'THANH HOÁ'."""
    decomposed = unicodedata.normalize("NFD", name.upper().replace("Đ", "D"))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


@lru_cache(maxsize=4)
def _district_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """The district words as one pattern, built once (not for each document)."""
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


@lru_cache(maxsize=4)
def _province_keys(provinces: tuple[str, ...]) -> frozenset[str]:
    return frozenset(key(p) for p in provinces)


_UNIT_RE = re.compile(r"(?<!\w)(TỈNH|THÀNH PHỐ|TP\.)\s+(?!ỦY|UỶ)(.+)$")


def _on_or_after(ctx: Context, start: dt.date) -> bool:
    lay = ctx.lay
    if lay.doc_date is not None:
        return lay.doc_date >= start
    return lay.doc_year is not None and lay.doc_year > start.year


def check(ctx: Context) -> None:
    cfg = ctx.cfg["admin_reform"]
    lay = ctx.lay
    if _on_or_after(ctx, _date(cfg["ministries_from"])):
        retired = set(cfg["retired_ministry_abbreviations"])
        bad = [g for g in ky_hieu_groups(ctx) if g in retired]
        if bad:
            ctx.add("ND30-2025-MINISTRY", f"Ký hiệu dùng chữ viết tắt '{bad[0]}' của bộ đã hợp nhất từ 01/3/2025; "
                    "dùng chữ viết tắt của bộ mới.", lay.so)
    # the day and the district words are the ones validation uses (data/nd30.yaml), kept once
    if not _on_or_after(ctx, vocabulary.two_level_from()):
        return
    district = _district_re(tuple(vocabulary.abolished_unit_words()))
    provinces = _province_keys(tuple(cfg["provinces"]))
    flagged = False
    for group in (lay.chu_quan, lay.co_quan):
        if not group:
            continue
        joined = norm(" ".join(p.shown for p in group)).upper()
        m = district.search(joined)
        if m:
            ctx.add("ND30-2025-DISTRICT", f"Tên cơ quan '{joined}' thuộc cấp huyện ('{m.group(1)}'), không còn từ "
                    "01/7/2025; văn bản ghi ngày sau thời điểm này.", group[0])
            flagged = True
            continue
        unit = _UNIT_RE.search(joined)
        if unit and key(unit.group(2)) not in provinces:
            if unit.group(1) == "TỈNH":
                ctx.add("ND30-2025-PROVINCE", f"'{unit.group(0)}' không còn là đơn vị cấp tỉnh từ 01/7/2025 "
                        "(34 tỉnh, thành phố sau sắp xếp).", group[0])
            else:
                ctx.add("ND30-2025-DISTRICT", f"'{unit.group(0)}' là thành phố thuộc tỉnh (cấp huyện), không còn từ "
                        "01/7/2025.", group[0])
            flagged = True
    if lay.date is not None and not flagged:
        place = lay.date.text.split(",", 1)[0].strip()
        m = district.search(place.upper())
        if m and place:
            ctx.add("ND30-2025-DISTRICT", f"Địa danh '{place}' là đơn vị cấp huyện, không còn từ 01/7/2025.", lay.date)
