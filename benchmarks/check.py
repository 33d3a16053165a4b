"""Throughput and memory of `draftgen check` on one core.

Renders the bundled example letters once (the Đắk Lắk letter is a real two-page Công văn), then
checks them in a loop for a few seconds in this single process and prints documents per second
and the peak resident memory. Target (issue 4): at least 100 two-page letters per second.

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
    start = time.perf_counter()
    deadline = start + args.seconds
    while time.perf_counter() < deadline:
        for name, data in items:
            check_bytes(data, name)
        count += len(items)
    elapsed = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   # KiB on Linux
    print(f"checked {count} documents in {elapsed:.2f} s: {count / elapsed:.0f} documents/s on one core")
    print(f"peak RSS: {peak_kib / 1024:.1f} MiB")


def _words(data: bytes) -> int:
    import io
    import zipfile

    from lxml import etree

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return sum(len((t.text or "").split()) for t in etree.fromstring(xml).iter(f"{ns}t"))


if __name__ == "__main__":
    main()
