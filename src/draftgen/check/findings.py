"""Rules (stable id, severity, basis) and findings (what, where), shared by every rule family."""

from __future__ import annotations

import sys
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

SEVERITY_OF_BASIS = {"rule": ERROR, "law": ERROR, "template": WARNING, "practice": WARNING,
                     "reported": WARNING, "unconfirmed": WARNING}


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    basis: str
    description: str          # Vietnamese, one line


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str              # Vietnamese
    paragraph: int | None = None
    excerpt: str = ""
    part: str = "document"

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "paragraph": self.paragraph, "excerpt": self.excerpt, "part": self.part}


class Findings(list):
    """The findings of one document (a list), with what the checker took the document for: ``doc_type``
    (a :class:`draftgen.check.doctype.DocType`, None when not told) and ``administrative`` (False: not an
    administrative document; None: not judged, e.g. a text without diacritics)."""

    def __init__(self, items=(), doc_type=None, administrative: bool | None = None, layout=None):
        super().__init__(items)
        self.doc_type = doc_type
        self.administrative = administrative
        self.layout = layout      # the parts located (a draftgen.check.locate.Layout), for the page-level rules

    def keep(self, items) -> Findings:
        """Other findings of the same document (e.g. the errors only)."""
        return Findings(items, self.doc_type, self.administrative, self.layout)


class Registry:
    """All rules by id. Rule families register theirs at import time."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}
        self.module_of: dict[str, str] = {}      # rule id -> module that registered it (its rule family)
        self._ids: dict[str, tuple[str, ...]] = {}   # module -> its rule ids (asked for each document)

    def add(self, rule_id: str, basis: str, description: str, severity: str | None = None) -> Rule:
        rule = Rule(rule_id, severity or SEVERITY_OF_BASIS.get(basis, WARNING), basis, description)
        existing = self.rules.get(rule_id)
        if existing is not None and existing != rule:
            raise ValueError(f"rule {rule_id} registered twice with different definitions")
        self.rules[rule_id] = rule
        self.module_of.setdefault(rule_id, sys._getframe(1).f_globals.get("__name__", ""))
        self._ids.clear()
        return rule

    def ids_of(self, module: str) -> list[str]:
        """The rule ids a rule family module registered, in registration order."""
        ids = self._ids.get(module)
        if ids is None:
            ids = self._ids[module] = tuple(rid for rid, mod in self.module_of.items() if mod == module)
        return list(ids)

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rules[rule_id]


REGISTRY = Registry()


def excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
