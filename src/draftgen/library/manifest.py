"""``manifest.yaml`` of a library folder: one entry per version of each template.

```yaml
templates:
  - id: cong-van-so-noi-vu          # letters, digits and '-'
    version: "2.1"                   # numbers separated by '.'
    loai: cong_van                   # the type whose view model the template fills
    title: Công văn của Sở Nội vụ
    description: Tiêu đề có sẵn dòng chủ quản …
    file: cong-van-so-noi-vu@2.1.docx
    sha256: 3f…                      # of the file: a template edited after it was added is refused
    fixed: {co_quan: {...}}          # fields the template supplies (a clerk's YAML need not repeat them)
    sample: {...}                    # a whole document: rendered and checked by the lint (the proof)
    changelog: [{version: "2.1", date: 2026-03-01, note: …}]
```
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from draftgen.errors import InputError, Problem
from draftgen.load import load_yaml_file
from draftgen.messages import problems_from_validation

MANIFEST = "manifest.yaml"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VERSION = re.compile(r"^\d+(\.\d+)*$")


def version_key(version: str) -> tuple[int, ...]:
    """``"2.10"`` → (2, 10): versions compare as numbers."""
    return tuple(int(part) for part in version.split("."))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    date: str | None = None
    note: str = ""

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, value: Any) -> Any:
        return None if value is None else str(value)


class Entry(BaseModel):
    """One version of one template."""

    model_config = ConfigDict(extra="forbid")
    id: str
    version: str
    loai: str
    title: str
    description: str = ""
    file: str
    sha256: str | None = None
    fixed: dict[str, Any] = Field(default_factory=dict)
    sample: dict[str, Any] | None = None
    changelog: list[Change] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"mã mẫu '{value}' chỉ gồm chữ thường không dấu, chữ số và '-' (ví dụ cong-van-so-noi-vu)")
        return value

    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, value: Any) -> str:
        text = str(value)
        if not _VERSION.match(text):
            raise ValueError(f"phiên bản '{text}' phải là các số cách nhau bởi dấu chấm (ví dụ 2 hoặc 2.1)")
        return text

    @field_validator("loai")
    @classmethod
    def _loai(cls, value: str) -> str:
        from draftgen.doctypes.registry import doc_types

        if value not in doc_types():
            raise ValueError(f"loại văn bản '{value}' chưa được hỗ trợ; hiện có: {', '.join(doc_types())}")
        return value

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    templates: list[Entry] = Field(default_factory=list)

    def to_yaml_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


def read_manifest(folder: Path) -> Manifest:
    """The manifest of ``folder`` (an empty one if the folder has none); bad content is InputError (exit 2)."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return Manifest()
    loaded = load_yaml_file(path)
    if loaded.data is None:
        return Manifest()
    if not isinstance(loaded.data, dict):
        raise InputError(Problem("manifest.yaml phải là một nhóm trường, bắt đầu bằng 'templates:'.",
                                 source=str(path), line=1))
    try:
        return Manifest.model_validate(loaded.data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, loaded)) from None


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Write ``folder/manifest.yaml`` atomically (Vietnamese kept as is)."""
    import io

    from ruamel.yaml import YAML

    from draftgen.atomic import atomic_file

    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 110
    buffer = io.StringIO()
    buffer.write("# Thư viện mẫu văn bản của draftgen (draftgen templates list/show/add/lint).\n")
    yaml.dump(manifest.to_yaml_data(), buffer)
    with atomic_file(Path(folder) / MANIFEST, "w", encoding="utf-8") as handle:
        handle.write(buffer.getvalue())
