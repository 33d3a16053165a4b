"""The INPUT letter as a plan: Jinja fields compiled once, filled per unit, and per-unit overrides.

Every string that holds a Jinja tag (``{{ unit.name }}``) is compiled once per run in the sandboxed
environment of :mod:`draftgen.render` (autoescape off: these are plain-text fields that the DOCX template
escapes once, later).

Per-unit overrides (replace or extend any field of one unit):

- in the INPUT: ``batch: {overrides: {"24175": {"so": 15, "nguoi_ky.ho_ten": "…", "noi_dung.muc+": [...]}}}``
- in the units table: columns ``override.<field>`` (``override.so``, ``override.kinh_gui``,
  ``override.nguoi_ky.ho_ten``, ``override.noi_dung.muc+``); an empty cell changes nothing.

A key is a dotted field path (a number selects a list element); a trailing ``+`` appends to a list instead
of replacing it. Override values may use ``{{ unit.… }}`` too.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, UndefinedError
from jinja2.sandbox import SecurityError

from draftgen.diskcache import jinja_template
from draftgen.errors import InputError, Problem
from draftgen.load import Loaded, dotted, load_yaml_file
from draftgen.render import jinja_environment
from draftgen.units import Unit

BATCH_KEY = "batch"
OVERRIDE_PREFIX = "override."
_BATCH_OPTIONS = {"overrides", "file_name"}

PathT = tuple[str | int, ...]



_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def vn_number(value: Any) -> str:
    """Jinja filter ``so``: a number written the Vietnamese way, "1250.5" → "1.250,5"; other text unchanged."""
    text = str(value).strip()
    if not _PLAIN_NUMBER.fullmatch(text):
        return text
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = ".".join(digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)[::-1])
    return sign + grouped + ("," + frac if frac else "")


def field_environment():  # noqa: ANN201 - a jinja2 SandboxedEnvironment
    """The draftgen Jinja environment without autoescape: fields are plain text, escaped later by the template.

    Adds the filter ``so`` ({{ unit.kinh_phi|so }} → 1.250).
    """
    env = jinja_environment().overlay(autoescape=False)
    env.filters = {**env.filters, "so": vn_number}
    return env


def _has_tag(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


def has_field(node: Any) -> bool:
    """Whether a compiled node of the letter holds a Jinja field (its value differs from unit to unit)."""
    if isinstance(node, _Field):
        return True
    if isinstance(node, dict):
        return any(has_field(v) for v in node.values())
    if isinstance(node, list):
        return any(has_field(v) for v in node)
    return False


class _Field:
    """A compiled Jinja string of the letter, with where it came from.

    ``simple``: expressions only (no ``{% %}`` statement, so no ``{% set %}``): rendered in a Jinja context
    shared by the unit's other simple fields (one context per unit instead of one per field).
    """

    __slots__ = ("template", "path", "line", "simple")

    def __init__(self, template: Any, path: PathT, line: int | None, simple: bool = False):
        self.template, self.path, self.line, self.simple = template, path, line, simple


def _undefined_message(exc: Exception) -> str:
    found = re.search(r"has no attribute '([^']+)'", str(exc))
    if found:
        return f"đơn vị không có cột '{found.group(1)}' (dùng trong mẫu)."
    found = re.search(r"'([^']+)' is undefined", str(exc))
    if found:
        return f"tên '{found.group(1)}' không có trong mẫu; dùng unit.<tên cột>, ví dụ {{{{ unit.name }}}}."
    return f"mẫu Jinja lỗi: {exc}"


def letter_of(path: str | Path, office: Any = None) -> Loaded:
    """The INPUT letter as loaded; with an office template (:class:`draftgen.batch.office.OfficeTemplate`) the
    fields the template supplies are under the letter's own."""
    loaded = load_yaml_file(path)
    return office.under(loaded) if office is not None else loaded


class LetterPlan:
    """The INPUT letter compiled once: its Jinja fields and per-unit overrides."""

    def __init__(self, loaded: Loaded):
        if not isinstance(loaded.data, dict):
            raise InputError(Problem("Tệp phải là một nhóm trường (khóa: giá trị), ví dụ 'co_quan: …'.",
                                     line=loaded.line_of(()), source=loaded.source))
        self.loaded = loaded
        self.source = loaded.source
        data = dict(loaded.data)
        options = data.pop(BATCH_KEY, None) or {}
        problems: list[Problem] = []
        if not isinstance(options, dict):
            problems.append(Problem("'batch' phải là một nhóm trường (overrides, file_name).", field=BATCH_KEY,
                                    line=loaded.line_of((BATCH_KEY,)), source=self.source))
            options = {}
        for key in options:
            if key not in _BATCH_OPTIONS:
                allowed = ", ".join(sorted(_BATCH_OPTIONS))
                problems.append(Problem(f"trường này không có trong mẫu; 'batch' có: {allowed}.",
                                        field=f"{BATCH_KEY}.{key}", line=loaded.line_of((BATCH_KEY, key)),
                                        source=self.source))
        self.file_name: str | None = options.get("file_name")
        self.env = field_environment()
        self._constant: set[int] = set()  # ids of the subtrees without a field: the same for every unit
        self.tree = self._compile(data, (), problems)
        self.overrides: dict[str, list[tuple[str, Any, PathT]]] = {}
        raw_overrides = options.get("overrides") or {}
        if not isinstance(raw_overrides, dict):
            problems.append(Problem("'batch.overrides' phải là nhóm theo mã đơn vị, ví dụ \"24175\": {so: 15}.",
                                    field="batch.overrides", line=loaded.line_of((BATCH_KEY, "overrides")),
                                    source=self.source))
            raw_overrides = {}
        for code, changes in raw_overrides.items():
            base: PathT = (BATCH_KEY, "overrides", code)
            if not isinstance(changes, dict):
                problems.append(Problem("Thay đổi của một đơn vị phải là nhóm 'trường: giá trị'.", field=dotted(base),
                                        line=loaded.line_of(base), source=self.source))
                continue
            self.overrides[str(code)] = [(key, self._compile(value, base + (key,), problems), base + (key,))
                                         for key, value in changes.items()]
        if problems:
            raise InputError(problems)

    def _compile(self, value: Any, path: PathT, problems: list[Problem]) -> Any:
        if isinstance(value, str) and _has_tag(value):
            try:
                return _Field(jinja_template(self.env, value), path, self.loaded.line_of(path), "{%" not in value)
            except TemplateError as exc:
                problems.append(Problem(f"mẫu Jinja sai cú pháp: {exc}", field=dotted(path),
                                        line=self.loaded.line_of(path), source=self.source))
                return value
        node: Any = value
        if isinstance(value, dict):
            node = {k: self._compile(v, path + (k,), problems) for k, v in value.items()}
        elif isinstance(value, list):
            node = [self._compile(v, path + (i,), problems) for i, v in enumerate(value)]
        if isinstance(node, (dict, list)) and not has_field(node):
            self._constant.add(id(node))  # kept alive by the tree
        return node

    @property
    def letter_date(self) -> dt.date | None:
        """The earliest day of the letter's date when it is written plainly (for the bundled dataset)."""
        raw = self.loaded.data.get("ngay")
        if not isinstance(raw, (str, dict)) or (isinstance(raw, str) and _has_tag(raw)):
            return None
        from pydantic import TypeAdapter, ValidationError

        from draftgen.models.common import DateInput

        try:
            return TypeAdapter(DateInput).validate_python(raw).earliest
        except ValidationError:
            return None

    # -- per unit --

    def _fill(self, node: Any, ctx: dict[str, Any], problems: list[Problem], shared: list[Any]) -> Any:
        """``node`` with its fields rendered for ``ctx``; a subtree without fields is returned as it is (shared)."""
        if isinstance(node, _Field):
            template = node.template
            try:
                if not node.simple:
                    return template.render(ctx)
                if not shared:  # one Jinja context per unit for every field of expressions only
                    shared.append(template.new_context(dict(ctx)))
                return self.env.concat(template.root_render_func(shared[0]))  # type: ignore[attr-defined]
            except UndefinedError as exc:
                problems.append(Problem(_undefined_message(exc), field=dotted(node.path), line=node.line))
            except SecurityError as exc:
                problems.append(Problem(f"mẫu Jinja không được phép: {exc}", field=dotted(node.path), line=node.line))
            except Exception as exc:  # noqa: BLE001 - any template error is the clerk's input problem
                problems.append(Problem(f"mẫu Jinja lỗi: {exc}", field=dotted(node.path), line=node.line))
            return ""
        if isinstance(node, dict):
            if id(node) in self._constant:
                return node
            return {k: self._fill(v, ctx, problems, shared) for k, v in node.items()}
        if isinstance(node, list):
            if id(node) in self._constant:
                return node
            return [self._fill(v, ctx, problems, shared) for v in node]
        return node

    def fields_data(self, unit: Unit) -> tuple[dict[str, Any], list[Problem]]:
        """The letter's data for one unit with its fields rendered, before any override."""
        problems: list[Problem] = []
        return dict(self._fill(self.tree, {"unit": unit.columns}, problems, [])), problems

    def unit_data(self, unit: Unit) -> tuple[dict[str, Any], list[Problem]]:
        """The letter's data for one unit (fields rendered, overrides applied) and the problems found."""
        problems: list[Problem] = []
        ctx = {"unit": unit.columns}
        shared: list[Any] = []
        data = dict(self._fill(self.tree, ctx, problems, shared))  # a dict of its own: overrides change it
        for key, value, path in self.overrides.get(unit.code, []):
            _apply(data, key, self._fill(value, ctx, problems, shared), problems, path)
        for column, text in unit.columns.items():
            if column.startswith(OVERRIDE_PREFIX) and text != "":
                _apply(data, column[len(OVERRIDE_PREFIX):], text, problems, None, column)
        return data, problems


def _own(node: Any) -> Any:
    """A shallow copy of a dict or list (to change without changing the plan's tree); anything else as is."""
    return dict(node) if isinstance(node, dict) else list(node) if isinstance(node, list) else node


def _apply(data: dict[str, Any], key: str, value: Any, problems: list[Problem], path: PathT | None,
           column: str | None = None) -> None:
    """Set (or with a trailing '+', extend) the field at a dotted path."""
    append = key.endswith("+")
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in key.rstrip("+").strip().split(".") if p]
    where = f"cột '{column}'" if column else None

    def fail(message: str) -> None:
        problems.append(Problem(f"{where + ': ' if where else ''}{message}", field=dotted(path) if path else key,
                                line=None))

    if not parts:
        fail("thiếu tên trường cần thay.")
        return
    node: Any = data
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                fail(f"không có phần tử số {part} của '{dotted(tuple(parts[:i]))}'.")
                return
            node[part] = _own(node[part])  # the plan's subtrees are shared by every unit: change a copy
            node = node[part]
        elif isinstance(node, dict):
            if node.get(part) is None:
                node[part] = [] if isinstance(nxt, int) else {}
            else:
                node[part] = _own(node[part])
            node = node[part]
        else:
            fail(f"'{dotted(tuple(parts[:i]))}' không phải nhóm trường nên không thay được '{key}'.")
            return
    last = parts[-1]
    if append:
        current = node.get(last) if isinstance(node, dict) else None
        if isinstance(node, list) and isinstance(last, int) and last < len(node):
            current = node[last]
        if current is None:
            current = []
        if isinstance(current, str):
            current = [current]
        if not isinstance(current, list):
            fail(f"'{key.rstrip('+')}' không phải danh sách nên không thêm được.")
            return
        current = current + (value if isinstance(value, list) else [value])
        value = current
    if isinstance(node, dict) and isinstance(last, str):
        node[last] = copy.deepcopy(value)
    elif isinstance(node, list) and isinstance(last, int) and last < len(node):
        node[last] = copy.deepcopy(value)
    else:
        fail(f"không thay được '{key}'.")


