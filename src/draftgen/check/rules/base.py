"""What every rule family gets: the document, the located components, the profile, and ``add``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from draftgen.check.findings import REGISTRY, Finding, excerpt
from draftgen.check.locate import Layout
from draftgen.check.model import Document, Para, Run
from draftgen.check.props import describe_source
from draftgen.nd30.profile import Profile

TNR = "times new roman"


@dataclass
class Context:
    doc: Document
    lay: Layout
    profile: Profile
    findings: list[Finding] = field(default_factory=list)
    doc_type: Any = None                  # a draftgen.check.doctype.DocType, once told
    administrative: bool | None = None
    base: Profile | None = None           # the profile before the type's elements (``profile`` has them)

    @property
    def profile_base(self) -> Profile:
        return self.base or self.profile

    @property
    def cfg(self) -> dict[str, Any]:
        return self.profile.raw["check"]

    @property
    def family(self) -> str | None:
        return self.doc_type.family if self.doc_type is not None else None

    @property
    def tol(self) -> dict[str, float]:
        return self.cfg["tolerances"]

    def add(self, rule_id: str, message: str, para: Para | None = None, part: str | None = None) -> None:
        rule = REGISTRY[rule_id]
        self.findings.append(Finding(
            rule=rule_id, severity=rule.severity, message=message,
            paragraph=para.index if para is not None else None,
            excerpt=excerpt(para.text) if para is not None else "",
            part=part or (para.part if para is not None else "document"),
        ))

    def size_of(self, run: Run) -> tuple[float, str]:
        prop = run.props.get("size")
        if prop is None:
            return float(self.cfg["default_font_size_pt"]), "defaults (Word)"
        return prop.value, prop.source


def bool_of(run: Run, key: str) -> tuple[bool, str]:
    prop = run.props.get(key)
    if prop is None:
        return False, "defaults"
    return bool(prop.value), prop.source


def source_text(source: str) -> str:
    if source == "defaults (Word)":
        return "theo mặc định của Word"
    return describe_source(source)


def style_note(para: Para, key: str, source: str, fmt) -> str:
    """'; kiểu 'X' quy định 14' when a direct value hides a different value of the paragraph's style."""
    if not source.startswith("direct"):
        return ""
    style_prop = para.base_r.get(key)
    if style_prop is None or style_prop.source.startswith("defaults") or not para.style_name:
        return ""
    return f"; kiểu '{style_prop.source.split(':', 1)[-1].split(' (')[0]}' quy định {fmt(style_prop.value)}"


@lru_cache(maxsize=8192)
def letters(text: str) -> str:
    """The letters of ``text``. Cached: the runs of a batch's letters repeat from one document to the next."""
    return "".join(ch for ch in text if ch.isalpha())


def is_upper(text: str) -> bool:
    s = letters(text)
    return bool(s) and s == s.upper()


def fmt_pt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def fmt_range(lo: float, hi: float) -> str:
    return fmt_pt(lo) if lo == hi else f"{fmt_pt(lo)}–{fmt_pt(hi)}"
