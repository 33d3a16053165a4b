"""What recording the answers costs per document (prints numbers; never pass/fail).

Renders two Công văn letters in turn, N times, through the bundled template (in turn: the renderer does not
deflate a part equal to the last one, so one letter repeated would hide the cost of the document part):
without custom properties (what ``batch`` does today), and with the answers recorded (what ``render``
does: the JSON serialised per document, the docProps/custom.xml part built and deflated), best of 5
interleaved rounds; and the serialisation alone.

    python benchmarks/answers.py [-n 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]

from draftgen.answers import serialise_answers  # noqa: E402
from draftgen.load import load_yaml_file  # noqa: E402
from draftgen.pipeline import draft_of, validate_letter  # noqa: E402
from draftgen.render import template_for  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=1000)
    n = parser.parse_args().n
    letters = [load_yaml_file(ROOT / "examples" / name) for name in ("soc-trang-2842.yaml", "dak-lak-968.yaml")]
    drafts = [draft_of(validate_letter(loaded)) for loaded in letters]
    template = template_for("cong_van")
    answers = serialise_answers(letters[0].data, letters[0].source)
    turn = [0]

    def plain() -> None:
        turn[0] ^= 1
        template.render_bytes(drafts[turn[0]])

    def recorded() -> None:
        turn[0] ^= 1
        loaded = letters[turn[0]]
        template.render_bytes(drafts[turn[0]], template.properties_for(serialise_answers(loaded.data, loaded.source)))

    def serialise() -> None:
        serialise_answers(letters[0].data, letters[0].source)

    best: dict[str, float] = {}
    for _ in range(5):
        for name, fn in (("without answers", plain), ("with answers", recorded), ("serialise only", serialise)):
            start = time.perf_counter()
            for _ in range(n):
                fn()
            best[name] = min(best.get(name, float("inf")), (time.perf_counter() - start) / n)
    print(f"answers JSON: {len(answers.encode())} bytes in {len(answers) // 255 + 1} properties")
    for name, seconds in best.items():
        print(f"{name:>16}: {seconds * 1e3:.3f} ms per document ({1 / seconds:,.0f}/s)")
    extra = best["with answers"] - best["without answers"]
    print(f"recording costs {extra * 1e3:.3f} ms per document ({extra / best['without answers']:.1%})")


if __name__ == "__main__":
    main()
