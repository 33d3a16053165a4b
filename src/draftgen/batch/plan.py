"""Validate every unit before the first write (:func:`prepare`).

File names are given here, in the units' order. Per unit, the fields are rendered with ``unit`` in the
context, per-unit overrides are applied, the letter is validated (pydantic) and resolved to a Draft: in
this process, or with ``--jobs N`` in worker processes (:mod:`.validate`). Every problem of every unit is
collected (unit code, row of the units file, field); if there is any, nothing is written
(:class:`InputError`, exit 2). A unit whose input hash and file are unchanged since the last run is
"unchanged"; the Drafts to render are spooled (pickled once, by the pass that validated them) to a
temporary file, so memory does not grow with the number of units.
"""

from __future__ import annotations

import hashlib
import struct
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftgen import __version__
from draftgen.batch.letter import BATCH_KEY, LetterPlan, letter_of
from draftgen.batch.office import office_template
from draftgen.batch.state import (
    MANIFEST_JSON,
    OK_STATUSES,
    BatchOptions,
    Progress,
    Record,
    Silent,
    jobs_for,
    read_state,
    sha256_file,
)
from draftgen.batch.validate import Task, UnitChecker, check_all
from draftgen.errors import InputError, Problem
from draftgen.filenames import DEFAULT_PATTERN, NameMaker
from draftgen.units import Unit, join_columns, load_units

_HEAD = struct.Struct("<II")  # spool: the record's index, the pickled Draft's length



@dataclass
class Prepared:
    """The outcome of the validation pass: one record per unit; the Drafts to render in a spool file."""

    records: list[Record]
    todo: list[int]            # indexes of records to render
    spool: Any                 # binary temp file of pickled (index, Draft) in todo order
    template_sha: str
    meta: dict[str, Any]
    template_path: Path | None = None  # the template the documents are rendered with (--template-path or the type's)
    jobs: int = 1                      # worker processes of the run (options.jobs, resolved: jobs_for)


def _unit_problem(unit: Unit, problem: Problem, input_source: str | None) -> Problem:
    template_at = f" (mẫu: {Path(input_source).name} dòng {problem.line})" if problem.line and input_source else ""
    joined = f" (số liệu: {'; '.join(unit.extra_sources)})" if unit.extra_sources else ""
    return Problem(f"Đơn vị {unit.code} {unit.name}{joined}: {problem.message}{template_at}",
                   field=problem.field, line=unit.row, source=unit.source)


def prepare(options: BatchOptions, progress: Progress | None = None) -> Prepared:
    """Load, validate and resolve every unit; raise InputError listing every problem; nothing is written."""
    from draftgen.doctypes.registry import get_type, type_key
    from draftgen.resources import template_path

    progress = progress or Silent()
    office = office_template(options.template_ref, options.template_dirs) if options.template_ref else None
    plan = LetterPlan(letter_of(options.input_path, office))
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
    if office is not None:
        office.check_family(kind)
        bundled: Path | None = office.path
    else:
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
    tasks: list[Task] = []
    unit_problems: dict[int, list[Problem]] = {}
    for index, unit in enumerate(units):
        record = Record(code=unit.code, name=unit.name, row=unit.row, source=unit.source, file="")
        records.append(record)
        missing = names.missing(unit.columns)
        if missing:
            unit_problems[index] = [Problem(f"Đơn vị {unit.code} {unit.name}: mẫu tên tệp cần cột "
                                            f"{', '.join(missing)}.", field="--names", line=unit.row,
                                            source=unit.source)]
            progress.advance()
            continue
        record.file = names.make(unit.columns)
        tasks.append((index, unit, record.file))
    checker = UnitChecker(plan, template_sha)
    jobs = jobs_for(options.jobs, len(units))
    for index, found, digest, blob in check_all(checker, tasks, jobs, options.input_path,
                                                office.fixed if office else None,
                                                meanwhile=lambda: _compile_ahead(tpl_path)):
        progress.advance()
        if found:
            unit_problems[index] = [_unit_problem(units[index], p, plan.source) for p in found]
            continue
        record = records[index]
        record.input_hash = digest
        before = state.get(record.code)
        if before and _up_to_date(before, record, out_dir):
            record.sha256, record.status = before["sha256"], "unchanged"
        else:
            record.status = "rebuilt" if (out_dir / record.file).exists() else "created"
            todo.append(index)
            spool_write(spool, index, blob)
    for index in sorted(unit_problems):  # in the order of the units file, as they were read
        problems.extend(unit_problems[index])
    progress.done()
    if problems:
        spool.close()
        raise InputError(problems)
    spool.seek(0)
    meta = {"draftgen": __version__, "input": str(options.input_path), "units": options.units,
            "joins": [str(j) for j in options.joins], "template": str(tpl_path), "template_sha256": template_sha,
            "file_name_pattern": names.pattern, "dataset": units[0].columns.get("dataset")}
    if office is not None:
        meta["template_ref"] = office.ref
    return Prepared(records, todo, spool, template_sha, meta, tpl_path, jobs)


def _compile_ahead(path: str | Path) -> None:
    """Compile the render pass's template while the workers validate (it is then inherited by the render workers).

    A template that does not compile is left for the render pass to report, after the units' own problems."""
    from draftgen.batch.compiled import compiled_template

    try:
        compiled_template(path)
    except Exception:  # noqa: BLE001, S110 - reported by the render pass, in its place
        pass


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



def spool_write(spool: Any, index: int, blob: bytes) -> None:
    """One Draft to render, pickled once by the pass that validated it: (index, length) then the bytes.

    Length-prefixed: one long-lived pickle.Unpickler on a file grows memory with every load.
    """
    spool.write(_HEAD.pack(index, len(blob)))
    spool.write(blob)


def spool_read(spool: Any) -> tuple[int, bytes]:
    """(index, pickled Draft) of the next document to render."""
    index, size = _HEAD.unpack(spool.read(_HEAD.size))
    return index, spool.read(size)
