"""The flow of one letter: YAML → validated model → Draft → DOCX bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from draftgen.errors import InputError, Problem
from draftgen.load import Loaded, load_yaml_file
from draftgen.messages import problems_from_validation
from draftgen.models import CongVan
from draftgen.render import CompiledTemplate, render_docx
from draftgen.resolve import resolve

DOCUMENT_MODELS: dict[str, type[CongVan]] = {"cong_van": CongVan}


def validate_letter(loaded: Loaded) -> CongVan:
    """Validate loaded YAML against the model of its ``loai`` (default Công văn)."""
    data: Any = loaded.data
    if not isinstance(data, dict):
        raise InputError(Problem("Tệp phải là một nhóm trường (khóa: giá trị), ví dụ 'co_quan: …'.",
                                 line=loaded.line_of(()), source=loaded.source))
    kind = data.get("loai") or "cong_van"
    model = DOCUMENT_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise InputError(Problem(f"Loại văn bản {kind!r} chưa được hỗ trợ; hiện có: {', '.join(DOCUMENT_MODELS)}.",
                                 field="loai", line=loaded.line_of(("loai",)), source=loaded.source))
    try:
        # base_dir: a letter's parents given as files are relative to the letter's folder
        base_dir = Path(loaded.source).parent if loaded.source and Path(loaded.source).is_file() else None
        return model.model_validate(data, context={"base_dir": base_dir})
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, loaded)) from None


def load_letter(path: str | Path) -> CongVan:
    """Read and validate a letter YAML file (``-`` = standard input)."""
    return validate_letter(load_yaml_file(path))


def render_letter(letter: CongVan, template: CompiledTemplate | None = None) -> bytes:
    """DOCX bytes of a validated letter."""
    return render_docx(resolve(letter), template)
