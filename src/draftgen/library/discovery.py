"""Where templates are found and how ``id[@version]`` is resolved.

Search order: the folders of ``--templates DIR``, then ``DRAFTGEN_TEMPLATES`` (several folders joined by
``os.pathsep``), then the bundled library. The first library that has the id decides; without a version
its highest version is taken.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from draftgen.errors import InputError, Problem
from draftgen.library.bundled import bundled_entries, bundled_folder
from draftgen.library.manifest import Entry, read_manifest, sha256_of, version_key

ENV = "DRAFTGEN_TEMPLATES"


@dataclass(frozen=True)
class Library:
    folder: Path
    entries: tuple[Entry, ...]
    bundled: bool = False


@dataclass(frozen=True)
class Found:
    """One template version and where its file is."""

    entry: Entry
    path: Path
    library: Library


def library_folders(extra: list[str] | tuple[str, ...] = ()) -> list[Path]:
    folders = [Path(f) for f in extra]
    folders += [Path(f) for f in os.environ.get(ENV, "").split(os.pathsep) if f.strip()]
    return folders


def libraries(extra: list[str] | tuple[str, ...] = ()) -> list[Library]:
    found: list[Library] = []
    for folder in library_folders(extra):
        if not folder.is_dir():
            raise InputError(Problem(f"Thư mục mẫu '{folder}' không tồn tại.", field="--templates"))
        found.append(Library(folder, tuple(read_manifest(folder).templates)))
    found.append(Library(bundled_folder(), bundled_entries(), bundled=True))
    return found


def split_ref(ref: str) -> tuple[str, str | None]:
    name, _, version = ref.partition("@")
    return name, (version or None)


def resolve(ref: str, extra: list[str] | tuple[str, ...] = ()) -> Found:
    """The template ``id`` or ``id@version``; an unknown one, or a file changed since it was added, is InputError."""
    name, version = split_ref(ref)
    known: list[str] = []
    for library in libraries(extra):
        versions = [e for e in library.entries if e.id == name]
        known += [e.ref for e in library.entries]
        if not versions:
            continue
        if version is not None:
            versions = [e for e in versions if e.version == version]
            if not versions:
                have = ", ".join(e.version for e in library.entries if e.id == name)
                raise InputError(Problem(f"Mẫu '{name}' không có phiên bản {version}; có: {have}.", field="--template"))
        entry = max(versions, key=lambda e: version_key(e.version))
        path = library.folder / entry.file
        if not path.is_file():
            raise InputError(Problem(f"Mẫu '{entry.ref}': không thấy tệp '{path}'.", field="--template"))
        if entry.sha256 and sha256_of(path) != entry.sha256:
            raise InputError(Problem(f"Mẫu '{entry.ref}': tệp '{path}' đã bị sửa sau khi thêm vào thư viện (sha256 "
                                     "khác manifest.yaml); hãy thêm lại bằng 'draftgen templates add'.",
                                     field="--template"))
        return Found(entry, path, library)
    raise InputError(Problem(f"Không có mẫu '{ref}'. Các mẫu hiện có: {', '.join(known)}.", field="--template"))
