"""The Jinja source of a template part, as docxtpl's tag patcher makes it, kept on disk between runs.

Compiling a DOCX template runs docxtpl's patcher on each templated part (tags that Word split across
runs are joined again). Importing docxtpl imports python-docx, a fifth of the start-up of ``draftgen
render`` and ``draftgen batch``, paid for a text that is the same every time for the same part. So the
patched text is kept in the user's cache folder (``$XDG_CACHE_HOME/draftgen/patched``, by default
``~/.cache/draftgen/patched``), named by the SHA-256 of the part and the identity of the installed
docxtpl (its version file's size and modification time): a changed part or another docxtpl is patched
anew. A cache that cannot be read or written only means the patcher runs; ``DRAFTGEN_NO_CACHE=1`` turns
it off. The folder, the keys and the files are :mod:`draftgen.diskcache`'s.
"""

from __future__ import annotations

from collections.abc import Callable

from draftgen import diskcache


def patched(xml: str, patch: Callable[[str], str]) -> str:
    """``patch(xml)``, read from the cache when this part was patched before by the same docxtpl."""
    salt = diskcache.package_identity("docxtpl")
    if salt is None:
        return patch(xml)
    name = diskcache.digest("patched", salt, xml) + ".xml"
    kept = diskcache.load("patched", name)
    if isinstance(kept, str):
        return kept
    result = patch(xml)
    diskcache.store("patched", name, result)  # a read-only or full home: the patcher runs next time too
    return result
