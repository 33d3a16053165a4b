"""The template of a run, compiled once per process (the parent's is inherited by the workers it forks)."""

from __future__ import annotations

from pathlib import Path

from draftgen.render import CompiledTemplate

_TEMPLATES: dict[str | None, CompiledTemplate] = {}


def compiled_template(path: str | Path | None) -> CompiledTemplate:
    """The template at ``path`` (None: the bundled Công văn), compiled once per process.

    The parent compiles it before it forks the workers, so they inherit it instead of compiling it again.
    """
    key = str(path) if path else None
    if key not in _TEMPLATES:
        from draftgen.render import cong_van_template

        _TEMPLATES[key] = CompiledTemplate(Path(key)) if key else cong_van_template()
    return _TEMPLATES[key]
