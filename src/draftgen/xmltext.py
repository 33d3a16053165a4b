"""Text that XML can hold.

XML 1.0 forbids the C0 control characters other than tab, newline and carriage return, the
non-characters U+FFFE and U+FFFF, and lone surrogates. One of them in a DOCX part makes a file
that no XML parser opens (Word and LibreOffice included). They reach draftgen through YAML
escapes (``"\\x01"``), CSV and XLSX cells and text pasted from other programs; every reader
refuses them with the field and line (:func:`illegal_character_message`), and the renderer
checks its output once more before anything is written (:func:`first_illegal`).

U+000B (vertical tab) is what Word leaves for a manual line break (Shift+Enter) in pasted text:
it is read as a line break (:func:`normalise_breaks`), as are U+000C (a page break in pasted
text) and the Unicode line and paragraph separators.
"""

from __future__ import annotations

import re

_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("[\x0b\x0c\u2028\u2029]")
_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\ufffe": "U+FFFE", "\uffff": "U+FFFF"}


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: ``xml.sax.saxutils.escape`` without importing it (it imports
    urllib.request and http.client, 20 ms of every start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """``text`` as an XML attribute value with its quotes, as ``xml.sax.saxutils.quoteattr`` writes it: escaped,
    line breaks and tabs as character references, in double quotes (single quotes when it holds only ``"``)."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


def normalise_breaks(text: str) -> str:
    """Manual line breaks of pasted text (U+000B, U+000C, U+2028, U+2029) → ``\\n``."""
    return _BREAKS.sub("\n", text) if _BREAKS.search(text) else text


def first_illegal(text: str) -> int | None:
    """Index of the first character XML cannot hold (after :func:`normalise_breaks`), or None."""
    found = _ILLEGAL.search(text)
    return found.start() if found else None


def char_name(char: str) -> str:
    """``U+0001`` and a short name for a clerk."""
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"{code} (nửa cặp surrogate, mã hóa hỏng)"
    if char in ("\ufffe", "\uffff"):
        return f"{code} (không phải ký tự)"
    return f"{code} ({_NAMES.get(char, 'ký tự điều khiển')})"


def illegal_character_message(text: str, index: int) -> str:
    """Vietnamese message for the illegal character at ``index`` of ``text``, with a snippet."""
    before = text[max(0, index - 20):index].replace("\n", " ")
    shown = _ILLEGAL.sub("□", before)
    return (f"có ký tự không in được {char_name(text[index])} sau '…{shown}' "
            "(thường do dán từ chương trình khác hoặc do mã \\x.. trong ngoặc kép); hãy xóa ký tự đó.")


def clean_pasted(text: str) -> str:
    """For text imported from other documents: line breaks normalised, illegal characters dropped."""
    return _ILLEGAL.sub("", normalise_breaks(text))
