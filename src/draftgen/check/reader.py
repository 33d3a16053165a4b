"""Open a DOCX safely: bounded size, zip-bomb checks before decompressing, hardened XML parsing.

Every refusal raises :class:`UnreadableDocument` with a Vietnamese message; the command turns it
into exit code 2.
"""

from __future__ import annotations

import errno
import hashlib
import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

MAX_FILE_BYTES = 64 * 1024 * 1024          # the .docx file itself
MAX_ENTRIES = 2000                         # zip members
MAX_PART_BYTES = 16 * 1024 * 1024          # one XML part (document.xml, styles.xml …) after inflating
MAX_TOTAL_XML_BYTES = 48 * 1024 * 1024     # all XML parts read, after inflating
MAX_RATIO = 200                            # inflated / compressed, for parts larger than 1 MB

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
R_OFFICE_DOC_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

_PARSER = etree.XMLParser(
    resolve_entities=False, huge_tree=False, no_network=True, load_dtd=False, dtd_validation=False,
    remove_comments=True, remove_pis=True,
)


class UnreadableDocument(Exception):
    """The input cannot be checked (exit code 2). ``str(exc)`` is a Vietnamese message."""


@dataclass
class Package:
    """The XML parts of a DOCX needed by the checker (parsed), keyed by part name."""

    source: str
    document: etree._Element
    document_name: str
    rels: dict[str, tuple[str, str]] = field(default_factory=dict)   # rId -> (type suffix, part name)
    styles: etree._Element | None = None
    theme: etree._Element | None = None
    settings: etree._Element | None = None
    parts: dict[str, etree._Element] = field(default_factory=dict)  # headers/footers by part name
    app: dict[str, int] = field(default_factory=dict)   # docProps/app.xml statistics: Pages, Words, Characters
    # a digest of the bytes of the styles and theme parts: documents made from one template share their
    # resolved styles (:func:`draftgen.check.model.build_document`); empty when unknown
    styles_key: bytes = b""
    # the styles and theme parts as read, (part name, bytes) by kind: parsed by :meth:`style_parts` only when
    # no document before had the same bytes (a batch's outputs share them: parsed once, not once per document)
    style_sources: dict[str, tuple[str, bytes | None]] = field(default_factory=dict)

    def style_parts(self) -> tuple[etree._Element | None, etree._Element | None]:
        """The styles and theme parts, parsed (None when missing). Raises :class:`UnreadableDocument`."""
        for kind in ("styles", "theme"):
            if kind in self.style_sources:
                name, data = self.style_sources.pop(kind)
                setattr(self, kind, _parse(self.source, name, data))
        return self.styles, self.theme


class _Reader:
    def __init__(self, zf: zipfile.ZipFile, source: str):
        self.zf = zf
        self.source = source
        self.total = 0
        self.infos = {info.filename: info for info in zf.infolist()}

    def read(self, name: str) -> bytes | None:
        info = self.infos.get(name)
        if info is None:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise UnreadableDocument(
                f"{self.source}: phần '{name}' quá lớn ({info.file_size // (1024 * 1024)} MB sau giải nén, "
                f"giới hạn {MAX_PART_BYTES // (1024 * 1024)} MB)."
            )
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableDocument(
                f"{self.source}: phần '{name}' có tỉ lệ nén bất thường (nghi là 'zip bomb'); không đọc."
            )
        try:
            with self.zf.open(info) as fh:
                data = fh.read(MAX_PART_BYTES + 1)   # the header may lie about the size
        except Exception as exc:  # noqa: BLE001 - zipfile/zlib raise many kinds for a corrupt member
            raise UnreadableDocument(f"{self.source}: không giải nén được phần '{name}' ({_reason(exc)}).") from None
        if len(data) > MAX_PART_BYTES:
            raise UnreadableDocument(f"{self.source}: phần '{name}' quá lớn sau giải nén.")
        self.total += len(data)
        if self.total > MAX_TOTAL_XML_BYTES:
            raise UnreadableDocument(f"{self.source}: tổng dung lượng các phần XML quá lớn.")
        return data

    def xml(self, name: str) -> etree._Element | None:
        return self.parse(name, self.read(name))

    def parse(self, name: str, data: bytes | None) -> etree._Element | None:
        """The XML of the part ``name`` read as ``data`` (None: the part is missing)."""
        return _parse(self.source, name, data)


def _parse(source: str, name: str, data: bytes | None) -> etree._Element | None:
    if data is None:
        return None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(f"{source}: phần '{name}' không phải XML hợp lệ ({exc}).") from None


def _reason(exc: BaseException) -> str:
    """The library's own words for a corrupt zip (English), prefixed so the message stays Vietnamese."""
    return f"chi tiết: {type(exc).__name__}: {exc}"[:200]


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _read_rels(reader: _Reader, part: str) -> dict[str, tuple[str, str]]:
    root = reader.xml(_rels_name(part))
    out: dict[str, tuple[str, str]] = {}
    if root is None:
        return out
    folder = posixpath.dirname(part)
    for rel in root.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], name)
    return out


APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
APP_STATS = ("Pages", "Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs")


def _app_stats(reader: _Reader, name: str) -> dict[str, int]:
    """Statistics the editor saved in docProps/app.xml. Optional metadata: a bad part is ignored."""
    try:
        root = reader.xml(name)
    except UnreadableDocument:
        return {}
    out: dict[str, int] = {}
    if root is None:
        return out
    for key in APP_STATS:
        el = root.find(f"{{{APP_NS}}}{key}")
        text = (el.text or "").strip() if el is not None else ""
        if text.isdecimal() and len(text) < 10:
            out[key] = int(text)
    return out


def open_package(data: bytes, source: str) -> Package:
    """Parse the parts of a DOCX given as bytes. Raises :class:`UnreadableDocument`."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableDocument(
            f"{source}: tệp quá lớn ({len(data) // (1024 * 1024)} MB; giới hạn {MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    if data.startswith(OLE_MAGIC):
        raise UnreadableDocument(
            f"{source}: tệp được đặt mật khẩu (mã hóa) hoặc là tệp Word 97-2003 (.doc); "
            "hãy gỡ mật khẩu hoặc lưu lại dưới dạng .docx rồi kiểm tra."
        )
    if not data.startswith(ZIP_MAGIC):
        raise UnreadableDocument(f"{source}: không phải tệp DOCX (không có cấu trúc ZIP của Office Open XML).")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - BadZipFile, NotImplementedError, struct.error … for a corrupt zip
        raise UnreadableDocument(f"{source}: tệp DOCX bị hỏng, không mở được ({_reason(exc)}).") from None
    with zf:
        if len(zf.infolist()) > MAX_ENTRIES:
            raise UnreadableDocument(f"{source}: tệp có quá nhiều thành phần ({len(zf.infolist())}).")
        reader = _Reader(zf, source)
        main = None
        app_name = "docProps/app.xml"
        for _rid, (kind, name) in _read_rels(reader, "").items():
            if kind == "officeDocument":
                main = name
            elif kind == "extended-properties":
                app_name = name
        main = main or "word/document.xml"
        if main not in reader.infos:
            raise UnreadableDocument(f"{source}: không có phần nội dung chính (word/document.xml); không phải DOCX.")
        document = reader.xml(main)
        assert document is not None
        if document.tag != f"{{{W_NS}}}document":
            raise UnreadableDocument(
                f"{source}: phần nội dung chính không phải văn bản Word (WordprocessingML"
                " chuẩn 'transitional'); hãy lưu lại bằng Word dưới dạng .docx."
            )
        package = Package(source=source, document=document, document_name=main)
        package.app = _app_stats(reader, app_name)
        package.rels = _read_rels(reader, main)
        styles_key = hashlib.blake2b(digest_size=20)
        for _rid, (kind, name) in package.rels.items():
            if kind in ("styles", "theme"):
                data = reader.read(name)
                styles_key.update(f"{kind}:{len(data) if data is not None else -1}:".encode())
                styles_key.update(data or b"")
                package.style_sources[kind] = (name, data)
            elif kind == "settings":
                package.settings = reader.xml(name)
            elif kind in ("header", "footer"):
                part = reader.xml(name)
                if part is not None:
                    package.parts[name] = part
        package.styles_key = styles_key.digest()
        return package


def _os_error_text(source: str, exc: OSError) -> str:
    """A Vietnamese reason for an OS error (not the system's English words)."""
    from draftgen.faults import fault_from_os_error

    if exc.errno == errno.ENOENT:
        return f"{source}: không tìm thấy tệp."
    fault = fault_from_os_error(exc)
    return f"{source}: không đọc được tệp: {fault.message if fault else f'lỗi hệ thống số {exc.errno}.'}"


def read_path(path: str | Path) -> Package:
    """Read and parse a DOCX file from disk."""
    p = Path(path)
    source = str(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise UnreadableDocument(_os_error_text(source, exc)) from None
    if not p.is_file():
        raise UnreadableDocument(f"{source}: không phải là tệp.")
    if size > MAX_FILE_BYTES:
        raise UnreadableDocument(
            f"{source}: tệp quá lớn ({size // (1024 * 1024)} MB; giới hạn {MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(_os_error_text(source, exc)) from None
    return open_package(data, source)
