"""The facts of the drafted types and families, read from ``data/doc_types.yaml`` (a leaf: no draftgen imports
but resources), so that both the registry and each family's model can read them."""

from __future__ import annotations

from functools import cache
from typing import Any

from draftgen.resources import DATA_DIR, read_bundled_yaml


@cache
def _data() -> dict[str, Any]:
    return read_bundled_yaml(DATA_DIR / "doc_types.yaml")


def families() -> dict[str, dict[str, Any]]:
    """Each family's facts (mau, template, schema, profile, layout), by family key."""
    return {k: dict(v) for k, v in (_data().get("families") or {}).items()}


def drafted() -> dict[str, dict[str, Any]]:
    """Each drafted type's facts (ten, viet_tat, family, kinh_gui), by type key (``loai``)."""
    return {k: dict(v) for k, v in (_data().get("drafted") or {}).items()}


def type_keys(family: str) -> tuple[str, ...]:
    """The type keys of one family, in the order of the data file."""
    return tuple(k for k, v in drafted().items() if v["family"] == family)


@cache
def _wording() -> dict[str, Any]:
    return read_bundled_yaml(DATA_DIR / "mau_wording.yaml")


def wording(form: str) -> dict[str, Any]:
    """The fixed words of one Mẫu (``data/mau_wording.yaml``): format strings around the document's fields."""
    return dict(_wording()[form])
