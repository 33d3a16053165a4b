"""Locate the files that ship with draftgen: DOCX templates, schemas (profile, JSON Schema), data.

In an installed wheel, ``templates/`` and ``schemas/`` live inside the package
(``draftgen/templates``, ``draftgen/schemas``; see pyproject.toml). In a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def read_bundled_yaml(path: Path) -> Any:
    """A data file that ships with draftgen, read with libyaml (PyYAML's C loader): 10 times faster than
    the pure-Python ruamel loader, twice ruamel's C loader (whose resolver still runs in Python).

    Only for the bundled files, whose YAML is plain (no ``yes``/``no``, no leading zeros):
    tests/batch/test_startup.py checks that each one reads exactly as the pure-Python YAML 1.2 loader reads it
    (a clerk's files keep their own loaders and YAML 1.2 rules).

    The data is kept between runs (:mod:`draftgen.diskcache`, by the file's text and PyYAML's identity): a run
    that reads it again imports no YAML parser for it.
    """
    from draftgen import diskcache

    text = Path(path).read_text(encoding="utf-8")
    name = diskcache.digest("yaml", diskcache.package_identity("yaml") or "?", text) + ".data"
    kept = diskcache.load("yaml", name)
    if kept is not None:
        return kept
    import yaml

    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    diskcache.store("yaml", name, data)  # a value marshal cannot write (a date …) is not kept
    return data


def _find(folder: str) -> Path:
    inside = PACKAGE_DIR / folder
    if inside.is_dir():
        return inside
    checkout = PACKAGE_DIR.parent.parent / folder
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"draftgen: thư mục '{folder}' không có trong gói cài đặt")


@cache
def templates_dir() -> Path:
    """Folder of the bundled DOCX templates."""
    return _find("templates")


@cache
def schemas_dir() -> Path:
    """Folder of the ND30 profile and the generated JSON Schema."""
    return _find("schemas")


def template_path(name: str) -> Path:
    """Path of a bundled template, e.g. ``template_path("cong-van.docx")``."""
    return templates_dir() / name


def profile_path() -> Path:
    """Path of the ND30 formatting profile (YAML)."""
    return schemas_dir() / "nd30-profile.yaml"
