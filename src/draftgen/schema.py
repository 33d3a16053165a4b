"""JSON Schemas of the YAML inputs, in input mode: what a clerk may write (a date as text, a string or a list
for paragraphs, a string or a mapping for a Nơi nhận entry), not the models after validation.

Generated from the pydantic models (``json_schema_input_type`` on their before-validators says what each
accepts), with the Vietnamese titles and examples of ``data/field_help.yaml``. One schema per family, one
combined schema that picks the family by ``loai``, and the schema of a batch letter (the combined one plus
its ``batch:`` section); all committed in ``schemas/`` (a test fails when one is stale).
"""

from __future__ import annotations

import copy
from typing import Any

from draftgen.fieldhelp import field_help, model_help, model_name

SCHEMA_FILE = "cong-van.schema.json"
COMBINED_FILE = "draftgen.schema.json"
BATCH_FILE = "batch.schema.json"
_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ID = "https://draftgen.local/schemas/"


def _annotate(node: dict[str, Any], model: str | None) -> None:
    """Vietnamese title and description on a model's schema and on each of its properties."""
    if model:
        words = model_help(model)
        if words:
            node["title"] = words["title"]
            node["description"] = words["description"]
        else:  # not in the data: never leave the class's English docstring in a clerk's editor
            node.pop("description", None)
    for name, prop in (node.get("properties") or {}).items():
        words = field_help(model or "", name)
        if "title" in words:
            prop["title"] = words["title"]
        if words.get("description") and not prop.get("description"):
            prop["description"] = words["description"]
        if "example" in words and "examples" not in prop:
            prop["examples"] = [words["example"]]


def _family_schema(family: str) -> dict[str, Any]:
    from draftgen.doctypes.registry import doc_types

    model = next(t.model for t in doc_types().values() if t.family == family)
    schema = model.model_json_schema(mode="validation")
    for def_name, definition in (schema.get("$defs") or {}).items():
        _annotate(definition, model_name(def_name))
    if "properties" in schema:
        _annotate(schema, schema.get("title"))
    if "discriminator" in schema:  # a union of models on ``loai``: pick the branch by if/then instead
        schema = {**model_help(model.__name__), **_by_loai(schema)}
    return schema


def _branch(keys: list[str], ref: str) -> dict[str, Any]:
    return {"if": {"required": ["loai"], "properties": {"loai": {"enum": keys}}}, "then": {"$ref": ref}}


def _by_loai(union: dict[str, Any]) -> dict[str, Any]:
    """A discriminated union as ``if loai is … then <model>``: a validator (and an editor) then reports the
    wrong field of the chosen model, not "valid under none of the schemas"."""
    defs = union["$defs"]
    branches, keys = [], []
    for option in union["oneOf"]:
        name = option["$ref"].rsplit("/", 1)[-1]
        loai = defs[name]["properties"]["loai"]
        mine = [loai["const"]] if "const" in loai else list(loai["enum"])
        keys += mine
        branches.append(_branch(mine, option["$ref"]))
    words = field_help("", "loai")
    return {"$defs": defs, "type": "object", "required": ["loai"],
            "properties": {"loai": {"title": words["title"], "enum": keys, "description": "Loại văn bản"}},
            "allOf": branches}


def family_json_schema(family: str = "cong_van") -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the YAML file of one family of types (data/doc_types.yaml)."""
    from draftgen.doctypes.data import families

    schema = _family_schema(family)
    schema["$schema"] = _DIALECT
    schema["$id"] = _ID + families()[family]["schema"]
    return schema


def letter_json_schema() -> dict[str, Any]:
    """JSON Schema of a Công văn YAML file."""
    return family_json_schema("cong_van")


def schema_for_type(key: str) -> dict[str, Any]:
    """The JSON Schema of the family of type ``key`` (``loai``)."""
    from draftgen.doctypes.registry import get_type

    return family_json_schema(get_type(key).family)


def _merge_defs(into: dict[str, Any], defs: dict[str, Any], family: str) -> None:
    for name, definition in defs.items():
        if name in into and into[name] != definition:
            raise ValueError(f"two families define '{name}' differently ({family}); rename one model")
        into[name] = definition


def combined_json_schema() -> dict[str, Any]:
    """One schema for every type: ``loai`` picks the family's schema (no ``loai``: the family whose model has
    a default, the Công văn)."""
    from draftgen.doctypes.data import families, type_keys

    defs: dict[str, Any] = {}
    branches: list[dict[str, Any]] = []
    every_key: list[str] = []
    for family in families():
        schema = _family_schema(family)
        _merge_defs(defs, schema.pop("$defs", {}), family)
        root = f"family_{family}"
        defs[root] = schema
        keys = list(type_keys(family))
        every_key += keys
        branches.append(_branch(keys, f"#/$defs/{root}"))
        if "default" in ((schema.get("properties") or {}).get("loai") or {}):
            branches.append({"if": {"not": {"required": ["loai"]}}, "then": {"$ref": f"#/$defs/{root}"}})
    loai = field_help("", "loai")
    return {
        "$schema": _DIALECT,
        "$id": _ID + COMBINED_FILE,
        "title": "Văn bản hành chính (draftgen)",
        "description": "Tệp YAML của một văn bản theo Nghị định 30/2020/NĐ-CP; 'loai' chọn loại văn bản "
                       "(không ghi: công văn).",
        "type": "object",
        "properties": {"loai": {"title": loai["title"], "enum": every_key,
                                "description": "Loại văn bản; không ghi là công văn (cong_van)"}},
        "required": [],
        "allOf": branches,
        "$defs": defs,
    }


_BATCH_SECTION: dict[str, Any] = {
    "title": "Soạn hàng loạt",
    "description": "Chỉ dùng với 'draftgen batch': tên tệp của từng đơn vị và các thay đổi riêng theo mã đơn vị",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "file_name": {"title": "Tên tệp", "type": "string", "examples": ["{code}-{slug}.docx"],
                      "description": "Mẫu tên tệp của mỗi đơn vị: {code}, {slug}, {name}"},
        "overrides": {"title": "Thay đổi theo đơn vị", "type": "object",
                      "description": "Theo mã đơn vị: trường (có thể có dấu chấm, '+' ở cuối để thêm vào danh "
                                     "sách) → giá trị",
                      "additionalProperties": {"type": "object"}},
    },
}


def batch_json_schema() -> dict[str, Any]:
    """The combined schema with the ``batch:`` section allowed on every type (a letter for ``draftgen batch``)."""
    schema = copy.deepcopy(combined_json_schema())
    schema["$id"] = _ID + BATCH_FILE
    schema["title"] = "Văn bản soạn hàng loạt (draftgen batch)"
    for definition in schema["$defs"].values():
        if definition.get("properties", {}).get("loai") is not None and "co_quan" in definition["properties"]:
            definition["properties"]["batch"] = copy.deepcopy(_BATCH_SECTION)
    return schema


def committed_schemas() -> dict[str, dict[str, Any]]:
    """Every schema ``schemas/`` holds, by file name: one per family, the combined one, the batch one."""
    from draftgen.doctypes.data import families

    out = {facts["schema"]: family_json_schema(family) for family, facts in families().items()}
    out[COMBINED_FILE] = combined_json_schema()
    out[BATCH_FILE] = batch_json_schema()
    return out
