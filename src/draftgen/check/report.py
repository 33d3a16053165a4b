"""Plain-text and JSON output of findings."""

from __future__ import annotations

import json

from draftgen.check.findings import ERROR, WARNING, Finding

SEVERITY_VI = {ERROR: "LỖI", WARNING: "CẢNH BÁO"}


def _where(f: Finding) -> str:
    parts = []
    if f.part != "document":
        parts.append(f.part)
    if f.paragraph is not None:
        parts.append(f"đoạn {f.paragraph}")
    return ", ".join(parts)


def type_text(findings: list[Finding]) -> str:
    """What the document was checked as: 'Kế hoạch (theo tên loại 'KẾ HOẠCH')', 'không phải văn bản hành chính' …"""
    doc_type = getattr(findings, "doc_type", None)
    if doc_type is not None:
        return doc_type.describe()
    administrative = getattr(findings, "administrative", None)
    if administrative is False:
        return "không phải văn bản hành chính"
    return "chưa xác định loại văn bản" if administrative else ""


def type_dict(findings: list[Finding]) -> dict | None:
    doc_type = getattr(findings, "doc_type", None)
    return doc_type.as_dict() if doc_type is not None else None


def text_report(source: str, findings: list[Finding]) -> str:
    errors = sum(f.severity == ERROR for f in findings)
    warnings = sum(f.severity == WARNING for f in findings)
    kind = type_text(findings)
    lines = [f"{source}: {errors} lỗi, {warnings} cảnh báo" + (f" — {kind}" if kind else "")]
    for f in findings:
        where = _where(f)
        head = f"  {SEVERITY_VI.get(f.severity, f.severity)} {f.rule}"
        if where:
            head += f" [{where}]"
        lines.append(f"{head}: {f.message}")
        if f.excerpt:
            lines.append(f"      « {f.excerpt} »")
    return "\n".join(lines)


def unreadable_text(source: str, message: str) -> str:
    return f"{source}: KHÔNG ĐỌC ĐƯỢC: {message}"


def json_report(results: list[dict]) -> str:
    return json.dumps({"files": results}, ensure_ascii=False, indent=2)


def file_result(source: str, findings: list[Finding] | None, error: str | None = None) -> dict:
    if findings is None:
        return {"file": source, "readable": False, "error": error, "type": None, "administrative": None, "errors": 0,
                "warnings": 0, "findings": []}
    return {
        "file": source, "readable": True,
        "type": type_dict(findings), "administrative": getattr(findings, "administrative", None),
        "errors": sum(f.severity == ERROR for f in findings),
        "warnings": sum(f.severity == WARNING for f in findings),
        "findings": [f.as_dict() for f in findings],
    }
