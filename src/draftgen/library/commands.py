"""The work behind ``draftgen templates``: init, add, list, show; and the template of a ``render --template``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from draftgen.atomic import check_output_path, write_bytes_atomic
from draftgen.errors import InputError, Problem
from draftgen.library.bundled import bundled_entries, bundled_folder, sample_of_family
from draftgen.library.discovery import Found, resolve
from draftgen.library.docxparts import Unreadable
from draftgen.library.lint import LintReport, lint_bytes
from draftgen.library.manifest import MANIFEST, Change, Entry, Manifest, read_manifest, sha256_of, version_key
from draftgen.library.manifest import write_manifest as _write_manifest


def file_name(entry_id: str, version: str) -> str:
    return f"{entry_id}@{version}.docx"


def init_library(folder: Path, force: bool = False) -> list[Entry]:
    """A starter library in ``folder``: each bundled template as an editable DOCX, with its sample."""
    from draftgen.doctypes.registry import get_type

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(Problem(f"'{folder}' là một tệp, không phải thư mục.", field="DIR"))
    if (folder / MANIFEST).exists() and not force:
        raise InputError(Problem(f"'{folder}' đã có thư viện mẫu ({MANIFEST}); dùng --force để ghi lại.", field="DIR"))
    folder.mkdir(parents=True, exist_ok=True)
    today = datetime.date.today().isoformat()
    entries = []
    for bundled in bundled_entries():
        name = file_name(bundled.id, "1")
        write_bytes_atomic(folder / name, (bundled_folder() / bundled.file).read_bytes(), force=force)
        entries.append(bundled.model_copy(update={
            "title": bundled.title.replace("Mẫu có sẵn: ", ""), "file": name, "sha256": sha256_of(folder / name),
            "sample": sample_of_family(get_type(bundled.loai).family),
            "changelog": [Change(version="1", date=today, note="Chép từ mẫu có sẵn của draftgen (templates init).")]}))
    _write_manifest(folder, Manifest(templates=entries))
    return entries


def lint_target(target: str, loai: str | None = None, extra: tuple[str, ...] = ()) -> tuple[LintReport, Entry | None]:
    """Lint a DOCX file or a library id; an unreadable file is InputError (exit 2)."""
    path = Path(target)
    entry: Entry | None = None
    if path.suffix.lower() in (".docx", ".docm", ".dotx") or path.exists():
        if not path.is_file():
            raise InputError(Problem(f"Không thấy tệp '{target}'.", field="FILE.docx"))
        entry = next((e for e in read_manifest(path.parent).templates if e.file == path.name), None)
    else:
        found = resolve(target, extra)
        path, entry = found.path, found.entry
    kind = loai or (entry.loai if entry else "cong_van")
    from draftgen.doctypes.registry import get_type

    get_type(kind)  # an unknown --loai is exit 2, naming the field
    try:
        return lint_bytes(path.read_bytes(), str(path), kind, entry, path), entry
    except Unreadable as exc:
        raise InputError(Problem(str(exc))) from None


def add_template(file: Path, entry_id: str, loai: str, folder: Path, title: str | None, note: str | None
                 ) -> tuple[Entry | None, LintReport]:
    """Lint ``file``, then add it to the library in ``folder`` as the next version of ``entry_id``.
    Returns (None, report) when the lint has findings (nothing is written)."""
    probe = Entry(id=entry_id, version="1", loai=loai, title=title or entry_id, file=Path(file).name)
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(Problem(f"Thư mục thư viện '{folder}' không tồn tại (tạo bằng 'draftgen templates init').",
                                 field="--templates"))
    manifest = read_manifest(folder)
    previous = sorted((e for e in manifest.templates if e.id == entry_id), key=lambda e: version_key(e.version))
    last = previous[-1] if previous else None
    probe = probe.model_copy(update={"sample": last.sample if last else None, "fixed": last.fixed if last else {}})
    if not Path(file).is_file():
        raise InputError(Problem(f"Không thấy tệp '{file}'.", field="FILE.docx"))
    try:
        report = lint_bytes(Path(file).read_bytes(), str(file), loai, probe, Path(file))
    except Unreadable as exc:
        raise InputError(Problem(str(exc))) from None
    if report.findings:
        return None, report
    version = str(version_key(last.version)[0] + 1) if last else "1"
    name = file_name(entry_id, version)
    check_output_path(folder / name, force=False)
    write_bytes_atomic(folder / name, Path(file).read_bytes())
    history = list(last.changelog) if last else []
    history.append(Change(version=version, date=datetime.date.today().isoformat(),
                          note=note or f"Thêm từ tệp {Path(file).name}."))
    entry = probe.model_copy(update={"version": version, "file": name, "sha256": sha256_of(folder / name),
                                     "title": title or (last.title if last else entry_id),
                                     "description": last.description if last else "", "changelog": history})
    manifest.templates.append(entry)
    _write_manifest(folder, manifest)
    return entry, report


def add_folder(extra: tuple[str, ...]) -> Path:
    from draftgen.library.discovery import library_folders

    folders = library_folders(extra)
    if not folders:
        raise InputError(Problem("Chưa chỉ thư viện để thêm mẫu: dùng --templates DIR (hoặc đặt DRAFTGEN_TEMPLATES).",
                                 field="--templates"))
    return folders[0]


@dataclass
class Shown:
    found: Found
    report: LintReport
    styles: list[str]
    sample: dict[str, Any] | None


def show_template(ref: str, extra: tuple[str, ...] = ()) -> Shown:
    from draftgen.library.docxparts import w
    from draftgen.library.lint import sample_data
    from draftgen.library.stylelint import read_styles

    found = resolve(ref, extra)
    report = lint_bytes(found.path.read_bytes(), str(found.path), found.entry.loai, found.entry, found.path,
                        proof=False)
    names = read_styles(report.package) if report.package else {}
    used: list[str] = []
    for part in report.package.tag_parts() if report.package else []:
        for ps in report.package.xml(part).iter(w("pStyle")):
            name = names.get(ps.get(w("val")), {}).get("name", ps.get(w("val")))
            if name not in used:
                used.append(name)
    return Shown(found, report, used, sample_data(found.entry, found.entry.loai))


@cache
def _compiled(path: str, digest: str):
    from draftgen.render import CompiledTemplate

    return CompiledTemplate(Path(path))


def document_with_template(input_file: str, ref: str, extra: tuple[str, ...] = ()) -> tuple[Any, Any]:
    """The validated document (with the template's fixed fields under its own) and the compiled template.

    The template must fill the document's view model: its ``loai`` must be of the document's family."""
    from draftgen.load import load_yaml_file

    return template_document(load_yaml_file(input_file), ref, extra)


def template_document(loaded: Any, ref: str, extra: tuple[str, ...] = ()) -> tuple[Any, Any]:
    """:func:`document_with_template` for YAML already loaded (:class:`draftgen.load.Loaded`; the web API)."""
    from draftgen.doctypes.registry import get_type, type_key, validate_document
    from draftgen.load import Loaded

    found = resolve(ref, extra)
    data = loaded.data
    if isinstance(data, dict) and found.entry.fixed:
        data = {**found.entry.fixed, **data}
    kind = type_key(data)
    template_type = get_type(found.entry.loai)
    if isinstance(kind, str) and kind in _types() and get_type(kind).family != template_type.family:
        raise InputError(Problem(f"Mẫu '{found.entry.ref}' dành cho {template_type.ten} ({found.entry.loai}), không "
                                 f"dùng được cho văn bản loại '{kind}' ({get_type(kind).ten}); hãy chọn mẫu của "
                                 "đúng loại ('draftgen templates list').", field="--template"))
    document = validate_document(Loaded(data=data, lines=loaded.lines, source=loaded.source))
    return document, _compiled(str(found.path), sha256_of(found.path))


def _types() -> dict[str, Any]:
    from draftgen.doctypes.registry import doc_types

    return doc_types()
