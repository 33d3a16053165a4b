"""What the pages do with a filled form: its dict, validation, the view model, DOCX, YAML, PDF.

The form's data is the dict the YAML loader gives (:func:`draftgen.web.forms.data_of`), validated by the same
models (:func:`draftgen.doctypes.registry.validate_document`); nothing from a request becomes a path: a parent
given as a ``file`` is refused (only directives of the library), a template is picked by its library id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from draftgen.errors import InputError, Problem
from draftgen.load import Loaded, load_yaml_text
from draftgen.web import forms

MAX_KEPT_CHARS = 2_000_000


@dataclass
class Outcome:
    """A form checked: its data, the validated document (None when invalid) and every problem."""

    loai: str
    data: dict[str, Any]
    document: Any = None
    problems: list[Problem] = field(default_factory=list)


def known_type(loai: str | None) -> str:
    """``loai`` when the registry has it, else Công văn (a request never picks an unknown model)."""
    from draftgen.doctypes.registry import DEFAULT_TYPE, doc_types

    return loai if isinstance(loai, str) and loai in doc_types() else DEFAULT_TYPE


def form_data(pairs: Iterable[tuple[str, Any]]) -> tuple[str, dict[str, Any]]:
    """(loai, the document's dict) of a submitted form, with the fields the form keeps aside (``_kept``)."""
    pairs = list(pairs)
    loai = known_type(next((v for k, v in pairs if k == "_loai"), None))
    data = _tidy_cascade(forms.data_of(((k, v) for k, v in pairs if isinstance(v, str)), loai))
    kept = next((v for k, v in pairs if k == "_kept"), "")
    if isinstance(kept, str) and kept and len(kept) <= MAX_KEPT_CHARS:
        try:
            extra = json.loads(kept)
        except ValueError:
            extra = {}
        if isinstance(extra, dict):
            known = forms.form_keys(loai)
            data.update({k: v for k, v in extra.items() if isinstance(k, str) and k not in known})
    return loai, data


def _tidy_cascade(data: dict[str, Any]) -> dict[str, Any]:
    """The panel's rows as a clerk would write them: unticked clauses dropped, ``quote`` (the default) left
    out, a bare id as a string; a parent with only its id as that id."""
    clauses = []
    for entry in data.get("clauses") or []:
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        entry = dict(entry)
        if entry.get("mode") in (None, "quote"):
            entry.pop("mode", None)
            entry.pop("text", None)
        clauses.append(entry["id"] if list(entry) == ["id"] else entry)
    data.pop("clauses", None)
    if clauses:
        data["clauses"] = clauses
    parents = [p["id"] if isinstance(p, dict) and list(p) == ["id"] else p
               for p in data.pop("parents", None) or [] if not isinstance(p, dict) or p.get("id") or p.get("file")]
    if parents:
        data["parents"] = parents
    opening = data.pop("opening", None)
    if isinstance(opening, dict) and list(opening) == ["ending"]:
        opening = opening["ending"]
    if opening and parents:
        data["opening"] = opening
    if not parents:
        data.pop("clauses", None)
    return data


def kept_json(data: dict[str, Any], loai: str) -> str:
    """The keys of a YAML file the form does not edit, as JSON for a hidden input (so they round-trip)."""
    known = forms.form_keys(loai)
    return json.dumps({k: v for k, v in data.items() if k not in known}, ensure_ascii=False)


def _no_files(data: dict[str, Any]) -> list[Problem]:
    parents = data.get("parents")
    items = parents if isinstance(parents, list) else [parents] if parents else []
    return [Problem("Trang web chỉ dùng văn bản cấp trên trong thư viện (ghi số, ký hiệu ở 'id'), không đọc tệp "
                    "trên máy chủ.", field=f"parents[{i}].file")
            for i, item in enumerate(items) if isinstance(item, dict) and item.get("file")]


def check(loai: str, data: dict[str, Any]) -> Outcome:
    """Validate ``data`` as the YAML loader's dict of type ``loai``; parents read, so their errors show too."""
    from draftgen.doctypes.registry import validate_document

    outcome = Outcome(loai, data)
    outcome.problems = _no_files(data)
    if outcome.problems:
        return outcome
    try:
        outcome.document = validate_document(Loaded(data=data))
    except InputError as exc:
        outcome.problems = exc.problems
    return outcome


def draft(outcome: Outcome) -> Any:
    """The view model of a valid outcome (parents read from the library); a cascade problem joins the problems."""
    from draftgen.pipeline import draft_of

    if outcome.document is None:
        return None
    try:
        return draft_of(outcome.document)
    except InputError as exc:
        outcome.problems = exc.problems
        outcome.document = None
        return None


def docx_bytes(outcome: Outcome, template_ref: str | None = None) -> bytes:
    """The DOCX of a valid outcome, with the bundled template of its type or a library template."""
    from draftgen.pipeline import render_letter

    template = compiled_template(template_ref) if template_ref else None
    return render_letter(outcome.document, template)


@cache
def _compiled(path: str, digest: str) -> Any:
    from draftgen.render import CompiledTemplate

    return CompiledTemplate(Path(path))


def compiled_template(ref: str) -> Any:
    """The compiled template of library entry ``ref`` (``id`` or ``id@version``), found by id only."""
    from draftgen.library.discovery import resolve
    from draftgen.library.manifest import sha256_of

    found = resolve(ref)
    return _compiled(str(found.path), sha256_of(found.path))


def yaml_text(data: dict[str, Any]) -> str:
    """The YAML file of what was filled (the loader reads it back to the same dict)."""
    head = "# Tệp YAML do trang draftgen tạo; mở lại bằng nút 'Mở tệp YAML' hoặc dùng với 'draftgen render'.\n"
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def read_yaml(text: str, source: str = "tệp tải lên") -> tuple[str, dict[str, Any]]:
    """(loai, dict) of an uploaded YAML file; a file that is not one document's mapping is InputError."""
    loaded = load_yaml_text(text, source=source)
    if not isinstance(loaded.data, dict):
        raise InputError(Problem("Tệp phải là một nhóm trường (khóa: giá trị), ví dụ 'co_quan: …'.", source=source))
    from draftgen.doctypes.registry import type_key

    return known_type(type_key(loaded.data)), loaded.data


def file_stem(outcome: Outcome) -> str:
    """A safe download name from the trích yếu ('cong-van-trien-khai-…'), never a path."""
    from draftgen.filenames import safe_stem

    words = f"{outcome.loai} {outcome.data.get('trich_yeu') or ''}".replace("_", " ")
    return safe_stem(words[:80], ascii_only=True) or "van-ban"


def template_entry(ref: str) -> Any:
    """The library entry of template ``ref`` (its id, never a path)."""
    from draftgen.library.discovery import resolve

    return resolve(ref).entry


def type_groups() -> list[tuple[str, list[Any]]]:
    """Every registry type grouped by family, under the family's name (data/doc_types.yaml): the start page's
    choices, as ``[("Văn bản có tên loại", [DocType, …]), …]``."""
    from draftgen.doctypes.data import families
    from draftgen.doctypes.registry import doc_types

    facts = families()
    groups: dict[str, list[Any]] = {}
    for doc_type in doc_types().values():
        groups.setdefault(doc_type.family, []).append(doc_type)
    return [(str(facts[family].get("ten", family)), types) for family, types in groups.items()]
