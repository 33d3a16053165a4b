"""Draft → DOCX bytes through a compiled template.

A :class:`CompiledTemplate` reads the DOCX template once: the parts that carry Jinja tags
(document, headers, footers) are cleaned with docxtpl's tag patcher (so templates edited in Word,
with tags split across runs, still work) and compiled in one sandboxed, autoescaping Jinja
environment; every other part is kept as bytes. Rendering a document is then one Jinja render
per templated part and one zip write — the template is compiled once per run, not per document.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from draftgen.draft import Draft
from draftgen.nd30.profile import Profile, default_profile
from draftgen.ooxml import boxed_paragraph, rule_paragraph
from draftgen.resources import template_path

_TEMPLATED_PREFIXES = ("word/document.xml", "word/header", "word/footer")


def jinja_environment() -> SandboxedEnvironment:
    """The one Jinja environment of draftgen: sandboxed, autoescaping, strict about unknown names."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)


def _patch(xml: str) -> str:
    # docxtpl's patcher is a method that uses no instance state; borrow it without opening a template
    from docxtpl import DocxTemplate

    return DocxTemplate.patch_xml(None, xml)  # type: ignore[arg-type]


@dataclass
class _Entry:
    info: zipfile.ZipInfo
    data: bytes
    template: Any | None = None


class CompiledTemplate:
    """A DOCX template ready to render many documents."""

    def __init__(self, path: Path, profile: Profile | None = None):
        self.path = Path(path)
        self.profile = profile or default_profile()
        env = jinja_environment()
        self._entries: list[_Entry] = []
        with zipfile.ZipFile(self.path) as archive:
            for info in archive.infolist():
                data = archive.read(info)
                entry = _Entry(info=info, data=data)
                if info.filename.startswith(_TEMPLATED_PREFIXES) and info.filename.endswith(".xml"):
                    text = data.decode("utf-8")
                    if "{{" in text or "{%" in text:
                        entry.template = env.from_string(_patch(text))
                self._entries.append(entry)

    def context(self, draft: Draft) -> dict[str, Any]:
        """Template context: the Draft's fields plus ready-made paragraphs for computed geometry."""
        ctx = draft.as_context()
        el = self.profile.elements
        rule = draft.issuer_rule
        ctx["issuer_rule_xml"] = Markup(rule_paragraph(el["duong_ke"].style_id, rule.left, rule.right))
        ctx["do_mat_xml"] = Markup(
            boxed_paragraph(el["do_mat"].style_id, draft.do_mat, draft.do_mat_box.left, draft.do_mat_box.right)
        ) if draft.do_mat and draft.do_mat_box else ""
        ctx["do_khan_xml"] = Markup(
            boxed_paragraph(el["do_khan"].style_id, draft.do_khan, draft.do_khan_box.left, draft.do_khan_box.right)
        ) if draft.do_khan and draft.do_khan_box else ""
        return ctx

    def render_parts(self, draft: Draft) -> dict[str, bytes]:
        """The rendered templated parts, by zip name."""
        ctx = self.context(draft)
        return {e.info.filename: e.template.render(ctx).encode("utf-8")
                for e in self._entries if e.template is not None}

    def render_bytes(self, draft: Draft) -> bytes:
        """The whole DOCX of ``draft``."""
        rendered = self.render_parts(draft)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for entry in self._entries:
                info = zipfile.ZipInfo(entry.info.filename, date_time=entry.info.date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, rendered.get(entry.info.filename, entry.data))
        return buffer.getvalue()


@cache
def cong_van_template() -> CompiledTemplate:
    """The bundled Công văn template, compiled once per process."""
    return CompiledTemplate(template_path("cong-van.docx"))


def render_docx(draft: Draft, template: CompiledTemplate | None = None) -> bytes:
    """Render ``draft`` with ``template`` (default: the bundled Công văn)."""
    return (template or cong_van_template()).render_bytes(draft)
