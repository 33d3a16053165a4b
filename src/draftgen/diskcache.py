"""What draftgen derives from its own files, kept between runs in the user's cache folder.

Two things are the same every time and cost a start-up each: the Python code Jinja compiles from a template
part or a batch field (:func:`jinja_template`), and the data of a bundled YAML file
(:func:`draftgen.resources.read_bundled_yaml`). Both are kept with :mod:`marshal` under
``$XDG_CACHE_HOME/draftgen/<kind>`` (by default ``~/.cache/draftgen``), named by the SHA-256 of what they were
made from and of what made them (Python's bytecode magic, Jinja's version and the environment's settings;
PyYAML's identity): a changed source or another version is made anew. A file that cannot be read or written,
or does not decode, only means the work is done again; ``DRAFTGEN_NO_CACHE=1`` turns the cache off
(as :mod:`draftgen.patchcache`, which keeps the patched template parts the same way).
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

from draftgen.atomic import atomic_file

_PYTHON = importlib.util.MAGIC_NUMBER.hex()  # marshal's format follows the bytecode's


def folder(kind: str) -> Path | None:
    """The cache folder of ``kind`` (None: caching is turned off)."""
    if os.environ.get("DRAFTGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "draftgen" / kind


def digest(*parts: str | bytes) -> str:
    """The SHA-256 (hex) of ``parts``, each one told apart from the next."""
    hasher = hashlib.sha256(_PYTHON.encode("ascii"))
    for part in parts:
        hasher.update(b"\0")
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
    return hasher.hexdigest()


@cache
def package_identity(module: str) -> str | None:
    """An installed package told apart from another version of it without importing it: the path, size and
    modification time of its ``__init__``; None when it is not installed."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return None
    try:
        stat = os.stat(spec.origin)
    except OSError:
        return None
    return f"{spec.origin}:{stat.st_size}:{stat.st_mtime_ns}"


def load(kind: str, name: str) -> Any | None:
    """The value kept under ``name`` (None when there is none or it cannot be read)."""
    where = folder(kind)
    if where is None:
        return None
    try:
        return marshal.loads((where / name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(kind: str, name: str, value: Any) -> None:
    """Keep ``value`` (of the types :mod:`marshal` writes) under ``name``; a value it cannot write, or a
    read-only or full disk, is left alone."""
    where = folder(kind)
    if where is None:
        return
    try:
        data = marshal.dumps(value)
        where.mkdir(parents=True, exist_ok=True)
        with atomic_file(where / name, "wb", fsync=False) as handle:
            handle.write(data)
    except (OSError, ValueError):
        pass


def _settings(env: Any) -> str:
    """What of a Jinja environment its compiled code depends on: its class, its syntax, autoescape, async and
    finalize, the names of its filters, tests and extensions (a missing filter is an error when compiling)."""
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else getattr(env.autoescape, "__qualname__", "?")
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
              env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
              env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
              env.keep_trailing_newline, env.optimized, env.is_async, env.finalize is not None)
    kind = type(env)
    return repr((f"{kind.__module__}.{kind.__qualname__}", autoescape, syntax, sorted(env.filters),
                 sorted(env.tests), sorted(env.extensions)))


def jinja_template(env: Any, source: str) -> Any:
    """``env.from_string(source)``, with the code Jinja compiles for it kept between runs."""
    import jinja2

    name = digest("jinja", jinja2.__version__, _settings(env), source) + ".code"
    code = load("jinja", name)
    if not isinstance(code, CodeType):
        code = env.compile(source)  # a template that does not compile raises here, as from_string does
        store("jinja", name, code)
    return env.template_class.from_code(env, code, env.make_globals(None), None)
