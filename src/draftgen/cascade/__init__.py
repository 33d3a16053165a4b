"""Carry a parent directive's clauses down one or more levels.

Inputs are data: the parent chain (directives), the clause selection, local replacements, and the
level tables in ``data/levels/*.yaml`` (trung_uong → tinh, tinh → xa, tinh → huyen). The engine
knows no document or place.

Adapting a clause's text (:func:`adapt_text`):
1. local replacements first (longest first, one regex alternation, one pass); their output is final;
2. citations "<Loại> số <số/ký hiệu> [ngày …] [của <cơ quan>]" are protected: a cited document keeps
   its issuer at every level; only its date is rewritten in the letter's date style;
3. each level step in turn (e.g. trung_uong → tinh → xa): one alternation of the table's phrases,
   longest first, whole words, in one pass, so a phrase already adapted by a step is never adapted
   again by the same step; a phrase written lower-case also matches its capitalised form at the start
   of a sentence and is replaced capitalised;
4. dates left in the text are rewritten in the letter's style ("ngày 29 tháng 9 năm 2023" → "ngày 29/9/2023").

Selected clauses become items ("1.") and points ("a)") of the letter; points are re-lettered in the
Vietnamese sequence (a b c d đ e g h …) when clauses are skipped. A quoted clause's own lines ("- …", and
plain paragraphs under it) follow it, adapted like its text, each a paragraph of its own; a cited or
replaced clause brings none.

Modules, one job each: :mod:`.levels` (level tables as data), :mod:`.adapt` (text adaptation),
:mod:`.select` (clause selection and the opening sentence; pure), :mod:`.result` (what a letter
receives: its opening and items, split into paragraphs), :mod:`.parents` (reading the parent chain from
the library and from files: the only one that reads files). The names below are imported from their
modules on first use, so that a document without parents loads none of the engine.
"""

from __future__ import annotations

import importlib
from typing import Any

# Each name and its module, imported on first use: ``draftgen.cascade.result`` (what every document type
# resolves with) is imported without the engine, its directives and level tables (a letter without parents).
_HOME = {"Step": "adapt", "adapt_text": "adapt", "LevelTable": "levels", "level_steps": "levels",
         "level_tables": "levels", "settings": "levels", "CascadeItem": "result", "CascadeResult": "result",
         "Citer": "select", "cascade": "select", "opening_sentence": "select", "unit_variables": "select"}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
