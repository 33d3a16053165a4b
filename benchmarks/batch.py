"""Benchmark of `draftgen batch` against naive docxtpl (prints numbers; never pass/fail).

Runs, side by side, for N = 1,000 and N = 3,321 (every commune of the bundled 2025 list):

  (a) naive docxtpl: DocxTemplate(path), render(context, autoescape=True), save — per unit, with the same
      template (templates/cong-van.docx) and the same context as draftgen (CompiledTemplate.context);
  (b) draftgen batch, 1 job;
  (c) draftgen batch, 2 jobs (worker processes).

Each variant runs in its own child process, so its peak RSS is its own (workers included). For (a) only
DocxTemplate + render + save is timed; preparing its context (validate, resolve) is not, which favours
(a). (b) and (c) are timed for the whole run: load, validate every unit, render, write atomically (temp
file + rename; one syncfs of the output file system before the manifest), manifest. The letter is
examples/batch/dak-lak-xa-2026.yaml; the units are the first N communes
of the bundled list with made-up figures. Outputs go to a temporary folder on disk (--dir to choose).

    python benchmarks/batch.py [--sizes 1000,3321] [--dir /tmp]
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

    from draftgen.batch import LetterPlan
    from draftgen.load import Loaded, load_yaml_file
    from draftgen.pipeline import draft_of, validate_letter
    from draftgen.render import cong_van_template
    from draftgen.resources import template_path
    from draftgen.units import read_table

    plan = LetterPlan(load_yaml_file(letter))
    compiled = cong_van_template()  # only for context(); docxtpl renders
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
        doc.render(ctx, autoescape=True)
        doc.save(out / f"{unit.code}.docx")
        timed += time.perf_counter() - t
        count += 1
    return {"docs": count, "seconds": timed, "total_seconds": time.perf_counter() - start}


def child_batch(letter: Path, units: Path, out: Path, jobs: int) -> dict:
    from draftgen.batch import BatchOptions, run_batch

    start = time.perf_counter()
    result = run_batch(BatchOptions(letter, str(units), out, jobs=jobs, pattern="{code}.docx"))
    seconds = time.perf_counter() - start
    assert not result.failed
    return {"docs": result.count("created"), "seconds": seconds, "total_seconds": seconds}


def run_child(args: argparse.Namespace) -> None:
    letter, units, out = Path(args.letter), Path(args.units), Path(args.out)
    t0 = time.perf_counter()
    if args.child == "a":
        info = child_naive(letter, units, out)
    else:
        info = child_batch(letter, units, out, 1 if args.child == "b" else 2)
    own, children = _peak_rss_mb()
    info.update(rss_mb=own, workers_rss_mb=children, in_process_seconds=time.perf_counter() - t0)
    print(json.dumps(info))


# --- parent -------------------------------------------------------------------------------------------------


def spawn(variant: str, letter: Path, units: Path, out: Path) -> dict:
    os.sync()  # start every variant with the page cache written back: the disk is shared between runs
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", variant, "--letter", str(letter), "--units",
                           str(units), "--out", str(out)], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"variant {variant} failed:\n{proc.stderr}")
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    info["process_wall"] = wall
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
    parser.add_argument("--sizes", default="1000,3321")
    parser.add_argument("--dir", default=None, help="folder for the outputs (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the outputs")
    parser.add_argument("--child"), parser.add_argument("--letter"), parser.add_argument("--units")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="draftgen-bench-", dir=args.dir))
    print(f"draftgen batch benchmark — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, outputs in {work}")
    rows = []
    notes: list[str] = []
    try:
        for n in sizes:
            letter, units = make_inputs(work, n)
            results = {}
            for variant in ("a", "b", "c"):
                out = work / f"{variant}-{n}"
                results[variant] = spawn(variant, letter, units, out)
            rows.append((n, results))
            notes += [f"N={n}: " + line for line in compare(work / f"a-{n}", work / f"b-{n}")]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{'N':>6}  {'variant':<26} {'docs':>6} {'seconds':>8} {'docs/s':>8} {'process wall':>13} "
          f"{'peak RSS MB':>12} {'workers MB':>11}")
    labels = {"a": "(a) naive docxtpl", "b": "(b) draftgen batch -j1", "c": "(c) draftgen batch -j2"}
    for n, results in rows:
        for variant, info in results.items():
            rate = info["docs"] / info["seconds"]
            print(f"{n:>6}  {labels[variant]:<26} {info['docs']:>6} {info['seconds']:>8.2f} {rate:>8.0f} "
                  f"{info['process_wall']:>12.2f}s {info['rss_mb']:>12.1f} {info['workers_rss_mb']:>11.1f}")
        a, b, c = (results[v]["docs"] / results[v]["seconds"] for v in "abc")
        print(f"{n:>6}  throughput (b)/(a) = {b / a:.1f}x   (c)/(a) = {c / a:.1f}x")
    print()
    print("(a) times DocxTemplate + render + save only; (b) and (c) the whole run (validate all, render, atomic")
    print("writes, syncfs, manifest). 'process wall' includes interpreter start and imports.")
    for line in notes:
        print(line)


if __name__ == "__main__":
    main()
