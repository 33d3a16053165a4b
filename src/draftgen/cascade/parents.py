"""Reading a letter's ``parents`` (library ids, directive files, letter files) into the chain, before a pure resolve."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from draftgen.errors import InputError, Problem

if TYPE_CHECKING:  # the engine and the directives are imported by a letter that has parents
    from draftgen.cascade.result import CascadeResult
    from draftgen.directives import Directive, Library


@dataclass
class Chain:
    """The resolved ``parents`` of a letter: directives (root first) and how the opening names them."""

    directives: list[Directive]
    verbs: list[str | None]
    notes: list[str | None]
    issuers: list[str | None]


# The parent files being read, outermost first: a letter that names itself (or a cycle) as its parent
# is refused with the chain, and a chain of letters deeper than any real one (central → province →
# commune is three) is refused before it exhausts the stack.
_VISITING: ContextVar[tuple[Path, ...]] = ContextVar("draftgen_parent_files", default=())
MAX_PARENT_DEPTH = 8
# Whether ``parents`` may name files. The web service turns it off (:func:`parent_files_allowed`): a value of a
# request never becomes a path, so a letter sent over HTTP may name library directives only.
_FILES_ALLOWED: ContextVar[bool] = ContextVar("draftgen_parent_files_allowed", default=True)


def parent_files_allowed(allowed: bool) -> object:
    """Allow or refuse ``parents[n].file`` in this context; returns the token for :func:`restore_parent_files`."""
    return _FILES_ALLOWED.set(allowed)


def restore_parent_files(token: object) -> None:
    """Undo :func:`parent_files_allowed`."""
    _FILES_ALLOWED.reset(token)  # type: ignore[arg-type]


def _load_parent_file(path: Path, library: Library, field: str) -> Directive:
    from draftgen.directives import directive_from_loaded
    from draftgen.load import load_yaml_file

    visiting = _VISITING.get()
    resolved = path.resolve()
    if resolved in visiting:
        names = " → ".join(p.name for p in visiting[visiting.index(resolved):] + (resolved,))
        raise InputError(Problem(f"Văn bản cấp trên lặp vòng: {names}. Một văn bản không thể là cấp trên của "
                                 "chính nó; hãy sửa 'parents'.", field=field))
    if len(visiting) >= MAX_PARENT_DEPTH:
        raise InputError(Problem(f"Chuỗi văn bản cấp trên dài quá {MAX_PARENT_DEPTH} cấp; hãy xem lại 'parents'.",
                                 field=field))
    token = _VISITING.set(visiting + (resolved,))
    try:
        loaded = load_yaml_file(path)
        if isinstance(loaded.data, dict) and isinstance(loaded.data.get("co_quan"), dict):
            from draftgen.doctypes.registry import validate_document

            letter = validate_document(loaded)
            if getattr(letter, "loai", "cong_van") != "cong_van" and not _readable_type(letter):
                raise InputError(Problem(f"Tệp '{path.name}' là {letter.loai}: loại này chưa dùng được làm văn bản "
                                         "cấp trên dạng tệp YAML; hãy nhập văn bản bằng 'draftgen directives "
                                         "import' rồi ghi mã của nó ở 'parents'.", field=field))
            return directive_from_letter(letter, base_dir=path.parent, library=library)
        return directive_from_loaded(loaded)
    finally:
        _VISITING.reset(token)


def resolve_chain(refs: list, *, base_dir: Path | None = None, library: Library | None = None) -> Chain:
    """``parents`` entries (library ids, directive files, letter files) → directives."""
    from draftgen.directives import Library

    library = library or Library()
    chain = Chain([], [], [], [])
    for n, ref in enumerate(refs):
        if ref.id is not None:
            try:
                directive = library.get(ref.id)
            except InputError as exc:
                raise InputError(Problem(exc.problems[0].message, field=f"parents[{n}].id")) from None
        elif not _FILES_ALLOWED.get():
            raise InputError(Problem("Trang web chỉ đọc văn bản cấp trên từ thư viện: hãy ghi 'id' (số, ký hiệu, "
                                     "ví dụ 968/CĐ-TTg) thay cho 'file'.", field=f"parents[{n}].file"))
        else:
            path = Path(ref.file)
            if not path.is_absolute():
                path = (base_dir or Path.cwd()) / path
            if not path.is_file():
                raise InputError(Problem(f"Không tìm thấy tệp văn bản cấp trên '{ref.file}'.",
                                         field=f"parents[{n}].file"))
            directive = _load_parent_file(path, library, f"parents[{n}].file")
        chain.directives.append(directive)
        chain.verbs.append(ref.verb)
        chain.notes.append(ref.note)
        chain.issuers.append(ref.issuer)
    return chain


def letter_cascade(letter, *, base_dir: Path | None = None, library: Library | None = None) -> CascadeResult | None:
    """The cascade of a letter model that has ``parents`` (None when it has none)."""
    parents = getattr(letter, "parents", None)
    if not parents:
        if getattr(letter, "clauses", None):
            raise InputError(Problem("Có 'clauses' nhưng thiếu 'parents' (văn bản cấp trên).", field="clauses"))
        return None
    from draftgen.cascade.select import cascade, unit_variables

    chain = resolve_chain(parents, base_dir=base_dir, library=library)
    issuer = letter.co_quan
    return cascade(chain.directives, list(letter.clauses or []), target_level=issuer.cap,
                   replacements=list(letter.replacements or []), opening=letter.opening,
                   letter_date=letter.ngay.earliest, variables=unit_variables(list(issuer.ten)),
                   verbs=chain.verbs, notes=chain.notes, issuers=chain.issuers)


def running_issuer_name(lines: list[str]) -> str:
    """"ỦY BAN NHÂN DÂN / TỈNH ĐẮK LẮK" → "UBND tỉnh Đắk Lắk" (the name written after "của")."""
    from draftgen.directives_header import running_issuer as _running_issuer

    return _running_issuer([line.upper() for line in lines])[0]


def _readable_type(letter) -> bool:
    """A Quyết định (its Điều) or a Mẫu 1.4 document (its sections and items) can be read as a parent."""
    return hasattr(letter, "dieu") or hasattr(getattr(letter, "noi_dung", None), "phan")


def directive_from_letter(letter, *, base_dir: Path | None = None, library: Library | None = None) -> Directive:
    """A letter (its own parents resolved) seen as a parent directive for the level below."""
    from draftgen.cascade.letters import typed_body, typed_facts
    from draftgen.directives import Directive

    result = letter_cascade(letter, base_dir=base_dir, library=library)
    date = letter.ngay
    data = {
        "so": str(letter.so) if letter.so else None,
        "ngay": {"ngay": date.ngay, "thang": date.thang, "nam": date.nam},
        "dia_danh": letter.co_quan.dia_danh,
        "co_quan": running_issuer_name(list(letter.co_quan.ten)),
        "co_quan_dong": list(letter.co_quan.ten),
        "cap": letter.co_quan.cap,
        "trich_yeu": letter.trich_yeu,
        "gui": list(getattr(letter, "kinh_gui", None) or []),
    }
    if getattr(letter, "loai", "cong_van") != "cong_van":
        data["loai"], data["ky_hieu"] = typed_facts(letter)
        body = typed_body(letter, result)
        if result and result.opening:  # the letter's own "Thực hiện …": after its căn cứ, or its first paragraph
            if "dieu" in body:
                body["can_cu"] = body["can_cu"] + [result.opening.strip().rstrip(";.,:")]
            else:
                body["mo_dau"] = [result.opening] + body["mo_dau"]
        return Directive.model_validate(data | body)
    items = [i.directive_item() for i in (result.items if result else [])]
    items += [{"noi_dung": i.noi_dung, "diem": list(i.diem)} for i in letter.noi_dung.muc]
    mo_dau = ([result.opening] if result and result.opening else []) + list(letter.noi_dung.mo_dau)
    data |= {"loai": "Công văn", "ky_hieu": f"{letter.co_quan.viet_tat}-{letter.don_vi_soan_thao}",
             "mo_dau": mo_dau, "muc": items, "ket_thuc": list(letter.noi_dung.ket_thuc)}
    return Directive.model_validate(data)
