"""The form of a document type, generated from its JSON Schema (input mode), and the way back.

:func:`form_of` walks the schema of a type (:func:`draftgen.schema.schema_for_type`: the pydantic model with
the Vietnamese titles and descriptions of ``data/field_help.yaml``) into a tree of :class:`Field`: text,
number, select (an enum), checkbox, group (an object: a fieldset) and list (an array: a list that grows).
Input names are the dotted paths the validation messages use (``co_quan.ten[0]``, ``noi_dung.muc[1].diem[0]``),
so a model's error lands beside its field.

:func:`data_of` turns the submitted form back into the plain dict the YAML loader gives (every scalar as
text, empty values left out), so it is validated by the same models; :func:`values_for` shapes a dict read
from a YAML file for the form (a single string where the form has a list …).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from draftgen.fieldhelp import field_help, field_order, row_word

# Fields the generic form leaves to the parent-directive panel (pages_directives.py)
CASCADE_FIELDS = ("parents", "clauses", "opening")
# Fields the form does not edit (tables, a whole attached document): kept as the YAML file gave them
KEPT_FIELDS = ("phu_luc", "van_ban_kem_theo", "replacements")
# Long text: a textarea rather than a one-line input
_LONG = {"mo_dau", "ket_thuc", "noi_dung", "diem", "khoan", "text", "can_cu", "dien", "nhan_dien"}
JSON_PREFIX = "_json:"
# Objects a clerk writes as text ("…/3/2026", ", UBND tỉnh có ý kiến như sau:"): the form has the text input
_SCALAR_FIRST = {"PartialDate", "Opening"}
_INDEX = re.compile(r"\[(\d+)\]")
_MAX_INDEX = 500  # a form never has more rows; a larger index is refused (no request can grow a list unbounded)


@dataclass
class Field:
    """One node of a generated form."""

    key: str                              # the property name ("" for a list's item)
    kind: str                             # text | textarea | number | select | check | group | list | json
    title: str = ""
    help: str = ""
    example: str = ""
    required: bool = False
    options: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # the words shown for each option (field_help.yaml)
    children: list[Field] = field(default_factory=list)
    item: Field | None = None             # the node of each element of a list
    collapse: str | None = None           # a group that may be written as one string: the key it stands for
    optional: bool = False                # a top-level field shown under "more fields"


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip(" .")


def _options(values: Iterable[Any]) -> list[str]:
    """An enum's values, one per meaning: 'HỎA TỐC' but not 'hỏa tốc', 'Hoả tốc', 'HOA TOC'; 'KT' not 'KT.'."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        text = str(value)
        key = _strip_marks(text)
        if key not in seen:
            seen.add(key)
            out.append(text)
    return out


class _Walker:
    def __init__(self, schema: dict[str, Any]):
        self.defs = schema.get("$defs") or {}

    def deref(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target = self.defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def choose(self, node: dict[str, Any], in_list: bool) -> dict[str, Any]:
        """One branch of an ``anyOf``: an object over a scalar (but a date is typed as text), a list over a
        scalar; among scalars, text."""
        branches = [o for o in node["anyOf"] if o.get("type") != "null"]
        options = [self.deref(o) for o in branches]
        objects = [o for o, b in zip(options, branches, strict=True) if o.get("type") == "object"
                   and b.get("$ref", "").rsplit("/", 1)[-1] not in _SCALAR_FIRST]
        lists = [o for o in options if o.get("type") == "array"]
        if objects:
            return objects[0]
        if lists:
            return lists[0]
        scalars = [o for o in options if o.get("type") != "object"] or options
        if len(scalars) > 1 and any(o.get("type") == "integer" for o in scalars):
            return {"type": "string"}  # a number or "…": typed as text, the model reads it
        return scalars[0]

    def walk(self, key: str, node: dict[str, Any], required: bool = False, in_list: bool = False) -> Field | None:
        node = self.deref(node)
        words = {"title": node.get("title", ""), "help": node.get("description", "")}
        examples = node.get("examples") or []
        if "anyOf" in node:
            chosen = self.choose(node, in_list)
            strings = any(self.deref(o).get("type") == "string" for o in node["anyOf"])
            result = self.walk(key, {**chosen, **{k: v for k, v in words.items() if v}}, required, in_list)
            if result is not None and result.kind == "group" and strings:
                first = next((c.key for c in result.children if c.required), None)
                result.collapse = first
            if result is not None and not result.example and examples:
                result.example = _example(examples[0])
            return result
        kind = node.get("type")
        example = _example(examples[0]) if examples else ""
        if "enum" in node or "const" in node:
            values = node.get("enum") or [node["const"]]
            labels = {str(k): str(v) for k, v in (field_help("", key).get("labels") or {}).items()}
            return Field(key, "select", options=_options(values), labels=labels, required=required, example=example,
                         **words)
        if kind == "object":
            props = node.get("properties") or {}
            needed = set(node.get("required") or [])
            children = [f for name, sub in props.items()
                        if (f := self.walk(name, sub, name in needed)) is not None]
            return Field(key, "group", children=children, required=required, **words)
        if kind == "array":
            items = node.get("items") or {}
            item = self.walk("", items, in_list=True)
            if item is None or item.kind == "list":  # a list of lists (a table's rows): kept as it came
                return Field(key, "json", required=required, **words)
            if item.kind == "text" and key in _LONG:
                item.kind = "textarea"
            item.title = row_word(key) or item.title
            return Field(key, "list", item=item, required=required, example=example, **words)
        if kind == "boolean":
            return Field(key, "check", required=required, **words)
        if kind == "integer":
            return Field(key, "number", required=required, example=example, **words)
        if kind == "string":
            return Field(key, "textarea" if key in _LONG else "text", required=required, example=example, **words)
        return None


def _example(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = next((v for v in value.values() if isinstance(v, str)), "")
    return "" if isinstance(value, bool) else str(value)


def _model_schema(loai: str) -> dict[str, Any]:
    from draftgen.schema import schema_for_type

    schema = schema_for_type(loai)
    if "allOf" in schema:  # a family whose model is a union on ``loai``: the branch of this type
        for branch in schema["allOf"]:
            if loai in branch["if"]["properties"]["loai"]["enum"]:
                return {"$defs": schema["$defs"], **schema["$defs"][branch["then"]["$ref"].rsplit("/", 1)[-1]]}
    return schema


@cache
def form_of(loai: str) -> Field:
    """The form of type ``loai`` (``loai`` itself and the cascade fields are left out: a hidden input and a panel)."""
    schema = _model_schema(loai)
    root = _Walker(schema).walk("", schema)
    assert root is not None and root.kind == "group"
    order = field_order()
    rank = {name: i for i, name in enumerate(order)}
    children = [c for c in root.children if c.key != "loai" and c.key not in CASCADE_FIELDS + KEPT_FIELDS]
    children.sort(key=lambda c: (not c.required and c.key not in rank, rank.get(c.key, len(rank))))
    for child in children:
        child.optional = not child.required and child.key not in rank and not field_help("", child.key).get("show")
    root.children = children
    return root


@cache
def takes_parents(loai: str) -> bool:
    """Whether the model of ``loai`` has ``parents`` (the directive panel is shown)."""
    return "parents" in (_model_schema(loai).get("properties") or {})


def form_keys(loai: str) -> set[str]:
    """The top-level keys the form (and the directive panel) edits; any other key of a YAML file is kept aside."""
    return {c.key for c in form_of(loai).children} | set(CASCADE_FIELDS) | {"loai"}


# --- the way back: submitted form → the loader's dict -------------------------------------------------------


def path_tokens(name: str) -> list[str | int] | None:
    """``noi_dung.muc[1].diem`` → ``["noi_dung", "muc", 1, "diem"]``; None for an empty name or a huge index."""
    out: list[str | int] = []
    for part in name.split("."):
        head = _INDEX.split(part)
        if head[0]:
            out.append(head[0])
        for i, index in enumerate(head[1:]):
            if i % 2 == 0:
                number = int(index)
                if number > _MAX_INDEX:
                    return None
                out.append(number)
    return out or None


def _put(tree: dict[Any, Any], tokens: list[str | int], value: Any) -> None:
    node = tree
    for token in tokens[:-1]:
        node = node.setdefault(token, {})
        if not isinstance(node, dict):
            return
    node[tokens[-1]] = value


def _finish(node: Any) -> Any:
    """Index-keyed dicts → lists (in index order); empty text, lists and groups left out."""
    if isinstance(node, dict):
        done = {k: v for k, v in ((k, _finish(v)) for k, v in node.items()) if v not in (None, "", [], {})}
        if node and all(isinstance(k, int) for k in node):
            return [done[k] for k in sorted(done)]
        return done
    if isinstance(node, str):
        text = node.replace("\r\n", "\n").strip()
        return text or None
    return node


def _collapse(fld: Field, value: Any) -> Any:
    """A group written as its one key's string where the model takes a string too (``- Lãnh đạo Sở``)."""
    if fld.kind == "group" and isinstance(value, dict):
        value = {c.key: _collapse(c, value[c.key]) for c in fld.children if c.key in value} | {
            k: v for k, v in value.items() if k not in {c.key for c in fld.children}}
        if fld.collapse and list(value) == [fld.collapse] and isinstance(value[fld.collapse], str):
            return value[fld.collapse]
    if fld.kind == "list" and isinstance(value, list) and fld.item is not None:
        return [_collapse(fld.item, v) for v in value]
    return value


def form_tree(form: Iterable[tuple[str, str]]) -> dict[Any, Any]:
    """Names → nested dicts (list indexes as int keys); ``_json:<path>`` carries a value the form keeps as JSON
    (a table's rows); any other name starting with '_' is the page's own."""
    tree: dict[Any, Any] = {}
    for name, value in form:
        if not isinstance(value, str):
            continue
        carried = name.startswith(JSON_PREFIX)
        if name.startswith("_") and not carried:
            continue
        tokens = path_tokens(name[len(JSON_PREFIX):] if carried else name)
        if not tokens or not isinstance(tokens[0], str):
            continue
        if carried:
            try:
                _put(tree, tokens, json.loads(value))
            except ValueError:
                continue
        else:
            _put(tree, tokens, value)
    return tree


def data_of(form: Iterable[tuple[str, str]], loai: str) -> dict[str, Any]:
    """The dict of a submitted form (names are dotted paths; names starting with '_' are the page's own)."""
    data = _finish(form_tree(form)) or {}
    root = form_of(loai)
    out: dict[str, Any] = {}
    for child in root.children:
        if child.key in data:
            value = data[child.key]
            if child.kind == "check":
                value = "true" if value in ("true", "on") else None
            if value is not None:
                out[child.key] = _collapse(child, value)
    for key in CASCADE_FIELDS:
        if key in data:
            out[key] = data[key]
    return ({"loai": loai} if loai != "cong_van" else {}) | out


# --- a YAML file's dict → the shapes of the form -----------------------------------------------------------


def values_for(fld: Field, value: Any) -> Any:
    """``value`` (as the loader gives it) in the shape of ``fld``: lists for lists, a dict for a group."""
    if value is None or fld.kind == "json":
        return value
    if fld.kind == "list":
        items = value if isinstance(value, list) else [value]
        return [values_for(fld.item, v) for v in items] if fld.item else items
    if fld.kind == "group":
        if isinstance(value, dict):
            known = {c.key: c for c in fld.children}
            return {k: values_for(known[k], v) if k in known else v for k, v in value.items()}
        key = fld.collapse or next((c.key for c in fld.children if c.kind in ("list", "textarea")), None)
        if key is None:
            return {}
        child = next(c for c in fld.children if c.key == key)
        return {key: values_for(child, value)}
    if fld.kind == "select" and value not in fld.options:
        wanted = _strip_marks(str(value))
        return next((o for o in fld.options if _strip_marks(o) == wanted), str(value))
    if isinstance(value, (list, dict)):
        return "\n\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return str(value)


def form_values(data: dict[str, Any], loai: str) -> dict[str, Any]:
    """A YAML file's dict shaped for the form of ``loai`` (the cascade fields and unknown keys as they are)."""
    root = form_of(loai)
    known = {c.key: c for c in root.children}
    return {k: values_for(known[k], v) if k in known else v for k, v in data.items()}


def element_id(path: str) -> str:
    """The HTML id of the input at ``path`` (``noi_nhan[2].ten`` → ``f-noi_nhan-2-ten``)."""
    return "f-" + re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")


def nearest(path: str, known: set[str]) -> str | None:
    """The path itself or its nearest ancestor among ``known`` (an error inside a branch lands on its field)."""
    while path:
        if path in known:
            return path
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def paths_of(fld: Field, value: Any, prefix: str = "") -> set[str]:
    """Every path the form renders for ``value`` (inputs, fieldsets, lists), to place the errors."""
    out = {prefix} if prefix else set()
    if fld.kind == "group":
        value = value if isinstance(value, dict) else {}
        for child in fld.children:
            out |= paths_of(child, value.get(child.key), f"{prefix}.{child.key}" if prefix else child.key)
    elif fld.kind == "list" and fld.item is not None:
        items = value if isinstance(value, list) else []
        for i, item in enumerate(items or [None]):
            out |= paths_of(fld.item, item, f"{prefix}[{i}]")
    return out
