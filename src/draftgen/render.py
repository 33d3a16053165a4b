"""Draft → DOCX bytes through a compiled template.

A :class:`CompiledTemplate` reads the DOCX template once: the parts that carry Jinja tags
(document, headers, footers) are cleaned with docxtpl's tag patcher (so templates edited in Word,
with tags split across runs, still work) and compiled in one sandboxed, autoescaping Jinja
environment; every other part is kept as bytes. Rendering a document is then one Jinja render
per templated part and one zip write — the template is compiled once per run, not per document.

For batches the zip is assembled by hand (:class:`_ZipPart`): the parts that do not change (styles,
settings, relationships …) are deflated once, with their local headers, when the template is compiled;
per document only the rendered parts are deflated, and the archive is one ``bytes.join``. The result is
an ordinary zip (deflate, CRC-32, central directory), as ``zipfile`` would write it.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from draftgen.diskcache import jinja_template
from draftgen.draft import Draft
from draftgen.errors import InputError, Problem
from draftgen.inline import runs_filter
from draftgen.nd30.profile import Profile, default_profile
from draftgen.ooxml import boxed_paragraph, grid_table, rule_paragraph
from draftgen.pagination import keep_with_signature, unbreakable_numbers
from draftgen.resources import template_path
from draftgen.xmltext import first_illegal, illegal_character_message

_TEMPLATED_PREFIXES = ("word/document.xml", "word/header", "word/footer")


def jinja_environment() -> SandboxedEnvironment:
    """The one Jinja environment of draftgen: sandboxed, autoescaping, strict about unknown names."""
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["runs"] = runs_filter  # inline **bold** / *italic* in body text (draftgen.inline)
    return env


# A Jinja tag the template hides in an XML comment, where text may not stand (inside w:sectPr: the template
# itself stays a valid package): unwrapped before compiling, so the rendered part carries no comment.
_HIDDEN_TAG = re.compile(r"<!--(\{%.*?%\})-->")


def _patch(xml: str) -> str:
    from draftgen.patchcache import patched

    return patched(_HIDDEN_TAG.sub(r"\1", xml), _docxtpl_patch)  # docxtpl imported only for a part not seen before


def _docxtpl_patch(xml: str) -> str:
    # docxtpl's patcher is a method that uses no instance state; borrow it without opening a template
    from docxtpl import DocxTemplate

    return DocxTemplate.patch_xml(None, xml)  # type: ignore[arg-type]


@dataclass
class _Entry:
    info: zipfile.ZipInfo
    data: bytes
    template: Any | None = None
    packed: _ZipPart | None = None  # the deflated part with its local header, for parts that never change
    last: tuple[bytes, _ZipPart] | None = None  # a templated part: the last rendered bytes, deflated


_LOCAL = struct.Struct("<4s2B4HL2L2H")       # local file header (zipfile.structFileHeader)
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # central directory entry (zipfile.structCentralDir)
_END = struct.Struct("<4s4H2LH")            # end of central directory (zipfile.structEndArchive)
_COMPRESS_LEVEL = 6


def _dos_time(date_time: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


class _ZipPart:
    """One deflated zip entry: its local header + data, and what its central directory entry needs."""

    __slots__ = ("name", "flags", "crc", "size", "dos", "local")

    def __init__(self, name: str, data: bytes, date_time: tuple[int, ...]):
        encoded = name.encode("ascii", "ignore")
        self.flags = 0
        if encoded.decode("ascii") != name:
            encoded, self.flags = name.encode("utf-8"), 0x800  # UTF-8 file name flag
        self.name = encoded
        # a window just larger than the part: the same bytes as a 32 KiB window, set up 2-5x faster
        compressor = zlib.compressobj(_COMPRESS_LEVEL, zlib.DEFLATED, -max(9, min(15, (len(data) + 262).bit_length())))
        packed = compressor.compress(data) + compressor.flush()
        self.crc = zlib.crc32(data)
        self.size = (len(packed), len(data))
        self.dos = _dos_time(date_time)
        self.local = _LOCAL.pack(b"PK\x03\x04", 20, 0, self.flags, zipfile.ZIP_DEFLATED, self.dos[0], self.dos[1],
                                 self.crc, self.size[0], self.size[1], len(self.name), 0) + self.name + packed

    def central(self, offset: int) -> bytes:
        return _CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, self.flags, zipfile.ZIP_DEFLATED, self.dos[0],
                             self.dos[1], self.crc, self.size[0], self.size[1], len(self.name), 0, 0, 0, 0,
                             0o600 << 16, offset) + self.name


def _zip(parts: list[_ZipPart]) -> bytes:
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for part in parts:
        chunks.append(part.local)
        central.append(part.central(offset))
        offset += len(part.local)
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), offset, 0)
    return b"".join(chunks) + directory + end


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` for the Draft's field types (str, None, lists, Indents), without its deep copies."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    names = _FIELD_NAMES.get(type(value))
    if names is None:  # first time this type is seen: a dataclass's field names, or False for any other value
        is_fields = is_dataclass(value) and not isinstance(value, type)
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value)) if is_fields else False
    if names is False:
        return value
    return {name: _plain(getattr(value, name)) for name in names}


_SCALARS = (str, int, float, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...] | bool] = {}


class CompiledTemplate:
    """A DOCX template ready to render many documents."""

    def __init__(self, path: Path, profile: Profile | None = None, ref: str | None = None):
        self.path = Path(path)
        self.profile = profile or default_profile()
        self.ref = ref or f"{self.path.stem}@1"  # the library's id@version (a bundled template: its stem, version 1)
        self._sha256: str | None = None
        self._with_properties: dict[str, _ZipPart] | None = None
        self._kept: tuple[str, ...] = ()
        env = jinja_environment()
        self._entries: list[_Entry] = []
        self._columns: tuple[tuple[int, int], tuple[int, int]] | None = None  # (planned, real) header text widths
        with zipfile.ZipFile(self.path) as archive:
            for info in archive.infolist():
                data = archive.read(info)
                entry = _Entry(info=info, data=data)
                if info.filename.startswith(_TEMPLATED_PREFIXES) and info.filename.endswith(".xml"):
                    text = data.decode("utf-8")
                    if info.filename == "word/document.xml":
                        text = self._follow_columns(text)
                    if "{{" in text or "{%" in text:
                        entry.template = jinja_template(env, _patch(text))  # its code kept between runs
                if entry.template is None:
                    entry.packed = _ZipPart(info.filename, data, info.date_time)
                self._entries.append(entry)

    def _follow_columns(self, text: str) -> str:
        """Read the header table's real column widths; when an office changed them, the Tiêu ngữ rule follows."""
        from draftgen.geometry import header_inner_widths, profile_inner_widths, tieu_ngu_rule_follows

        real = header_inner_widths(text)
        planned = profile_inner_widths(self.profile)
        if real is None or real == planned:
            return text
        self._columns = (planned, real)
        return tieu_ngu_rule_follows(text, self.profile, real[1]) if real[1] != planned[1] else text

    def _real(self, draft: Draft) -> tuple[Any, Any, Any]:
        """The issuer rule and the mark boxes moved to the template's real left column."""
        rule, mat, khan = draft.issuer_rule, draft.do_mat_box, draft.do_khan_box
        if self._columns is None or self._columns[0][0] == self._columns[1][0]:
            return rule, mat, khan
        from draftgen.geometry import retarget

        planned, real = self._columns[0][0], self._columns[1][0]
        centred = self.profile.raw.get("mark_box_align", "left") == "center"
        return (retarget(rule, planned, real), mat and retarget(mat, planned, real, centred),
                khan and retarget(khan, planned, real, centred))

    def context(self, draft: Draft) -> dict[str, Any]:
        """Template context: the Draft's fields plus ready-made paragraphs for computed geometry."""
        ctx = _plain(draft)  # = draft.as_context(), several times faster (no deep copies); a batch renders thousands
        el = self.profile.elements
        rule, do_mat_box, do_khan_box = self._real(draft)
        ctx["issuer_rule_xml"] = Markup(rule_paragraph(el["duong_ke"].style_id, rule.left, rule.right))
        ctx["do_mat_xml"] = Markup(
            boxed_paragraph(el["do_mat"].style_id, draft.do_mat, do_mat_box.left, do_mat_box.right)
        ) if draft.do_mat and do_mat_box else ""
        # tables in a body (a Kế hoạch's tasks) and in the body of each Phụ lục (Mẫu 2.1, ``phu_luc[].content``)
        bodies = [ctx.get("content") or [], *((pl.get("content") or []) for pl in ctx.get("phu_luc") or [])]
        for para in (p for paras in bodies for p in paras):
            table = para.get("table") if isinstance(para, dict) else None
            if table:
                para["table_xml"] = Markup(grid_table(table["widths"], table["header"], table["rows"],
                                                      header_style=table["header_style"],
                                                      cell_style=table["cell_style"]))
        under = getattr(draft, "trich_yeu_rule", None)  # the rule under a tên loại's trích yếu (ô 5a)
        if under is not None:
            ctx["trich_yeu_rule_xml"] = Markup(rule_paragraph(el["duong_ke"].style_id, under.left, under.right))
        ctx["do_khan_xml"] = Markup(
            boxed_paragraph(el["do_khan"].style_id, draft.do_khan, do_khan_box.left, do_khan_box.right)
        ) if draft.do_khan and do_khan_box else ""
        return ctx

    def render_parts(self, draft: Draft) -> dict[str, bytes]:
        """The rendered templated parts, by zip name.

        The last guard before anything is written: a part with a character XML cannot hold (that some
        reader let through) raises :class:`~draftgen.errors.InputError`, so no broken DOCX is ever made.
        """
        ctx = self.context(draft)
        parts: dict[str, bytes] = {}
        for entry in self._entries:
            if entry.template is not None:
                text = entry.template.render(ctx)
                if entry.info.filename == "word/document.xml":
                    text = unbreakable_numbers(keep_with_signature(text, self.profile.elements["ho_ten"].style_id))
                bad = first_illegal(text)
                if bad is not None:
                    raise InputError(Problem(f"Không tạo được văn bản: nội dung {_visible_text(text, bad)}"))
                parts[entry.info.filename] = text.encode("utf-8")
        return parts

    @property
    def sha256(self) -> str:
        """The sha256 of the template file (computed once)."""
        if self._sha256 is None:
            import hashlib

            self._sha256 = hashlib.sha256(self.path.read_bytes()).hexdigest()
        return self._sha256

    def _property_parts(self) -> dict[str, _ZipPart]:
        """The package's content types and relationships with the custom-properties part, deflated once."""
        if self._with_properties is None:
            from draftgen.answers import CUSTOM_PART, kept_properties, with_custom_relationship, with_custom_type

            patch = {"[Content_Types].xml": with_custom_type, "_rels/.rels": with_custom_relationship}
            made = {}
            for entry in self._entries:
                if entry.info.filename in patch:
                    data = patch[entry.info.filename](entry.data)
                    made[entry.info.filename] = _ZipPart(entry.info.filename, data, entry.info.date_time)
                elif entry.info.filename == CUSTOM_PART:
                    self._kept = kept_properties(entry.data)
            self._with_properties = made
        return self._with_properties

    def render_bytes(self, draft: Draft, properties: bytes | None = None) -> bytes:
        """The whole DOCX of ``draft``; with ``properties`` (a ``docProps/custom.xml``, see
        :func:`draftgen.answers.properties_xml`) the package carries it as its custom properties.

        A rendered part equal to the one of the previous document (a header, a footer: the same for every
        unit of a batch) is not deflated again.
        """
        rendered = self.render_parts(draft)
        patched = self._property_parts() if properties is not None else {}
        parts = []
        custom = "docProps/custom.xml"
        for entry in self._entries:
            part = patched.get(entry.info.filename) or entry.packed
            if entry.info.filename == custom and properties is not None:
                part = _ZipPart(custom, properties, entry.info.date_time)
            elif part is None:
                data = rendered[entry.info.filename]
                last = entry.last  # read once: a template may be shared by threads (the web app)
                if last is None or last[0] != data:
                    last = entry.last = (data, _ZipPart(entry.info.filename, data, entry.info.date_time))
                part = last[1]
            parts.append(part)
        if properties is not None and all(e.info.filename != custom for e in self._entries):
            parts.append(_ZipPart(custom, properties, self._entries[0].info.date_time))
        return _zip(parts)

    def properties_for(self, answers: str) -> bytes:
        """``docProps/custom.xml`` recording ``answers`` (JSON) with this template's ref and sha256."""
        from draftgen.answers import properties_xml

        self._property_parts()  # reads the template's own custom properties, kept first
        return properties_xml(answers, self.ref, self.sha256, self._kept)


def _visible_text(xml: str, index: int) -> str:
    """The message for an illegal character in rendered XML: the text before it, without tags."""
    before = re.sub(r"<[^>]*>", "", xml[max(0, index - 400):index])
    return illegal_character_message(before + xml[index], len(before))


@cache
def template_for(key: str) -> CompiledTemplate:
    """The bundled template of document type ``key``, compiled once per process."""
    from draftgen.doctypes.registry import get_type

    return CompiledTemplate(template_path(get_type(key).template))


def cong_van_template() -> CompiledTemplate:
    """The bundled Công văn template, compiled once per process."""
    return template_for("cong_van")


def render_docx(draft: Draft, template: CompiledTemplate | None = None, answers: str | None = None) -> bytes:
    """Render ``draft`` with ``template`` (default: the bundled Công văn); ``answers`` (the JSON of
    :func:`draftgen.answers.serialise_answers`) are recorded in the DOCX's custom properties."""
    template = template or cong_van_template()
    return template.render_bytes(draft, template.properties_for(answers) if answers is not None else None)
