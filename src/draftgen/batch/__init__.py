"""One letter per unit, thousands at a time.

The flow of a run (``draftgen batch INPUT.yaml --units UNITS --out DIR``), one module each:

1. **Lock** (:mod:`.lock`): one run at a time per output folder (``flock`` on ``DIR/.draftgen-batch.lock``),
   taken before the folder's state is read; a second run stops at once (exit 7) or, with ``wait``, waits.
2. **Plan** (:mod:`.letter`, :class:`LetterPlan`): the INPUT letter is loaded once; its Jinja fields are
   compiled once per run; per-unit overrides (``batch.overrides``, ``override.<field>`` columns); with
   ``--template ID[@VERSION]`` an office's template of the library (:mod:`.office`), its fixed fields under
   the letter's.
3. **Validate every unit first** (:mod:`.plan`, :func:`prepare`; :mod:`.validate`, :mod:`.vary`): file names
   are given in the parent, in the units' order; validation and resolve run in the workers with ``--jobs N``.
   The letter is validated once, then per unit only the top-level fields it changes (where that is sound for
   the model; a unit that fails is validated again in full, so its problems are a full validation's). Every
   problem of every unit is collected; if there is any, nothing is written (:class:`InputError`, exit 2).
   Each Draft is pickled once, by the worker that made it, and spooled by the parent to a temporary file,
   so memory does not grow with the number of units.
4. **Render** (:mod:`.workers`, :func:`render_all`): the template is compiled once, in the parent before the
   workers are forked; workers render chunks of Drafts and write each DOCX atomically (an unnamed file linked
   under its name, :class:`draftgen.atomic.FolderWriter`; elsewhere temp file + rename),
   one writer per process and no writer threads. One unit's failure is recorded and never loses another
   unit's output.
5. **Record** (:mod:`.state`): each finished chunk is appended to a journal in DIR (one write, a line per
   document, each record serialised once for the journal and the manifest), so a run killed
   mid-way can be resumed; at the end ``manifest.json`` and ``manifest.csv`` are written atomically and the
   journal removed. A re-run skips units whose input hash (template, draftgen version, the unit's Draft
   and file name) and file are unchanged; ``force`` rebuilds all.
6. **Stop cleanly** (:mod:`.stop`): Ctrl-C, SIGTERM, a full disk, a read-only or vanished folder stop the run
   between two documents with their own message and exit code, say how many documents are finished and
   that the same command goes on where it stopped.

:func:`run_batch` (:mod:`.run`) does all of it.
"""

from __future__ import annotations

from draftgen.batch.letter import BATCH_KEY, OVERRIDE_PREFIX, LetterPlan, field_environment, vn_number
from draftgen.batch.lock import LOCK_NAME, OutputLock
from draftgen.batch.plan import Prepared, prepare
from draftgen.batch.run import run_batch, sync_folder, write_zip
from draftgen.batch.state import (
    JOURNAL,
    MANIFEST_CSV,
    MANIFEST_FIELDS,
    MANIFEST_JSON,
    OK_STATUSES,
    BatchOptions,
    BatchResult,
    Journal,
    Progress,
    Record,
    input_hash,
    read_state,
    sha256_file,
    write_manifest,
)
from draftgen.batch.workers import ChunkOutcome, Renderer, render_all

__all__ = [
    "BATCH_KEY", "JOURNAL", "LOCK_NAME", "MANIFEST_CSV", "MANIFEST_FIELDS", "MANIFEST_JSON", "OK_STATUSES",
    "OVERRIDE_PREFIX", "BatchOptions", "BatchResult", "ChunkOutcome", "Journal", "LetterPlan", "OutputLock",
    "Prepared", "Progress", "Record", "Renderer", "field_environment", "input_hash", "prepare", "read_state",
    "render_all", "run_batch", "sha256_file", "sync_folder", "vn_number", "write_manifest", "write_zip",
]
