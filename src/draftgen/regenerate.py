"""``draftgen regenerate``: make a document again from the answers it recorded, with another template version.

The recorded answers (draftgen.answers) are put back as they were read: the clerk's data, the parents given
as files written into a temporary folder at the paths the data names (so a relative ``file:`` resolves as
it did), and the fixed fields of the template (those of the new template, when it has some, win).
"""

from __future__ import annotations

import json
import posixpath
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftgen.answers import Recorded, read_answers
from draftgen.errors import InputError, Problem


@dataclass
class Regenerated:
    """The new document and what it was made from."""

    data: bytes
    recorded: Recorded
    template_ref: str


def recorded_of(path: Path) -> tuple[bytes, Recorded]:
    """The bytes of a DOCX made by draftgen and its recorded answers; InputError (exit 2) otherwise."""
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem(f"Không thấy tệp '{path}'.", field="OLD.docx"))
    data = path.read_bytes()
    try:
        recorded = read_answers(data)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(Problem(f"'{path}' không phải tệp DOCX đọc được.", field="OLD.docx")) from None
    if recorded is None:
        raise InputError(Problem(f"Tệp '{path}' không có dữ liệu đã ghi của draftgen (thuộc tính draftgen.answers): "
                                 "chỉ tạo lại được văn bản do 'draftgen render' tạo ra; văn bản này cần tạo lại "
                                 "từ tệp YAML của nó.", field="OLD.docx"))
    if not isinstance(recorded.data, dict):
        raise InputError(Problem(f"Dữ liệu đã ghi trong '{path}' bị hỏng (không phải một nhóm trường).",
                                 field="OLD.docx"))
    return data, recorded


def _layout(recorded: Recorded, folder: Path) -> tuple[Path, dict[str, Any]]:
    """Write the recorded parent files under ``folder``; the letter's path and its data (absolute paths renamed)."""
    data = dict(recorded.data)
    files = dict(recorded.files)
    renamed = {key: f"cap-tren-{n}-{posixpath.basename(key)}" for n, key in enumerate(files)
               if Path(key).is_absolute()}
    if renamed and isinstance(data.get("parents"), list):
        data["parents"] = [{**p, "file": renamed[p["file"]]} if isinstance(p, dict) and p.get("file") in renamed
                           else p for p in data["parents"]]
    files = {renamed.get(k, k): v for k, v in files.items()}
    depth = max((len(k.split("/")) for k in files), default=0)  # a "../x.yaml" stays inside the folder
    letter_dir = folder.joinpath(*(["van-ban"] * depth)) if depth else folder
    letter_dir.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    for key, text in files.items():
        target = (letter_dir / key).resolve()
        if root not in target.parents:
            raise InputError(Problem(f"Dữ liệu đã ghi có tệp cấp trên ngoài thư mục ('{key}'); không tạo lại.",
                                     field="OLD.docx"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    letter = letter_dir / "van-ban.yaml"
    letter.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return letter, data


def regenerate(path: Path, ref: str | None, extra: tuple[str, ...] = ()) -> Regenerated:
    """Render the answers recorded in ``path`` again, with the library's template ``ref`` (or the bundled one)."""
    from draftgen.load import Loaded
    from draftgen.pipeline import render_recorded

    _, recorded = recorded_of(path)
    template = None
    fixed = dict(recorded.fixed)
    if ref:
        from draftgen.library.commands import check_family, compiled_for

        found, template = compiled_for(ref, extra)
        fixed.update(found.entry.fixed)
        check_family({**fixed, **recorded.data}, found)
    with tempfile.TemporaryDirectory(prefix="draftgen-regenerate-") as tmp:
        letter, data = _layout(recorded, Path(tmp))
        loaded = Loaded(data=data, source=str(letter))
        made = render_recorded(loaded, template, fixed or None)
    from draftgen.answers import read_properties

    return Regenerated(made, recorded, read_properties(made).get("draftgen.template", "?"))
