"""Benchmark of `draftgen batch` against naive docxtpl and the floor (prints numbers; never pass/fail).

Runs, side by side, for N = 1, 1,000 and 3,321 (every commune of the bundled 2025 list):

  (a) naive docxtpl: DocxTemplate(path), render(context, autoescape=True), save, per unit, with the same
      template (templates/cong-van.docx) and the same context as draftgen (CompiledTemplate.context);
  (b) draftgen batch, 1 job;
  (c) draftgen batch, 2 jobs (worker processes);
  (f) the floor of the same work, in one process on one core: the Jinja render of the templated parts
      (compiled once, contexts made beforehand and not timed), their deflate, the zip, and the write of
      each file (temp file + rename in the output folder, as draftgen writes), one syncfs at the end;
  (t) draftgen batch, 2 jobs, with an office's template of the library (``--template cong-van``: a starter
      library whose Công văn a clerk edited in Word, as benchmarks/office_template.py makes it), against (c);
  (cli) N = 1 only: the whole command `python -m draftgen batch` (interpreter, imports, one document).

Besides wall times, the CPU time of each variant (its process and its workers, user + system) is printed:
on a shared machine it moves far less than the wall.

Each variant runs in its own child process, so its peak RSS is its own (workers included). For (a) only
DocxTemplate + render + save is timed (validate and resolve are not), which favours (a). (b) and (c) are
timed for the whole run: load, validate every unit, render, write atomically, one syncfs, manifest. The
letter is examples/batch/dak-lak-xa-2026.yaml; the units are the first N communes of the bundled list with
made-up figures. Outputs go to a temporary folder on disk (--dir to choose).

The file system of a shared machine is noisy (a small file costs 0.07 to 1.2 ms to create from one moment
to the next): (b), (c), (f) and (cli) run --runs times, interleaved, and the median is printed with the
spread (min-max); (a) runs --naive-runs times (it takes about 30 ms a document).

    python benchmarks/batch.py [--sizes 1,1000,3321] [--runs 5] [--naive-runs 1] [--dir /tmp] [--no-office]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "batch" / "dak-lak-xa-2026.yaml"
SAMPLE = 8  # documents of (a) and (b) compared and checked


def _peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def make_inputs(work: Path, n: int) -> tuple[Path, Path]:
    """The example letter (without its per-unit overrides) and a CSV of the first n communes with figures."""
    from draftgen.units import load_units

    text = EXAMPLE.read_text(encoding="utf-8")
    letter = work / "letter.yaml"
    letter.write_text(re.sub(r"(?ms)^batch:\n.*?(?=^co_quan:)", "", text), encoding="utf-8")
    units = work / f"units-{n}.csv"
    with open(units, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "kind", "short_name", "so_nha", "kinh_phi", "han_bao_cao"])
        for unit in load_units("bundled:")[:n]:
            c = unit.columns
            houses = 5 + int(unit.code) % 116
            writer.writerow([c["code"], c["name"], c["kind"], c["short_name"], houses, houses * 60, "30/6/2026"])
    return letter, units


# --- children ----------------------------------------------------------------------------------------------


def child_naive(letter: Path, units: Path, out: Path) -> dict:
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    from draftgen.batch import LetterPlan
    from draftgen.inline import runs_filter
    from draftgen.load import Loaded, load_yaml_file
    from draftgen.pipeline import draft_of, validate_letter
    from draftgen.render import cong_van_template
    from draftgen.resources import template_path
    from draftgen.units import read_table

    plan = LetterPlan(load_yaml_file(letter))
    compiled = cong_van_template()  # only for context(); docxtpl renders
    env = Environment(autoescape=True)
    env.filters["runs"] = runs_filter  # the template's filter for inline **bold** (draftgen.inline)
    path = template_path("cong-van.docx")
    out.mkdir()
    timed = 0.0
    count = 0
    start = time.perf_counter()
    for unit in read_table(units):
        data, problems = plan.unit_data(unit)
        assert not problems, problems
        ctx = compiled.context(draft_of(validate_letter(Loaded(data, plan.loaded.lines, plan.source))))
        t = time.perf_counter()
        doc = DocxTemplate(path)
        doc.render(ctx, jinja_env=env, autoescape=True)
        doc.save(out / f"{unit.code}.docx")
        timed += time.perf_counter() - t
        count += 1
    return {"docs": count, "seconds": timed, "total_seconds": time.perf_counter() - start}


def child_floor(letter: Path, units: Path, out: Path) -> dict:
    """The floor: render + deflate + zip + write of the templated parts, contexts made beforehand."""
    import zlib

    from draftgen.batch import LetterPlan
    from draftgen.batch.run import sync_folder
    from draftgen.load import Loaded, load_yaml_file
    from draftgen.pipeline import draft_of, validate_letter
    from draftgen.render import cong_van_template
    from draftgen.units import read_table

    plan = LetterPlan(load_yaml_file(letter))
    compiled = cong_van_template()
    contexts = []
    for unit in read_table(units):
        data, problems = plan.unit_data(unit)
        assert not problems, problems
        contexts.append((unit.code, compiled.context(draft_of(validate_letter(Loaded(data, plan.loaded.lines,
                                                                                     plan.source))))))
    templated = [e for e in compiled._entries if e.template is not None]  # noqa: SLF001 - the same parts
    fixed = b"".join(e.packed.local for e in compiled._entries if e.packed is not None)  # noqa: SLF001
    out.mkdir()
    start = time.perf_counter()
    for code, ctx in contexts:
        parts = [fixed]
        for entry in templated:
            data = entry.template.render(ctx).encode("utf-8")
            deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
            parts.append(deflate.compress(data) + deflate.flush())
            zlib.crc32(data)
        blob = b"".join(parts)
        path = out / f"{code}.docx"
        tmp = out / f".{code}.docx.tmp"
        with open(tmp, "wb") as handle:
            handle.write(blob)
        os.replace(tmp, path)
    sync_folder(out)
    seconds = time.perf_counter() - start
    return {"docs": len(contexts), "seconds": seconds, "total_seconds": seconds}


def make_library(work: Path) -> Path:
    """A starter library whose Công văn a clerk edited in Word, added as cong-van@2 (as office_template.py)."""
    sys.path.insert(0, str(ROOT))
    from click.testing import CliRunner
    from tests.library.test_templates_cli import _clerk_edits

    from draftgen.cli import main

    library = work / "thu-vien"
    CliRunner().invoke(main, ["templates", "init", str(library)])
    edited = work / "cong-van-ubnd.docx"
    _clerk_edits(library / "cong-van@1.docx", edited)
    added = CliRunner().invoke(main, ["templates", "add", str(edited), "--id", "cong-van", "--loai", "cong_van",
                                      "--templates", str(library)])
    if added.exit_code != 0:
        raise SystemExit(f"templates add failed:\n{added.output}")
    return library


def child_batch(letter: Path, units: Path, out: Path, jobs: int, library: str | None = None) -> dict:
    from draftgen.batch import BatchOptions, run_batch

    office = {"template_ref": "cong-van", "template_dirs": [library]} if library else {}
    start = time.perf_counter()
    result = run_batch(BatchOptions(letter, str(units), out, jobs=jobs, pattern="{code}.docx", **office))
    seconds = time.perf_counter() - start
    assert not result.failed
    return {"docs": result.count("created"), "seconds": seconds, "total_seconds": seconds}


def run_child(args: argparse.Namespace) -> None:
    letter, units, out = Path(args.letter), Path(args.units), Path(args.out)
    t0 = time.perf_counter()
    if args.child == "a":
        info = child_naive(letter, units, out)
    elif args.child == "f":
        info = child_floor(letter, units, out)
    else:
        library = args.library if args.child == "t" else None
        info = child_batch(letter, units, out, 1 if args.child == "b" else 2, library)
    own, children = _peak_rss_mb()
    info.update(rss_mb=own, workers_rss_mb=children, in_process_seconds=time.perf_counter() - t0)
    print(json.dumps(info))


# --- parent -------------------------------------------------------------------------------------------------


def spawn(variant: str, letter: Path, units: Path, out: Path, library: Path | None = None) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    os.sync()  # start every variant with the page cache written back: the disk is shared between runs
    if variant == "cli":  # the whole command, as a clerk runs it
        command = [sys.executable, "-m", "draftgen", "batch", str(letter), "--units", str(units), "--out", str(out),
                   "--names", "{code}.docx"]
    else:
        command = [sys.executable, __file__, "--child", variant, "--letter", str(letter), "--units", str(units),
                   "--out", str(out), "--library", str(library or "")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path[1:])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed draftgen has its bytecode (see startup.py)
    proc = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the variant's process and its workers (all reaped)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"variant {variant} failed:\n{proc.stderr}")
    if variant == "cli":
        return {"docs": 1, "seconds": wall, "total_seconds": wall, "rss_mb": 0.0, "workers_rss_mb": 0.0,
                "process_wall": wall, "cpu": cpu}
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    info["process_wall"] = wall
    info["cpu"] = cpu
    return info


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def summary(runs: list[dict]) -> dict:
    """Median of each number over the runs, with the spread of the timed seconds and the process wall."""
    keys = ("docs", "seconds", "total_seconds", "rss_mb", "workers_rss_mb", "process_wall", "cpu")
    info = {key: _median([r[key] for r in runs]) for key in keys}
    info["spread"] = (min(r["seconds"] for r in runs), max(r["seconds"] for r in runs))
    info["wall_spread"] = (min(r["process_wall"] for r in runs), max(r["process_wall"] for r in runs))
    info["runs"] = len(runs)
    return info


def compare(a_dir: Path, b_dir: Path) -> list[str]:
    """Same output: paragraph texts of a sample of (a) and (b), and `draftgen check` on both."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def texts(path: Path) -> list[str]:
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        return ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p")]

    files = sorted(p.name for p in a_dir.glob("*.docx"))
    step = max(1, len(files) // SAMPLE)
    sample = files[::step][:SAMPLE]
    same = sum(texts(a_dir / f) == texts(b_dir / f) for f in sample)
    lines = [f"same paragraph texts in (a) and (b): {same}/{len(sample)} sampled documents"]
    try:
        from draftgen.check import check_path
    except ImportError:
        lines.append("draftgen check: not available in this tree yet (src/draftgen/check missing)")
        return lines
    for label, folder in (("a", a_dir), ("b", b_dir)):
        errors = warnings = 0
        for f in sample:
            findings = check_path(folder / f)
            errors += sum(1 for x in findings if getattr(x, "severity", "") == "error")
            warnings += sum(1 for x in findings if getattr(x, "severity", "") != "error")
        lines.append(f"draftgen check on {len(sample)} documents of ({label}): {errors} errors, {warnings} warnings")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,1000,3321")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive-runs", type=int, default=1)
    parser.add_argument("--dir", default=None, help="folder for the outputs (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the outputs")
    parser.add_argument("--child"), parser.add_argument("--letter"), parser.add_argument("--units")
    parser.add_argument("--out"), parser.add_argument("--library")
    parser.add_argument("--no-office", action="store_true", help="leave out (t), the office template")
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="draftgen-bench-", dir=args.dir))
    print(f"draftgen batch benchmark — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, outputs in {work}, "
          f"{args.runs} runs (naive docxtpl: {args.naive_runs})")
    rows = []
    notes: list[str] = []
    try:
        library = None if args.no_office else make_library(work)
        for n in sizes:
            letter, units = make_inputs(work, n)
            variants = ["b", "c", "f"] + ([] if library is None else ["t"]) + (["cli"] if n == 1 else [])
            runs: dict[str, list[dict]] = {v: [] for v in ["a", *variants]}
            for _ in range(args.naive_runs):
                runs["a"].append(spawn("a", letter, units, work / f"a-{n}"))
            for _ in range(args.runs):  # interleaved: a noisy minute spreads over every variant
                for variant in variants:
                    runs[variant].append(spawn(variant, letter, units, work / f"{variant}-{n}", library))
            spawn("b", letter, units, work / f"b-{n}")  # the outputs compared below
            rows.append((n, {v: summary(r) for v, r in runs.items() if r}))
            notes += [f"N={n}: " + line for line in compare(work / f"a-{n}", work / f"b-{n}")]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{'N':>6}  {'variant':<26} {'docs':>5} {'seconds (median, min-max)':>27} {'docs/s':>7} "
          f"{'process wall (min-max)':>24} {'CPU s':>6} {'RSS MB':>7} {'workers':>8}")
    labels = {"a": "(a) naive docxtpl", "b": "(b) draftgen batch -j1", "c": "(c) draftgen batch -j2",
              "f": "(f) floor (1 core)", "t": "(t) -j2 office template", "cli": "(cli) python -m draftgen"}
    for n, results in rows:
        for variant, info in results.items():
            rate = info["docs"] / info["seconds"]
            low, high = info["spread"]
            wlow, whigh = info["wall_spread"]
            print(f"{n:>6}  {labels[variant]:<26} {info['docs']:>5.0f} {info['seconds']:>8.2f} ({low:.2f}-{high:.2f})"
                  f"{'':>6} {rate:>7.0f} {info['process_wall']:>8.2f}s ({wlow:.2f}-{whigh:.2f}) "
                  f"{info['cpu']:>6.2f} {info['rss_mb']:>7.1f} {info['workers_rss_mb']:>8.1f}")
        b, c, f = (results[v]["seconds"] for v in "bcf")
        naive = ""
        if "a" in results:  # --naive-runs 0 leaves naive docxtpl out
            per_a = results["a"]["seconds"] / results["a"]["docs"]
            naive = f";  throughput (c)/(a) {per_a * n / c:.0f}x"
            print(f"{n:>6}  per document (a) {per_a * 1e3:.2f} ms")
        print(f"{n:>6}  per document: (b) {b / n * 1e3:.2f} ms, (c) {c / n * 1e3:.2f} ms, "
              f"floor {f / n * 1e3:.2f} ms;  (c)/(b) speed-up {b / c:.2f}x;  (c)/floor {c / f:.2f}x{naive}")
        if "t" in results:
            t_s = results["t"]["seconds"]
            print(f"{n:>6}  office template (t) {t_s / n * 1e3:.2f} ms per document: {t_s / c:.2f}x the time of (c)")
    print()
    print("(a) times DocxTemplate + render + save only; (b) and (c) the whole run (validate all, render, atomic")
    print("writes, syncfs, manifest); (f) render + deflate + zip + write + syncfs. 'process wall' includes the")
    print("interpreter start and the imports.")
    for line in notes:
        print(line)


if __name__ == "__main__":
    main()
