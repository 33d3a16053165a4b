"""Ô 4: "<Địa danh>, ngày DD tháng M năm YYYY" (PL1 II.4.b).

Days below 10 and the months 1 and 2 take a leading zero; months 3-12 never do ("tháng 03" is wrong).
"""

from __future__ import annotations

import datetime as dt


def day_text(day: int) -> str:
    """05, 17 …"""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """01, 02, 3, … 12 (only January and February are padded)."""
    return f"{month:02d}" if month <= 2 else str(month)


def place_and_date(place: str, year: int, month: int | None = None, day: int | None = None,
                   blank: str = "        ") -> str:
    """The ô 4 line. ``None`` day or month (a draft) prints ``blank`` in its place."""
    d = day_text(day) if day is not None else blank
    m = month_text(month) if month is not None else blank
    return f"{place}, ngày {d} tháng {m} năm {year}"


def short_date(date: dt.date) -> str:
    """Date in running text as real letters write it: 16/10/2023, 28/4/2023, 09/12/2022."""
    return f"{date.day:02d}/{date.month}/{date.year}"
