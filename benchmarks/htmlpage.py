"""Benchmark of the quick HTML preview (draftgen.htmlpage): ms per ``page_html`` (prints numbers; never pass/fail).

The web page refreshes its preview as the clerk types; over HTTP its p95 must stay within 100 ms for a two-page
letter (issue 12), of which validation, resolve and the HTML are the server's share. Timed here, in one process:

  page_html   the view model (made once, not timed) → the HTML fragment of its sheets, as a live preview calls
              it: the line measures of paragraphs already seen are cached;
  cold        the same with that cache emptied before each call (every paragraph measured anew);
  draft+html  YAML already loaded → validate → resolve (draft_of) → page_html: the preview's whole server work
              except parsing the request.

Letters: a two-page Công văn (examples/cascade/tinh-dak-lak-2025.yaml, two sheets), the three-sheet Công văn
with two Phụ lục (examples/phu-luc/cong-van-so-noi-vu-2025.yaml) and a three-sheet Quyết định with its Quy chế
(examples/quyet-dinh/quyet-dinh-ban-hanh-quy-che-dak-lak-2025.yaml). The first call (imports, the compiled
template, the stylesheet) is printed apart; then --runs calls, median, p95 and max.

    python benchmarks/htmlpage.py [--runs 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

LETTERS = [
    "examples/cascade/tinh-dak-lak-2025.yaml",
    "examples/phu-luc/cong-van-so-noi-vu-2025.yaml",
    "examples/quyet-dinh/quyet-dinh-ban-hanh-quy-che-dak-lak-2025.yaml",
]


def _stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):6.2f} ms  p95 {p95:6.2f} ms  max {ordered[-1]:6.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()

    start = time.perf_counter()
    from draftgen.doctypes.registry import validate_document
    from draftgen.htmlpage import page_css, page_html
    from draftgen.htmlpage.measure import _word_pt, break_lines
    from draftgen.load import load_yaml_file
    from draftgen.pipeline import draft_of
    print(f"import draftgen.htmlpage + pipeline: {(time.perf_counter() - start) * 1000:.0f} ms")

    for letter in LETTERS:
        loaded = load_yaml_file(ROOT / letter)
        draft = draft_of(validate_document(loaded))
        start = time.perf_counter()
        html = page_html(draft)
        first = (time.perf_counter() - start) * 1000
        sheets = html.count('<section class="dg-page')
        html_ms, cold_ms, whole_ms = [], [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            page_html(draft)
            html_ms.append((time.perf_counter() - start) * 1000)
        for _ in range(max(1, args.runs // 5)):
            break_lines.cache_clear()
            _word_pt.cache_clear()
            start = time.perf_counter()
            page_html(draft)
            cold_ms.append((time.perf_counter() - start) * 1000)
        for _ in range(max(1, args.runs // 5)):
            start = time.perf_counter()
            page_html(draft_of(validate_document(loaded)))
            whole_ms.append((time.perf_counter() - start) * 1000)
        print(f"\n{letter}: {sheets} sheets, {len(html) / 1024:.0f} KiB of HTML (first call {first:.1f} ms)")
        print(f"  page_html   {_stats(html_ms)}  ({args.runs} runs)")
        print(f"  cold        {_stats(cold_ms)}  ({len(cold_ms)} runs)")
        print(f"  draft+html  {_stats(whole_ms)}  ({len(whole_ms)} runs)")
    print(f"\npage_css: {len(page_css()) / 1024:.1f} KiB (made once per process)")


if __name__ == "__main__":
    main()
