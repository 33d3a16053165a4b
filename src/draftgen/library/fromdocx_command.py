"""The work behind ``draftgen templates from-docx``: locate, build the template, write it with its manifest entry,
lint it. The letter is read by the checker (draftgen.check), so what ``draftgen check`` finds is what is replaced."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from draftgen.atomic import check_output_path, write_bytes_atomic
from draftgen.errors import InputError, Problem
from draftgen.library.fromdocx import Made, build
from draftgen.library.lint import LintReport, lint_bytes, sample_document
from draftgen.library.manifest import Change, Entry, read_manifest, sha256_of, version_key, write_manifest


@dataclass
class FromDocx:
    """The template written, its manifest entry, its lint, and why the sample was left out (if it was)."""

    made: Made
    entry: Entry
    report: LintReport
    sample_problems: list[str] = field(default_factory=list)


def slug(text: str) -> str:
    """A template id from a file name: 'Công văn Sở Nội vụ' → 'cong-van-so-noi-vu'."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "mau-van-ban"


def _located(data: bytes, source: str, loai: str | None):
    from draftgen.check import check_bytes
    from draftgen.check.reader import UnreadableDocument

    try:
        findings = check_bytes(data, source, loai=loai)
    except UnreadableDocument as exc:
        raise InputError(Problem(str(exc), field="LETTER.docx")) from None
    lay = findings.layout
    if not findings.administrative or lay is None or (lay.so is None and lay.vv is None and lay.noi_nhan is None):
        raise InputError(Problem(f"'{source}' không phải văn bản hành chính draftgen nhận ra được (không thấy số, ký "
                                 "hiệu, trích yếu hay nơi nhận).", field="LETTER.docx"))
    doc_type = findings.doc_type
    if doc_type is not None and doc_type.family != "cong_van":
        raise InputError(Problem(f"'{source}' là {doc_type.name}: 'templates from-docx' hiện làm được mẫu từ Công văn; "
                                 "với loại này hãy dùng 'draftgen templates init' rồi sửa mẫu có sẵn trong Word.",
                                 field="--loai"))
    return lay


def from_docx(letter: Path, output: Path, loai: str | None = None, entry_id: str | None = None,
              force: bool = False) -> FromDocx:
    """Make a template from ``letter`` at ``output``, with its entry in ``manifest.yaml`` beside it."""
    from draftgen.library.fromdocx_data import issuer, sample_of

    letter, output = Path(letter), Path(output)
    if not letter.is_file():
        raise InputError(Problem(f"Không thấy tệp '{letter}'.", field="LETTER.docx"))
    if loai is not None and loai != "cong_van":
        raise InputError(Problem(f"'templates from-docx' hiện chỉ làm mẫu Công văn (--loai cong_van), chưa làm "
                                 f"được '{loai}'.", field="--loai"))
    check_output_path(output, force=force)
    data = letter.read_bytes()
    lay = _located(data, str(letter), "cong_van" if loai else None)
    sample = sample_of(lay)
    found_issuer = issuer(lay)
    made = build(data, lay)
    folder = output.parent if str(output.parent) else Path(".")
    manifest = read_manifest(folder)
    entry_id = entry_id or slug(output.stem)
    previous = [e for e in manifest.templates if e.id == entry_id]
    version = str(max(version_key(e.version)[0] for e in previous) + 1) if previous else "1"
    entry = Entry(id=entry_id, version=version, loai="cong_van", title=f"Công văn theo mẫu của {letter.stem}",
                  description=f"Làm từ văn bản {letter.name} (draftgen templates from-docx).", file=output.name,
                  fixed={"co_quan": found_issuer} if found_issuer else {},
                  changelog=[Change(version=version, date=datetime.date.today().isoformat(),
                                    note=f"Làm từ {letter.name}.")])
    problems: list[str] = []
    try:
        sample_document(entry.model_copy(update={"sample": sample}), "cong_van")
        entry.sample = sample
    except InputError as exc:
        problems = [str(p) for p in exc.problems]
    write_bytes_atomic(output, made.data, force=force)
    entry.sha256 = sha256_of(output)
    manifest.templates = [e for e in manifest.templates if e.file != output.name] + [entry]
    write_manifest(folder, manifest)
    report = lint_bytes(made.data, str(output), "cong_van", entry, output)
    return FromDocx(made, entry, report, problems)
