"""Run every rule family over one document."""

from __future__ import annotations

from pathlib import Path

from draftgen.check.findings import ERROR, Finding
from draftgen.check.locate import locate, split_issuer
from draftgen.check.model import Document, Para, build_document
from draftgen.check.reader import UnreadableDocument, open_package, read_path
from draftgen.check.rules import FAMILIES
from draftgen.check.rules.base import Context
from draftgen.nd30.profile import Profile, default_profile

__all__ = ["UnreadableDocument", "check_bytes", "check_document", "check_path", "has_errors"]


def _all_bold(p: Para) -> bool:
    runs = [r for r in p.text_runs() if any(ch.isalpha() for ch in r.text)]
    return bool(runs) and all(r.get("b") for r in runs)


def check_document(doc: Document, profile: Profile | None = None) -> list[Finding]:
    profile = profile or default_profile()
    cfg = profile.raw["check"]
    lay = locate(doc, cfg["type_names"])
    split_issuer(lay, cfg["issuer_parent_words"], cfg["issuer_unit_words"], _all_bold)
    ctx = Context(doc=doc, lay=lay, profile=profile)
    for family in FAMILIES:
        family.check(ctx)
    order = {"document": 0}
    return sorted(ctx.findings, key=lambda f: (order.get(f.part, 1), f.part, f.paragraph or 0))


def check_bytes(data: bytes, source: str = "<bytes>", profile: Profile | None = None) -> list[Finding]:
    """Findings for a DOCX given as bytes. Raises :class:`UnreadableDocument`."""
    return check_document(build_document(open_package(data, source)), profile)


def check_path(path: str | Path, profile: Profile | None = None) -> list[Finding]:
    """Findings for a DOCX file. Raises :class:`UnreadableDocument`."""
    return check_document(build_document(read_path(path)), profile)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
