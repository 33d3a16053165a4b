"""YAML → plain Python data, keeping the line of every value for error messages.

Every scalar is read as text (no implicit typing), so a unit code "00070" stays "00070" and
``no`` stays "no"; the pydantic models convert text to numbers, dates and booleans where a field
asks for them. Plain ``null``, ``~`` and empty values become None.

The data is built from the parser's events by an iterative builder (no recursion), which bounds
the work by the size of the input: hostile YAML is refused within a second whatever its shape.

- the file may hold at most :data:`MAX_INPUT_BYTES`;
- nesting deeper than :data:`MAX_DEPTH` is refused with its line (a letter needs fewer than ten levels);
- aliases (``*name``) may repeat at most :data:`MAX_ALIAS_NODES` nodes, or as many as the file
  itself holds, whichever is more (a scalar weighs one node per 64 characters, so an alias of a long
  text repeated many times counts too): an anchor ladder that would expand to billions of nodes
  (the "billion laughs") is refused with the line of the alias that crosses the limit;
- text that XML cannot hold (control characters …) is refused with its field and line; a manual
  line break left by Word (U+000B) is read as a line break (:mod:`draftgen.xmltext`).

The parser is libyaml through PyYAML's C binding (about 30 times faster than a pure-Python parser:
1 MB in about 0.3 s), with PyYAML's pure-Python parser as a fallback where the binding is missing.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from draftgen.errors import InputError, Problem
from draftgen.xmltext import first_illegal, illegal_character_message, normalise_breaks

Path_ = tuple[str | int, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}
_MERGE = "<<"

MAX_INPUT_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
MAX_ALIAS_NODES = 10_000
_CHARS_PER_NODE = 64

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Loaded:
    """Data read from a YAML document and the 1-based line of each value, by path."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    source: str | None = None

    def line_of(self, path: Path_) -> int | None:
        """Line of the value at ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def dotted(path: Path_) -> str:
    """``("noi_nhan", 2, "ten")`` → ``"noi_nhan[2].ten"``."""
    return _dotted(tuple(path))


@cache
def _problem_words() -> dict[str, str]:
    from draftgen.resources import DATA_DIR

    data = yaml.load((DATA_DIR / "yaml_vi.yaml").read_text(encoding="utf-8"), Loader=_Loader)
    return dict(data.get("problems") or {})


def _syntax_problem(exc: yaml.YAMLError, source: str | None) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = f", cột {mark.column + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or ""
    words = _problem_words().get(problem)
    if isinstance(exc, yaml.reader.ReaderError):
        words = "tệp chứa ký tự điều khiển hoặc byte không hợp lệ; hãy xóa ký tự đó"
    detail = f": {words}" if words else "; hãy xem lại dấu ':', '-', ngoặc kép và thụt lề ở dòng này và dòng trên"
    return Problem(f"YAML sai cú pháp{column}{detail}.", line=line, source=source)


class _Frame:
    """A mapping or sequence being built: its value, its path, and (mappings) the pending key."""

    __slots__ = ("value", "path", "key", "key_line", "merged", "anchor", "size")

    def __init__(self, value: Any, path: Path_, anchor: str | None):
        self.value = value
        self.path = path
        self.key: Any = None
        self.key_line = 0
        self.merged: set[str] = set()  # keys that came from a merge (<<) and may be overridden
        self.anchor = anchor
        self.size = 1


class _Builder:
    """Events → data + lines, iteratively, with the limits of the module docstring."""

    def __init__(self, source: str | None):
        self.source = source
        self.lines: dict[Path_, int] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.alias_nodes = 0
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def fail(self, message: str, line: int, path: Path_ | None = None) -> InputError:
        return InputError(Problem(message, field=_dotted(path) if path else None, line=line, source=self.source))

    def _next_path(self, line: int) -> Path_ | None:
        """Path of the value that comes next; None when it is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return top.path + (len(top.value),)
        if top.key is None:
            return None
        return top.path + (top.key,)

    def _text(self, value: str, line: int, path: Path_) -> str:
        value = normalise_breaks(unicodedata.normalize("NFC", value))
        bad = first_illegal(value)
        if bad is not None:
            raise self.fail(illegal_character_message(value, bad), line, path)
        return value

    def _place(self, value: Any, line: int, size: int) -> None:
        """Put a finished value where it belongs: the root, a list item, a mapping value."""
        if not self.stack:
            self.root = value
            self.lines.setdefault((), line)
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            self.lines.setdefault(top.path + (len(top.value),), line)
            top.value.append(value)
            return
        if top.key is None:  # this value is a key
            if not isinstance(value, str):
                if value is None:
                    value = ""
                else:
                    raise self.fail("Khóa của YAML phải là chữ (tên trường).", line, top.path)
            if value in top.value and value not in top.merged and value != _MERGE:
                raise self.fail(f"Khóa '{value}' bị lặp lại.", line, top.path + (value,))
            top.key, top.key_line = value, line
            return
        key = top.key
        top.key = None
        if key == _MERGE:
            for item in value if isinstance(value, list) else [value]:
                if not isinstance(item, dict):
                    raise self.fail("Sau '<<:' phải là một nhóm trường (mốc &tên của một nhóm).", line, top.path)
                for k, v in item.items():
                    if k not in top.value:
                        top.value[k] = v
                        top.merged.add(k)
            return
        top.merged.discard(key)
        top.value[key] = value
        self.lines[top.path + (key,)] = top.key_line

    def _anchor(self, anchor: str | None, value: Any, size: int) -> None:
        if anchor:
            self.anchors[anchor] = (value, size)

    def event(self, ev: yaml.Event) -> None:
        line = ev.start_mark.line + 1
        if isinstance(ev, yaml.ScalarEvent):
            weight = 1 + len(ev.value) // _CHARS_PER_NODE  # a long text weighs as much as the work it makes
            self.nodes += weight
            path = self._next_path(line)
            plain = ev.style in (None, "") and not ev.tag
            value = None if plain and ev.value in _NULLS else self._text(ev.value, line, path or ())
            self._anchor(ev.anchor, value, weight)
            self._place(value, line, weight)
        elif isinstance(ev, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self.nodes += 1
            if len(self.stack) >= MAX_DEPTH:
                raise self.fail(f"YAML lồng quá sâu (quá {MAX_DEPTH} cấp); một văn bản chỉ cần vài cấp. "
                                "Hãy xem lại thụt lề và các dấu ngoặc [ {.", line)
            path = self._next_path(line)
            value: Any = [] if isinstance(ev, yaml.SequenceStartEvent) else {}
            self.stack.append(_Frame(value, path if path is not None else (), ev.anchor))
            if path is not None:
                self.lines.setdefault(path, line)
        elif isinstance(ev, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            frame = self.stack.pop()
            if isinstance(frame.value, dict) and frame.key is not None:
                frame.value[frame.key] = None  # "? key" without a value
            self._anchor(frame.anchor, frame.value, frame.size)
            self._place(frame.value, line, frame.size)
        elif isinstance(ev, yaml.AliasEvent):
            known = self.anchors.get(ev.anchor)
            if known is None:
                raise self.fail(f"Mốc '*{ev.anchor}' chưa được đặt (thiếu '&{ev.anchor}' ở phía trên).", line)
            value, size = known
            self.alias_nodes += size
            if self.alias_nodes > max(MAX_ALIAS_NODES, self.nodes):
                raise self.fail("YAML dùng mốc (&, *) lặp lại quá nhiều lần; một văn bản không cần như vậy. "
                                "Hãy viết thẳng nội dung thay cho '*" + ev.anchor + "'.", line)
            self._place(copy.deepcopy(value) if size > 1 else value, line, size)
        elif isinstance(ev, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail("Tệp YAML chỉ được chứa một văn bản (có dòng '---' thứ hai).", line)


def load_yaml_text(text: str, source: str | None = None) -> Loaded:
    """Parse one YAML document. Syntax errors and refused input raise :class:`InputError` with the line."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_INPUT_BYTES:
        raise InputError(Problem(f"Tệp YAML quá lớn ({size / 1e6:.1f} MB; tối đa {MAX_INPUT_BYTES // 2**20} MB).",
                                 source=source))
    builder = _Builder(source)
    try:
        for ev in yaml.parse(text, Loader=_Loader):
            builder.event(ev)
    except yaml.YAMLError as exc:
        raise InputError(_syntax_problem(exc, source)) from None
    except UnicodeEncodeError:  # lone surrogates in text given from Python
        raise InputError(Problem("Văn bản chứa ký tự hỏng (surrogate); hãy lưu tệp dạng UTF-8.", source=source)) \
            from None
    if builder.documents == 0 or (builder.root is None and not builder.lines):
        raise InputError(Problem("Tệp YAML trống.", source=source))
    return Loaded(data=builder.root, lines=builder.lines, source=source)


def read_text_input(path: str | Path) -> tuple[str, str]:
    """Read a UTF-8 input file (``-`` = standard input). Returns (text, name for messages)."""
    import sys

    if str(path) == "-":
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "<stdin>"
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(Problem(f"'{p}' là một thư mục; hãy chọn tệp YAML."))
        if not p.is_file():
            raise InputError(Problem(f"Không tìm thấy tệp '{p}'."))
        if p.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(Problem(f"Tệp quá lớn ({p.stat().st_size / 1e6:.1f} MB; tối đa "
                                     f"{MAX_INPUT_BYTES // 2**20} MB).", source=str(p)))
        raw = p.read_bytes()
        name = str(p)
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(Problem(f"Dữ liệu vào quá lớn (tối đa {MAX_INPUT_BYTES // 2**20} MB).", source=name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Problem("Tệp không phải văn bản UTF-8 (hãy lưu lại với mã hóa UTF-8).", source=name)) \
            from None
    return text, name


def load_yaml_file(path: str | Path) -> Loaded:
    """Read and parse a YAML file (``-`` = standard input)."""
    text, name = read_text_input(path)
    return load_yaml_text(text, source=name)
