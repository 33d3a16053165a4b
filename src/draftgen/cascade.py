"""Carry a parent directive's clauses down one or more levels.

Inputs are data: the parent chain (directives), the clause selection, local replacements, and the
level tables in ``data/levels/*.yaml`` (trung_uong → tinh, tinh → xa, tinh → huyen). The engine
knows no document or place.

Adapting a clause's text (:func:`adapt_text`):
1. local replacements first (longest first, one regex alternation, one pass); their output is final;
2. citations "<Loại> số <số/ký hiệu> [ngày …] [của <cơ quan>]" are protected: a cited document keeps
   its issuer at every level; only its date is rewritten in the letter's date style;
3. each level step in turn (e.g. trung_uong → tinh → xa): one alternation of the table's phrases,
   longest first, whole words, in one pass, so a phrase already adapted by a step is never adapted
   again by the same step; a phrase written lower-case also matches its capitalised form at the start
   of a sentence and is replaced capitalised;
4. dates left in the text are rewritten in the letter's style ("ngày 29 tháng 9 năm 2023" → "ngày 29/9/2023").

Selected clauses become items ("1.") and points ("a)") of the letter; points are re-lettered in the
Vietnamese sequence (a b c d đ e g h …) when clauses are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from draftgen.directives import Clause, Directive, Library
from draftgen.errors import InputError, Problem
from draftgen.load import load_yaml_text
from draftgen.models.cascade import ClauseSelection, Opening, Replacement
from draftgen.nd30 import body as nd30_body
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
from draftgen.resources import DATA_DIR

LEVELS_DIR = DATA_DIR / "levels"
LEVEL_NAMES = {"trung_uong": "trung ương", "tinh": "tỉnh", "xa": "xã", "huyen": "huyện"}


# --- data ------------------------------------------------------------------------------------

@cache
def settings() -> dict:
    path = DATA_DIR / "cascade.yaml"
    return load_yaml_text(path.read_text(encoding="utf-8"), source=str(path)).data


@dataclass(frozen=True)
class Rule:
    old: str
    new: str
    since: dt.date | None = None
    until: dt.date | None = None

    def applies(self, date: dt.date | None) -> bool:
        if date is None:
            return True
        return (self.since is None or date >= self.since) and (self.until is None or date <= self.until)


@dataclass(frozen=True)
class LevelTable:
    source: str
    target: str
    rules: tuple[Rule, ...]
    since: dt.date | None
    until: dt.date | None
    path: Path

    def applies(self, date: dt.date | None) -> bool:
        return Rule("", "", self.since, self.until).applies(date)


def _date(value: str | None, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(Problem(f"Ngày '{value}' phải viết dạng YYYY-MM-DD.", source=where)) from None


def load_level_table(path: Path) -> LevelTable:
    loaded = load_yaml_text(path.read_text(encoding="utf-8"), source=str(path))
    data = loaded.data
    rules = []
    for i, entry in enumerate(data.get("thay") or []):
        if not isinstance(entry, dict) or not entry.get("cu") or entry.get("moi") is None:
            raise InputError(Problem("Mỗi quy tắc cần 'cu' và 'moi'.", field=f"thay[{i}]",
                                     line=loaded.line_of(("thay", i)), source=str(path)))
        rules.append(Rule(entry["cu"], entry["moi"], _date(entry.get("tu_ngay"), str(path)),
                          _date(entry.get("den_ngay"), str(path))))
    return LevelTable(data["tu"], data["den"], tuple(rules), _date(data.get("tu_ngay"), str(path)),
                      _date(data.get("den_ngay"), str(path)), path)


def level_tables(folders: Iterable[Path] = ()) -> list[LevelTable]:
    """Bundled tables, plus an office's own tables (a table in ``folders`` replaces the bundled one
    with the same steps)."""
    tables: dict[tuple[str, str, dt.date | None], LevelTable] = {}
    for folder in [LEVELS_DIR, *folders]:
        for path in sorted(Path(folder).glob("*.yaml")):
            table = load_level_table(path)
            tables[(table.source, table.target, table.since)] = table
    return list(tables.values())


def level_steps(source: str, target: str, date: dt.date | None = None,
                tables: list[LevelTable] | None = None) -> list[LevelTable]:
    """The tables that take text from ``source`` level down to ``target`` (shortest path)."""
    if source == target:
        return []
    usable = [t for t in (tables if tables is not None else level_tables()) if t.applies(date)]
    queue: deque[tuple[str, list[LevelTable]]] = deque([(source, [])])
    seen = {source}
    while queue:
        level, path = queue.popleft()
        for table in usable:
            if table.source == level and table.target not in seen:
                if table.target == target:
                    return path + [table]
                seen.add(table.target)
                queue.append((table.target, path + [table]))
    when = f" cho văn bản ngày {date:%d/%m/%Y}" if date else ""
    raise InputError(Problem(
        f"Không có bảng chuyển cấp từ {LEVEL_NAMES.get(source, source)} xuống {LEVEL_NAMES.get(target, target)}{when} "
        f"(thư mục {LEVELS_DIR})."))


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


@dataclass
class CascadeItem:
    """An item of the letter: its text and its points (without labels)."""

    text: str
    points: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class CascadeResult:
    opening: str | None
    items: list[CascadeItem]
    warnings: list[str] = field(default_factory=list)

    def paragraphs(self, start: int = 0) -> list[str]:
        """Labelled body paragraphs: "1. …", "a) …" (points re-lettered a b c d đ e g …)."""
        out = [self.opening] if self.opening else []
        for i, item in enumerate(self.items):
            out.append(nd30_body.item_text(start + i, item.text))
            out.extend(nd30_body.point_text(j, p) for j, p in enumerate(item.points))
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
        date = directive.ngay.complete if directive.ngay else None
        return format_reference(directive.citation, full=True, ngay=date, date_style=self.date_style,
                                co_quan=issuer or directive.co_quan, trich_yeu=directive.trich_yeu)


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
    where = (conf["point"].format(diem=clause.letter, khoan=clause.item) if clause.is_point
             else conf["item"].format(khoan=clause.item))
    text = conf["text"].format(vi_tri=where, van_ban=citer.cite(directive))
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
            if selection.mode == "replace":
                text = selection.text.strip()  # type: ignore[union-attr]
            elif selection.mode == "refer":
                text = _refer_text(directive, clause, selection.text, citer)
            else:
                text = adapt_text(clause.text, steps_for(directive), local, opening.date_style)
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
                            f"Điểm {clause.id} của {directive.id} được đặt dưới mục {len(result.items)} của thư.")
                current.points.append(text)
                current.sources.append(f"{directive.id}:{clause.id}")
            else:
                current = CascadeItem(text, sources=[f"{directive.id}:{clause.id}"])
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

@dataclass
class Chain:
    """The resolved ``parents`` of a letter: directives (root first) and how the opening names them."""

    directives: list[Directive]
    verbs: list[str | None]
    notes: list[str | None]
    issuers: list[str | None]


# The parent files being read, outermost first: a letter that names itself (or a cycle) as its parent
# is refused with the chain, and a chain of letters deeper than any real one (central → province →
# commune is three) is refused before it exhausts the stack.
_VISITING: ContextVar[tuple[Path, ...]] = ContextVar("draftgen_parent_files", default=())
MAX_PARENT_DEPTH = 8


def _load_parent_file(path: Path, library: Library, field: str) -> Directive:
    from draftgen.directives import directive_from_loaded
    from draftgen.load import load_yaml_file

    visiting = _VISITING.get()
    resolved = path.resolve()
    if resolved in visiting:
        names = " → ".join(p.name for p in visiting[visiting.index(resolved):] + (resolved,))
        raise InputError(Problem(f"Văn bản cấp trên lặp vòng: {names}. Một văn bản không thể là cấp trên của "
                                 "chính nó; hãy sửa 'parents'.", field=field))
    if len(visiting) >= MAX_PARENT_DEPTH:
        raise InputError(Problem(f"Chuỗi văn bản cấp trên dài quá {MAX_PARENT_DEPTH} cấp; hãy xem lại 'parents'.",
                                 field=field))
    token = _VISITING.set(visiting + (resolved,))
    try:
        loaded = load_yaml_file(path)
        if isinstance(loaded.data, dict) and isinstance(loaded.data.get("co_quan"), dict):
            from draftgen.pipeline import validate_letter

            letter = validate_letter(loaded)
            return directive_from_letter(letter, base_dir=path.parent, library=library)
        return directive_from_loaded(loaded)
    finally:
        _VISITING.reset(token)


def resolve_chain(refs: list, *, base_dir: Path | None = None, library: Library | None = None) -> Chain:
    """``parents`` entries (library ids, directive files, letter files) → directives."""
    library = library or Library()
    chain = Chain([], [], [], [])
    for n, ref in enumerate(refs):
        if ref.id is not None:
            try:
                directive = library.get(ref.id)
            except InputError as exc:
                raise InputError(Problem(exc.problems[0].message, field=f"parents[{n}].id")) from None
        else:
            path = Path(ref.file)
            if not path.is_absolute():
                path = (base_dir or Path.cwd()) / path
            if not path.is_file():
                raise InputError(Problem(f"Không tìm thấy tệp văn bản cấp trên '{ref.file}'.",
                                         field=f"parents[{n}].file"))
            directive = _load_parent_file(path, library, f"parents[{n}].file")
        chain.directives.append(directive)
        chain.verbs.append(ref.verb)
        chain.notes.append(ref.note)
        chain.issuers.append(ref.issuer)
    return chain


def letter_cascade(letter, *, base_dir: Path | None = None, library: Library | None = None) -> CascadeResult | None:
    """The cascade of a letter model that has ``parents`` (None when it has none)."""
    parents = getattr(letter, "parents", None)
    if not parents:
        if getattr(letter, "clauses", None):
            raise InputError(Problem("Có 'clauses' nhưng thiếu 'parents' (văn bản cấp trên).", field="clauses"))
        return None
    chain = resolve_chain(parents, base_dir=base_dir, library=library)
    issuer = letter.co_quan
    return cascade(chain.directives, list(letter.clauses or []), target_level=issuer.cap,
                   replacements=list(letter.replacements or []), opening=letter.opening,
                   letter_date=letter.ngay.earliest, variables=unit_variables(list(issuer.ten)),
                   verbs=chain.verbs, notes=chain.notes, issuers=chain.issuers)


def running_issuer_name(lines: list[str]) -> str:
    """"ỦY BAN NHÂN DÂN / TỈNH ĐẮK LẮK" → "UBND tỉnh Đắk Lắk" (the name written after "của")."""
    from draftgen.directives_import import _running_issuer

    return _running_issuer([line.upper() for line in lines])[0]


def directive_from_letter(letter, *, base_dir: Path | None = None, library: Library | None = None) -> Directive:
    """A letter (its own parents resolved) seen as a parent directive for the level below."""
    result = letter_cascade(letter, base_dir=base_dir, library=library)
    items = [{"noi_dung": i.text, "diem": list(i.points)} for i in (result.items if result else [])]
    items += [{"noi_dung": i.noi_dung, "diem": list(i.diem)} for i in letter.noi_dung.muc]
    mo_dau = ([result.opening] if result and result.opening else []) + list(letter.noi_dung.mo_dau)
    date = letter.ngay
    data = {
        "loai": "Công văn",
        "so": str(letter.so) if letter.so else None,
        "ky_hieu": f"{letter.co_quan.viet_tat}-{letter.don_vi_soan_thao}",
        "ngay": {"ngay": date.ngay, "thang": date.thang, "nam": date.nam},
        "dia_danh": letter.co_quan.dia_danh,
        "co_quan": running_issuer_name(list(letter.co_quan.ten)),
        "co_quan_dong": list(letter.co_quan.ten),
        "cap": letter.co_quan.cap,
        "trich_yeu": letter.trich_yeu,
        "gui": list(letter.kinh_gui),
        "mo_dau": mo_dau,
        "muc": items,
        "ket_thuc": list(letter.noi_dung.ket_thuc),
    }
    return Directive.model_validate(data)
