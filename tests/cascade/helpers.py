"""Seed texts for the cascade tests: the copies in tests/fixtures/seeds, corrected with the bundled list."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from draftgen.directives import BUNDLED_DIR
from draftgen.load import load_yaml_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED_000 = FIXTURES / "seeds" / "000_6848c7d10837ffbe.txt"
SEED_001 = FIXTURES / "seeds" / "001_034ba50063db2522.txt"
CORRECTIONS = BUNDLED_DIR / "corrections.yaml"
ROOT = FIXTURES.parent.parent


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("**", "").replace("*ll*", "")
    return re.sub(r"\s+", " ", text).strip()


def corrected(path: Path) -> str:
    """The seed's words: artefacts removed, line breaks folded, the listed OCR typos corrected."""
    text = normalise(path.read_text(encoding="utf-8"))
    seed = path.name[:3]
    for entry in load_yaml_file(CORRECTIONS).data["sua_loi"]:
        if entry["seed"] == seed:
            assert entry["sai"] in text, f"correction {entry['sai']!r} no longer matches {path.name}"
            text = text.replace(entry["sai"], entry["dung"])
    return text
