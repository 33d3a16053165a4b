"""What the cascade gives a letter (its opening and items) and how an item's text becomes paragraphs.

Apart from the engine (:mod:`.select`): every document type resolves its own items with :func:`clause_lines`,
and a letter without parents never needs the engine, its directives and level tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from draftgen.nd30 import body as nd30_body

LINE = "\n"
"""Between a clause's text and each of its own lines ("- …") in :meth:`CascadeItem.pair`."""


def clause_lines(text: str) -> list[str]:
    """A labelled clause of :meth:`CascadeItem.pair` → its paragraphs: "1. …", then each "- …" line on its own."""
    return [line for line in text.split(LINE) if line.strip()]


@dataclass
class CascadeItem:
    """An item of the letter: its text and its points (without labels).

    ``extra``: the item's own lines after its text ("- Tổ chức …" of a quoted clause), one paragraph each;
    ``point_extra``: the same for each point (parallel to ``points``).
    """

    text: str
    points: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    point_extra: list[list[str]] = field(default_factory=list)

    def pair(self) -> tuple[str, list[str]]:
        """(text, points) with each one's own lines after it, joined by :data:`LINE` (split by :func:`clause_lines`)."""
        extras = self.point_extra + [[]] * (len(self.points) - len(self.point_extra))
        return (LINE.join([self.text, *self.extra]),
                [LINE.join([point, *lines]) for point, lines in zip(self.points, extras, strict=True)])

    def directive_item(self) -> dict:
        """The item as a directive's ``muc`` entry: ``noi_dung``, ``them`` and ``diem`` with their ``them``."""
        extras = self.point_extra + [[]] * (len(self.points) - len(self.point_extra))
        return {"noi_dung": self.text, "them": list(self.extra),
                "diem": [{"noi_dung": p, "them": list(lines)} for p, lines in zip(self.points, extras, strict=True)]}


@dataclass
class CascadeResult:
    opening: str | None
    items: list[CascadeItem]
    warnings: list[str] = field(default_factory=list)

    def paragraphs(self, start: int = 0) -> list[str]:
        """Labelled body paragraphs: "1. …", "a) …" (points re-lettered a b c d đ e g …)."""
        out = [self.opening] if self.opening else []
        for i, item in enumerate(self.items):
            text, points = item.pair()
            out.extend(clause_lines(nd30_body.item_text(start + i, text)))
            for j, point in enumerate(points):
                out.extend(clause_lines(nd30_body.point_text(j, point)))
        return out


__all__ = ["LINE", "CascadeItem", "CascadeResult", "clause_lines"]
