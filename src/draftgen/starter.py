"""The starter file of a document type (``draftgen new LOAI``): a commented YAML a clerk fills in.

Written from the type's JSON Schema in input mode (:mod:`draftgen.schema`), so it follows the models: every
field with its Vietnamese title and description as a comment, the required ones (and the few optional
ones nearly every document has, ``show`` in ``data/field_help.yaml``) written out, the other optional ones
present but commented out. Text values are placeholders (``"<ví dụ: Hòa Phú>"``) built from the field's
example; validation refuses a placeholder left in (:mod:`draftgen.placeholders`).
"""

from __future__ import annotations

import json
from typing import Any

from draftgen.fieldhelp import field_help, field_order, model_help, model_name
from draftgen.placeholders import placeholder

_INDENT = "  "


class _Writer:
    """Lines of the starter for one schema (its ``$defs`` resolve the references).

    A commented-out field keeps its ``#`` in the column of the outermost commented field (``base``), so
    that removing "# " from each of its lines gives valid YAML.
    """

    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs
        self.lines: list[str] = []

    def out(self, depth: int, text: str, base: int | None) -> None:
        if base is None:
            self.lines.append(f"{_INDENT * depth}{text}")
        else:
            self.lines.append(f"{_INDENT * base}# {_INDENT * (depth - base)}{text}")

    def note(self, depth: int, text: str) -> None:
        self.lines.append(f"{_INDENT * depth}# {text}")

    def resolve(self, prop: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """The model a property holds (a ``$ref``, alone or among the forms of ``anyOf``), if any."""
        for option in [prop] + list(prop.get("anyOf") or []):
            ref = option.get("$ref")
            if ref:
                name = ref.rsplit("/", 1)[-1]
                return model_name(name), self.defs[name]
        return None

    def obj(self, model: str, node: dict[str, Any], depth: int, base: int | None, key: str | None) -> None:
        required = set(node.get("required") or [])
        properties = node.get("properties") or {}
        names = list(properties)
        if depth == 0:
            order = field_order()
            names.sort(key=lambda n: order.index(n) if n in order else len(order))
        for name in names:
            prop = properties[name]
            words = field_help(model, name)
            if name == "loai":
                if key is not None:
                    self.comment(depth, prop)
                    self.out(depth, f"loai: {key}", None)
                continue
            here = base if base is not None else (None if name in required or words.get("show") else depth)
            self.comment(depth, prop, blank=depth == 0)
            if "example" in words:
                self.value(depth, name, words["example"], here)
                continue
            inner = self.resolve(prop)
            self.out(depth, f"{name}:", here if inner else depth)
            if inner:
                self.obj(inner[0], inner[1], depth + 1, here, None)

    def comment(self, depth: int, prop: dict[str, Any], blank: bool = False) -> None:
        if blank:
            self.lines.append("")
        text = prop.get("description") or ""
        title = prop.get("title") or ""
        choices = _choices(prop)
        line = f"{title}: {text}" if text and not text.startswith(title) else (text or title)
        self.note(depth, line + (f" (chọn: {', '.join(choices)})" if choices else ""))

    def value(self, depth: int, name: str, example: Any, base: int | None) -> None:
        if isinstance(example, list) and not all(isinstance(v, list) for v in example):
            self.out(depth, f"{name}:", base)
            for item in example:
                self.item(depth + 1, item, base)
        elif isinstance(example, dict):
            self.out(depth, f"{name}:", base)
            for key, item in example.items():
                self.value(depth + 1, key, item, base)
        else:
            self.out(depth, f"{name}: {_scalar(example)}", base)

    def item(self, depth: int, item: Any, base: int | None) -> None:
        if not isinstance(item, dict):
            self.out(depth, f"- {_scalar(item)}", base)
            return
        for index, (key, value) in enumerate(item.items()):
            before = len(self.lines)
            self.value(depth + 1, key, value, base)
            if index == 0:  # "- key: …" on the item's first line
                self.lines[before] = _dash(self.lines[before])


def _dash(line: str) -> str:
    """The first line of a mapping in a list: the last two spaces of its indent become "- " (after the
    "# " of a commented line)."""
    head, body = "", line
    stripped = line.lstrip(" ")
    if stripped.startswith("# "):
        head, body = line[: len(line) - len(stripped)] + "# ", stripped[2:]
    text = body.lstrip(" ")
    spaces = len(body) - len(text)
    return head + " " * (spaces - len(_INDENT)) + "- " + text


def _scalar(value: Any) -> str:
    """A YAML scalar: text as a quoted placeholder, numbers and yes/no as they are, rows of a table inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return json.dumps(placeholder(str(value)), ensure_ascii=False)


def _choices(prop: dict[str, Any]) -> list[str]:
    """The closed values of a property (its enum), when they are few enough to list."""
    for option in [prop] + list(prop.get("anyOf") or []):
        if "enum" in option and len(option["enum"]) <= 8:
            return [str(v) for v in option["enum"]]
    return []


def _root(schema: dict[str, Any], key: str) -> tuple[str, dict[str, Any]]:
    """The model of type ``key`` in its family's schema (one of a union's branches, or the schema itself)."""
    defs = schema.get("$defs") or {}
    for branch in schema.get("allOf") or []:  # a family of several models: the branch whose loai is key
        if key in branch["if"]["properties"]["loai"]["enum"]:
            name = branch["then"]["$ref"].rsplit("/", 1)[-1]
            return model_name(name), defs[name]
    return "", schema


def starter_yaml(key: str, schema_ref: str | None = None) -> str:
    """The commented starter YAML of type ``key`` (``loai``); ``schema_ref`` for the editor's modeline."""
    from draftgen.doctypes.registry import get_type
    from draftgen.schema import family_json_schema

    doc_type = get_type(key)
    schema = family_json_schema(doc_type.family)
    model, node = _root(schema, key)
    model = model or doc_type.model.__name__
    writer = _Writer(schema.get("$defs") or {})
    head = [f"# yaml-language-server: $schema={schema_ref}"] if schema_ref else []
    described = model_help(model).get("description", "")
    head += [
        f"# {doc_type.ten}: tệp mẫu do 'draftgen new {key}' tạo ({described}).",
        "# Thay mỗi \"<ví dụ: …>\" bằng nội dung của văn bản (giữ dấu ngoặc kép hoặc bỏ cả hai).",
        "# Trường tùy chọn được ghi sau dấu #: bỏ dấu # ở đầu dòng để dùng.",
        "# Soạn xong: draftgen render <tệp này>   (kiểm tra trước: draftgen validate <tệp này>)",
    ]
    writer.obj(model, node, 0, None, key)
    return "\n".join(head + writer.lines) + "\n"
