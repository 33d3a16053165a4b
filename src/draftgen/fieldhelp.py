"""The Vietnamese words around the YAML fields (``data/field_help.yaml``): titles, examples, which optional
fields a starter shows. Read by the JSON Schema generator (:mod:`draftgen.schema`) and the starter writer
(:mod:`draftgen.starter`); the models stay the source of what each field is and accepts."""

from __future__ import annotations

from functools import cache
from typing import Any

from draftgen.resources import DATA_DIR, read_bundled_yaml


@cache
def _data() -> dict[str, Any]:
    return read_bundled_yaml(DATA_DIR / "field_help.yaml")


def model_name(def_name: str) -> str:
    """The class name of a schema definition (pydantic qualifies a name used twice: ``a__b__Body``)."""
    return def_name.rsplit("__", 1)[-1]


def field_help(model: str, field: str) -> dict[str, Any]:
    """What the data says of ``field`` of ``model``: the ``Model.field`` entry over the ``field`` entry."""
    fields = _data()["fields"]
    return {**(fields.get(field) or {}), **(fields.get(f"{model}.{field}") or {})}


def model_help(model: str) -> dict[str, Any]:
    """The title and description of a model (``models:``), or an empty mapping."""
    return dict(_data()["models"].get(model) or {})


def field_order() -> list[str]:
    """The top-level fields in the order a starter writes them (``order:``)."""
    return list(_data().get("order") or [])


def row_word(field: str) -> str | None:
    """The word for one row of the list ``field`` in a web form ("Đoạn", "Điểm"), or None (``rows:``)."""
    return (_data().get("rows") or {}).get(field)
