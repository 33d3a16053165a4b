"""Start-up of the draftgen commands: wall time of whole processes (prints numbers; never pass/fail).

Each command runs --runs times as `python -m draftgen …` (interpreter start, imports, the work), interleaved
with the others; the median and the spread (min-max) are printed, and what `import draftgen.cli` costs:

  --help                 the group's help (no command imported beyond the command line)
  render                 one Công văn (examples/cong-van-968.yaml or the first example) to a DOCX
  batch, 1 unit          examples/batch/dak-lak-xa-2026.yaml for one commune (a CSV, as benchmarks/batch.py)
  check                  one DOCX (the one render wrote)

Target (issue 14): `render` of one letter and `batch` of one unit well under half a second. Beside the wall
time, the CPU time of each command (user + system) is printed: a shared machine moves it far less.

    python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _wall(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):  # check exits 1 when it finds errors
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path[1:] if p)}
    # an installed draftgen has its bytecode (pip compiles it) and, after its first run, the patched template
    # parts (draftgen.patchcache): the warm-up run below writes both, unless the environment forbids bytecode
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    work = Path(tempfile.mkdtemp(prefix="draftgen-startup-"))
    letters = sorted((ROOT / "examples").glob("*.yaml"))
    letter = next((p for p in letters if "968" in p.name), letters[0])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from batch import make_inputs  # benchmarks/batch.py: the example letter and a CSV of communes with figures

    batch_letter, units = make_inputs(work, 1)
    draftgen = [sys.executable, "-m", "draftgen"]
    commands = {
        "import draftgen.cli": [sys.executable, "-c", "import draftgen.cli"],
        "--help": [*draftgen, "--help"],
        "render": [*draftgen, "render", str(letter), "-o", str(work / "letter.docx"), "--force"],
        "batch, 1 unit": [*draftgen, "batch", str(batch_letter), "--units", str(units), "--out", str(work / "out"),
                          "--force"],
        "check": [*draftgen, "check", str(work / "letter.docx")],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    try:
        _wall(commands["render"], env)  # compiles the bytecode of every module once, outside the timing
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_wall(command, env))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"draftgen start-up — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {args.runs} runs each")
    for name, values in times.items():
        walls = sorted(v[0] for v in values)
        cpus = sorted(v[1] for v in values)
        print(f"  {name:<20} median {walls[len(walls) // 2]:.3f} s  (min {walls[0]:.3f}, max {walls[-1]:.3f});  "
              f"CPU median {cpus[len(cpus) // 2]:.3f} s (min {cpus[0]:.3f}, max {cpus[-1]:.3f})")


if __name__ == "__main__":
    main()
