"""Shared fixtures: the examples, rendered once per test session, read back with tests/docx_read.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx_read import Docx  # noqa: E402
from letter_examples import LETTER_EXAMPLES  # noqa: E402


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def rendered() -> dict[str, bytes]:
    """DOCX bytes of every letter example, rendered once."""
    from draftgen.pipeline import load_letter, render_letter

    return {name: render_letter(load_letter(ROOT / "examples" / name)) for name in LETTER_EXAMPLES}


@pytest.fixture(scope="session")
def docs(rendered: dict[str, bytes]) -> dict[str, Docx]:
    return {name: Docx(data) for name, data in rendered.items()}
