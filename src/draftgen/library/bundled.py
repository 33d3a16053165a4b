"""The bundled templates (``templates/``) as a library: one entry per family, built from the registry.

Nothing is copied: the entries point at the bundled files. The sample of each family is an example
named in ``data/template_library.yaml`` (``examples/``: in the wheel as ``draftgen/examples``, or the
checkout's; without it, no sample).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from draftgen.library.manifest import Change, Entry
from draftgen.resources import DATA_DIR, templates_dir

BUNDLED_VERSION = "1"


@cache
def _data() -> dict[str, Any]:
    return YAML(typ="safe", pure=True).load((DATA_DIR / "template_library.yaml").read_text(encoding="utf-8"))


def _samples() -> dict[str, str]:
    return dict(_data()["samples"])


def required_paths(family: str) -> dict[str, str]:
    """What a template of ``family`` must place, path → its Vietnamese name (data/template_library.yaml)."""
    required = _data()["required"]
    names = _data()["names"]
    return {path: names.get(path, path) for path in [*required["all"], *required.get(family, [])]}


def examples_dir() -> Path | None:
    from draftgen.resources import _find

    try:
        return _find("examples")
    except FileNotFoundError:
        return None


def sample_of_family(family: str) -> dict[str, Any] | None:
    """The sample document of a family (a mapping), or None when the examples are not installed."""
    from draftgen.load import load_yaml_file

    folder = examples_dir()
    name = _samples().get(family)
    if folder is None or name is None or not (folder / name).is_file():
        return None
    data = load_yaml_file(folder / name).data
    return data if isinstance(data, dict) else None


def bundled_folder() -> Path:
    return templates_dir()


@cache
def bundled_entries() -> tuple[Entry, ...]:
    from draftgen.doctypes.data import families as family_facts
    from draftgen.doctypes.registry import families

    facts = family_facts()
    entries = []
    for family, doc_type in families().items():
        entries.append(Entry(
            id=Path(doc_type.template).stem, version=BUNDLED_VERSION, loai=doc_type.key,
            title=f"Mẫu có sẵn: {facts[family]['ten']}",
            description=f"Mẫu {facts[family]['mau']} Phụ lục III Nghị định 30, dựng từ hồ sơ thể thức; dùng cho mọi "
                        f"loại văn bản cùng nhóm '{family}'.",
            file=doc_type.template, changelog=[Change(version=BUNDLED_VERSION, note="Mẫu có sẵn của draftgen.")]))
    return tuple(entries)
