"""YAML → plain Python data, keeping the line of every value for error messages.

Every scalar is read as text (YAML 1.2 composer, no implicit typing), so a unit code "00070"
stays "00070" and ``no`` stays "no"; the pydantic models convert text to numbers, dates and
booleans where a field asks for them. Plain ``null``, ``~`` and empty values become None.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from draftgen.errors import InputError, Problem

Path_ = tuple[str | int, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}


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


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", value)


class _Builder:
    def __init__(self, source: str | None):
        self.lines: dict[Path_, int] = {}
        self.source = source

    def build(self, node: Node, path: Path_) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, ScalarNode):
            if node.style is None and node.value in _NULLS:
                return None
            return _text(node.value)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                    merged = self.build(value_node, path)
                    for item in merged if isinstance(merged, list) else [merged]:
                        if isinstance(item, dict):
                            for k, v in item.items():
                                result.setdefault(k, v)
                    continue
                if not isinstance(key_node, ScalarNode):
                    raise InputError(Problem("Khóa của YAML phải là chữ.", line=key_node.start_mark.line + 1,
                                             source=self.source))
                key = _text(key_node.value)
                if key in result:
                    raise InputError(Problem(f"Khóa '{key}' bị lặp lại.", field=_dotted(path + (key,)),
                                             line=key_node.start_mark.line + 1, source=self.source))
                result[key] = self.build(value_node, path + (key,))
                self.lines[path + (key,)] = key_node.start_mark.line + 1
            return result
        raise InputError(Problem("Nội dung YAML không đọc được.", line=node.start_mark.line + 1,
                                 source=self.source))


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def dotted(path: Path_) -> str:
    """``("noi_nhan", 2, "ten")`` → ``"noi_nhan[2].ten"``."""
    return _dotted(tuple(path))


def load_yaml_text(text: str, source: str | None = None) -> Loaded:
    """Parse one YAML document. Syntax errors raise :class:`InputError` with the line."""
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(Problem(f"YAML sai cú pháp: {exc.problem or exc}", line=line, source=source)) from None
    except YAMLError as exc:
        raise InputError(Problem(f"YAML sai cú pháp: {exc}", source=source)) from None
    if node is None:
        raise InputError(Problem("Tệp YAML trống.", source=source))
    builder = _Builder(source)
    data = builder.build(node, ())
    return Loaded(data=data, lines=builder.lines, source=source)


def read_text_input(path: str | Path) -> tuple[str, str]:
    """Read a UTF-8 input file (``-`` = standard input). Returns (text, name for messages)."""
    import sys

    if str(path) == "-":
        raw = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        if not p.is_file():
            raise InputError(Problem(f"Không tìm thấy tệp '{p}'."))
        raw = p.read_bytes()
        name = str(p)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Problem("Tệp không phải văn bản UTF-8.", source=name)) from None
    return text, name


def load_yaml_file(path: str | Path) -> Loaded:
    """Read and parse a YAML file (``-`` = standard input)."""
    text, name = read_text_input(path)
    return load_yaml_text(text, source=name)
