"""Validated document → its view model (:class:`~draftgen.draft.Draft`), pure: no file is read here.

The parents of a document are read before (:func:`draftgen.cascade.parents.letter_cascade`, called by
:mod:`draftgen.pipeline`) and handed in as ``carried``; each type's resolve is in :mod:`draftgen.doctypes`.
"""

from __future__ import annotations

from typing import Any

from draftgen.cascade.result import CascadeResult
from draftgen.doctypes.registry import type_of
from draftgen.draft import Draft
from draftgen.nd30.profile import Profile, default_profile


def resolve(document: Any, carried: CascadeResult | None = None, profile: Profile | None = None) -> Draft:
    """The view model of ``document`` with the parent clauses ``carried`` down to its level."""
    return type_of(document).resolve(document, carried, profile or default_profile())
