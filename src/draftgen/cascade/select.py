"""Selecting, quoting, referring to and replacing a parent's clauses; the opening sentence that cites the chain."""

from __future__ import annotations

import datetime as dt
import re

from draftgen.cascade.adapt import Step, _capitalised, adapt_text
from draftgen.cascade.levels import LevelTable, level_steps, settings
from draftgen.cascade.result import CascadeItem, CascadeResult
from draftgen.directives import Clause, Directive
from draftgen.directives_clauses import location
from draftgen.errors import InputError, Problem
from draftgen.models.cascade import ClauseSelection, Opening, Replacement
from draftgen.nd30.citations import DateStyle, parse_number


def expand_ids(directive: Directive, ids: list[str]) -> list[Clause]:
    """["1.a..1.c", "2"] → the clauses 1.a, 1.b, 1.c, 2 of ``directive`` (in the order given)."""
    order = directive.clauses()
    position = {c.id: i for i, c in enumerate(order)}
    out: list[Clause] = []
    for raw in ids:
        if ".." in raw:
            first, last = (directive.clause(part).id for part in raw.split("..", 1))
            a, b = position[first], position[last]
            if a > b:
                raise InputError(Problem(f"Khoảng '{raw}' ngược thứ tự."))
            out.extend(c for c in order[a:b + 1] if c.is_point == order[a].is_point)
        else:
            out.append(directive.clause(raw))
    return out


class Citer:
    """Viện dẫn: a document is cited in full the first time, short afterwards (PL1 II.6.b)."""

    def __init__(self, date_style: DateStyle = "so"):
        self.cited: set[str] = set()
        self.date_style = date_style

    def cite(self, directive: Directive, issuer: str | None = None) -> str:
        full = directive.id not in self.cited
        self.cited.add(directive.id)
        if not full:
            return directive.citation.short()
        return directive.reference(full=True, date_style=self.date_style, co_quan=issuer)


def opening_sentence(chain: list[Directive], opening: Opening, citer: Citer, *, verbs: list[str | None] | None = None,
                     notes: list[str | None] | None = None, issuers: list[str | None] | None = None) -> str:
    """"Thực hiện <nearest parent, in full>; triển khai <the directive, in full><ending>".

    ``chain`` runs from the directive (first) to the nearest parent (last); the sentence names the
    nearest parent first.
    """
    conf = settings()["opening"]
    default_verbs = conf["verbs"]
    parts = []
    n = len(chain)
    for k, index in enumerate(reversed(range(n))):
        verb = (verbs or [None] * n)[index] or (default_verbs[0] if k == 0 else default_verbs[-1])
        if k == 0:
            verb = _capitalised(verb)
        elif verb[:1].isupper() and not verb.isupper():
            verb = verb[:1].lower() + verb[1:]
        text = f"{verb} {citer.cite(chain[index], (issuers or [None] * n)[index])}"
        note = (notes or [None] * n)[index]
        if note:
            text += f" {note.strip()}"
        parts.append(text)
    ending = opening.ending if opening.ending is not None else conf["ending"]
    return conf["separator"].join(parts) + ending


def _refer_text(directive: Directive, clause: Clause, lead: str | None, citer: Citer) -> str:
    conf = settings()["refer"]
    text = conf["text"].format(vi_tri=location(clause), van_ban=citer.cite(directive))
    if lead:
        text = re.sub(r"^.*?(?=tại )", lead.rstrip() + " ", text, count=1)
    return text


def cascade(chain: list[Directive], clauses: list[ClauseSelection], *, target_level: str,
            replacements: list[Replacement] | None = None, opening: Opening | None = None,
            letter_date: dt.date | None = None, variables: dict[str, str] | None = None,
            verbs: list[str | None] | None = None, notes: list[str | None] | None = None,
            issuers: list[str | None] | None = None, tables: list[LevelTable] | None = None) -> CascadeResult:
    """Opening sentence and items/points of a letter that carries clauses of ``chain`` down.

    ``chain``: the directive being implemented first, the nearest parent last. Clauses come from the
    nearest parent unless a selection names its ``source``. Each clause is adapted from its source's
    level to ``target_level`` with the level tables valid on ``letter_date``.
    """
    if not chain:
        raise InputError(Problem("Cần ít nhất một văn bản cấp trên ở 'parents'.", field="parents"))
    opening = opening or Opening()
    citer = Citer(opening.date_style)
    variables = dict(_default_variables(target_level), **(variables or {}))
    result = CascadeResult(None, [])
    if opening.auto:
        result.opening = opening_sentence(chain, opening, citer, verbs=verbs, notes=notes, issuers=issuers)
    by_id = {d.id: d for d in chain}
    steps_cache: dict[str, list[Step]] = {}

    def steps_for(directive: Directive) -> list[Step]:
        if directive.cap not in steps_cache:
            tables_ = level_steps(directive.cap, target_level, letter_date, tables)
            steps_cache[directive.cap] = [Step(t, letter_date, variables) for t in tables_]
        return steps_cache[directive.cap]

    current: CascadeItem | None = None
    current_item_key: tuple[str, str] | None = None
    for n, selection in enumerate(clauses):
        directive = chain[-1]
        if selection.source:
            key = parse_number(selection.source).number
            if key not in by_id:
                raise InputError(Problem(f"'{selection.source}' không có trong 'parents'.",
                                         field=f"clauses[{n}].source"))
            directive = by_id[key]
        local = list(replacements or []) + list(selection.replacements)
        try:
            chosen = expand_ids(directive, selection.id)
        except InputError as exc:
            raise InputError(Problem(exc.problems[0].message, field=f"clauses[{n}].id")) from None
        for clause in chosen:
            lines: list[str] = []
            if selection.mode == "replace":
                text = selection.text.strip()  # type: ignore[union-attr]
            elif selection.mode == "refer":
                text = _refer_text(directive, clause, selection.text, citer)
            else:
                text = adapt_text(clause.text, steps_for(directive), local, opening.date_style)
                # the clause's own "- …" lines (and plain paragraphs under it) come down with it, one line each
                lines = [adapt_text(line, steps_for(directive), local, opening.date_style) for line in clause.extra]
            if clause.is_point:
                if current is None or current_item_key != (directive.id, clause.item):
                    if current is None:
                        lead = adapt_text(directive.clause(clause.item).text, steps_for(directive), local,
                                          opening.date_style)
                        current = CascadeItem(lead, sources=[f"{directive.id}:{clause.item}"])
                        result.items.append(current)
                        current_item_key = (directive.id, clause.item)
                    else:
                        result.warnings.append(
                            f"{_capitalised(location(clause))} {directive.citation.short()} (mã {clause.id}) không "
                            f"thuộc mục chép ngay trước nó: đã đặt dưới mục {len(result.items)} của văn bản này; "
                            f"muốn giữ câu dẫn của nó thì chọn cả mã {clause.item} trước điểm.")
                current.points.append(text)
                current.point_extra.append(lines)
                current.sources.append(f"{directive.id}:{clause.id}")
            else:
                current = CascadeItem(text, sources=[f"{directive.id}:{clause.id}"], extra=lines)
                current_item_key = (directive.id, clause.id)
                result.items.append(current)
    return result


def _default_variables(level: str) -> dict[str, str]:
    return {"xa": "xã", "huyen": "huyện", "tinh": "tỉnh"}


def unit_variables(issuer_lines: list[str]) -> dict[str, str]:
    """The commune's or district's kind from the issuer lines: "XÃ HÒA PHÚ" → {"xa": "xã"}, "PHƯỜNG …" → "phường"."""
    out: dict[str, str] = {}
    for line in issuer_lines:
        upper = line.strip().upper()
        for key, words in (("huyen", ("THỊ XÃ", "THÀNH PHỐ", "QUẬN", "HUYỆN")), ("xa", ("ĐẶC KHU", "PHƯỜNG", "XÃ"))):
            for word in words:
                if upper.startswith(word + " ") and key not in out:
                    out[key] = word.lower()
                    break
    return out


# --- letters -----------------------------------------------------------------------------------
