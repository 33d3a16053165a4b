"""An office's template of the template library for a batch (``draftgen batch --template ID[@VERSION]``).

The template is found as ``draftgen render --template`` finds it (:func:`draftgen.library.discovery.resolve`:
``--templates DIR``, then ``DRAFTGEN_TEMPLATES``, then the bundled library); the fields it supplies
(``fixed`` in its manifest, e.g. the issuer) go under the letter's own, and its type must be of the
letter's family. The DOCX is compiled once per run, like the bundled template (:mod:`.workers`), so a
batch runs at the same speed with either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from draftgen.errors import InputError, Problem
from draftgen.load import Loaded


@dataclass(frozen=True)
class OfficeTemplate:
    """The library template of a run: its file, its reference (``id@version``) and the fields it supplies."""

    path: Path
    ref: str
    loai: str
    fixed: dict[str, Any] = field(default_factory=dict)

    def under(self, loaded: Loaded) -> Loaded:
        """The letter with the template's fixed fields under its own (the letter's win), lines kept."""
        if not isinstance(loaded.data, dict) or not self.fixed:
            return loaded
        return Loaded({**self.fixed, **loaded.data}, loaded.lines, loaded.source)

    def check_family(self, kind: Any) -> None:
        """InputError when the letter's type (``loai``) is not of the template's family."""
        from draftgen.doctypes.registry import doc_types, get_type

        if not isinstance(kind, str) or kind not in doc_types():
            return  # an unknown type is told for every unit by the validation
        own, letter = get_type(self.loai), get_type(kind)
        if own.family != letter.family:
            raise InputError(Problem(f"Mẫu '{self.ref}' dành cho {own.ten} ({self.loai}), không dùng được cho văn "
                                     f"bản loại '{kind}' ({letter.ten}); hãy chọn mẫu của đúng loại "
                                     "('draftgen templates list').", field="--template"))


def office_template(ref: str, dirs: list[str] | tuple[str, ...] = ()) -> OfficeTemplate:
    """The template ``ref`` of the library (InputError, exit 2, when there is none or its file changed)."""
    from draftgen.library.discovery import resolve

    found = resolve(ref, tuple(str(d) for d in dirs))
    return OfficeTemplate(found.path, found.entry.ref, found.entry.loai, dict(found.entry.fixed or {}))
