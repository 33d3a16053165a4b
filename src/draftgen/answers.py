"""The answers a document was made from, recorded in its DOCX's custom properties (``docProps/custom.xml``).

Every ``draftgen render`` records what is needed to make the document again without the YAML file: the
clerk's data as read (the answers), the template's fixed fields that filled it, the text of every parent
given as a file (a parent named by its số/ký hiệu is kept as that id: the directives library has it), and
the template ``id@version`` with the sha256 of its file. ``draftgen regenerate`` reads them back.

Word keeps a custom property's text to 255 characters, so the answers (compact JSON) are cut into
properties ``draftgen.answers.001``, ``.002`` … of at most 255 UTF-16 units, with their count in
``draftgen.answers.count``. The part is built from strings (no XML tree per document): a batch can record
its answers by passing the JSON it already has to :func:`properties_xml` and the result to
``CompiledTemplate.render_bytes(draft, properties=…)``.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from draftgen.xmltext import escape, quoteattr

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id Word gives every user-defined property
PREFIX = "draftgen."
FORMAT = 1
_CHUNK = 255  # UTF-16 units: Word's limit for the text of one custom property
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # characters of two UTF-16 units (emoji …)


@cache
def _parser() -> Any:
    """The parser of custom-properties parts; lxml is imported only to read one (a bundled template has none)."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def serialise_answers(data: Any, source: str | None = None, fixed: dict[str, Any] | None = None) -> str:
    """The answers of one document as compact JSON: ``data`` as read, the template's ``fixed`` fields, and
    the text of the parents given as files (relative to the folder of ``source``; ``None``/``-``: the
    working folder)."""
    base = Path(source).parent if source and source != "-" else Path.cwd()
    record: dict[str, Any] = {"format": FORMAT, "data": data}
    if fixed:
        record["fixed"] = fixed
    files: dict[str, str] = {}
    _gather(data, base, "", files)
    if files:
        record["files"] = files
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str)


def _file_parents(data: Any) -> list[str]:
    parents = data.get("parents") if isinstance(data, dict) else None
    return [p["file"] for p in parents or [] if isinstance(p, dict) and isinstance(p.get("file"), str)]


def _gather(data: Any, base: Path, prefix: str, files: dict[str, str], depth: int = 0) -> None:
    """The parents given as files, by the path written (joined to the folder of the file that names them)."""
    from draftgen.load import load_yaml_text

    if depth > 8:  # the chain's own limit (cascade.parents.MAX_PARENT_DEPTH) refuses deeper ones
        return
    for written in _file_parents(data):
        path = Path(written) if Path(written).is_absolute() else base / written
        key = written if Path(written).is_absolute() else posixpath.normpath(posixpath.join(prefix, written))
        if key in files or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8-sig")
        files[key] = text
        try:
            nested = load_yaml_text(text, str(path)).data
        except Exception:  # noqa: BLE001 - a parent that does not read is refused by the render itself
            continue
        _gather(nested, path.parent, posixpath.dirname(key), files, depth + 1)


def _chunks(text: str) -> list[str]:
    if not _ASTRAL.search(text):  # every character one UTF-16 unit (Vietnamese always): plain slices
        return [text[i:i + _CHUNK] for i in range(0, max(len(text), 1), _CHUNK)]
    out: list[str] = []
    start = units = 0
    for i, char in enumerate(text):
        width = 2 if ord(char) > 0xFFFF else 1
        if units + width > _CHUNK:
            out.append(text[start:i])
            start, units = i, 0
        units += width
    out.append(text[start:])
    return out


def _property(pid: int, name: str, value: str) -> str:
    return (f'<property fmtid="{FMTID}" pid="{pid}" name={quoteattr(name)}>'
            f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>")


def properties_xml(answers: str, template_ref: str, template_sha256: str, kept: tuple[str, ...] = ()) -> bytes:
    """``docProps/custom.xml`` recording ``answers`` (the JSON of :func:`serialise_answers`) and the template.

    ``kept``: the template's own custom properties (serialised ``property`` elements, see
    :func:`kept_properties`), written first; draftgen's follow with the next property ids."""
    pid = 2 + len(kept)  # pid 0 and 1 are reserved
    chunks = _chunks(answers)
    items = [_property(pid, f"{PREFIX}template", template_ref),
             _property(pid + 1, f"{PREFIX}template.sha256", template_sha256),
             _property(pid + 2, f"{PREFIX}answers.count", str(len(chunks)))]
    # one escape for every chunk: JSON text never holds U+0000 (json writes control characters as \u0000)
    escaped = escape("\x00".join(chunks)).split("\x00") if "\x00" not in answers else [escape(c) for c in chunks]
    items += [f'<property fmtid="{FMTID}" pid="{pid + 3 + n}" name="{PREFIX}answers.{n + 1:03d}"><vt:lpwstr>{chunk}'
              "</vt:lpwstr></property>" for n, chunk in enumerate(escaped)]
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{CP_NS}" '
            f'xmlns:vt="{VT_NS}">{"".join(kept)}{"".join(items)}</Properties>').encode()


def kept_properties(custom_xml: bytes) -> tuple[str, ...]:
    """A template's own custom properties (not draftgen's), renumbered from pid 2, as XML strings."""
    from lxml import etree

    root = etree.fromstring(custom_xml, _parser())
    kept = []
    for prop in root.iter(f"{{{CP_NS}}}property"):
        if (prop.get("name") or "").startswith(PREFIX):
            continue
        prop.set("pid", str(2 + len(kept)))
        kept.append(etree.tostring(prop, encoding="unicode").replace(f' xmlns="{CP_NS}"', "")
                    .replace(f' xmlns:vt="{VT_NS}"', ""))
    return tuple(kept)


def with_custom_type(content_types: bytes) -> bytes:
    """``[Content_Types].xml`` with the custom-properties part typed (unchanged if it already is)."""
    text = content_types.decode("utf-8")
    if f'PartName="/{CUSTOM_PART}"' in text:
        return content_types
    override = f'<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_TYPE}"/>'
    return text.replace("</Types>", override + "</Types>").encode("utf-8")


def with_custom_relationship(package_rels: bytes) -> bytes:
    """``_rels/.rels`` with the relationship to the custom-properties part (unchanged if it has one)."""
    text = package_rels.decode("utf-8")
    if CUSTOM_REL in text:
        return package_rels
    rid = "rIdDraftgenCustom"
    while f'Id="{rid}"' in text:
        rid += "1"
    rel = f'<Relationship Id="{rid}" Type="{CUSTOM_REL}" Target="{CUSTOM_PART}"/>'
    return text.replace("</Relationships>", rel + "</Relationships>").encode("utf-8")


@dataclass
class Recorded:
    """What a DOCX made by draftgen recorded: the answers and the template they were rendered with."""

    data: Any
    template_ref: str | None
    template_sha256: str | None
    fixed: dict[str, Any] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)


def read_properties(docx: bytes) -> dict[str, str]:
    """The custom properties of a DOCX, name → text (empty when it has none)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        if CUSTOM_PART not in archive.namelist():
            return {}
        info = archive.getinfo(CUSTOM_PART)
        if info.file_size > 16 * 1024 * 1024:
            return {}
        from lxml import etree

        root = etree.fromstring(archive.read(info), _parser())
    return {p.get("name") or "": "".join(p.itertext()) for p in root.iter(f"{{{CP_NS}}}property")}


def read_answers(docx: bytes) -> Recorded | None:
    """The recorded answers of a DOCX, or None when it has none (or they are incomplete)."""
    props = read_properties(docx)
    count = props.get(f"{PREFIX}answers.count", "")
    if not count.isdigit():
        return None
    parts = [props.get(f"{PREFIX}answers.{n:03d}") for n in range(1, int(count) + 1)]
    if any(p is None for p in parts):
        return None
    try:
        record = json.loads("".join(parts))  # type: ignore[arg-type]
    except json.JSONDecodeError:
        return None
    if not isinstance(record, dict) or "data" not in record:
        return None
    return Recorded(record["data"], props.get(f"{PREFIX}template"), props.get(f"{PREFIX}template.sha256"),
                    record.get("fixed") or {}, record.get("files") or {})
