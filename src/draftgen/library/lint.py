"""Every check of one template, in order: the package, the tags, Jinja, the variables, the styles, the proof.

The proof renders the sample document (the manifest's ``sample`` with its ``fixed`` fields, or the bundled
example of the type's family) through the template and runs ``draftgen check`` on the result: an error of
the checker is a finding of the template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from draftgen.errors import InputError
from draftgen.library.docxparts import Package, Unreadable, open_template
from draftgen.library.findings import LintFinding
from draftgen.library.manifest import Entry
from draftgen.library.stylelint import style_findings
from draftgen.library.tags import fix_package, tag_findings
from draftgen.library.variables import context_paths, model_paths, placement_findings, used_paths, variable_findings

__all__ = ["LintReport", "Unreadable", "lint_bytes", "sample_document"]


@dataclass
class LintReport:
    source: str
    loai: str
    findings: list[LintFinding] = field(default_factory=list)
    used: dict[str, dict[str, str]] = field(default_factory=dict)
    package: Package | None = None

    @property
    def clean(self) -> bool:
        return not self.findings


def sample_data(entry: Entry | None, loai: str) -> dict[str, Any] | None:
    from draftgen.doctypes.registry import get_type
    from draftgen.library.bundled import sample_of_family

    sample = entry.sample if entry and entry.sample else sample_of_family(get_type(loai).family)
    if sample is None:
        return None
    merged = {**(entry.fixed if entry else {}), **sample}
    merged.setdefault("loai", loai)
    return merged


def sample_document(entry: Entry | None, loai: str, source: str = "sample") -> Any:
    """The validated sample document, or None; bad sample data raises InputError."""
    from draftgen.doctypes.registry import validate_document
    from draftgen.load import Loaded

    data = sample_data(entry, loai)
    return None if data is None else validate_document(Loaded(data=data, source=source))


def lint_bytes(data: bytes, source: str, loai: str, entry: Entry | None = None, path: Path | None = None,
               proof: bool = True) -> LintReport:
    """Lint a template given as bytes (``path``: its file, for the proof's render). Raises :class:`Unreadable`."""
    from draftgen.doctypes.registry import get_type
    from draftgen.nd30.profile import default_profile

    doc_type = get_type(loai)
    package, findings = open_template(data, source)
    report = LintReport(source, loai, findings, package=package)
    report.findings += tag_findings(package)
    used, jinja = used_paths(package)
    report.used = used
    report.findings += jinja
    if not jinja:
        from draftgen.library.bundled import required_paths

        report.findings += placement_findings(used, required_paths(doc_type.family))
    profile = default_profile().for_type(doc_type.profile)
    report.findings += style_findings(package, profile, doc_type.template)
    try:
        document = sample_document(entry, loai, f"{source} (sample)")
    except InputError as exc:
        report.findings.append(LintFinding("TPL-SAMPLE", "manifest.yaml", f"Dữ liệu mẫu thử (sample) không hợp lệ: "
                                           f"{'; '.join(str(p) for p in exc.problems)}"))
        return report
    if document is None:
        return report
    from draftgen.pipeline import draft_of
    from draftgen.render import template_for

    draft = draft_of(document)
    known, open_ = model_paths(type(draft))
    context_paths(template_for(loai).context(draft), "", known)
    # the renderer sets ``table_xml`` beside every ``table`` it finds (render.CompiledTemplate.context)
    known |= {path + "_xml" for path in known if path.endswith(".table")}
    report.findings += variable_findings(package, used, known, open_, f"loại '{loai}'")
    if proof and path is not None and not jinja and not any(f.rule == "TPL-MACRO" for f in findings):
        report.findings += _proof(path, document, getattr(document, "loai", loai))
    return report


def _proof(path: Path, document: Any, loai: str) -> list[LintFinding]:
    from draftgen.check import check_bytes
    from draftgen.check.doctype import loai_keys
    from draftgen.nd30.profile import default_profile
    from draftgen.pipeline import render_letter
    from draftgen.render import CompiledTemplate

    try:
        rendered = render_letter(document, CompiledTemplate(path))
    except Exception as exc:  # noqa: BLE001 - a template that cannot render is the finding
        return [LintFinding("TPL-PROOF-RENDER", "word/document.xml", f"Điền dữ liệu mẫu thử vào mẫu không được "
                            f"({type(exc).__name__}: {exc}).")]
    check_loai = loai if loai in loai_keys(default_profile().raw["check"]) else None
    return [LintFinding("TPL-PROOF", "word/document.xml", f"Văn bản điền từ mẫu thử không đạt 'draftgen check': "
                        f"[{f.rule}] {f.message}", f.paragraph, None, f.excerpt or None)
            for f in check_bytes(rendered, f"{path} (sample)", loai=check_loai) if f.severity == "error"]


def fix_bytes(report: LintReport) -> tuple[bytes, int]:
    """The template with its split tags merged and quotes straightened, and how many tags were fixed."""
    import io
    import zipfile

    assert report.package is not None
    fixed = fix_package(report.package)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in report.package.parts.items():
            archive.writestr(name, data)
    return buffer.getvalue(), fixed
