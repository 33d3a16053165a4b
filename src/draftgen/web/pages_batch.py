"""The batch page: a letter and a list of units (a CSV/XLSX, or a province of the bundled list), validation
per row, then a ZIP of the documents and the manifest (``draftgen batch`` in a private temporary folder)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from draftgen.errors import InputError, Problem
from draftgen.web.batchjob import BatchLimit
from draftgen.web.pages_form import read_upload
from draftgen.web.templating import templates

router = APIRouter()
UNIT_SUFFIXES = (".csv", ".xlsx")
MAX_UNITS = 5000
TOKEN = re.compile(r"[A-Za-z0-9]{8,32}")


def provinces() -> list[dict[str, str]]:
    """The provinces of the newest bundled list (code, name), for the select."""
    from draftgen.units import dataset_for, read_csv

    return [{"code": p.code, "name": p.name} for p in read_csv(dataset_for().provinces)]


def _page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    return templates().TemplateResponse(request, "batch.html", {"page": "batch", "provinces": provinces(),
                                                                 **context}, status_code=status)


async def _inputs(work: Path, letter: UploadFile, units: UploadFile | None, province: str) -> tuple[Path, str]:
    """The uploads saved under fixed names in ``work`` (no name from the request becomes a path)."""
    letter_path = work / "van-ban.yaml"
    letter_path.write_bytes(await read_upload(letter, 4 * 1024 * 1024))
    if units is not None and units.filename:
        suffix = Path(units.filename).suffix.lower()
        if suffix not in UNIT_SUFFIXES:
            raise InputError(Problem("Danh sách đơn vị phải là tệp .csv hoặc .xlsx.", field="danh_sach"))
        units_path = work / f"don-vi{suffix}"
        units_path.write_bytes(await read_upload(units))
        return letter_path, str(units_path)
    if not province.strip().isdigit():
        raise InputError(Problem("Hãy chọn tệp danh sách đơn vị hoặc một tỉnh, thành phố.", field="danh_sach"))
    return letter_path, f"bundled:province={province.strip()}"


def unit_rows(letter_path: Path, spec: str, problems: list[Problem]) -> list[dict[str, Any]]:
    """Every unit with its problems (matched by the unit's row in its list)."""
    from draftgen.batch.letter import LetterPlan
    from draftgen.load import load_yaml_file
    from draftgen.units import load_units

    units = load_units(spec, LetterPlan(load_yaml_file(letter_path)).letter_date)
    by_row: dict[int | None, list[str]] = {}
    for problem in problems:
        by_row.setdefault(problem.line, []).append(problem.message)
    return [{"code": u.code, "name": u.name, "row": u.row, "problems": by_row.get(u.row, [])} for u in units]


def _options(letter_path: Path, spec: str, work: Path) -> Any:
    from draftgen.batch.state import BatchOptions

    return BatchOptions(input_path=letter_path, units=spec, out_dir=work / "ket-qua", zip_path=work / "van-ban.zip")


def validate(letter_path: Path, spec: str, work: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """(rows, problems that belong to no unit): every unit validated, nothing written."""
    from draftgen.batch.plan import prepare
    from draftgen.units import load_units

    if len(load_units(spec)) > MAX_UNITS:
        raise InputError(Problem(f"Trang web soạn tối đa {MAX_UNITS} đơn vị một lần; hãy dùng 'draftgen batch'."))
    try:
        prepared = prepare(_options(letter_path, spec, work))
        prepared.spool.close()
        problems: list[Problem] = []
    except InputError as exc:
        problems = exc.problems
    rows = unit_rows(letter_path, spec, problems)
    placed = {r["row"] for r in rows if r["problems"]}
    general = [str(p) for p in problems if p.line not in placed or p.line is None]
    return rows, general


def make_zip(request: Request, letter_path: Path, spec: str) -> bytes:
    """The ZIP of the run (documents, manifest.json, manifest.csv), made by the API's batch worker: its own
    process, under the service's limits of time, disk and units (:mod:`draftgen.web.batchjob`)."""
    from draftgen.web import batchjob

    settings = request.app.state.settings
    job = batchjob.BatchRequest(letter=letter_path.read_bytes(), letter_name="van-ban.yaml")
    if spec.startswith("bundled:province="):
        job.province = spec.split("=", 1)[1]
    else:
        job.units, job.units_name = Path(spec).read_bytes(), Path(spec).name
    outcome = batchjob.run(job, seconds=settings.batch_seconds, max_bytes=settings.batch_max_bytes,
                           max_units=settings.batch_max_units)
    try:
        return outcome.zip_path.read_bytes()
    finally:
        outcome.cleanup()


@router.get("/hang-loat", response_class=HTMLResponse)
def batch_page(request: Request) -> HTMLResponse:
    """The batch form."""
    return _page(request)


@router.post("/hang-loat/kiem-tra", response_class=HTMLResponse)
async def batch_check(request: Request, van_ban: Annotated[UploadFile, File()],
                      danh_sach: Annotated[UploadFile | None, File()] = None,
                      tinh: Annotated[str, Form()] = "") -> HTMLResponse:
    """Validation per unit (the rows fragment, for htmx)."""
    with tempfile.TemporaryDirectory(prefix="draftgen-web-batch-") as tmp:
        try:
            letter_path, spec = await _inputs(Path(tmp), van_ban, danh_sach, tinh)
            rows, general = await run_in_threadpool(validate, letter_path, spec, Path(tmp))
        except InputError as exc:
            rows, general = [], [str(p) for p in exc.problems]
    return templates().TemplateResponse(request, "_batch_rows.html", {"rows": rows, "general": general})


@router.post("/hang-loat/zip")
async def batch_zip(request: Request, van_ban: Annotated[UploadFile, File()],
                    danh_sach: Annotated[UploadFile | None, File()] = None,
                    tinh: Annotated[str, Form()] = "", token: Annotated[str, Form(alias="_token")] = "") -> Response:
    """The ZIP, or the page with what stops the run (422)."""
    with tempfile.TemporaryDirectory(prefix="draftgen-web-batch-") as tmp:
        try:
            letter_path, spec = await _inputs(Path(tmp), van_ban, danh_sach, tinh)
            body = await run_in_threadpool(make_zip, request, letter_path, spec)
        except BatchLimit as exc:
            return _page(request, exc.status, rows=[], general=[str(exc)])
        except InputError as exc:
            try:
                rows, general = await run_in_threadpool(validate, letter_path, spec, Path(tmp))
            except (InputError, NameError):
                rows, general = [], [str(p) for p in exc.problems]
            return _page(request, 422, rows=rows, general=general)
    response = Response(body, media_type="application/zip",
                        headers={"Content-Disposition": 'attachment; filename="van-ban-hang-loat.zip"'})
    if TOKEN.fullmatch(token):  # the page's progress bar stops when this cookie comes back with the download
        response.set_cookie("dg-zip", token, path="/hang-loat", samesite="strict", max_age=600)
    return response
