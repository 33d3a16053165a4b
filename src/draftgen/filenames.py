"""Safe output file names for a batch, on Windows and Linux alike.

A name is made from a pattern such as ``{code}-{slug}.docx`` filled with a unit's columns, then made safe:
no path separators or characters Windows forbids, no control characters, no ``..``, no leading or trailing
dots, spaces or dashes, no Windows device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, even with an
extension), a bounded length in UTF-8 bytes, and no two names that differ only by case. Vietnamese
letters are kept in NFC, or folded to ASCII (đ → d) on request.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping

from draftgen.errors import InputError, Problem

DEFAULT_PATTERN = "{code}-{slug}.docx"
EXTENSION = ".docx"
MAX_BYTES = 150  # whole name incl. extension; ext4 allows 255, and a short name leaves room for the folder path

_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"}
_RESERVED |= {f"{dev}{n}" for dev in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]}
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')


def fold_ascii(text: str) -> str:
    """Vietnamese → ASCII: "Đắk Lắk" → "Dak Lak"; other non-ASCII letters lose their marks or are dropped."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode("ascii")


def slugify(text: str, ascii_only: bool = False) -> str:
    """A lower-case slug: words joined by '-' ("Xã Hòa Phú" → "xã-hòa-phú", or "xa-hoa-phu")."""
    text = unicodedata.normalize("NFC", text).casefold()
    if ascii_only:
        text = fold_ascii(text)
    words = re.findall(r"\w+", text)
    return "-".join(words)


_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    """Remove what is unsafe in one file name (not the length)."""
    text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # the common name is all printable: no character to look at one by one
        text = "".join(" " if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} else c for c in text)
    text = _FORBIDDEN.sub("-", text)
    text = _SPACES.sub(" ", text)
    while ".." in text:
        text = text.replace("..", ".")
    return text.strip(" .-")


def _is_reserved(stem: str) -> bool:
    # Windows treats "CON.txt" and "con .docx" like CON: compare what comes before the first dot
    return stem.split(".", 1)[0].rstrip(" ").upper() in _RESERVED


def _truncate(stem: str, max_bytes: int) -> str:
    if len(stem.encode("utf-8")) <= max_bytes:
        return stem
    cut = stem.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
    while cut and unicodedata.combining(cut[-1]):
        cut = cut[:-1]  # never leave a mark without its letter
    return cut.rstrip(" .-")


def safe_stem(text: str, *, ascii_only: bool = False, max_bytes: int = MAX_BYTES - len(EXTENSION)) -> str:
    """``text`` made safe as a file name without extension (never empty)."""
    if ascii_only:
        text = fold_ascii(text)
    stem = _clean(text)
    stem = _truncate(stem, max_bytes)
    if not stem:
        stem = "van-ban"
    if _is_reserved(stem):
        stem = _truncate("_" + stem, max_bytes)
    return stem


def pattern_fields(pattern: str) -> list[str]:
    """The field names of a pattern; only plain names are allowed (no ``{a.b}``, ``{a[0]}``, conversions)."""
    fields: list[str] = []
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise InputError(Problem(f"Mẫu tên tệp '{pattern}' sai cú pháp: {exc}.", field="--names")) from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not re.fullmatch(r"\w+", name) or spec or conversion:
            raise InputError(Problem(
                f"Mẫu tên tệp '{pattern}': chỉ dùng tên cột trong ngoặc nhọn, ví dụ {{code}}-{{slug}}.docx "
                f"(không dùng '{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}').",
                field="--names"))
        fields.append(name)
    if not fields:
        raise InputError(Problem(f"Mẫu tên tệp '{pattern}' phải có ít nhất một cột, ví dụ {{code}}.",
                                 field="--names"))
    return fields


class NameMaker:
    """Makes the file name of each unit of a run, unique (case-insensitively) within the run."""

    def __init__(self, pattern: str = DEFAULT_PATTERN, *, ascii_only: bool = False, max_bytes: int = MAX_BYTES):
        self.pattern = pattern
        self.fields = pattern_fields(pattern)
        self.ascii_only = ascii_only
        self.max_bytes = max_bytes
        self._taken: set[str] = set()

    def values(self, columns: Mapping[str, str]) -> dict[str, str]:
        """The values a pattern may use: every column, plus ``slug`` of the name."""
        values = {k: str(v) for k, v in columns.items()}
        values.setdefault("slug", slugify(columns.get("name", ""), self.ascii_only))
        return values

    def _used(self, columns: Mapping[str, str]) -> dict[str, str]:
        """The values of the pattern's own fields (``slug`` made only when the pattern uses it)."""
        used = {f: str(columns[f]) for f in self.fields if f in columns}
        if "slug" in self.fields and "slug" not in used:
            used["slug"] = slugify(columns.get("name", ""), self.ascii_only)
        return used

    def missing(self, columns: Mapping[str, str]) -> list[str]:
        """Pattern fields the unit has no column for."""
        values = self._used(columns)
        return [f for f in self.fields if f not in values]

    def make(self, columns: Mapping[str, str]) -> str:
        """The safe, unique file name for one unit."""
        values = self._used(columns)
        # each value is cleaned on its own first, so "a/b" in a name can never become a folder
        filled = self.pattern.format_map({f: _clean(values[f]).replace(".", "-") for f in self.fields})
        if filled.lower().endswith(EXTENSION):
            filled = filled[: -len(EXTENSION)]
        limit = self.max_bytes - len(EXTENSION)
        stem = safe_stem(filled, ascii_only=self.ascii_only, max_bytes=limit)
        unique, n = stem, 1
        while unique.casefold() in self._taken:
            n += 1
            suffix = f"-{n}"
            unique = _truncate(stem, limit - len(suffix)) + suffix
        self._taken.add(unique.casefold())
        return unique + EXTENSION
