"""Throughput and memory of `draftgen check` on one core.

Renders the bundled example letters once (the Đắk Lắk letter is a real two-page Công văn), then
checks them in a loop for a few seconds in this single process and prints documents per second
and the peak resident memory. Targets: at least 100 two-page letters per second (issue 4), 300
one-page letters per second (issue 14).

    python benchmarks/check.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()

    from draftgen.check import check_bytes
    from draftgen.pipeline import load_letter, render_letter

    docs = {p.name: render_letter(load_letter(p)) for p in sorted((ROOT / "examples").glob("*.yaml"))}
    if not docs:
        sys.exit("no examples to check")
    for name, data in docs.items():
        check_bytes(data, name)                                  # warm-up (profile, regexes)
    words = {name: _words(data) for name, data in docs.items()}
    print(f"documents: {', '.join(f'{n} ({words[n]} words, {len(d) // 1024} KiB)' for n, d in docs.items())}")

    for name, data in docs.items():
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < args.seconds / (2 * len(docs)):
            check_bytes(data, name)
            n += 1
        print(f"  {name}: {n / (time.perf_counter() - t0):.0f} documents/s")

    items = list(docs.items())
    count = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    deadline = start + args.seconds
    while time.perf_counter() < deadline:
        for name, data in items:
            check_bytes(data, name)
        count += len(items)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   # KiB on Linux
    print(f"checked {count} documents in {elapsed:.2f} s: {count / elapsed:.0f} documents/s on one core "
          f"({count / cpu:.0f} per CPU second: a shared machine moves the wall far more)")
    print(f"peak RSS: {peak_kib / 1024:.1f} MiB")
    _batch_outputs(300)
    _command_over_a_batch((300, 3000))


def _command_over_a_batch(sizes: tuple[int, ...]) -> None:
    """The whole ``draftgen check`` command over a batch's outputs (one process): its wall, rate and peak RSS,
    which stays flat in the number of files (each is reported, then let go)."""
    import subprocess
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from batch import make_inputs
    from draftgen.batch import BatchOptions, run_batch

    with tempfile.TemporaryDirectory() as tmp:
        letter, units = make_inputs(Path(tmp), max(sizes))
        out = Path(tmp) / "out"
        run_batch(BatchOptions(letter, str(units), out, jobs=2, pattern="{code}.docx"))
        files = sorted(str(p) for p in out.glob("*.docx"))
        for n in sizes:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "draftgen", "check", *files[:n]], capture_output=True,
                                  check=False)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            print(f"draftgen check over {n} batch letters (one command, start-up included): {elapsed:.2f} s, "
                  f"{n / elapsed:.0f} documents/s ({n / cpu:.0f} per CPU second), exit {proc.returncode}, "
                  f"peak RSS {after.ru_maxrss / 1024:.1f} MiB")


def _batch_outputs(n: int) -> None:
    """``n`` different one-page letters, as a batch makes them (benchmarks/batch.py's letter), each checked once."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from batch import make_inputs
    from draftgen.batch import LetterPlan
    from draftgen.check import check_bytes
    from draftgen.load import Loaded, load_yaml_file
    from draftgen.pipeline import draft_of, validate_letter
    from draftgen.render import cong_van_template
    from draftgen.units import read_table

    with tempfile.TemporaryDirectory() as tmp:
        letter, units = make_inputs(Path(tmp), n)
        plan = LetterPlan(load_yaml_file(letter))
        template = cong_van_template()
        docs = []
        for unit in read_table(units):
            data, _ = plan.unit_data(unit)
            docs.append(template.render_bytes(draft_of(validate_letter(Loaded(data, plan.loaded.lines, plan.source)))))
    start, cpu_start = time.perf_counter(), time.process_time()
    errors = sum(sum(1 for f in check_bytes(data, f"{i}.docx") if f.severity == "error") for i, data in enumerate(docs))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"{len(docs)} one-page batch letters, each checked once: {len(docs) / elapsed:.0f} documents/s "
          f"({len(docs) / cpu:.0f} per CPU second), {errors} errors found")


def _words(data: bytes) -> int:
    import io
    import zipfile

    from lxml import etree

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return sum(len((t.text or "").split()) for t in etree.fromstring(xml).iter(f"{ns}t"))


if __name__ == "__main__":
    main()
