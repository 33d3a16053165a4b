"""The check page: upload any DOCX, see the findings of ``draftgen check`` grouped, with where and why."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from draftgen.errors import InputError
from draftgen.web.pages_form import read_upload
from draftgen.web.templating import templates

router = APIRouter()
SEVERITY_TITLES = {"error": "Lỗi thể thức", "warning": "Cảnh báo"}


def where_text(finding: Any) -> str:
    """Where a finding is, in words: the part of the package and the paragraph."""
    parts = []
    if finding.part != "document":
        parts.append({"header": "đầu trang", "footer": "chân trang"}.get(finding.part, finding.part))
    if finding.paragraph is not None:
        parts.append(f"đoạn {finding.paragraph}")
    return ", ".join(parts) or "cả văn bản"


def grouped(findings: Any) -> list[dict[str, Any]]:
    """Findings by severity (errors first), then by rule with its requirement (why), each with where it is."""
    from draftgen.check.findings import REGISTRY

    groups = []
    for severity in ("error", "warning"):
        rules: dict[str, dict[str, Any]] = {}
        for f in findings:
            if f.severity != severity:
                continue
            rule = rules.setdefault(f.rule, {"rule": f.rule, "findings": [], "why": REGISTRY.rules[f.rule].description
                                             if f.rule in REGISTRY.rules else ""})
            rule["findings"].append({"message": f.message, "where": where_text(f), "excerpt": f.excerpt})
        if rules:
            groups.append({"severity": severity, "title": SEVERITY_TITLES[severity], "rules": list(rules.values()),
                           "count": sum(len(r["findings"]) for r in rules.values())})
    return groups


@router.get("/kiem-tra", response_class=HTMLResponse)
def check_page(request: Request) -> HTMLResponse:
    """The upload form."""
    return templates().TemplateResponse(request, "check.html", {"page": "check"})


@router.post("/kiem-tra", response_class=HTMLResponse)
async def check_upload(request: Request, tep: Annotated[UploadFile, File()]) -> HTMLResponse:
    """The findings of an uploaded DOCX (read with the checker's safe reader: no macro, no network, no entity)."""
    from draftgen.check.engine import UnreadableDocument, check_bytes
    from draftgen.check.report import type_text

    name = (tep.filename or "van-ban.docx").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    context: dict[str, Any] = {"page": "check", "name": name}
    try:
        data = await read_upload(tep)
        findings = await run_in_threadpool(check_bytes, data, name)
    except InputError as exc:
        context["problem"] = str(exc)
    except UnreadableDocument as exc:
        context["problem"] = f"Không đọc được tệp '{name}': {exc}"
    else:
        context.update(groups=grouped(findings), kind=type_text(findings),
                       errors=sum(f.severity == "error" for f in findings),
                       warnings=sum(f.severity == "warning" for f in findings))
    status = 422 if "problem" in context else 200
    return templates().TemplateResponse(request, "check.html", context, status_code=status)
