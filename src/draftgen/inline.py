"""Inline emphasis a clerk can type in YAML: ``**đậm**`` (bold), ``*nghiêng*`` (italic), ``***cả hai***``.

Real letters bold the heads of their items ("**Về công tác cán bộ:** …") and italicise quoted themes.
The markers are those of Markdown, which clerks meet in chat and e-mail; ``\\*`` is a literal asterisk,
and a marker without its closing partner is kept as text (nothing is lost or refused). In the template the
filter ``runs`` turns a paragraph's text into runs: it closes the run the tag stands in and opens the
next, as docxtpl's rich text does, so a template edited in Word keeps working.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from draftgen.xmltext import escape

_TOKEN = re.compile(r"\\\*|\*{1,3}")
_RPR = {(True, False): "<w:b/><w:bCs/>", (False, True): "<w:i/><w:iCs/>", (True, True): "<w:b/><w:bCs/><w:i/><w:iCs/>"}


def has_markup(text: str) -> bool:
    """Whether ``text`` has an asterisk (the only marker)."""
    return "*" in text


def segments(text: str) -> list[tuple[str, bool, bool]]:
    """``text`` as (piece, bold, italic) segments; markers that do not pair are kept as text."""
    tokens: list[tuple[str, str]] = []  # ("text", s) | ("mark", "*"/"**"/"***")
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            tokens.append(("text", text[pos:match.start()]))
        token = match.group(0)
        tokens.append(("text", "*") if token == "\\*" else ("mark", token))
        pos = match.end()
    if pos < len(text):
        tokens.append(("text", text[pos:]))
    # a marker counts only when the same marker closes it later; otherwise it is text
    opened: dict[str, int] = {}
    pairs: set[int] = set()
    for i, (kind, value) in enumerate(tokens):
        if kind != "mark":
            continue
        if value in opened:
            pairs.update((opened.pop(value), i))
        else:
            opened[value] = i
    out: list[tuple[str, bool, bool]] = []
    bold = italic = False
    for i, (kind, value) in enumerate(tokens):
        if kind == "mark" and i in pairs:
            if value in ("**", "***"):
                bold = not bold
            if value in ("*", "***"):
                italic = not italic
            continue
        if out and out[-1][1:] == (bold, italic):
            out[-1] = (out[-1][0] + value, bold, italic)
        else:
            out.append((value, bold, italic))
    return [s for s in out if s[0]]


def plain(text: str) -> str:
    """The text without its markers (what a reader sees)."""
    return "".join(piece for piece, _, _ in segments(text)) if has_markup(text) else text


def runs_filter(text: str) -> Markup:
    """Jinja filter: the text for inside ``<w:t>``; with emphasis, closes that run and writes one run each."""
    text = str(text)
    if not has_markup(text):
        return Markup(escape(text))
    parts = ["</w:t></w:r>"]
    for piece, bold, italic in segments(text):
        rpr = _RPR.get((bold, italic), "")
        props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
        parts.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    parts.append('<w:r><w:t xml:space="preserve">')
    return Markup("".join(parts))
