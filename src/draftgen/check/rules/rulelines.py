"""Measuring the rule lines under the issuer name and the Tiêu ngữ (paragraph borders, drawn
lines or underscores), shared by the header rules."""

from __future__ import annotations

from dataclasses import dataclass

from draftgen.check.locate import is_rule_text
from draftgen.check.model import Document, Para


@dataclass
class RuleLine:
    kind: str                 # "border" | "drawing" | "underscore"
    length: int | None        # twips, None when it cannot be measured
    para: Para


def _width(p: Para) -> int | None:
    if p.cell is None or p.cell.text_width is None:
        return None
    return p.cell.text_width - (p.get("ind.left", 0) or 0) - (p.get("ind.right", 0) or 0)


def find_rule_line(doc: Document, text_para: Para) -> RuleLine | None:
    """The rule line drawn under ``text_para`` (its own bottom border, or the next 1–2 paragraphs)."""
    if text_para.get("bdr.bottom"):
        return RuleLine("border", _width(text_para), text_para)
    if text_para.drawings:
        return RuleLine("drawing", text_para.drawings[0], text_para)
    if text_para.cell is not None:
        following = text_para.cell.paras[text_para.cell.paras.index(text_para) + 1:]
    else:
        i = doc.paragraphs.index(text_para)
        following = doc.paragraphs[i + 1:]
    for p in following[:2]:
        if p.get("bdr.top") and not p.text.strip():
            return RuleLine("border", _width(p), p)
        if p.get("bdr.bottom") and not p.text.strip():
            return RuleLine("border", _width(p), p)
        if p.drawings:
            return RuleLine("drawing", p.drawings[0], p)
        if is_rule_text(p):
            return RuleLine("underscore", None, p)
        if p.text.strip():
            break
    return None
