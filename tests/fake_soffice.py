"""A stand-in for LibreOffice's ``soffice --convert-to pdf … --outdir DIR FILE…`` (a shell script), shared by the
PDF tests that need a converter which behaves in a known way without LibreOffice.

It logs ``start PID TIME`` / ``end PID TIME`` (and ``fails PID``) to ``log`` beside itself, waits
``FAKE_SECONDS``, and writes a small PDF for each DOCX into --outdir, but only for the first ``FAKE_MAX`` files of
the call, silently, as LibreOffice 7.4 does past 246. A call with a file named ``broken-*.docx`` writes nothing
(exit 0, as soffice does when a conversion fails).
"""

from __future__ import annotations

import stat
from pathlib import Path

SCRIPT = r"""#!/bin/sh
log="$(dirname "$0")/log"
echo "start $$ $(date +%s.%N)" >> "$log"
out=""; next=""; n=0
for arg in "$@"; do
  if [ "$next" = 1 ]; then out="$arg"; next=""; fi
  if [ "$arg" = "--outdir" ]; then next=1; fi
done
for arg in "$@"; do
  case "$arg" in
    */broken-*.docx) echo "fails $$" >> "$log"; exit 0 ;;
  esac
done
sleep "${FAKE_SECONDS:-0}"
for arg in "$@"; do
  case "$arg" in
    *.docx) n=$((n + 1)); if [ "$n" -le "${FAKE_MAX:-100000}" ]; then
      name=$(basename "$arg" .docx)
      head -c 400 /dev/zero | tr '\0' 'x' | sed '1s/^/%PDF-1.4 /' > "$out/$name.pdf"
    fi ;;
  esac
done
echo "end $$ $(date +%s.%N)" >> "$log"
exit 0
"""


def install(folder: Path, monkeypatch, seconds: float = 0, max_files: int | None = None) -> Path:  # noqa: ANN001
    """The fake converter in ``folder``, made the one draftgen runs (DRAFTGEN_SOFFICE); returns its log's path."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(SCRIPT, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("DRAFTGEN_SOFFICE", str(script))
    monkeypatch.setenv("FAKE_SECONDS", str(seconds))
    if max_files is not None:
        monkeypatch.setenv("FAKE_MAX", str(max_files))
    return folder / "log"
