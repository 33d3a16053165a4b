"""The Jinja source of a template part, as docxtpl's tag patcher makes it, kept on disk between runs.

Compiling a DOCX template runs docxtpl's patcher on each templated part (tags that Word split across
runs are joined again). Importing docxtpl imports python-docx, a fifth of the start-up of ``draftgen
render`` and ``draftgen batch``, paid for a text that is the same every time for the same part. So the
patched text is kept in the user's cache folder (``$XDG_CACHE_HOME/draftgen/patched``, by default
``~/.cache/draftgen/patched``), named by the SHA-256 of the part and the identity of the installed
docxtpl (its version file's size and modification time): a changed part or another docxtpl is patched
anew. A cache that cannot be read or written only means the patcher runs; ``DRAFTGEN_NO_CACHE=1`` turns
it off.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from draftgen.atomic import atomic_file


@cache
def _folder_and_salt() -> tuple[Path, str] | None:
    if os.environ.get("DRAFTGEN_NO_CACHE"):
        return None
    spec = importlib.util.find_spec("docxtpl")  # finds it without importing it
    if spec is None or not spec.origin:
        return None
    try:
        stat = os.stat(spec.origin)
    except OSError:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "draftgen" / "patched", f"{spec.origin}:{stat.st_size}:{stat.st_mtime_ns}"


def patched(xml: str, patch: Callable[[str], str]) -> str:
    """``patch(xml)``, read from the cache when this part was patched before by the same docxtpl."""
    where = _folder_and_salt()
    if where is None:
        return patch(xml)
    folder, salt = where
    digest = hashlib.sha256(salt.encode("utf-8") + b"\0" + xml.encode("utf-8")).hexdigest()
    path = folder / f"{digest}.xml"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    result = patch(xml)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_file(path, "w", encoding="utf-8", fsync=False) as handle:
            handle.write(result)
    except OSError:
        pass  # a read-only or full home: the patcher runs next time too
    return result
