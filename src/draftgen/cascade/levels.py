"""Level tables as data: which phrases change when a text goes from one level of government to the next.

``data/levels/*.yaml`` (trung_uong → tinh, tinh → xa, tinh → huyen), plus an office's own folders; the
shortest chain of tables from the parent's level to the letter's.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from draftgen.errors import InputError, Problem
from draftgen.load import load_yaml_text
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
