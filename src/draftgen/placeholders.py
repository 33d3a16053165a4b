"""The placeholders of a starter file (``draftgen new``): ``"<ví dụ: Hòa Phú>"``. A value still written so
was not filled in; validation names each such field, with its line, before the model sees it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

PREFIX = "<ví dụ: "
SUFFIX = ">"
_PLACEHOLDER = re.compile(r"^\s*<ví dụ: .*>\s*$", re.DOTALL)


def placeholder(example: str) -> str:
    """The placeholder a starter writes for a text field whose example is ``example``."""
    return f"{PREFIX}{example}{SUFFIX}"


def unfilled(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, text) of every value of ``data`` that is still a placeholder, in document order."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if _PLACEHOLDER.match(value):
                yield where, value
        elif isinstance(value, dict):
            stack.extend((where + (k,), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((where + (i,), v) for i, v in reversed(list(enumerate(value))))
