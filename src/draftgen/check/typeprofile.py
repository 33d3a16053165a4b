"""What the checker checks for each family of types: the elements (sizes, styles …) and the element checks.

A family's elements are the profile's ``types.<profile>`` (``families.<family>.profile`` of
``data/doc_types.yaml``, else the family's own key), else ``types.co_ten_loai`` (every type with a tên loại
shares ô 5a, PL1 II.5.b); the Công văn uses the base elements. Its element checks are the base
``check.element_checks`` whose element it keeps plus ``check.families.<family>.element_checks``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from draftgen.doctypes.data import families
from draftgen.nd30.profile import Profile

TYPED_DEFAULT = "co_ten_loai"


def family_cfg(cfg: dict[str, Any], family: str | None) -> dict[str, Any]:
    return dict((cfg.get("families") or {}).get(family or "") or {})


@cache
def _profile(base: Profile, family: str) -> Profile:
    types = base.raw.get("types") or {}
    for name in ((families().get(family) or {}).get("profile"), family, TYPED_DEFAULT):
        if name and name in types:
            return base.for_type(name)
    return base


def profile_for(base: Profile, family: str | None) -> Profile:
    """The elements a document of ``family`` is checked against (None or "cong_van": the base)."""
    if not family or family == "cong_van":
        return base
    return _profile(base, family)


def element_checks(base: Profile, family: str | None) -> dict[str, list[str]]:
    """Element key → properties checked (size, style, align, case), for a document of ``family``."""
    return {k: list(v) for k, v in _element_checks(base, family)}


@cache
def _element_checks(base: Profile, family: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """:func:`element_checks`, worked out once per profile and family (it is asked for each document)."""
    cfg = base.raw["check"]
    profile = profile_for(base, family)
    checks = {k: list(v) for k, v in cfg["element_checks"].items() if k in profile.elements}
    if family and family != "cong_van":
        own = family_cfg(cfg, family).get("element_checks") or {}
        checks.update({k: list(v) for k, v in own.items() if k in profile.elements})
    return tuple((k, tuple(v)) for k, v in checks.items())


def every_element_check(base: Profile) -> list[tuple[str, str, Any]]:
    """(element key, property, its ElementStyle) over every family, each (key, property) once: for the registry."""
    out: list[tuple[str, str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for family in [None, *((base.raw["check"].get("families") or {}).keys())]:
        profile = profile_for(base, family)
        for key, props in element_checks(base, family).items():
            for prop in props:
                if (key, prop) not in seen:
                    seen.add((key, prop))
                    out.append((key, prop, profile[key]))
    return out
