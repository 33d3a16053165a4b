"""Adapting one clause's text to the issuer's level (see the package docstring for the order of the passes)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache

from draftgen.cascade.levels import LevelTable, settings
from draftgen.errors import InputError
from draftgen.models.cascade import Replacement
from draftgen.nd30.citations import (
    DATE_IN_TEXT,
    DateStyle,
    format_reference,
    issuer_name,
    parse_date,
    parse_number,
    restyle_dates,
)
from draftgen.nd30.citations import _issuers as _issuer_table
from draftgen.nd30.citations import _type_names as _citation_type_names

# --- matching --------------------------------------------------------------------------------

def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _alternation(phrases: Iterable[str]) -> re.Pattern[str] | None:
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    if not unique:
        return None
    body = "|".join(re.escape(p) for p in unique)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def _substitute_vars(text: str, variables: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: variables.get(m.group(1), m.group(0)), text)


class Step:
    """One level table compiled for a letter date and variables: one regex, one pass."""

    def __init__(self, table: LevelTable, date: dt.date | None, variables: dict[str, str]):
        self.table = table
        mapping: dict[str, str] = {}
        for rule in table.rules:
            if not rule.applies(date):
                continue
            new = _substitute_vars(rule.new, variables)
            mapping.setdefault(rule.old, new)
            if rule.old[:1].islower():
                mapping.setdefault(_capitalised(rule.old), _capitalised(new))
        self.mapping = mapping
        self.pattern = _alternation(mapping)

    def apply(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.mapping[m.group(0)], text)


@cache
def _citation_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in _citation_type_names())
    issuers = set(settings().get("issuer_phrases") or []) | {e["ten"] for e in _issuer_table().values()}
    issuer_alt = "|".join(re.escape(i) for i in sorted(issuers, key=len, reverse=True))
    number = r"(?:\d+|…)/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-ZĐ][A-Za-zĐđ0-9&]*)*"
    return re.compile(rf"(?:{names})\s+số\s+{number}(?:\s+{DATE_IN_TEXT.pattern})?"
                      rf"(?:\s+của\s+(?:{issuer_alt})(?!\w))?")


def _citation_span_pattern(number: str) -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in _citation_type_names())
    issuers = set(settings().get("issuer_phrases") or []) | {e["ten"] for e in _issuer_table().values()}
    issuer_alt = "|".join(re.escape(i) for i in sorted(issuers, key=len, reverse=True))
    return re.compile(rf"(?:(?:{names})\s+số\s+)?{re.escape(number)}(?:\s+{DATE_IN_TEXT.pattern})?"
                      rf"(?:\s+của\s+(?:{issuer_alt})(?!\w))?")


Segment = tuple[str, bool]  # (text, final): final text is never adapted again


def _split(segments: list[Segment], pattern: re.Pattern[str], replace) -> list[Segment]:
    out: list[Segment] = []
    for text, final in segments:
        if final:
            out.append((text, final))
            continue
        last = 0
        for match in pattern.finditer(text):
            if match.start() > last:
                out.append((text[last:match.start()], False))
            out.append((replace(match), True))
            last = match.end()
        if last < len(text):
            out.append((text[last:], False))
    return out


def _is_number(text: str) -> bool:
    try:
        parse_number(text)
    except InputError:
        return False
    return bool(re.fullmatch(r"\S+/\S+", text.strip()))


def _local_replacer(replacements: list[Replacement], date_style: DateStyle):
    """One pattern for all local replacements (longest first) and the function that replaces a match."""
    plain: dict[str, str] = {}
    numbered: list[tuple[re.Pattern[str], str]] = []
    for rep in replacements:
        if _is_number(rep.find) and rep.replace and _is_number(rep.replace):
            new = parse_number(rep.replace)
            date = None
            if rep.date:
                date, _ = parse_date(f"ngày {rep.date}" if not rep.date.startswith("ngày") else rep.date)
            text = format_reference(new, full=True, ngay=date, date_style=date_style,
                                    co_quan=rep.issuer or issuer_name(new.co_quan))
            numbered.append((_citation_span_pattern(rep.find), text))
        else:
            plain[rep.find] = rep.replace
    parts = [p.pattern for p, _ in numbered]
    plain_alt = _alternation(plain)
    if plain_alt is not None:
        parts.append(plain_alt.pattern)
    if not parts:
        return None, None
    # citation replacements are tried first at a position, then plain phrases (longest first)
    pattern = re.compile("|".join(f"(?:{p})" for p in parts))

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        for citation_pattern, text in numbered:
            if citation_pattern.fullmatch(found):
                return text
        return plain[found]

    return pattern, replace


def adapt_text(text: str, steps: list[Step], replacements: list[Replacement] | None = None,
               date_style: DateStyle = "so") -> str:
    """Adapt one clause: local replacements, protected citations, level steps, dates (see module doc)."""
    segments: list[Segment] = [(text, False)]
    pattern, replace = _local_replacer(list(replacements or []), date_style)
    if pattern is not None:
        segments = _split(segments, pattern, replace)
    segments = _split(segments, _citation_pattern(), lambda m: restyle_dates(m.group(0), date_style))
    for step in steps:
        segments = [(text if final else step.apply(text), final) for text, final in segments]
    segments = [(text if final else restyle_dates(text, date_style), final) for text, final in segments]
    return "".join(text for text, _ in segments)


# --- selection -------------------------------------------------------------------------------
