"""Shared inputs of the API tests: a client on the served address, the examples, DOCX readers."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"


def _library_parents_only(path: Path) -> bool:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return not any(isinstance(ref, dict) and "file" in ref for ref in data.get("parents") or [])


# one document each, of every family (batch inputs and letters with parents given as files are not)
LETTERS = sorted(p for p in [*EXAMPLES.glob("*.yaml"), *(p for folder in ("co-ten-loai", "quyet-dinh", "mau-rieng",
                                                                          "bien-ban", "phu-luc")
                                                         for p in (EXAMPLES / folder).glob("*.yaml"))]
                 if _library_parents_only(p))
XA_HOA_PHU = EXAMPLES / "xa-hoa-phu-2026.yaml"
BASE_URL = "http://127.0.0.1:8000"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def client(**settings: object):
    """A TestClient of an app served on 127.0.0.1:8000 (the Host the guard accepts), with ``settings``."""
    from fastapi.testclient import TestClient

    from draftgen.web.app import create_app
    from draftgen.web.security import Settings

    return TestClient(create_app("127.0.0.1", 8000, settings=Settings(**settings)), base_url=BASE_URL)


def line_of(text: str, start: str) -> int:
    """The 1-based line of ``text`` that starts with ``start`` (the first one)."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith(start):
            return n
    raise AssertionError(f"no line starts with {start!r}")


def docx_text(data: bytes) -> str:
    """Every paragraph of a DOCX (body and tables), read back with python-docx."""
    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return "\n".join(texts)


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    """A zip holding ``parts`` (deflated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


CONTENT_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             b'officeDocument" Target="word/document.xml"/></Relationships>')


def bomb_docx(inflated_bytes: int) -> bytes:
    """A DOCX-shaped zip whose document.xml inflates to ``inflated_bytes`` from a few kilobytes."""
    head = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    body = head + b" " * inflated_bytes + b"</w:document>"
    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "word/document.xml": body})
