"""What a batch run is told and what it leaves in DIR: options, records, manifest and journal.

Each finished document is appended to a journal in DIR (one JSON line each), so a run killed mid-way
can be resumed; at the end ``manifest.json`` and ``manifest.csv`` are written atomically (unit, file,
sha256, input hash, status) and the journal removed. :func:`read_state` reads both back for a re-run.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from draftgen import __version__
from draftgen.atomic import atomic_file
from draftgen.draft import Draft

MANIFEST_JSON = "manifest.json"
MANIFEST_CSV = "manifest.csv"
JOURNAL = ".manifest.journal.jsonl"
MANIFEST_FIELDS = ["code", "name", "row", "source", "file", "sha256", "input_hash", "status", "error"]
OK_STATUSES = {"created", "rebuilt", "unchanged"}


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
    jobs: int = 1  # worker processes; 0: as many as the machine's cores for a large batch (:func:`jobs_for`)
    force: bool = False
    zip_path: str | Path | None = None
    pdf: bool = False  # a PDF beside each document (LibreOffice), in the zip too
    template_path: str | Path | None = None
    # a template of the library, ``id[@version]`` (``--template``), found in ``template_dirs`` first (``--templates``)
    template_ref: str | None = None
    template_dirs: list[str | Path] = field(default_factory=list)
    # fsync each document (slow on ext4: a journal commit per file). Off by default: the run syncs the
    # output file system once before it writes the manifest, and a re-run checks every recorded sha256.
    fsync: bool = False
    chunk_size: int = 0  # 0: automatic
    # another batch writing into out_dir: wait for it to finish (else stop at once: Fault BUSY, exit 7)
    wait: bool = False


AUTO_JOBS_FROM = 200  # units: below this a run ends before worker processes would pay for their start
AUTO_JOBS_MAX = 8


def jobs_for(requested: int, units: int) -> int:
    """The worker processes of a run: ``requested``, or with 0 (automatic) one per core this process may use
    (at most :data:`AUTO_JOBS_MAX`) when there are at least :data:`AUTO_JOBS_FROM` units, else 1."""
    if requested > 0:
        return requested
    if units < AUTO_JOBS_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(AUTO_JOBS_MAX, cores))


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

    def json(self) -> str:
        """The record as one JSON object, serialised once for the journal and the manifest (while unchanged)."""
        values = (self.code, self.name, self.row, self.source, self.file, self.sha256, self.input_hash,
                  self.status, self.error)
        cached = self.__dict__.get("_json")
        if cached is None or cached[0] != values:
            cached = (values, json.dumps(dict(zip(MANIFEST_FIELDS, values, strict=True)), ensure_ascii=False))
            self.__dict__["_json"] = cached
        return cached[1]


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
    # optional: the phase ended before its end (Ctrl-C, a fault); done() is called when it is missing


class Silent:
    def start(self, phase: str, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def done(self) -> None:
        pass

    def stop(self) -> None:
        pass


def progress_stopped(progress: Progress) -> None:
    getattr(progress, "stop", progress.done)()


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
            handle.write(("\n  " if i == 0 else ",\n  ") + record.json())
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
        self._cut = False
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o666)  # less the umask, like open()
        if os.fstat(self.fd).st_size:
            os.lseek(self.fd, -1, os.SEEK_END)  # reads follow the offset; O_APPEND writes go to the end anyway
            if os.read(self.fd, 1) != b"\n":
                os.write(self.fd, b"\n")  # a line cut by a full disk or a crash stays alone on its line

    def append(self, records: list[Record]) -> None:
        """One write for all ``records`` (a chunk of the run), a line each.

        On an error (a full disk) the OSError says how many of the records are complete lines on disk
        (``journal_records``): a nearly full disk takes part of a write, and only whole lines count.
        """
        if records:
            data = "".join(r.json() + "\n" for r in records).encode("utf-8")
            start = 0
            if self._cut:  # an earlier append was cut by a full disk: end that line before this one
                data, start = b"\n" + data, 1
            view = memoryview(data)
            try:
                while view:  # a nearly full disk takes part of a write without an error; the rest raises ENOSPC
                    view = view[os.write(self.fd, view):]
            except OSError as exc:
                written = len(data) - len(view)
                exc.journal_records = data[start:written].count(b"\n")  # type: ignore[attr-defined]
                self._cut = len(view) < len(data) or self._cut  # part of a line is on disk: a retry starts afresh
                raise
            self._cut = False

    def close(self, remove: bool) -> None:
        os.close(self.fd)
        if remove:
            self.path.unlink(missing_ok=True)


