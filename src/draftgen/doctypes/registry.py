"""The registry of document types: the ``loai`` key of a YAML input → its model, resolve and template.

The facts of each type are data (``data/doc_types.yaml``: ``families`` and ``drafted``); the code of
its family is the module ``draftgen.doctypes.<family>`` with ``MODEL`` (the pydantic input model) and
``resolve(document, carried, profile)`` (→ its view model, pure), imported by name.
:func:`validate_document` picks the model by ``loai`` (default ``cong_van``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ValidationError

from draftgen.doctypes import data
from draftgen.errors import InputError, Problem
from draftgen.load import Loaded, dotted
from draftgen.messages import problems_from_validation
from draftgen.placeholders import unfilled

DEFAULT_TYPE = "cong_van"


@cache
def family_module(family: str) -> ModuleType:
    """The code of a family: the module ``draftgen.doctypes.<family>`` with ``MODEL`` and ``resolve``.

    Found by name from the data (a new family needs no edit here); an unknown family is a defect of the
    data file, reported as such.
    """
    if not family.isidentifier():
        raise RuntimeError(f"doc_types.yaml: family '{family}' is not a module name")
    try:
        return importlib.import_module(f"draftgen.doctypes.{family}")
    except ModuleNotFoundError as exc:
        raise RuntimeError(f"doc_types.yaml: family '{family}' has no module draftgen.doctypes.{family}") from exc


@dataclass(frozen=True)
class DocType:
    """One document type draftgen drafts."""

    key: str                   # ``loai`` in YAML
    ten: str                   # its name in Vietnamese ("Công văn", "Kế hoạch")
    family: str                # its family: one model, resolve and layout for several types
    mau: str                   # its Mẫu in Phụ lục III ("1.5")
    template: str              # bundled template file in templates/
    schema: str                # JSON Schema file in schemas/
    layout: tuple[str, ...]    # the blocks of its template, in order (draftgen.templatebuild.blocks)
    profile: str | None        # its element overrides (schemas/nd30-profile.yaml, types.<profile>)
    viet_tat: str | None       # its abbreviation in the ký hiệu (None: the Công văn has none)
    kinh_gui: bool             # whether it may have a Kính gửi

    # The code is imported on first use: a Công văn run does not build the pydantic models of every family.
    @property
    def model(self) -> type[BaseModel]:
        """The family's input model (``MODEL``)."""
        return family_module(self.family).MODEL

    @property
    def resolve(self) -> Callable[..., Any]:
        """The family's pure resolve (document, carried, profile) → view model."""
        return family_module(self.family).resolve

    @property
    def ten_loai(self) -> str:
        """The tên loại line (ô 5a): the name in capitals."""
        return self.ten.upper()


@cache
def doc_types() -> dict[str, DocType]:
    """Every type, by key, in the order of the data file."""
    family_facts = data.families()
    types: dict[str, DocType] = {}
    for key, facts in data.drafted().items():
        family = facts["family"]
        if family not in family_facts:
            raise RuntimeError(f"doc_types.yaml: type '{key}' has an unknown family '{family}'")
        fam = family_facts[family]
        types[key] = DocType(key=key, ten=facts["ten"], family=family, mau=str(facts.get("mau", fam["mau"])),
                             template=fam["template"],
                             schema=fam["schema"], layout=tuple(fam["layout"]), profile=fam.get("profile"),
                             viet_tat=facts.get("viet_tat"), kinh_gui=bool(facts.get("kinh_gui", family == "cong_van")))
    return types


def families() -> dict[str, DocType]:
    """One type of each family (the first in the data file), by family key: what a template is built from."""
    first: dict[str, DocType] = {}
    for doc_type in doc_types().values():
        first.setdefault(doc_type.family, doc_type)
    return first


def get_type(key: str) -> DocType:
    """The type of ``key``; an unknown key is the clerk's input problem (field ``loai``)."""
    types = doc_types()
    if key not in types:
        raise InputError(Problem(f"Loại văn bản {key!r} chưa được hỗ trợ; hiện có: {', '.join(types)}.",
                                 field="loai"))
    return types[key]


def type_key(data: Any) -> Any:
    """The ``loai`` of a loaded mapping (default Công văn)."""
    return (data.get("loai") if isinstance(data, dict) else None) or DEFAULT_TYPE


def validate_document(loaded: Loaded) -> Any:
    """Validate loaded YAML against the model of its ``loai``: the model instance, or InputError."""
    data: Any = loaded.data
    if not isinstance(data, dict):
        raise InputError(Problem("Tệp phải là một nhóm trường (khóa: giá trị), ví dụ 'co_quan: …'.",
                                 line=loaded.line_of(()), source=loaded.source))
    kind = type_key(data)
    if not isinstance(kind, str) or kind not in doc_types():
        raise InputError(Problem(f"Loại văn bản {kind!r} chưa được hỗ trợ; hiện có: {', '.join(doc_types())}.",
                                 field="loai", line=loaded.line_of(("loai",)), source=loaded.source))
    blanks = [Problem(f"chưa điền: thay '{text.strip()}' bằng nội dung của văn bản (chỗ trống của tệp mẫu).",
                      field=dotted(where), line=loaded.line_of(where), source=loaded.source)
              for where, text in unfilled(data)]
    if blanks:
        raise InputError(blanks)
    try:
        # base_dir: a letter's parents given as files are relative to the letter's folder
        base_dir = Path(loaded.source).parent if loaded.source and Path(loaded.source).is_file() else None
        return doc_types()[kind].model.model_validate(data, context={"base_dir": base_dir})
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, loaded)) from None


def type_of(document: Any) -> DocType:
    """The type of a validated document (its model's ``loai``)."""
    return get_type(getattr(document, "loai", DEFAULT_TYPE))
