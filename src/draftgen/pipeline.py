"""The flow of one document: YAML → validated model → parents read → Draft (pure) → DOCX bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from draftgen.cascade.parents import letter_cascade
from draftgen.doctypes.registry import type_of, validate_document
from draftgen.draft import Draft
from draftgen.load import Loaded, load_yaml_file
from draftgen.render import CompiledTemplate, render_docx, template_for
from draftgen.resolve import resolve


def validate_letter(loaded: Loaded) -> Any:
    """Validate loaded YAML against the model of its ``loai`` (default Công văn)."""
    return validate_document(loaded)


def load_letter(path: str | Path) -> Any:
    """Read and validate a document YAML file (``-`` = standard input)."""
    return validate_document(load_yaml_file(path))


def draft_and_warnings(document: Any) -> tuple[Draft, list[str]]:
    """The view model and what the cascade noted on the way (in Vietnamese; empty without parents)."""
    carried = letter_cascade(document)
    return resolve(document, carried), list(carried.warnings) if carried else []


def draft_of(document: Any) -> Draft:
    """Read the document's parents (library, files), then resolve it: its view model."""
    return draft_and_warnings(document)[0]


def render_letter(document: Any, template: CompiledTemplate | None = None, answers: str | None = None, *,
                  warnings: list[str] | None = None) -> bytes:
    """DOCX bytes of a validated document (with its type's bundled template unless one is given).

    ``answers`` (:func:`draftgen.answers.serialise_answers`) are recorded in its custom properties; ``warnings``: a
    list the cascade's warnings are appended to (in Vietnamese), for the command line to print.
    """
    draft, noted = draft_and_warnings(document)
    if warnings is not None:
        warnings.extend(noted)
    return render_docx(draft, template or template_for(type_of(document).key), answers)


def render_recorded(loaded: Loaded, template: CompiledTemplate | None = None,
                    fixed: dict[str, Any] | None = None, *, warnings: list[str] | None = None) -> bytes:
    """Validate ``loaded`` (the data as the clerk wrote it; a template's ``fixed`` fields fill what it leaves out)
    and render it, recording the answers (that data, the fixed fields, the parents given as files)."""
    from draftgen.answers import serialise_answers

    merged = loaded
    if fixed and isinstance(loaded.data, dict):
        merged = Loaded(data={**fixed, **loaded.data}, lines=loaded.lines, source=loaded.source)
    document = validate_letter(merged)
    return render_letter(document, template, serialise_answers(loaded.data, loaded.source, fixed), warnings=warnings)
