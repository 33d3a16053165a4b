"""What the JSON API does, without HTTP: text → validated document → DOCX/PDF bytes, DOCX → findings, lists.

Every function takes and returns plain values (bytes, text, dicts) and raises :class:`InputError` for bad
input; :mod:`draftgen.web.api` turns those into responses. No value of a request becomes a file-system
path here: a letter's ``parents`` may name library directives only (files are refused), a template is
an ``id@version`` of the library, and temporary files have names of our own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from draftgen.errors import InputError, Problem
from draftgen.load import Loaded, load_yaml_text

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MEDIA_TYPE = "application/pdf"
_FIELD_NAMES = {"--template": "template", "--units": "units", "--names": "names", "--loai": "loai"}


def problem_dict(problem: Problem) -> dict[str, Any]:
    """One problem as the API tells it: ``{"field", "line", "message"}`` (and ``source`` when it has one)."""
    out: dict[str, Any] = {"field": _FIELD_NAMES.get(problem.field or "", problem.field), "line": problem.line,
                           "message": problem.message}
    if problem.source:
        out["source"] = problem.source
    return out


def errors_of(exc: InputError) -> dict[str, Any]:
    """The 422 body of an :class:`InputError`: ``{"errors": [...]}``."""
    return {"errors": [problem_dict(p) for p in exc.problems]}


def load_text(body: bytes, content_type: str | None = None) -> Loaded:
    """A request body (YAML, or JSON when the content type says so) → data with the line of each value."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Problem("Dữ liệu gửi lên không phải văn bản UTF-8.", field="body")) from None
    if content_type and "json" in content_type.lower():
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(Problem(f"JSON sai cú pháp (cột {exc.colno}); hãy xem lại dấu ngoặc, dấu phẩy và ngoặc "
                                     "kép ở dòng này.", line=exc.lineno)) from None
    # JSON is YAML: read by the same loader, it keeps the lines and the same limits and text checks
    return load_yaml_text(text)


def refuse_parent_files(document: Any, loaded: Loaded) -> None:
    """A ``parents`` entry given as a file is refused (with its line): the web reads the library only."""
    problems = [Problem("Trang web chỉ đọc văn bản cấp trên từ thư viện: hãy ghi 'id' (số, ký hiệu, ví dụ "
                        "968/CĐ-TTg) thay cho 'file'.", field=f"parents[{n}].file",
                        line=loaded.line_of(("parents", n, "file")))
                for n, ref in enumerate(getattr(document, "parents", None) or []) if ref.file is not None]
    if problems:
        raise InputError(problems)


@contextmanager
def library_parents_only() -> Iterator[None]:
    """Within the block, ``parents[n].file`` is refused by the cascade itself (also for batch overrides)."""
    from draftgen.cascade.parents import parent_files_allowed, restore_parent_files

    token = parent_files_allowed(False)
    try:
        yield
    finally:
        restore_parent_files(token)


@dataclass
class Prepared:
    """A validated document, its view model and the template to render it with (None: its type's own)."""

    document: Any
    draft: Any
    template: Any = None


def prepare(loaded: Loaded, template_ref: str | None = None) -> Prepared:
    """Validate like ``draftgen validate`` (the model, then the parents and clauses): what render needs."""
    from draftgen.pipeline import validate_letter

    template = None
    if template_ref:
        from draftgen.library.commands import template_document

        document, template = template_document(loaded, template_ref)
    else:
        document = validate_letter(loaded)
    refuse_parent_files(document, loaded)
    with library_parents_only():
        draft = draft_of(document, library())
    return Prepared(document, draft, template)


_LIBRARY: list[tuple[tuple, Any]] = []


def library() -> Any:
    """The directive library, read once and again only when one of its files changes: reading and validating
    every directive costs about 20 ms, half of a preview of a letter with parents."""
    from draftgen.directives import Library, library_dirs

    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                      for folder in library_dirs() for p in sorted(folder.glob("*.y*ml")))
    if not _LIBRARY or _LIBRARY[0][0] != signature:
        _LIBRARY[:] = [(signature, Library())]
    return _LIBRARY[0][1]


def prepare_body(body: bytes, content_type: str | None = None, template_ref: str | None = None) -> Prepared:
    """:func:`prepare` of a request body (:func:`load_text`)."""
    return prepare(load_text(body, content_type), template_ref)


def draft_of(document: Any, library: Any = None) -> Any:
    """:func:`draftgen.pipeline.draft_of` with a library already read."""
    from draftgen.cascade.parents import letter_cascade
    from draftgen.resolve import resolve

    return resolve(document, letter_cascade(document, library=library))


def render(prepared: Prepared) -> bytes:
    """The DOCX bytes of a prepared document."""
    from draftgen.doctypes.registry import type_of
    from draftgen.render import render_docx, template_for

    return render_docx(prepared.draft, prepared.template or template_for(type_of(prepared.document).key))


def file_stem(document: Any) -> str:
    """A file name (without extension) from the document: its type, số and trích yếu, in ASCII
    ("cong-van-125-ve-viec-trien-khai-…"), made safe by :mod:`draftgen.filenames`."""
    from draftgen.doctypes.registry import type_of
    from draftgen.filenames import safe_stem, slugify

    words = [type_of(document).ten, str(getattr(document, "so", None) or ""),
             str(getattr(document, "trich_yeu", None) or "")[:80]]
    return safe_stem(slugify(" ".join(w for w in words if w), ascii_only=True), ascii_only=True, max_bytes=90)


def content_disposition(file_name: str) -> str:
    """An ``attachment`` header value with the (ASCII-safe) file name, also as RFC 5987 UTF-8."""
    plain = file_name.encode("ascii", "ignore").decode("ascii").replace('"', "") or "van-ban"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(file_name)}"


def check_upload(data: bytes, name: str, loai: str | None = None, no_warnings: bool = False
                 ) -> tuple[bool, dict[str, Any]]:
    """Check uploaded DOCX bytes: (readable, the report of ``draftgen check --json``: ``{"files": [...]}``).

    The bytes are opened by the checker's safe reader (size, zip-bomb and XML limits)."""
    from draftgen.check.engine import UnreadableDocument, check_bytes
    from draftgen.check.report import file_result

    if loai is not None:
        from draftgen.check.doctype import loai_keys
        from draftgen.nd30.profile import default_profile

        keys = loai_keys(default_profile().raw["check"])
        if loai not in keys:
            raise InputError(Problem(f"'{loai}' không phải loại văn bản đã biết. Các loại: {', '.join(keys)}.",
                                     field="loai"))
    try:
        findings = check_bytes(data, source=name, loai=loai)
    except UnreadableDocument as exc:
        return False, {"files": [file_result(name, None, str(exc))],
                       "errors": [{"field": "file", "line": None, "message": str(exc)}]}
    if no_warnings:
        findings = findings.keep(f for f in findings if f.severity == "error")
    return True, {"files": [file_result(name, findings)]}


def upload_name(name: str | None, default: str) -> str:
    """The name an upload is shown by (a label only, never a path): its last part, at most 120 characters."""
    shown = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return shown[:120] or default


def doc_types_list() -> list[dict[str, Any]]:
    """Every type the registry drafts: ``loai``, Vietnamese name, family, Mẫu of Phụ lục III."""
    from draftgen.doctypes.registry import doc_types

    return [{"loai": t.key, "ten": t.ten, "family": t.family, "mau": t.mau, "kinh_gui": t.kinh_gui}
            for t in doc_types().values()]


def schema_of(loai: str) -> dict[str, Any]:
    """The JSON Schema of the YAML of type ``loai`` (unknown type: InputError on field ``loai``)."""
    from draftgen.schema import schema_for_type

    return schema_for_type(loai)


def _directive_head(directive: Any) -> dict[str, Any]:
    date = directive.ngay.complete if directive.ngay else None
    return {"id": directive.id, "loai": directive.loai, "so": directive.so, "ky_hieu": directive.ky_hieu,
            "ngay": date.isoformat() if date else None, "co_quan": directive.co_quan, "cap": directive.cap,
            "trich_yeu": directive.trich_yeu, "reference": directive.reference(full=True)}


def directives_list() -> list[dict[str, Any]]:
    """The parent directives of the library (bundled, and the folders of ``DRAFTGEN_LIBRARY``)."""
    return [_directive_head(e.directive) | {"clauses": len(e.directive.clauses())} for e in library().entries()]


def directive_detail(ref: str) -> dict[str, Any]:
    """One directive (by "968/CĐ-TTg"): its head and every clause with the id that ``clauses`` takes."""
    try:
        directive = library().get(ref)
    except InputError as exc:
        raise InputError(Problem(exc.problems[0].message, field="id")) from None
    clauses = [{"id": c.id, "item": c.item, "letter": c.letter, "kind": c.kind, "text": c.text,
                "extra": list(c.extra)} for c in directive.clauses()]
    return _directive_head(directive) | {"mo_dau": list(directive.mo_dau), "clauses": clauses}


def templates_list() -> list[dict[str, Any]]:
    """The templates of the library: ``ref`` (``id@version``, what ``template`` takes), type, title."""
    from draftgen.library.discovery import libraries

    return [{"ref": e.ref, "id": e.id, "version": e.version, "loai": e.loai, "title": e.title,
             "description": e.description, "bundled": library.bundled}
            for library in libraries() for e in library.entries]
