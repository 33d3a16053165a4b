"""The ND30 formatting profile (schemas/nd30-profile.yaml) as typed, read-only objects.

The template builder takes the chosen values (``size_pt``, ``bold`` …) and the checker takes the
allowed ranges (``size_range`` …) from the same :class:`Profile`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from draftgen.nd30 import vocabulary
from draftgen.resources import profile_path, read_bundled_yaml

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20


@dataclass(frozen=True)
class ElementStyle:
    """Formatting of one named paragraph style (one element of the layout)."""

    key: str
    style: str
    style_id: str
    size_pt: float
    bold: bool
    italic: bool
    align: str
    basis: str = "rule"
    size_range: tuple[float, float] | None = None
    case: str | None = None
    space_before_pt: float = 0.0
    first_line_indent_twips: int | None = None
    line_spacing: float = 1.0
    line_exact_pt: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def in_size_range(self, size_pt: float) -> bool:
        lo, hi = self.size_range or (self.size_pt, self.size_pt)
        return lo - 1e-6 <= size_pt <= hi + 1e-6


@dataclass(frozen=True, eq=False)
class Profile:
    """The whole profile. ``raw`` keeps the YAML mapping for values without a typed field."""

    raw: dict[str, Any]
    elements: dict[str, ElementStyle]

    @property
    def font_name(self) -> str:
        return self.raw["font"]["name"]

    @property
    def page(self) -> dict[str, Any]:
        return self.raw["page"]

    def margin_twips(self, side: str) -> int:
        return round(self.page["margins_mm"][side] * TWIPS_PER_MM)

    @property
    def text_width_twips(self) -> int:
        width = self.page["size_twips"][0]
        return width - self.margin_twips("left") - self.margin_twips("right")

    @property
    def tables(self) -> dict[str, Any]:
        return self.raw["tables"]

    def __getitem__(self, key: str) -> ElementStyle:
        return self.elements[key]

    def for_type(self, name: str | None) -> Profile:
        """This profile with the element overrides of ``types.<name>`` (the base itself for None)."""
        return _for_type(self, name)


@cache
def _for_type(profile: Profile, name: str | None) -> Profile:
    if not name:
        return profile
    entry = (profile.raw.get("types") or {}).get(name)
    if entry is None:
        raise KeyError(f"nd30-profile.yaml has no types.{name}")
    elements = {k: v for k, v in profile.elements.items() if k not in set(entry.get("drop") or [])}
    for key, data in (entry.get("elements") or {}).items():
        base = profile.raw["elements"].get(key, {})
        elements[key] = _element(key, {**base, **data})
    return Profile(raw=profile.raw, elements=elements)


_TYPED = {
    "style", "style_id", "size_pt", "bold", "italic", "align", "basis", "size_range", "case",
    "space_before_pt", "first_line_indent_twips", "line_spacing", "line_exact_pt",
}


def _element(key: str, data: dict[str, Any]) -> ElementStyle:
    rng = data.get("size_range")
    return ElementStyle(
        key=key,
        style=data["style"],
        style_id=data["style_id"],
        size_pt=float(data["size_pt"]),
        bold=bool(data["bold"]),
        italic=bool(data["italic"]),
        align=data["align"],
        basis=data.get("basis", "rule"),
        size_range=(float(rng[0]), float(rng[1])) if rng else None,
        case=data.get("case"),
        space_before_pt=float(data.get("space_before_pt", 0)),
        first_line_indent_twips=data.get("first_line_indent_twips"),
        line_spacing=float(data.get("line_spacing", 1.0)),
        line_exact_pt=data.get("line_exact_pt"),
        extra={k: v for k, v in data.items() if k not in _TYPED},
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _facts_from_data(raw: dict[str, Any]) -> None:
    """The facts of ND30 the checker shares with validation are kept once, in data/ (nd30.yaml, doc_types.yaml):
    the profile's ``check`` section gets them from there unless it sets them itself (an office's own profile)."""
    check = raw.get("check")
    if isinstance(check, dict):
        check.setdefault("type_names", vocabulary.type_names())
        check.setdefault("type_abbreviations", vocabulary.type_abbreviations())
        check.setdefault("academic_titles", vocabulary.academic_titles())


def load_profile(path: Path | None = None) -> Profile:
    """Read a profile file (default: the bundled one)."""
    if path is None:  # the bundled profile: the fast loader (its reading is pinned by a test)
        raw = _plain(read_bundled_yaml(profile_path()))
    else:
        from ruamel.yaml import YAML

        raw = _plain(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))
    _facts_from_data(raw)
    elements = {key: _element(key, data) for key, data in raw["elements"].items()}
    return Profile(raw=raw, elements=elements)


@cache
def default_profile() -> Profile:
    """The bundled profile, read once per process."""
    return load_profile()
