"""Validate every unit before the first write (:func:`prepare`).

Per unit, the fields are rendered with ``unit`` in the context, per-unit overrides are applied, the
letter is validated (pydantic) and resolved to a Draft. Every problem of every unit is collected (unit
code, row of the units file, field); if there is any, nothing is written (:class:`InputError`, exit 2).
A unit whose input hash and file are unchanged since the last run is "unchanged"; the Drafts to render
are spooled to a temporary file, so memory does not grow with the number of units.
"""

from __future__ import annotations

import hashlib
import pickle
import struct
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftgen import __version__
from draftgen.batch.letter import BATCH_KEY, LetterPlan
from draftgen.batch.state import (
    MANIFEST_JSON,
    OK_STATUSES,
    BatchOptions,
    Progress,
    Record,
    Silent,
    input_hash,
    read_state,
    sha256_file,
)
from draftgen.errors import InputError, Problem
from draftgen.filenames import DEFAULT_PATTERN, NameMaker
from draftgen.load import Loaded, load_yaml_file
from draftgen.units import Unit, join_columns, load_units

_LENGTH = struct.Struct("<I")



@dataclass
class Prepared:
    """The outcome of the validation pass: one record per unit; the Drafts to render in a spool file."""

    records: list[Record]
    todo: list[int]            # indexes of records to render
    spool: Any                 # binary temp file of pickled (index, Draft) in todo order
    template_sha: str
    meta: dict[str, Any]
    template_path: Path | None = None  # the template the documents are rendered with


def _unit_problem(unit: Unit, problem: Problem, input_source: str | None) -> Problem:
    template_at = f" (mẫu: {Path(input_source).name} dòng {problem.line})" if problem.line and input_source else ""
    joined = f" (số liệu: {'; '.join(unit.extra_sources)})" if unit.extra_sources else ""
    return Problem(f"Đơn vị {unit.code} {unit.name}{joined}: {problem.message}{template_at}",
                   field=problem.field, line=unit.row, source=unit.source)


def prepare(options: BatchOptions, progress: Progress | None = None) -> Prepared:
    """Load, validate and resolve every unit; raise InputError listing every problem; nothing is written."""
    from draftgen.doctypes.registry import get_type, type_key
    from draftgen.pipeline import draft_of, validate_letter
    from draftgen.resources import template_path

    progress = progress or Silent()
    plan = LetterPlan(load_yaml_file(options.input_path))
    units = load_units(options.units, plan.letter_date)
    for extra in options.joins:
        join_columns(units, extra)
    if not units:
        raise InputError(Problem("Danh sách đơn vị trống.", field="--units"))
    out_dir = Path(options.out_dir)
    problems: list[Problem] = []
    if out_dir.exists() and not out_dir.is_dir():
        problems.append(Problem(f"'{out_dir}' đã có và không phải thư mục.", field="--out"))
    if options.zip_path and Path(options.zip_path).exists() and not options.force \
            and not _is_batch_zip(Path(options.zip_path)):
        problems.append(Problem(f"Tệp '{options.zip_path}' đã có (không phải tệp nén của draftgen batch); "
                                "dùng --force để ghi đè.", field="--zip"))
    known = {u.code for u in units}
    for code in plan.overrides:
        if code not in known:
            problems.append(Problem(f"Mã đơn vị {code} trong 'batch.overrides' không có trong danh sách đơn vị.",
                                    field=f"batch.overrides.{code}",
                                    line=plan.loaded.line_of((BATCH_KEY, "overrides", code)), source=plan.source))
    names = NameMaker(options.pattern or plan.file_name or DEFAULT_PATTERN, ascii_only=options.ascii_names)
    kind = type_key(plan.loaded.data)
    try:  # the bundled template of the letter's type (an unknown type is reported for every unit below)
        bundled = template_path(get_type(kind).template) if isinstance(kind, str) else None
    except InputError:
        bundled = None
    tpl_path = Path(options.template_path) if options.template_path else bundled or template_path("cong-van.docx")
    template_sha = hashlib.sha256(tpl_path.read_bytes()).hexdigest()
    state = {} if options.force else read_state(out_dir) if out_dir.is_dir() else {}
    records: list[Record] = []
    todo: list[int] = []
    spool = tempfile.TemporaryFile(prefix="draftgen-batch-")
    progress.start("Kiểm tra", len(units))
    for unit in units:
        record = Record(code=unit.code, name=unit.name, row=unit.row, source=unit.source, file="")
        records.append(record)
        missing = names.missing(unit.columns)
        if missing:
            problems.append(Problem(f"Đơn vị {unit.code} {unit.name}: mẫu tên tệp cần cột {', '.join(missing)}.",
                                    field="--names", line=unit.row, source=unit.source))
            progress.advance()
            continue
        record.file = names.make(unit.columns)
        data, unit_problems = plan.unit_data(unit)
        draft = None
        if not unit_problems:
            try:
                draft = draft_of(validate_letter(Loaded(data, plan.loaded.lines, plan.source)))
            except InputError as exc:
                unit_problems = exc.problems
            except Exception as exc:  # noqa: BLE001 - reported with the unit, never a traceback mid-batch
                unit_problems = [Problem(f"lỗi khi chuẩn bị văn bản: {exc.__class__.__name__}: {exc}")]
        if unit_problems:
            problems.extend(_unit_problem(unit, p, plan.source) for p in unit_problems)
            progress.advance()
            continue
        record.input_hash = input_hash(template_sha, draft, record.file)
        before = state.get(unit.code)
        if before and _up_to_date(before, record, out_dir):
            record.sha256, record.status = before["sha256"], "unchanged"
        else:
            record.status = "rebuilt" if (out_dir / record.file).exists() else "created"
            todo.append(len(records) - 1)
            spool_write(spool, (len(records) - 1, draft))
        progress.advance()
    progress.done()
    if problems:
        spool.close()
        raise InputError(problems)
    spool.seek(0)
    meta = {"draftgen": __version__, "input": str(options.input_path), "units": options.units,
            "joins": [str(j) for j in options.joins], "template": str(tpl_path), "template_sha256": template_sha,
            "file_name_pattern": names.pattern, "dataset": units[0].columns.get("dataset")}
    return Prepared(records, todo, spool, template_sha, meta, tpl_path)


def _up_to_date(before: dict[str, Any], record: Record, out_dir: Path) -> bool:
    if before.get("status") not in OK_STATUSES or before.get("input_hash") != record.input_hash:
        return False
    if before.get("file") != record.file:
        return False
    path = out_dir / record.file
    return path.is_file() and sha256_file(path) == before.get("sha256")


def _is_batch_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return MANIFEST_JSON in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False



def spool_write(spool: Any, item: Any) -> None:
    # Length-prefixed pickles: one long-lived pickle.Unpickler on a file grows memory with every load
    data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    spool.write(_LENGTH.pack(len(data)))
    spool.write(data)


def spool_read(spool: Any) -> Any:
    (size,) = _LENGTH.unpack(spool.read(_LENGTH.size))
    return pickle.loads(spool.read(size))


