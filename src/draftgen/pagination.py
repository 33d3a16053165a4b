"""What the printed page needs but a template cannot say, applied to the rendered ``word/document.xml``:

- the last paragraphs of the body keep with the table that holds the signature, so the signature never
  stands alone on the last page (Word and LibreOffice honour ``w:keepNext`` on a paragraph before a table);
  the signature table is the top-level table holding a paragraph of the signer's name style
  (``elements.ho_ten`` of the profile);
- the hyphens of a số/ký hiệu in any text ("968/CĐ-TTg", "2784/QĐ-UBND") become ``<w:noBreakHyphen/>``, so
  no line ends inside one (text readers, the checker and python-docx, read it as "-").

String operations (a batch renders thousands of documents).
"""

from __future__ import annotations

import re

# a số/ký hiệu in text: "968/CĐ-TTg", "2784/QĐ-UBND", "30/2020/NĐ-CP", "15/KH-UBND-VP"
_KY_HIEU = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-ZĐ][A-Za-zĐđ0-9&]*)+")
_TEXT = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
_NO_BREAK = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'

KEEP_PARAGRAPHS = 2   # the last two: with widow/orphan control at least two lines of body stay with the signature
_KEEP = "<w:keepNext/>"


def keep_with_signature(xml: str, name_style_id: str, paragraphs: int = KEEP_PARAGRAPHS) -> str:
    """``xml`` with ``<w:keepNext/>`` on the ``paragraphs`` paragraphs right before the signature table."""
    marker = xml.find(f'<w:pStyle w:val="{name_style_id}"/>')
    if marker < 0:
        return xml
    table = xml.rfind("<w:tbl>", 0, marker)
    if table < 0:
        return xml
    cut, edits = table, []
    for _ in range(paragraphs):
        start = max(xml.rfind("<w:p>", 0, cut), xml.rfind("<w:p ", 0, cut))
        if start < 0 or xml.rfind("</w:tbl>", start, cut) >= 0 or xml.rfind("<w:tbl>", start, cut) >= 0:
            break  # no paragraph right before (a table, or the start of the body)
        style = xml.find("<w:pStyle ", start, cut)
        if style < 0 or _KEEP in xml[start:cut]:
            break
        edits.append(xml.find("/>", style) + 2)
        cut = start
    for at in sorted(edits, reverse=True):
        xml = xml[:at] + _KEEP + xml[at:]
    return xml


def _unbroken(match: re.Match[str]) -> str:
    head, text, tail = match.groups()
    if "-" not in text or "/" not in text or not _KY_HIEU.search(text):
        return match.group(0)
    done = _KY_HIEU.sub(lambda m: m.group(0).replace("-", _NO_BREAK), text)
    return f'<w:t xml:space="preserve">{done}{tail}' if head == "<w:t>" else f"{head}{done}{tail}"


def unbreakable_numbers(xml: str) -> str:
    """``xml`` with every số/ký hiệu inside a ``<w:t>`` held on one line (its hyphens no-break hyphens)."""
    # No search of the whole part first: ``\b\d+/`` has no literal prefix, so the regex engine tries it at every
    # character (0.2 ms for a one-page letter); ``<w:t`` is a literal the engine skips to, and a text without
    # both "-" and "/" is passed over with two C-speed ``in`` tests (35 µs for the same letter).
    return _TEXT.sub(_unbroken, xml)
