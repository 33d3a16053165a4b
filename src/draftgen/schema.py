"""JSON Schema of the YAML inputs, generated from the pydantic models (committed in schemas/)."""

from __future__ import annotations

from typing import Any

from draftgen.models import CongVan

SCHEMA_FILE = "cong-van.schema.json"


def letter_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a Công văn YAML file."""
    schema = CongVan.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://draftgen.local/schemas/{SCHEMA_FILE}"
    return schema
