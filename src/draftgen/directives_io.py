"""The files of ``directives import``: a .docx, .txt or .md read into lines; the result written as commented YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from draftgen.errors import InputError, Problem

# --- reading ---------------------------------------------------------------------------------

def read_lines(path: Path) -> list[str]:
    """The text of a .docx, .txt or .md file as lines."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(Problem(f"Không tìm thấy tệp '{path}'."))
    if suffix == ".docx":
        return _docx_lines(path)
    if suffix in {".txt", ".md", ".markdown", ""}:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(Problem("Tệp không phải văn bản UTF-8.", source=str(path))) from None
        return text.splitlines()
    raise InputError(Problem(f"Không nhập được tệp '{path.name}': chỉ nhận .docx, .txt hoặc .md.", source=str(path)))


def _docx_lines(path: Path) -> list[str]:
    from docx import Document
    from docx.oxml.ns import qn

    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise InputError(Problem(f"Không đọc được tệp DOCX: {exc}", source=str(path))) from None
    lines: list[str] = []

    def paragraph_text(element: Any) -> str:
        parts = []
        for node in element.iter():
            if node.tag == qn("w:t") and node.text:
                parts.append(node.text)
            elif node.tag in (qn("w:br"), qn("w:cr")):
                parts.append("\n")
            elif node.tag == qn("w:tab"):
                parts.append(" ")
        return "".join(parts)

    def walk(container: Any) -> None:
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                lines.extend(paragraph_text(child).split("\n"))
                lines.append("")
            elif child.tag == qn("w:tbl"):
                for row in child.iterchildren(qn("w:tr")):
                    for cell in row.iterchildren(qn("w:tc")):
                        walk(cell)
                        lines.append("")

    walk(document.element.body)
    return lines


# --- YAML output -----------------------------------------------------------------------------

def _q(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _emit(key: str, value: Any, indent: str, out: list[str], first: str | None = None) -> None:
    """One ``key: value`` (nested mappings and lists in block style, every text double-quoted)."""
    lead = first if first is not None else indent
    if isinstance(value, dict):
        items = [(k, v) for k, v in value.items() if v not in (None, [], "")]
        out.append(f"{lead}{key}:")
        for k, v in items:
            _emit(k, v, indent + "  ", out)
    elif isinstance(value, list):
        out.append(f"{lead}{key}:")
        for entry in value:
            if isinstance(entry, dict):
                items = [(k, v) for k, v in entry.items() if v not in (None, [], "")]
                for n, (k, v) in enumerate(items):
                    _emit(k, v, indent + "    ", out, first=indent + "  - " if n == 0 else None)
            else:
                out.append(f"{indent}  - {_q(str(entry))}")
    else:
        out.append(f"{lead}{key}: {_q(str(value))}")


def to_yaml(data: dict[str, Any], header_comment: str | None = None) -> str:
    """A readable directive YAML (every text double-quoted, one clause per entry)."""
    out: list[str] = []
    if header_comment:
        out += [f"# {line}" for line in header_comment.splitlines()]
    for key, value in data.items():
        if value not in (None, [], ""):
            _emit(key, value, "", out)
    return "\n".join(out) + "\n"
