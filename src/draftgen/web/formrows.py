"""A form re-rendered as it is being edited: the submitted values with their empty rows, a row added or removed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from draftgen.web.forms import form_tree, path_tokens


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        done = {k: _lists(v) for k, v in node.items()}
        if done and all(isinstance(k, int) for k in done):
            return [done[k] for k in sorted(done)]
        return done
    return node


def raw_of(form: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The submitted form as nested values, empty inputs kept (the form re-rendered while it is edited)."""
    return _lists(form_tree(form))


def apply_action(values: dict[str, Any], action: str) -> str | None:
    """``add:<path of a list>`` appends an empty row, ``remove:<path of a row>`` drops it; the path of the
    element to focus next, or None (an unknown action or path changes nothing)."""
    verb, _, path = action.partition(":")
    tokens = path_tokens(path) if path else None
    if verb not in ("add", "remove") or not tokens:
        return None
    parent: Any = values
    for token in tokens[:-1]:
        if isinstance(parent, dict):
            parent = parent.setdefault(token, {} if isinstance(token, str) else [])
        elif isinstance(parent, list) and isinstance(token, int) and token < len(parent):
            parent = parent[token]
        else:
            return None
    last = tokens[-1]
    if verb == "add" and isinstance(parent, dict) and isinstance(last, str):
        current = parent.get(last)
        if current is not None and not isinstance(current, list):
            return None  # not a list
        rows = current or []
        rows.append(None)
        parent[last] = rows
        return f"{path}[{len(rows) - 1}]"
    if verb == "remove" and isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        del parent[last]
        return path.rsplit("[", 1)[0]
    return None
