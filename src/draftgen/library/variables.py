"""Which variables a template reads, by a dry render with recording placeholders, against the view model.

Each name the template does not define gets a :class:`Recorder`: reading an attribute or item records the
path (``body[].text``), iterating records a loop and yields one element, an ``if`` is always true (so its
body is explored). The known paths are the fields of the type's view model (its dataclass, walked through
lists and nested dataclasses) plus what the renderer adds to the context (``issuer_rule_xml`` …), taken
from a real context of the sample.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any

from jinja2 import TemplateSyntaxError, meta

from draftgen.library.docxparts import Package, paragraphs
from draftgen.library.findings import LintFinding
from draftgen.library.tags import TAG, _texts


class Recorder(str):
    """A stand-in for any value: records every path read from it."""

    _log: dict[str, str]
    _path: str

    def __new__(cls, path: str, log: dict[str, str]) -> Recorder:
        self = super().__new__(cls, "")
        self._path, self._log = path, log
        log.setdefault(path, "read")
        return self

    def __getattr__(self, name: str) -> Recorder:
        if name.startswith("_"):
            raise AttributeError(name)
        return Recorder(f"{self._path}.{name}", self._log)

    def __getitem__(self, key: Any) -> Recorder:  # type: ignore[override]
        return Recorder(f"{self._path}[]" if isinstance(key, int) else f"{self._path}.{key}", self._log)

    def __iter__(self):  # type: ignore[override]
        self._log[self._path] = "loop"
        yield Recorder(f"{self._path}[]", self._log)

    def __bool__(self) -> bool:
        return True

    def __html__(self) -> str:
        return ""


def used_paths(package: Package) -> tuple[dict[str, dict[str, str]], list[LintFinding]]:
    """Per part, each path read and how ("read" or "loop"); syntax errors as findings."""
    from draftgen.render import _patch, jinja_environment

    env = jinja_environment()
    used: dict[str, dict[str, str]] = {}
    findings: list[LintFinding] = []
    for part in package.tag_parts():
        text = package.parts[part].decode("utf-8", "replace")
        if "{{" not in text and "{%" not in text:
            continue
        source = _patch(text)
        try:
            ast = env.parse(source)
        except TemplateSyntaxError as exc:
            findings.append(LintFinding("TPL-JINJA", part, f"Lỗi cú pháp thẻ: {exc.message}.",
                                        snippet=_line(source, exc.lineno)))
            continue
        log: dict[str, str] = {}
        ctx = {name: Recorder(name, log) for name in meta.find_undeclared_variables(ast)}
        try:
            env.from_string(source).render(ctx)
        except Exception as exc:  # noqa: BLE001 - any failure of the dry render is a finding, not a crash
            findings.append(LintFinding("TPL-JINJA", part, f"Thẻ không chạy được khi thử điền ({type(exc).__name__}: "
                                        f"{exc})."))
        used[part] = log
    return used, findings


def _line(source: str, lineno: int | None) -> str | None:
    if not lineno:
        return None
    line = source.splitlines()[lineno - 1] if lineno <= len(source.splitlines()) else ""
    return re.sub(r"<[^>]*>", "", line)[:80] or None


def model_paths(cls: type, prefix: str = "", out: set[str] | None = None, open_: set[str] | None = None
                ) -> tuple[set[str], set[str]]:
    """Every path of a view-model dataclass; ``open_`` holds the paths of mappings (any key is known)."""
    out = set() if out is None else out
    open_ = set() if open_ is None else open_
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        _walk(hints.get(f.name, Any), f"{prefix}{f.name}", out, open_)
    return out, open_


def _walk(hint: Any, path: str, out: set[str], open_: set[str]) -> None:
    out.add(path)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if arg is not type(None):
                _walk(arg, path, out, open_)
    elif origin in (list, tuple):
        for arg in typing.get_args(hint)[:1]:
            _walk(arg, f"{path}[]", out, open_)
    elif origin is dict or hint is dict or hint is Any:
        open_.add(path)
    elif dataclasses.is_dataclass(hint):
        model_paths(hint, f"{path}.", out, open_)


def context_paths(value: Any, path: str, out: set[str]) -> None:
    """The paths of a real rendering context (to learn what the renderer adds to the view model)."""
    if path:
        out.add(path)
    if isinstance(value, dict):
        for key, item in value.items():
            context_paths(item, f"{path}.{key}" if path else str(key), out)
    elif isinstance(value, list | tuple):
        for item in value:
            context_paths(item, f"{path}[]", out)


_PREFIX = re.compile(r"\.|\[\]")


def _prefixes(path: str) -> list[str]:
    return [path[:m.start()] for m in _PREFIX.finditer(path) if m.start()] + [path]


def variable_findings(package: Package, used: dict[str, dict[str, str]], known: set[str], open_: set[str],
                      type_name: str) -> list[LintFinding]:
    findings: list[LintFinding] = []
    for part, log in used.items():
        unknown = {p for p in log if p not in known and not any(q in open_ for q in _prefixes(p))}
        for path in sorted(unknown):
            if any(q in unknown for q in _prefixes(path)[:-1]):
                continue  # only the shortest unknown path of a chain
            name = _PREFIX.split(path)[-1] or path
            place, snippet = _locate(package, part, name.strip("[]") or path)
            if log[path] == "loop":
                rule, what = "TPL-LOOP-MISSING", f"Vòng lặp trên danh sách '{path}' mà {type_name} không có"
            else:
                rule, what = "TPL-VAR-UNKNOWN", f"Biến '{path}' không có trong dữ liệu của {type_name}"
            findings.append(LintFinding(rule, part, f"{what}; thẻ này sẽ không điền được (xem 'draftgen templates "
                                        "show' để biết các biến có thể dùng).", place[0], place[1], snippet))
    return findings


def _locate(package: Package, part: str, name: str) -> tuple[tuple[int | None, Any], str | None]:
    word = re.compile(rf"\b{re.escape(name.split('.')[-1])}\b")
    for place, p in paragraphs(package, part):
        text, _ = _texts(p)
        for m in TAG.finditer(text):
            if word.search(m.group()):
                return (place.paragraph, place.cell), m.group()
    return (None, None), None


def placement_findings(used: dict[str, dict[str, str]], required: dict[str, str]) -> list[LintFinding]:
    """A required element the template never reads is dropped from every document made with it."""
    read = {path for log in used.values() for path in log}
    return [LintFinding("TPL-VAR-NOT-PLACED", "word/document.xml", f"Mẫu không đặt '{path}' ({name}) ở đâu cả: mọi "
                        "văn bản tạo từ mẫu sẽ thiếu thành phần này; hãy thêm thẻ {{ " + path + " }} (xem mẫu có sẵn).")
            for path, name in required.items() if path not in read]
