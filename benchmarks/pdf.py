"""DOCX → PDF through LibreOffice: one cold conversion, N letters through one converter process, and N letters
as ``batch --pdf`` converts them with one and with two converters side by side.

Prints seconds per document and the peak resident memory of the converter (the largest child process).
Target (issue 11): at most 0.3 s per document for 100 letters on this machine.

    python benchmarks/pdf.py [--n 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from draftgen.pdf.soffice import convert, soffice_version
    from draftgen.pipeline import load_letter, render_letter

    letter = render_letter(load_letter(ROOT / "examples" / "soc-trang-2842.yaml"))
    print(soffice_version() or "LibreOffice not found", file=sys.stderr)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        one = folder / "one.docx"
        one.write_bytes(letter)
        cold = []
        for _ in range(args.runs):
            start = time.perf_counter()
            convert([one], folder / "out1")
            cold.append(time.perf_counter() - start)
        many = []
        for i in range(args.n):
            (folder / f"letter-{i:04d}.docx").write_bytes(letter)
        files = sorted(folder.glob("letter-*.docx"))
        for _ in range(args.runs):
            start = time.perf_counter()
            convert(files, folder / "outn")
            many.append((time.perf_counter() - start) / len(files))
        side = _side_by_side(folder, files, args.runs)
    rss_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"one letter, cold converter: median {statistics.median(cold):.2f} s "
          f"(runs {args.runs}: {min(cold):.2f}-{max(cold):.2f})")
    print(f"{args.n} letters, one converter: median {statistics.median(many):.3f} s/doc "
          f"(runs {args.runs}: {min(many):.3f}-{max(many):.3f}); target <= 0.3 s/doc")
    print(f"peak RSS of the converter: {rss_mib:.0f} MiB")
    for jobs, times in side.items():
        print(f"{args.n} letters as batch --pdf converts them, {jobs} converter(s) at once: median "
              f"{statistics.median(times):.3f} s/doc (runs {args.runs}: {min(times):.3f}-{max(times):.3f})")


def _side_by_side(folder: Path, files: list[Path], runs: int) -> dict[int, list[float]]:
    """``batch --pdf``'s conversion (draftgen.batch.pdfs.write_pdfs) with 1 and 2 LibreOffice processes at once."""
    import shutil

    from draftgen.batch.pdfs import write_pdfs
    from draftgen.batch.state import Record

    records = [Record(code=f.stem, name=f.stem, row=None, source=None, file=f.name, status="created") for f in files]
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs in times:
            for pdf in folder.glob("letter-*.pdf"):
                pdf.unlink()
            start = time.perf_counter()
            write_pdfs(folder, records, jobs=jobs)
            times[jobs].append((time.perf_counter() - start) / len(files))
    shutil.rmtree(folder / "outn", ignore_errors=True)
    return times


if __name__ == "__main__":
    main()
