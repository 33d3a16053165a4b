"""The form of a document: the page, its re-rendering as rows are added, the live preview, the downloads."""

from __future__ import annotations

import base64
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from draftgen.errors import InputError, Problem
from draftgen.web import converting, documents, formrows, forms
from draftgen.web.htmlview import page_css, page_html
from draftgen.web.templating import templates

router = APIRouter()
MAX_UPLOAD = 20 * 1024 * 1024
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def read_upload(upload: UploadFile, limit: int = MAX_UPLOAD) -> bytes:
    """The bytes of an uploaded file, refused past ``limit`` (read in pieces, never all of a huge body)."""
    chunks, size = [], 0
    while chunk := await upload.read(1024 * 1024):
        size += len(chunk)
        if size > limit:
            raise InputError(Problem(f"Tệp '{upload.filename}' lớn quá {limit // (1024 * 1024)} MB."))
        chunks.append(chunk)
    return b"".join(chunks)


def placed_errors(loai: str, values: dict[str, Any], problems: list[Problem]) -> tuple[dict[str, list[str]], list]:
    """Problems by the path of the field they land on, and the summary (message, element id or None)."""
    root = forms.form_of(loai)
    known = forms.paths_of(root, values)
    by_path: dict[str, list[str]] = {}
    summary = []
    for problem in problems:
        path = forms.nearest(problem.field or "", known)
        if path:
            by_path.setdefault(path, []).append(problem.message)
        label = problem.field or ""
        summary.append((f"{label}: {problem.message}" if label else problem.message,
                        forms.element_id(path) if path else None))
    return by_path, summary


def type_name(loai: str) -> str:
    """The Vietnamese name of a type ("Công văn")."""
    from draftgen.doctypes.registry import get_type

    return get_type(loai).ten


def form_context(loai: str, data: dict[str, Any], problems: list[Problem] | None = None, *,
                 template_ref: str | None = None, raw: dict[str, Any] | None = None) -> dict[str, Any]:
    """What form.html needs: the fields, the values (in the form's shapes), the errors, the directive panel."""
    from draftgen.web.pages_directives import panel_context

    values = raw if raw is not None else forms.form_values(data, loai)
    errors, summary = placed_errors(loai, values, problems or [])
    return {"loai": loai, "ten": type_name(loai), "root": forms.form_of(loai), "values": values,
            "errors": errors, "summary": summary, "kept": documents.kept_json(data, loai),
            "template_ref": template_ref or "", "directives": panel_context(values), "page": "form",
            "has_cascade": forms.takes_parents(loai),
            "show_all": bool(problems)}


def form_page(request: Request, loai: str, data: dict[str, Any], problems: list[Problem] | None = None,
              template_ref: str | None = None, status: int = 200) -> HTMLResponse:
    """The whole form page."""
    context = form_context(loai, data, problems, template_ref=template_ref)
    context["page_css"] = page_css()
    return templates().TemplateResponse(request, "form.html", context, status_code=status)


@router.get("/soan", response_class=HTMLResponse)
def new_form(request: Request, loai: str = "cong_van", mau: str | None = None) -> HTMLResponse:
    """An empty form of ``loai``, or one filled from a library template's sample (``mau``)."""
    loai = documents.known_type(loai)
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    if mau:
        try:
            entry = documents.template_entry(mau)
            loai = entry.loai
            data = {**(entry.sample or {}), **entry.fixed}
            mau = entry.ref
        except InputError as exc:
            problems, mau = exc.problems, None
    return form_page(request, loai, data, problems, mau)


@router.post("/soan/mo-yaml", response_class=HTMLResponse)
async def open_yaml(request: Request, tep: Annotated[UploadFile, File()]) -> HTMLResponse:
    """A YAML file uploaded: the form filled with it (its problems shown beside their fields)."""
    try:
        text = (await read_upload(tep, 4 * 1024 * 1024)).decode("utf-8-sig")
        loai, data = documents.read_yaml(text, tep.filename or "tệp tải lên")
    except UnicodeDecodeError:
        return _start_with(request, [Problem("Tệp YAML phải ghi bằng bảng mã UTF-8.")])
    except InputError as exc:
        return _start_with(request, exc.problems)
    outcome = documents.check(loai, data)
    return form_page(request, loai, data, outcome.problems)


def _start_with(request: Request, problems: list[Problem]) -> HTMLResponse:
    return templates().TemplateResponse(request, "start.html", {
        "groups": documents.type_groups(), "page": "start", "problems": [str(p) for p in problems]},
        status_code=422)


async def _submitted(request: Request) -> tuple[documents.Outcome, list[tuple[str, Any]]]:
    form = await request.form()
    pairs = list(form.multi_items())
    loai, data = documents.form_data(pairs)
    template_ref = next((v for k, v in pairs if k == "_template" and v), None)
    if template_ref:
        try:
            data = {**documents.template_entry(template_ref).fixed, **data}
        except InputError:
            pass
    return documents.check(loai, data), pairs


def _template_of(pairs: list[tuple[str, Any]]) -> str | None:
    return next((v for k, v in pairs if k == "_template" and isinstance(v, str) and v), None)


@router.post("/soan", response_class=HTMLResponse)
async def check_form(request: Request) -> HTMLResponse:
    """The form checked (the "Kiểm tra" button, or the form sent without JavaScript)."""
    outcome, pairs = await _submitted(request)
    documents.draft(outcome)
    return form_page(request, outcome.loai, outcome.data, outcome.problems, _template_of(pairs),
                     422 if outcome.problems else 200)


@router.post("/soan/bieu-mau", response_class=HTMLResponse)
async def rerender_fields(request: Request) -> HTMLResponse:
    """The fields again, with a row added or removed (``_action``); the preview refreshes after."""
    form = await request.form()
    pairs = list(form.multi_items())
    loai, data = documents.form_data(pairs)
    raw = formrows.raw_of((k, v) for k, v in pairs if isinstance(v, str))
    focus = formrows.apply_action(raw, str(form.get("_action") or ""))
    context = form_context(loai, data, raw=raw, template_ref=_template_of(pairs))
    context["focus"] = forms.element_id(focus) if focus else ""
    response = templates().TemplateResponse(request, "_fields.html", context)
    response.headers["HX-Trigger-After-Settle"] = "refresh-preview"
    return response


@router.post("/soan/xem-truoc", response_class=HTMLResponse)
async def preview(request: Request) -> HTMLResponse:
    """The live preview: the page of the current data; invalid data keeps the last page and lists the errors."""
    outcome, pairs = await _submitted(request)
    draft = documents.draft(outcome)
    raw = formrows.raw_of((k, v) for k, v in pairs if isinstance(v, str))
    errors, summary = placed_errors(outcome.loai, raw, outcome.problems)
    context = {"html": page_html(draft) if draft is not None else "", "errors": errors, "summary": summary,
               "count": len(outcome.problems)}
    response = templates().TemplateResponse(request, "_preview.html", context)
    if draft is None:
        response.headers["HX-Reswap"] = "none"  # keep the last good page; the status and errors still change
    return response


def _download(outcome: documents.Outcome, body: bytes, suffix: str, media: str) -> Response:
    name = f"{documents.file_stem(outcome)}.{suffix}"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post("/soan/tai/{kind}")
async def download(request: Request, kind: str) -> Response:
    """DOCX, PDF or YAML of the filled form; an invalid form comes back with its errors (422)."""
    outcome, pairs = await _submitted(request)
    if kind == "yaml":
        return _download(outcome, documents.yaml_text(outcome.data).encode("utf-8"), "yaml",
                         "application/yaml; charset=utf-8")
    documents.draft(outcome)
    if outcome.document is None or kind not in ("docx", "pdf"):
        return form_page(request, outcome.loai, outcome.data, outcome.problems, _template_of(pairs), 422)
    docx = documents.docx_bytes(outcome, _template_of(pairs))
    if kind == "docx":
        return _download(outcome, docx, "docx", DOCX_TYPE)
    try:
        pdf = await converting.run_converter(request, converting.pdf_of, docx)
    except converting.ConverterBusy as exc:
        return form_page(request, outcome.loai, outcome.data, [Problem(str(exc))], _template_of(pairs), 503)
    except Exception as exc:  # noqa: BLE001 - LibreOffice missing or failing: say so on the page
        return form_page(request, outcome.loai, outcome.data, [Problem(_converter_message(exc))],
                         _template_of(pairs), 503)
    return _download(outcome, pdf, "pdf", "application/pdf")


def _converter_message(exc: BaseException) -> str:
    return f"Không tạo được PDF: {exc}. Cần LibreOffice trên máy chạy draftgen (draftgen doctor)."


@router.post("/soan/ban-in", response_class=HTMLResponse)
async def print_view(request: Request) -> HTMLResponse:
    """The real pages (LibreOffice's PDF as PNG images), or why they cannot be shown."""
    outcome, pairs = await _submitted(request)
    documents.draft(outcome)
    context: dict[str, Any] = {"images": [], "message": None}
    if outcome.document is None:
        context["message"] = f"Chưa xem được bản in: văn bản còn {len(outcome.problems)} lỗi (xem bên trái)."
    else:
        try:
            _pdf, pages = await converting.run_converter(request, converting.printed,
                                                         documents.docx_bytes(outcome, _template_of(pairs)))
            context["images"] = [base64.b64encode(p).decode("ascii") for p in pages]
        except converting.ConverterBusy as exc:
            context["message"] = str(exc)
        except Exception as exc:  # noqa: BLE001 - LibreOffice missing or failing
            context["message"] = _converter_message(exc)
    return templates().TemplateResponse(request, "_print.html", context)
