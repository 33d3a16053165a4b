"""The single-letter examples (batch inputs, directives and cascades live in sub-folders)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTER_EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.yaml"))
