"""Pydantic validation errors → Vietnamese problems that name the field and its YAML line."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from draftgen.errors import Problem
from draftgen.load import Loaded, dotted

_BY_TYPE: dict[str, str] = {
    "missing": "thiếu trường bắt buộc.",
    "extra_forbidden": "trường này không có trong mẫu (viết sai tên trường?).",
    "string_type": "phải là chữ (đặt trong ngoặc kép nếu là mã số).",
    "string_too_short": "không được để trống.",
    "too_short": "cần ít nhất {min_length} phần tử.",
    "int_parsing": "phải là số nguyên.",
    "int_type": "phải là số nguyên.",
    "int_from_float": "phải là số nguyên.",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}.",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}.",
    "bool_parsing": "phải là có/không (true/false).",
    "bool_type": "phải là có/không (true/false).",
    "list_type": "phải là danh sách (các dòng bắt đầu bằng '- ').",
    "dict_type": "phải là một nhóm trường (dạng khóa: giá trị).",
    "model_type": "phải là một nhóm trường (dạng khóa: giá trị).",
    "model_attributes_type": "phải là một nhóm trường (dạng khóa: giá trị).",
    "literal_error": "giá trị không hợp lệ; chọn một trong: {expected}.",
    "date_from_datetime_parsing": "ngày không đúng dạng.",
    "value_error": "{error}",
}


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "nd30":
        return err["msg"]
    template = _BY_TYPE.get(kind)
    ctx = err.get("ctx") or {}
    if template is None:
        return f"giá trị không hợp lệ ({err['msg']})."
    if "expected" in ctx:  # pydantic joins the choices with English "or": "'Ông' or 'Bà'"
        ctx = {**ctx, "expected": str(ctx["expected"]).replace(" or ", " hoặc ")}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


def _field_path(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    # pydantic puts validator names (e.g. "function-after[...]") in loc for union members; drop them
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in str(p) and "-" not in str(p)))


def problems_from_validation(exc: ValidationError, loaded: Loaded | None = None,
                             prefix: tuple[str | int, ...] = ()) -> list[Problem]:
    """One :class:`Problem` per pydantic error, with the dotted field and YAML line."""
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False):
        path = prefix + _field_path(tuple(err["loc"]))
        if err["type"] == "nd30" and (err.get("ctx") or {}).get("field"):  # a model validator names its field
            path += (err["ctx"]["field"],)
        field = dotted(path) or None
        message = _message(err)
        key = (field or "", message)
        if key in seen:
            continue
        seen.add(key)
        line = loaded.line_of(path) if loaded else None
        problems.append(Problem(message=message, field=field, line=line,
                                source=loaded.source if loaded else None))
    return problems
