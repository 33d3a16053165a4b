"""Word-like damage to a bundled template, done the way Word does it (zip and XML edits)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from draftgen.resources import template_path

RUN = '<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pack(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def damaged(tmp: Path, name: str, edit: Callable[[dict[str, str]], None], base: str = "cong-van.docx") -> Path:
    parts = parts_of(template_path(base))
    texts = {n: d.decode("utf-8") for n, d in parts.items() if n.endswith((".xml", ".rels"))}
    edit(texts)
    parts.update({n: t.encode("utf-8") for n, t in texts.items()})
    out = tmp / f"{name}.docx"
    out.write_bytes(pack(parts))
    return out


def replace(texts: dict[str, str], part: str, old: str, new: str) -> None:
    assert old in texts[part], old
    texts[part] = texts[part].replace(old, new, 1)


TRICH_YEU = RUN.format(text="{{ trich_yeu }}")
# Word after a spelling check and two editing sessions: three runs, proofErr, different rsids, a bookmark
SPLIT_TRICH_YEU = ('<w:r w:rsidR="00A1B2C3"><w:t xml:space="preserve">{{ trich</w:t></w:r>'
                   '<w:proofErr w:type="spellStart"/>'
                   '<w:bookmarkStart w:id="7" w:name="_GoBack"/>'
                   '<w:r w:rsidR="00D4E5F6"><w:rPr><w:i/></w:rPr><w:t>_</w:t></w:r><w:bookmarkEnd w:id="7"/>'
                   '<w:proofErr w:type="spellEnd"/>'
                   '<w:r w:rsidR="00778899"><w:t xml:space="preserve">yeu }}</w:t></w:r>')


def body_paragraph(text: str, style: str = "ND30NoiDung") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{RUN.format(text=text)}</w:p>'


def after_trich_yeu(texts: dict[str, str], xml: str) -> None:
    replace(texts, "word/document.xml", TRICH_YEU + "</w:p>", TRICH_YEU + "</w:p>" + xml)
