"""One letter per unit, thousands at a time.

The flow of a run (``draftgen batch INPUT.yaml --units UNITS --out DIR``):

1. **Plan** (:class:`LetterPlan`): the INPUT letter is loaded once; every string that holds a Jinja tag
   (``{{ unit.name }}``) is compiled once per run in the sandboxed environment of :mod:`draftgen.render`
   (autoescape off: these are plain-text fields that the DOCX template escapes once, later).
2. **Validate every unit first** (:func:`prepare`): per unit, the fields are rendered with ``unit`` in
   the context, per-unit overrides are applied, the letter is validated (pydantic) and resolved to a
   Draft. Every problem of every unit is collected (unit code, row of the units file, field); if there
   is any, nothing is written (:class:`InputError`, exit 2). The Drafts to render are spooled to a
   temporary file, so memory does not grow with the number of units.
3. **Render** (:func:`run_batch`): the template is compiled once per process (worker initializer);
   workers render chunks of Drafts and write each DOCX atomically (temp file + rename). One unit's
   failure is recorded and never loses another unit's output.
4. **Record**: each finished chunk is appended to a journal in DIR, so a run killed mid-way can be
   resumed; at the end ``manifest.json`` and ``manifest.csv`` are written atomically (unit, file,
   sha256, input hash, status) and the journal removed. A re-run skips units whose input hash (template,
   draftgen version, the unit's Draft and file name) and file are unchanged; ``force`` rebuilds all.

Per-unit overrides (replace or extend any field of one unit):

- in the INPUT: ``batch: {overrides: {"24175": {"so": 15, "nguoi_ky.ho_ten": "…", "noi_dung.muc+": [...]}}}``
- in the units table: columns ``override.<field>`` (``override.so``, ``override.kinh_gui``,
  ``override.nguoi_ky.ho_ten``, ``override.noi_dung.muc+``); an empty cell changes nothing.

A key is a dotted field path (a number selects a list element); a trailing ``+`` appends to a list instead
of replacing it. Override values may use ``{{ unit.… }}`` too.
"""

from __future__ import annotations

import concurrent.futures as cf
import copy
import csv
import datetime as dt
import hashlib
import json
import os
import pickle
import re
import struct
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from jinja2 import TemplateError, UndefinedError
from jinja2.sandbox import SecurityError

from draftgen import __version__
from draftgen.atomic import atomic_file
from draftgen.draft import Draft
from draftgen.errors import InputError, Problem
from draftgen.filenames import DEFAULT_PATTERN, NameMaker
from draftgen.load import Loaded, dotted, load_yaml_file
from draftgen.render import CompiledTemplate, jinja_environment
from draftgen.units import Unit, join_columns, load_units

BATCH_KEY = "batch"
OVERRIDE_PREFIX = "override."
MANIFEST_JSON = "manifest.json"
MANIFEST_CSV = "manifest.csv"
JOURNAL = ".manifest.journal.jsonl"
MANIFEST_FIELDS = ["code", "name", "row", "source", "file", "sha256", "input_hash", "status", "error"]
OK_STATUSES = {"created", "rebuilt", "unchanged"}
_BATCH_OPTIONS = {"overrides", "file_name"}
_LENGTH = struct.Struct("<I")

PathT = tuple[str | int, ...]


# --- the letter as a plan -------------------------------------------------------------------------------


def vn_number(value: Any) -> str:
    """Jinja filter ``so``: a number written the Vietnamese way, "1250.5" → "1.250,5"; other text unchanged."""
    text = str(value).strip()
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return text
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = ".".join(digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)[::-1])
    return sign + grouped + ("," + frac if frac else "")


def field_environment():  # noqa: ANN201 - a jinja2 SandboxedEnvironment
    """The draftgen Jinja environment without autoescape: fields are plain text, escaped later by the template.

    Adds the filter ``so`` ({{ unit.kinh_phi|so }} → 1.250).
    """
    env = jinja_environment().overlay(autoescape=False)
    env.filters = {**env.filters, "so": vn_number}
    return env


def _has_tag(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


class _Field:
    """A compiled Jinja string of the letter, with where it came from."""

    __slots__ = ("template", "path", "line")

    def __init__(self, template: Any, path: PathT, line: int | None):
        self.template, self.path, self.line = template, path, line


def _undefined_message(exc: Exception) -> str:
    found = re.search(r"has no attribute '([^']+)'", str(exc))
    if found:
        return f"đơn vị không có cột '{found.group(1)}' (dùng trong mẫu)."
    found = re.search(r"'([^']+)' is undefined", str(exc))
    if found:
        return f"tên '{found.group(1)}' không có trong mẫu; dùng unit.<tên cột>, ví dụ {{{{ unit.name }}}}."
    return f"mẫu Jinja lỗi: {exc}"


class LetterPlan:
    """The INPUT letter compiled once: its Jinja fields and per-unit overrides."""

    def __init__(self, loaded: Loaded):
        if not isinstance(loaded.data, dict):
            raise InputError(Problem("Tệp phải là một nhóm trường (khóa: giá trị), ví dụ 'co_quan: …'.",
                                     line=loaded.line_of(()), source=loaded.source))
        self.loaded = loaded
        self.source = loaded.source
        data = dict(loaded.data)
        options = data.pop(BATCH_KEY, None) or {}
        problems: list[Problem] = []
        if not isinstance(options, dict):
            problems.append(Problem("'batch' phải là một nhóm trường (overrides, file_name).", field=BATCH_KEY,
                                    line=loaded.line_of((BATCH_KEY,)), source=self.source))
            options = {}
        for key in options:
            if key not in _BATCH_OPTIONS:
                allowed = ", ".join(sorted(_BATCH_OPTIONS))
                problems.append(Problem(f"trường này không có trong mẫu; 'batch' có: {allowed}.",
                                        field=f"{BATCH_KEY}.{key}", line=loaded.line_of((BATCH_KEY, key)),
                                        source=self.source))
        self.file_name: str | None = options.get("file_name")
        self.env = field_environment()
        self.tree = self._compile(data, (), problems)
        self.overrides: dict[str, list[tuple[str, Any, PathT]]] = {}
        raw_overrides = options.get("overrides") or {}
        if not isinstance(raw_overrides, dict):
            problems.append(Problem("'batch.overrides' phải là nhóm theo mã đơn vị, ví dụ \"24175\": {so: 15}.",
                                    field="batch.overrides", line=loaded.line_of((BATCH_KEY, "overrides")),
                                    source=self.source))
            raw_overrides = {}
        for code, changes in raw_overrides.items():
            base: PathT = (BATCH_KEY, "overrides", code)
            if not isinstance(changes, dict):
                problems.append(Problem("Thay đổi của một đơn vị phải là nhóm 'trường: giá trị'.", field=dotted(base),
                                        line=loaded.line_of(base), source=self.source))
                continue
            self.overrides[str(code)] = [(key, self._compile(value, base + (key,), problems), base + (key,))
                                         for key, value in changes.items()]
        if problems:
            raise InputError(problems)

    def _compile(self, value: Any, path: PathT, problems: list[Problem]) -> Any:
        if isinstance(value, str) and _has_tag(value):
            try:
                return _Field(self.env.from_string(value), path, self.loaded.line_of(path))
            except TemplateError as exc:
                problems.append(Problem(f"mẫu Jinja sai cú pháp: {exc}", field=dotted(path),
                                        line=self.loaded.line_of(path), source=self.source))
                return value
        if isinstance(value, dict):
            return {k: self._compile(v, path + (k,), problems) for k, v in value.items()}
        if isinstance(value, list):
            return [self._compile(v, path + (i,), problems) for i, v in enumerate(value)]
        return value

    @property
    def letter_date(self) -> dt.date | None:
        """The earliest day of the letter's date when it is written plainly (for the bundled dataset)."""
        raw = self.loaded.data.get("ngay")
        if not isinstance(raw, (str, dict)) or (isinstance(raw, str) and _has_tag(raw)):
            return None
        from pydantic import TypeAdapter, ValidationError

        from draftgen.models.common import DateInput

        try:
            return TypeAdapter(DateInput).validate_python(raw).earliest
        except ValidationError:
            return None

    # -- per unit --

    def _fill(self, node: Any, ctx: dict[str, Any], problems: list[Problem]) -> Any:
        if isinstance(node, _Field):
            try:
                return node.template.render(ctx)
            except UndefinedError as exc:
                problems.append(Problem(_undefined_message(exc), field=dotted(node.path), line=node.line))
            except SecurityError as exc:
                problems.append(Problem(f"mẫu Jinja không được phép: {exc}", field=dotted(node.path), line=node.line))
            except Exception as exc:  # noqa: BLE001 - any template error is the clerk's input problem
                problems.append(Problem(f"mẫu Jinja lỗi: {exc}", field=dotted(node.path), line=node.line))
            return ""
        if isinstance(node, dict):
            return {k: self._fill(v, ctx, problems) for k, v in node.items()}
        if isinstance(node, list):
            return [self._fill(v, ctx, problems) for v in node]
        return node

    def unit_data(self, unit: Unit) -> tuple[dict[str, Any], list[Problem]]:
        """The letter's data for one unit (fields rendered, overrides applied) and the problems found."""
        problems: list[Problem] = []
        ctx = {"unit": unit.columns}
        data = self._fill(self.tree, ctx, problems)
        for key, value, path in self.overrides.get(unit.code, []):
            _apply(data, key, self._fill(value, ctx, problems), problems, path)
        for column, text in unit.columns.items():
            if column.startswith(OVERRIDE_PREFIX) and text != "":
                _apply(data, column[len(OVERRIDE_PREFIX):], text, problems, None, column)
        return data, problems


def _apply(data: dict[str, Any], key: str, value: Any, problems: list[Problem], path: PathT | None,
           column: str | None = None) -> None:
    """Set (or with a trailing '+', extend) the field at a dotted path."""
    append = key.endswith("+")
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in key.rstrip("+").strip().split(".") if p]
    where = f"cột '{column}'" if column else None

    def fail(message: str) -> None:
        problems.append(Problem(f"{where + ': ' if where else ''}{message}", field=dotted(path) if path else key,
                                line=None))

    if not parts:
        fail("thiếu tên trường cần thay.")
        return
    node: Any = data
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                fail(f"không có phần tử số {part} của '{dotted(tuple(parts[:i]))}'.")
                return
            node = node[part]
        elif isinstance(node, dict):
            if node.get(part) is None:
                node[part] = [] if isinstance(nxt, int) else {}
            node = node[part]
        else:
            fail(f"'{dotted(tuple(parts[:i]))}' không phải nhóm trường nên không thay được '{key}'.")
            return
    last = parts[-1]
    if append:
        current = node.get(last) if isinstance(node, dict) else None
        if isinstance(node, list) and isinstance(last, int) and last < len(node):
            current = node[last]
        if current is None:
            current = []
        if isinstance(current, str):
            current = [current]
        if not isinstance(current, list):
            fail(f"'{key.rstrip('+')}' không phải danh sách nên không thêm được.")
            return
        current = current + (value if isinstance(value, list) else [value])
        value = current
    if isinstance(node, dict) and isinstance(last, str):
        node[last] = copy.deepcopy(value)
    elif isinstance(node, list) and isinstance(last, int) and last < len(node):
        node[last] = copy.deepcopy(value)
    else:
        fail(f"không thay được '{key}'.")


# --- options, results -----------------------------------------------------------------------------------


@dataclass
class BatchOptions:
    """What a run does (the command-line options)."""

    input_path: str | Path
    units: str
    out_dir: str | Path
    joins: list[str | Path] = field(default_factory=list)
    pattern: str | None = None
    ascii_names: bool = False
    jobs: int = 1
    force: bool = False
    zip_path: str | Path | None = None
    template_path: str | Path | None = None
    # fsync each document (slow on ext4: a journal commit per file). Off by default: the run syncs the
    # output file system once before it writes the manifest, and a re-run checks every recorded sha256.
    fsync: bool = False
    chunk_size: int = 0  # 0: automatic


@dataclass
class Record:
    """One line of the manifest."""

    code: str
    name: str
    row: int | None
    source: str | None
    file: str
    sha256: str = ""
    input_hash: str = ""
    status: str = ""
    error: str = ""


@dataclass
class BatchResult:
    records: list[Record]
    out_dir: Path
    zip_path: Path | None = None

    def count(self, status: str) -> int:
        return sum(1 for r in self.records if r.status == status)

    @property
    def failed(self) -> list[Record]:
        return [r for r in self.records if r.status == "failed"]


class Progress(Protocol):
    """How a run reports progress (the CLI shows a rich bar on a TTY, plain lines otherwise)."""

    def start(self, phase: str, total: int) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def done(self) -> None: ...


class _Silent:
    def start(self, phase: str, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


# --- hashing and manifest ------------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def input_hash(template_sha: str, draft: Draft, file_name: str) -> str:
    """What a document is made of: draftgen version, template bytes, the unit's Draft, the file name."""
    payload = {"draftgen": __version__, "template": template_sha, "file": file_name, "draft": draft}
    # vars() serialises the Draft and its Indents as their fields (dataclasses.asdict is 10x slower)
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=vars)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_state(out_dir: Path) -> dict[str, dict[str, Any]]:
    """The last known record of each unit: manifest.json, then the journal of an interrupted run."""
    state: dict[str, dict[str, Any]] = {}
    manifest = out_dir / MANIFEST_JSON
    if manifest.is_file():
        try:
            for item in json.loads(manifest.read_text(encoding="utf-8")).get("documents", []):
                state[str(item.get("code"))] = item
        except (ValueError, AttributeError):
            pass  # an unreadable manifest only means everything is rebuilt
    journal = out_dir / JOURNAL
    if journal.is_file():
        for line in journal.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue  # a line cut by a crash
            state[str(item.get("code"))] = item
    return state


def write_manifest(out_dir: Path, records: list[Record], meta: dict[str, Any]) -> None:
    """manifest.json and manifest.csv, streamed record by record (memory does not grow with the batch)."""
    counts = {s: sum(1 for r in records if r.status == s) for s in ("created", "rebuilt", "unchanged", "failed")}
    with atomic_file(out_dir / MANIFEST_JSON, "w", encoding="utf-8") as handle:
        head = json.dumps({**meta, "counts": counts}, ensure_ascii=False, indent=1)
        handle.write(head[:-2] + ',\n "documents": [')
        for i, record in enumerate(records):
            handle.write(("\n  " if i == 0 else ",\n  ") + json.dumps(asdict(record), ensure_ascii=False))
        handle.write("\n ]\n}\n")
    # utf-8-sig: a BOM so that Excel opens the CSV as UTF-8
    with atomic_file(out_dir / MANIFEST_CSV, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MANIFEST_FIELDS)
        for record in records:
            writer.writerow(["" if v is None else v for v in (getattr(record, f) for f in MANIFEST_FIELDS)])


class Journal:
    """Append-only record of finished units, so that a killed run can resume."""

    def __init__(self, path: Path):
        self.path = path
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)  # less the umask, like open()

    def append(self, records: list[Record]) -> None:
        if records:
            text = "".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in records)
            os.write(self.fd, text.encode("utf-8"))

    def close(self, remove: bool) -> None:
        os.close(self.fd)
        if remove:
            self.path.unlink(missing_ok=True)


# --- preparing: validate every unit before writing ----------------------------------------------------------


@dataclass
class Prepared:
    """The outcome of the validation pass: one record per unit; the Drafts to render in a spool file."""

    records: list[Record]
    todo: list[int]            # indexes of records to render
    spool: Any                 # binary temp file of pickled (index, Draft) in todo order
    template_sha: str
    meta: dict[str, Any]


def _unit_problem(unit: Unit, problem: Problem, input_source: str | None) -> Problem:
    template_at = f" (mẫu: {Path(input_source).name} dòng {problem.line})" if problem.line and input_source else ""
    joined = f" (số liệu: {'; '.join(unit.extra_sources)})" if unit.extra_sources else ""
    return Problem(f"Đơn vị {unit.code} {unit.name}{joined}: {problem.message}{template_at}",
                   field=problem.field, line=unit.row, source=unit.source)


def prepare(options: BatchOptions, progress: Progress | None = None) -> Prepared:
    """Load, validate and resolve every unit; raise InputError listing every problem; nothing is written."""
    from draftgen.pipeline import validate_letter
    from draftgen.resolve import resolve
    from draftgen.resources import template_path

    progress = progress or _Silent()
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
    tpl_path = Path(options.template_path) if options.template_path else template_path("cong-van.docx")
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
                draft = resolve(validate_letter(Loaded(data, plan.loaded.lines, plan.source)))
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
            _spool_write(spool, (len(records) - 1, draft))
        progress.advance()
    progress.done()
    if problems:
        spool.close()
        raise InputError(problems)
    spool.seek(0)
    meta = {"draftgen": __version__, "input": str(options.input_path), "units": options.units,
            "joins": [str(j) for j in options.joins], "template": str(tpl_path), "template_sha256": template_sha,
            "file_name_pattern": names.pattern, "dataset": units[0].columns.get("dataset")}
    return Prepared(records, todo, spool, template_sha, meta)


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


# --- rendering -------------------------------------------------------------------------------------------


class Renderer:
    """Renders Drafts with a template compiled once and writes each DOCX atomically.

    Writes (temp file, optional fsync, rename) run in a few threads while the next document renders: the
    file system calls wait without holding the GIL.
    """

    def __init__(self, template_path: str | Path | None, out_dir: Path, fsync: bool = False, io_threads: int = 3):
        from draftgen.render import cong_van_template

        self.template = CompiledTemplate(Path(template_path)) if template_path else cong_van_template()
        self.out_dir = out_dir
        self.fsync = fsync
        self.io_threads = io_threads
        self._io: cf.ThreadPoolExecutor | None = None

    def write(self, path: Path, data: bytes) -> None:
        """Atomic write: a temp file in the same folder, then a rename over the target."""
        with atomic_file(path, "wb", fsync=self.fsync) as handle:
            handle.write(data)

    def render_chunk(self, chunk: list[tuple[int, str, Draft]]) -> list[tuple[int, str, str]]:
        """(index, sha256, error) of each document of the chunk, once its file is in place."""
        if self._io is None:
            self._io = cf.ThreadPoolExecutor(max_workers=self.io_threads, thread_name_prefix="draftgen-write")
        results: list[tuple[int, str, str]] = []
        writes: list[tuple[int, str, cf.Future]] = []
        for index, file_name, draft in chunk:
            try:
                data = self.template.render_bytes(draft)
            except Exception as exc:  # noqa: BLE001 - one unit's failure must not stop the others
                results.append((index, "", f"{exc.__class__.__name__}: {exc}"))
                continue
            writes.append((index, hashlib.sha256(data).hexdigest(),
                           self._io.submit(self.write, self.out_dir / file_name, data)))
        for index, sha, future in writes:
            try:
                future.result()
                results.append((index, sha, ""))
            except Exception as exc:  # noqa: BLE001
                results.append((index, "", f"{exc.__class__.__name__}: {exc}"))
        return results

    def close(self) -> None:
        if self._io is not None:
            self._io.shutdown()
            self._io = None


_WORKER: Renderer | None = None


def _init_worker(template_path: str | None, out_dir: str, fsync: bool) -> None:
    global _WORKER
    _WORKER = Renderer(template_path, Path(out_dir), fsync)


def _work(chunk: list[tuple[int, str, Draft]]) -> list[tuple[int, str, str]]:
    assert _WORKER is not None
    return _WORKER.render_chunk(chunk)


def _spool_write(spool: Any, item: Any) -> None:
    # Length-prefixed pickles: one long-lived pickle.Unpickler on a file grows memory with every load
    data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    spool.write(_LENGTH.pack(len(data)))
    spool.write(data)


def _spool_read(spool: Any) -> Any:
    (size,) = _LENGTH.unpack(spool.read(_LENGTH.size))
    return pickle.loads(spool.read(size))


def _chunks(prepared: Prepared, size: int) -> Iterator[list[tuple[int, str, Draft]]]:
    chunk: list[tuple[int, str, Draft]] = []
    for _ in prepared.todo:
        index, draft = _spool_read(prepared.spool)
        chunk.append((index, prepared.records[index].file, draft))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _clean_temp_files(out_dir: Path) -> None:
    """Remove temp files left by a killed run (".<name>.docx.<random>.tmp")."""
    for leftover in out_dir.glob(".*.docx.*.tmp"):
        leftover.unlink(missing_ok=True)


def render_all(prepared: Prepared, options: BatchOptions, progress: Progress | None = None,
               on_chunk: Callable[[list[Record]], None] | None = None) -> None:
    """Render every planned unit, in this process (jobs=1) or in worker processes."""
    progress = progress or _Silent()
    out_dir = Path(options.out_dir)
    records = prepared.records
    total = len(prepared.todo)
    jobs = max(1, options.jobs)
    size = options.chunk_size or max(1, min(64, total // (jobs * 8) or 1))
    tpl = str(options.template_path) if options.template_path else None

    def finish(results: list[tuple[int, str, str]]) -> None:
        done = []
        for index, sha, error in results:
            record = records[index]
            record.sha256 = sha
            if error:
                record.status, record.error = "failed", error
            done.append(record)
        if on_chunk:
            on_chunk(done)
        progress.advance(len(results))

    progress.start("Tạo văn bản", total)
    if jobs == 1 or total <= size:
        renderer = Renderer(tpl, out_dir, options.fsync)
        try:
            for chunk in _chunks(prepared, size):
                finish(renderer.render_chunk(chunk))
        finally:
            renderer.close()
    else:
        with cf.ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                    initargs=(tpl, str(out_dir), options.fsync)) as pool:
            pending: dict[cf.Future, list[int]] = {}
            chunks = _chunks(prepared, size)
            exhausted = False
            while pending or not exhausted:
                while not exhausted and len(pending) < jobs * 3:  # bounded in-flight work: flat memory
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    pending[pool.submit(_work, chunk)] = [item[0] for item in chunk]
                if not pending:
                    break
                finished, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for future in finished:
                    indexes = pending.pop(future)
                    try:
                        finish(future.result())
                    except Exception as exc:  # noqa: BLE001 - a dead worker fails its chunk, not the run
                        finish([(i, "", f"{exc.__class__.__name__}: {exc}") for i in indexes])
    progress.done()


def sync_folder(folder: Path) -> None:
    """Flush the file system that holds ``folder`` (Linux syncfs; elsewhere os.sync when there is one)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(folder, os.O_RDONLY)
        try:
            if libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    except (OSError, AttributeError):
        pass
    if hasattr(os, "sync"):
        os.sync()


def write_zip(zip_path: Path, out_dir: Path, records: list[Record]) -> None:
    """A zip of the documents and the manifest, written atomically (streamed from the files)."""
    with atomic_file(zip_path, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
        for record in records:
            if record.status in OK_STATUSES:
                archive.write(out_dir / record.file, record.file, compress_type=zipfile.ZIP_STORED)
        for name in (MANIFEST_JSON, MANIFEST_CSV):
            archive.write(out_dir / name, name, compress_type=zipfile.ZIP_DEFLATED)


def run_batch(options: BatchOptions, progress: Progress | None = None) -> BatchResult:
    """Validate every unit, then render, record and (optionally) zip. InputError before any write."""
    prepared = prepare(options, progress)
    out_dir = Path(options.out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _clean_temp_files(out_dir)
        journal = Journal(out_dir / JOURNAL)
        # units found up to date are recorded first, so a crash keeps them known
        journal.append([r for r in prepared.records if r.status == "unchanged"])
        finished = False
        try:
            render_all(prepared, options, progress, on_chunk=journal.append)
            if not options.fsync:
                sync_folder(out_dir)  # the documents are on disk before the manifest says so
            meta = {**prepared.meta, "finished_at": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
            write_manifest(out_dir, prepared.records, meta)
            finished = True
        finally:
            journal.close(remove=finished)
    finally:
        prepared.spool.close()
    zip_path = Path(options.zip_path) if options.zip_path else None
    if zip_path:
        write_zip(zip_path, out_dir, prepared.records)
    return BatchResult(prepared.records, out_dir, zip_path)
