"""The clauses of a parent directive, whatever its type: their stable ids and how letters cite them.

Three shapes of body, read by ``directives import`` and written in a directive YAML:

* items and points (Công điện, Công văn, Chỉ thị): ``muc`` → ids ``1``, ``1.a``;
* Điều / khoản / điểm (Quyết định, Nghị định, Nghị quyết): ``dieu`` → ids ``d1``, ``d1.k2``, ``d1.k2.a``
  (a point directly under a Điều: ``d5.a``);
* sections I., II. with their items and points (Kế hoạch, Chỉ thị in parts): ``phan`` → ``I``, ``I.1``, ``I.1.a``.

How a letter names a clause ("điểm a khoản 2 Điều 1", "mục I.1") is data: ``refer.vi_tri`` in
``data/cascade.yaml``. :func:`location` writes it and :func:`normalise_clause_id` reads it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from draftgen.errors import InputError, Problem
from draftgen.load import load_yaml_text
from draftgen.resources import DATA_DIR

ROMAN = re.compile(r"^[IVXLC]+$")

# the id of a clause of each kind, from its labels (the words around them are data, see module doc)
ID_FORMS = {
    "muc": "{khoan}", "diem": "{khoan}.{diem}",
    "dieu": "d{dieu}", "khoan": "d{dieu}.k{khoan}", "diem_khoan": "d{dieu}.k{khoan}.{diem}",
    "diem_dieu": "d{dieu}.{diem}",
    "phan": "{phan}", "phan_muc": "{phan}.{muc}", "phan_diem": "{phan}.{muc}.{diem}",
}
_LABEL_PATTERNS = {"dieu": r"\d+", "khoan": r"\d+", "muc": r"\d+", "diem": r"[a-zđ]+", "phan": r"[IVXLC]+"}


@dataclass(frozen=True)
class Clause:
    """One clause of a directive: an item ("1"), a point ("1.a"), a Điều ("d1"), a khoản ("d1.k2"), a point
    of a khoản ("d1.k2.a"), a section ("I") or an item of a section ("I.1", "I.1.a").

    ``item`` is the clause a point belongs to (its lead text); for any other clause, its own id. ``labels``
    are the numbers and letters the citation words take ({"dieu": "1", "khoan": "2", "diem": "a"}).
    ``extra``: the paragraphs that follow the clause's first one ("- …" lines).
    """

    id: str
    item: str
    letter: str | None
    text: str
    kind: str = "muc"
    labels: tuple[tuple[str, str], ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def is_point(self) -> bool:
        return self.letter is not None

    @property
    def label_map(self) -> dict[str, str]:
        return dict(self.labels) or ({"khoan": self.item, "diem": self.letter} if self.letter else {"khoan": self.id})


@cache
def _refer_words() -> dict:
    path = DATA_DIR / "cascade.yaml"
    return load_yaml_text(path.read_text(encoding="utf-8"), source=str(path)).data["refer"]


def location_forms() -> dict[str, str]:
    """The words of a clause's location by kind: {"khoan": "khoản {khoan} Điều {dieu}", …}."""
    words = _refer_words()
    return {"muc": words["item"], "diem": words["point"], **words.get("vi_tri", {})}


def location(clause: Clause) -> str:
    """"điểm a khoản 2 Điều 1", "mục I.1", "khoản 1" (the clause's place, as letters cite it)."""
    return location_forms()[clause.kind].format(**clause.label_map)


@cache
def _location_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for kind, form in location_forms().items():
        pattern = re.escape(form)
        for name, label in _LABEL_PATTERNS.items():
            pattern = pattern.replace(re.escape("{" + name + "}"), f"(?P<{name}>{label})")
        out.append((kind, re.compile(pattern.replace(r"\ ", r"\s+"), re.IGNORECASE)))
    # the longest form first: "điểm a khoản 2 Điều 1" before "khoản 2"
    return sorted(out, key=lambda kp: -len(kp[1].pattern))


def _upper_roman(labels: dict[str, str]) -> dict[str, str]:
    return {k: (v.upper() if k == "phan" else v.lower()) for k, v in labels.items()}


def normalise_clause_id(value: str) -> str:
    """Any way of naming a clause → its id.

    "1a", "1.a)", "1 a", "điểm a khoản 1" → "1.a"; "2." → "2"; "Điều 1" → "d1"; "khoản 2 Điều 1" → "d1.k2";
    "điểm a khoản 2 Điều 1" → "d1.k2.a"; "mục I.1" → "I.1"; "điểm a mục I.1" → "I.1.a"; ids pass through.
    """
    text = re.sub(r"\s+", " ", value.strip())
    for kind, pattern in _location_patterns():
        match = pattern.fullmatch(text)
        if match:
            labels = _upper_roman({k: v for k, v in match.groupdict().items() if v is not None})
            return ID_FORMS[kind].format(**labels)
    structured = re.fullmatch(r"([dD]\d+)(?:\.([kK]\d+))?(?:\.([a-zđA-ZĐ]+))?\)?", text)
    if structured:
        return ".".join(p.lower() for p in structured.groups() if p)
    section = re.fullmatch(r"([IVXLC]+)(?:\.(\d+))?(?:\.([a-zđ]+))?\)?\.?", text)
    if section:
        return ".".join(p for p in section.groups() if p)
    lowered = re.sub(r"^(?:khoản|mục)\s+", "", text.lower())
    match = re.fullmatch(r"(\d+)\s*[.\s]?\s*([a-zđ]+)?\)?\.?", lowered)
    if not match:
        raise InputError(Problem(f"Mã '{value}' không đúng dạng: viết 1, 1.a cho mục, điểm; d1, d1.k2, d1.k2.a cho "
                                 "điều, khoản, điểm; I, I.1, I.1.a cho phần và mục của kế hoạch."))
    return f"{match.group(1)}.{match.group(2)}" if match.group(2) else match.group(1)
