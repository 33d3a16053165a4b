"""An office's template against the bundled one (prints numbers; never pass/fail).

Writes a starter library (``draftgen templates init``), edits its Công văn as a clerk would in Word
(python-docx: fixed issuer lines, the body at 13.5 pt, a standing sentence; python-docx re-saves the
whole package), then renders the same view model N times through each compiled template and prints
documents per second (best of 5 interleaved rounds), and the time of one ``draftgen templates lint``
(with its proof). ``batch --template`` is not there yet: this measures the render engine, which a batch
runs per unit.

    python benchmarks/office_template.py [-n 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from click.testing import CliRunner  # noqa: E402
from tests.library.test_templates_cli import _clerk_edits  # noqa: E402

from draftgen.cli import main  # noqa: E402
from draftgen.library.lint import lint_bytes  # noqa: E402
from draftgen.pipeline import draft_of, load_letter  # noqa: E402
from draftgen.render import CompiledTemplate, template_for  # noqa: E402


def _rate(template: CompiledTemplate, draft, n: int) -> float:
    template.render_bytes(draft)
    start = time.perf_counter()
    for _ in range(n):
        template.render_bytes(draft)
    return n / (time.perf_counter() - start)


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        CliRunner().invoke(main, ["templates", "init", str(folder / "lib")])
        edited = folder / "edited.docx"
        _clerk_edits(folder / "lib" / "cong-van@1.docx", edited)
        draft = draft_of(load_letter(ROOT / "examples" / "soc-trang-2842.yaml"))
        # the machine is shared: interleave rounds and keep each template's best
        pair = (template_for("cong_van"), CompiledTemplate(edited))
        rounds = [(_rate(pair[0], draft, n // 5), _rate(pair[1], draft, n // 5)) for _ in range(5)]
        bundled, office = max(r[0] for r in rounds), max(r[1] for r in rounds)
        start = time.perf_counter()
        lint_bytes(edited.read_bytes(), str(edited), "cong_van", path=edited)
        lint_s = time.perf_counter() - start
    print(f"bundled template      {bundled:8.0f} documents/s")
    print(f"office template       {office:8.0f} documents/s  ({office / bundled:.0%} of bundled)")
    print(f"lint with proof       {lint_s:8.3f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000)
    run(parser.parse_args().n)
