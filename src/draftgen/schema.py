"""JSON Schema of the YAML inputs, generated from the pydantic models (one per family, committed in schemas/)."""

from __future__ import annotations

from typing import Any

SCHEMA_FILE = "cong-van.schema.json"


def family_json_schema(family: str = "cong_van") -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the YAML file of one family of types (data/doc_types.yaml)."""
    from draftgen.doctypes.data import families
    from draftgen.doctypes.registry import doc_types

    model = next(t.model for t in doc_types().values() if t.family == family)
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://draftgen.local/schemas/{families()[family]['schema']}"
    return schema


def letter_json_schema() -> dict[str, Any]:
    """JSON Schema of a Công văn YAML file."""
    return family_json_schema("cong_van")


def schema_for_type(key: str) -> dict[str, Any]:
    """The JSON Schema of the family of type ``key`` (``loai``)."""
    from draftgen.doctypes.registry import get_type

    return family_json_schema(get_type(key).family)
