"""The JSON API behind the pages (``/api/...``): HTTP only; the work is :mod:`draftgen.web.service`.

Bad input answers 422 with ``{"errors": [{"field", "line", "message"}]}`` (Vietnamese, the YAML line when
known): the handlers of :mod:`draftgen.web.app` turn every :class:`~draftgen.errors.InputError` into it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from draftgen.web import batchjob, converting, service

router = APIRouter(prefix="/api", tags=["API"])


class ProblemOut(BaseModel):
    """Một lỗi của dữ liệu gửi lên."""

    field: str | None = Field(None, description="Trường bị lỗi, ví dụ 'ngay' hoặc 'noi_nhan[2].ten'")
    line: int | None = Field(None, description="Dòng của YAML (khi biết)")
    message: str = Field(description="Lời báo lỗi bằng tiếng Việt")
    source: str | None = Field(None, description="Tệp có lỗi (đợt tạo văn bản: thư hoặc danh sách đơn vị)")


class ErrorsOut(BaseModel):
    """Dữ liệu không hợp lệ: danh sách lỗi."""

    errors: list[ProblemOut]


class OkOut(BaseModel):
    """Dữ liệu hợp lệ."""

    ok: bool = True


_ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": ErrorsOut, "description": "Dữ liệu không hợp lệ"},
                                            413: {"model": ErrorsOut, "description": "Dữ liệu gửi lên quá lớn"}}
_YAML_BODY: dict[str, Any] = {"requestBody": {
    "required": True, "description": "Văn bản dạng YAML (hoặc JSON)", "content": {
        "application/yaml": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "object"}}}}}
_TEMPLATE = Query(None, description="Mẫu của thư viện: id hoặc id@phiên_bản (xem 'draftgen templates list')")


async def _prepared(request: Request, template: str | None = None) -> service.Prepared:
    body = await request.body()
    # parsing (up to 4 MB of YAML) and validating run in a thread: the event loop keeps serving others
    return await run_in_threadpool(service.prepare_body, body, request.headers.get("content-type"), template)


@router.post("/validate", response_model=OkOut, responses=_ERRORS, openapi_extra=_YAML_BODY,
             summary="Kiểm tra văn bản YAML/JSON",
             description="Kiểm tra theo mẫu của loại văn bản và quy định NĐ30 (cả văn bản cấp trên và các mục "
                         "chọn), không tạo tệp. Hợp lệ: {\"ok\": true}; không hợp lệ: 422 với danh sách lỗi.")
async def validate(request: Request, template: str | None = _TEMPLATE) -> dict[str, bool]:
    await _prepared(request, template)
    return {"ok": True}


@router.post("/render", response_class=Response, responses=_ERRORS | {200: {
    "content": {service.DOCX_MEDIA_TYPE: {}}, "description": "Tệp DOCX"}}, openapi_extra=_YAML_BODY,
             summary="Tạo văn bản DOCX",
             description="Tạo tệp DOCX từ văn bản YAML/JSON; tên tệp (Content-Disposition) theo loại, số và trích "
                         "yếu. Có thể chọn một mẫu của thư viện.")
async def render(request: Request, template: str | None = _TEMPLATE) -> Response:
    prepared = await _prepared(request, template)
    data = await run_in_threadpool(service.render, prepared)
    return Response(data, media_type=service.DOCX_MEDIA_TYPE, headers={
        "Content-Disposition": service.content_disposition(service.file_stem(prepared.document) + ".docx")})


@router.post("/pdf", response_class=Response, responses=_ERRORS | {200: {
    "content": {service.PDF_MEDIA_TYPE: {}}, "description": "Tệp PDF"},
    503: {"model": ErrorsOut, "description": "Máy chủ chưa cài LibreOffice"}}, openapi_extra=_YAML_BODY,
             summary="Tạo văn bản PDF",
             description="Tạo DOCX rồi chuyển sang PDF bằng LibreOffice (503 khi máy chủ chưa cài LibreOffice).")
async def pdf(request: Request, template: str | None = _TEMPLATE) -> Response:
    prepared = await _prepared(request, template)
    docx = await run_in_threadpool(service.render, prepared)
    data = await converting.run_converter(request, converting.pdf_of, docx)
    return Response(data, media_type=service.PDF_MEDIA_TYPE, headers={
        "Content-Disposition": service.content_disposition(service.file_stem(prepared.document) + ".pdf")})


@router.post("/check", responses=_ERRORS, summary="Kiểm tra thể thức một tệp DOCX",
             description="Kiểm tra tệp DOCX theo NĐ30; kết quả đúng như 'draftgen check --json' ({\"files\": […]}). "
                         "Tệp không đọc được (không phải DOCX, hỏng, 'zip bomb'): 422, kèm 'errors'.")
async def check(file: Annotated[UploadFile, File(description="Tệp DOCX cần kiểm tra")],
                loai: Annotated[str | None, Form(description="Kiểm tra như loại này (cong_van, quyet_dinh …)")] = None,
                no_warnings: Annotated[bool, Form(description="Chỉ báo lỗi, bỏ qua cảnh báo")] = False
                ) -> JSONResponse:
    data = await file.read()
    name = service.upload_name(file.filename, "van-ban.docx")
    readable, report = await run_in_threadpool(service.check_upload, data, name, loai or None, no_warnings)
    return JSONResponse(report, status_code=200 if readable else 422)


@router.post("/batch", response_class=FileResponse, responses=_ERRORS | {200: {
    "content": {"application/zip": {}}, "description": "Tệp ZIP: một DOCX cho mỗi đơn vị, manifest.json, manifest.csv"},
    504: {"model": ErrorsOut, "description": "Quá thời gian cho phép"},
    507: {"model": ErrorsOut, "description": "Quá dung lượng cho phép"}},
             summary="Tạo văn bản cho nhiều đơn vị",
             description="Một văn bản YAML (có thể có mục 'batch') và danh sách đơn vị (.csv, .xlsx, .yaml) hoặc "
                         "một tỉnh của danh mục kèm theo (mã, ví dụ 66). Mọi đơn vị được kiểm tra trước; có lỗi thì "
                         "422 với lỗi của từng dòng. Chạy có giới hạn thời gian và dung lượng.")
async def batch(request: Request,
                letter: Annotated[UploadFile, File(description="Tệp YAML của văn bản")],
                units: Annotated[UploadFile | None, File(description="Danh sách đơn vị: .csv, .xlsx, .yaml")] = None,
                province: Annotated[str | None, Form(description="Hoặc: mã (hay tên) tỉnh, ví dụ 66")] = None,
                kind: Annotated[str | None, Form(description="Chỉ các đơn vị loại: Xã, Phường, Đặc khu")] = None,
                ascii_names: Annotated[bool, Form(description="Tên tệp bỏ dấu tiếng Việt")] = False) -> FileResponse:
    settings = request.app.state.settings
    job = batchjob.BatchRequest(letter=await letter.read(),
                                letter_name=service.upload_name(letter.filename, "thu.yaml"),
                                province=province or None, kind=kind or None, ascii_names=ascii_names)
    if units is not None and units.filename:
        job.units, job.units_name = await units.read(), service.upload_name(units.filename, "don-vi.csv")
    slots = request.app.state.batch_slots
    if not slots.acquire(blocking=False):
        return JSONResponse({"errors": [{"field": None, "line": None, "message": (
            "Máy chủ đang tạo văn bản cho các đợt khác; hãy thử lại sau ít phút.")}]}, status_code=503,
            headers={"Retry-After": "30"})
    try:
        outcome = await run_in_threadpool(batchjob.run, job, seconds=settings.batch_seconds,
                                          max_bytes=settings.batch_max_bytes, max_units=settings.batch_max_units)
    finally:
        slots.release()
    headers = {f"X-Draftgen-{status.capitalize()}": str(n) for status, n in outcome.counts.items()}
    return _TempFileResponse(outcome.cleanup, outcome.zip_path, media_type="application/zip", filename="van-ban.zip",
                             headers=headers)


class _TempFileResponse(FileResponse):
    """A file sent from a private folder, removed once sent, also when the client goes away mid-way."""

    def __init__(self, cleanup: Callable[[], None], *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._cleanup = cleanup

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._cleanup()


@router.get("/templates", summary="Thư viện mẫu",
            description="Các mẫu văn bản của thư viện (có sẵn, và các thư mục của DRAFTGEN_TEMPLATES): 'ref' dùng "
                        "cho tham số 'template' của /api/render.")
def templates() -> list[dict[str, Any]]:
    return service.templates_list()


@router.get("/types", summary="Các loại văn bản",
            description="Mọi loại văn bản draftgen soạn được: mã 'loai', tên tiếng Việt, họ mẫu, Mẫu của Phụ lục III.")
def types() -> list[dict[str, Any]]:
    return service.doc_types_list()


@router.get("/schema/{loai}", responses=_ERRORS, summary="JSON Schema của một loại văn bản",
            description="JSON Schema của tệp YAML loại này (nhãn, mô tả tiếng Việt của từng trường).")
def schema(loai: str) -> dict[str, Any]:
    return service.schema_of(loai)


@router.get("/directives", summary="Thư viện văn bản cấp trên",
            description="Các văn bản cấp trên có sẵn (ghi ở 'parents' bằng 'id', ví dụ 968/CĐ-TTg).")
def directives() -> list[dict[str, Any]]:
    return service.directives_list()


@router.get("/directives/{ref:path}", responses=_ERRORS, summary="Một văn bản cấp trên và các mục của nó",
            description="Các mục, điểm, điều, khoản với mã dùng ở 'clauses' (ví dụ 1, 1.a, d2.k1) và nội dung.")
def directive(ref: str) -> dict[str, Any]:
    return service.directive_detail(ref)
