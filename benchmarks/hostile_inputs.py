"""Time and peak memory of `draftgen validate` on hostile YAML of up to about 1 MB.

Target (issue 13): any input up to 1 MB is accepted or refused within about a second and 150 MB.
Each case runs in a fresh interpreter (as a clerk runs draftgen); the wall time includes the
interpreter start and imports (printed once as the baseline), the peak RSS is the child's.

    python benchmarks/hostile_inputs.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "examples" / "soc-trang-2842.yaml").read_text(encoding="utf-8")


def cases() -> dict[str, str]:
    ladder = "a0: &a0 [" + ", ".join(["lol"] * 10) + "]\n"
    ladder += "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10))
    merge = "b0: &b0 {k: lol}\n" + "".join(f"b{i}: &b{i}\n  x: *b{i - 1}\n  y: *b{i - 1}\n" for i in range(1, 30))
    rows = "".join(f"- code: '{i:05d}'\n  ten: Xã Hòa Phú số {i}\n  so_ho: {i * 3}\n" for i in range(19_000))
    return {
        "baseline: the example letter": BASE,
        "billion laughs (570 bytes)": ladder,
        "merge-key ladder, 2^29 nodes": merge,
        "long text aliased 2,000 times": "t: &t \"" + "chữ " * 60_000 + "\"\nu: [" + ", ".join(["*t"] * 2000) + "]\n",
        "flow nesting 500,000 deep (1 MB)": "a: " + "[" * 500_000 + "]" * 500_000 + "\n",
        "block nesting 1,000 deep (1 MB)": "".join(" " * i + f"k{i}:\n" for i in range(1_000)),
        "1 MB of ordinary YAML (19,000 rows)": rows,
        "1 MB scalar": "a: " + "x" * 1_000_000 + "\n",
        "1 MB of control-character escapes": "a: \"" + "\\x01" * 250_000 + "\"\n",
        "letter of 1 MB (one long paragraph)": BASE.replace("  mo_dau: >\n", "  mo_dau: >\n    " + "chữ " * 200_000
                                                            + "\n", 1),
    }


def main() -> None:
    print(f"{'case':40} {'bytes':>9} {'exit':>4} {'seconds':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for name, text in cases().items():
            path = Path(folder) / "input.yaml"
            path.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            pid = os.fork()
            if pid == 0:  # the child: redirect output and exec draftgen
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                os.execv(sys.executable, [sys.executable, "-m", "draftgen", "validate", str(path)])
            _, status, usage = os.wait4(pid, 0)
            seconds = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss / 1024  # kB on Linux
            print(f"{name:40} {len(text.encode()):>9} {code:>4} {seconds:>8.2f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
