"""The page flow of a view model and its split into A4 sheets.

The flow is the blocks of the family's layout (data/doc_types.yaml, the same list the DOCX template is built
from), each turned into items by :data:`draftgen.htmlpage.blocks.BUILDERS`. The sheets are an honest estimate:
an item that does not fit goes to the next sheet whole (a paragraph is never split, so a sheet may end shorter
than Word's page); the signature row takes the last paragraph with it (as the DOCX keeps them together); a
Phụ lục starts a sheet whose number restarts at 1. **The exact pages are the PDF's** (``draftgen preview``).
"""

from __future__ import annotations

import typing
from dataclasses import replace
from functools import cache

import draftgen.htmlpage.blocks_more  # noqa: F401  (registers the families' own builders)
from draftgen.doctypes.data import families
from draftgen.doctypes.registry import family_module
from draftgen.draft import Draft
from draftgen.htmlpage.blocks import BUILDERS, Ctx, nfc
from draftgen.htmlpage.geometry import family_profile, page_box
from draftgen.htmlpage.model import Item, P, Sheet


@cache
def _draft_classes() -> dict[type, str]:
    """Each family's view-model class (the return type of its ``resolve``) → the family."""
    out: dict[type, str] = {}
    for family in families():
        try:
            cls = typing.get_type_hints(family_module(family).resolve).get("return")
        except NameError:  # an annotation only a type checker can resolve: that family is not previewed
            continue
        if isinstance(cls, type):
            out.setdefault(cls, family)
    return out


def family_of(draft: Draft) -> str:
    """The family whose view model ``draft`` is (its class, or the nearest base class a family returns)."""
    classes = _draft_classes()
    for cls in type(draft).__mro__:
        if cls in classes:
            return classes[cls]
    raise TypeError(f"no document family makes a {type(draft).__name__}")


@cache
def _ctx(family: str) -> Ctx:
    return Ctx.of(family_profile(family), family)


def items_of(draft: Draft, family: str | None = None) -> list[Item]:
    """The page flow of ``draft``: the items of its family's layout blocks, in order."""
    family = family or family_of(draft)
    ctx = _ctx(family)
    layout = families()[family]["layout"]
    unknown = [name for name in layout if name not in BUILDERS]
    if unknown:
        raise KeyError(f"htmlpage has no builder for the layout blocks {unknown} (family {family})")
    return [item for name in layout for item in BUILDERS[name](draft, ctx)]


WIDOW_LINES = 2  # Word's widow/orphan control: a split paragraph leaves at least two lines on each sheet


def _css(*parts: str) -> str:
    """Inline declarations joined, each once."""
    return ";".join(dict.fromkeys(d for part in parts for d in part.split(";") if d))


def split(item: Item, room_pt: float) -> tuple[Item, Item] | None:
    """``item`` cut where ``room_pt`` ends: the lines that fit (at least two) and the rest (at least two), or
    None. The first part keeps its justified last line; the second has no first-line indent and no space before
    (``part`` 1 and 2; a middle piece of a paragraph over three sheets is a 2 again: it continues the one before)."""
    n = len(item.lines)
    if n < 2 * WIDOW_LINES or item.para is None or item.line_pt <= 0:
        return None
    k = min(int((room_pt - item.space_pt) // item.line_pt), n - WIDOW_LINES)
    if k < WIDOW_LINES:
        return None
    para = item.para
    last = "text-align-last:justify" if item.justify else ""
    head = replace(para, text=" ".join(item.lines[:k]), part=para.part or 1, css=_css(para.css, last))
    tail = replace(para, text=" ".join(item.lines[k:]), part=2, css=_css(para.css, "text-indent:0;margin-top:0"))
    return (replace(item, para=head, lines=item.lines[:k], height_pt=item.space_pt + k * item.line_pt),
            replace(item, para=tail, lines=item.lines[k:], space_pt=0.0, height_pt=(n - k) * item.line_pt,
                    break_before=False))


def paginate(items: list[Item], height_pt: float) -> list[Sheet]:
    """``items`` on sheets of ``height_pt`` of text each (see the module's docstring for the rules)."""
    sheets = [Sheet(items=[], number=1, show_number=False)]
    used = 0.0

    def new_sheet(number: int, show: bool, carried: list[Item]) -> Sheet:
        nonlocal used
        sheets.append(Sheet(items=carried, number=number, show_number=show))
        used = sum(i.height_pt for i in carried)
        return sheets[-1]

    for item in items:
        sheet = sheets[-1]
        if item.break_before and sheet.items:
            number = 1 if item.restart else sheet.number + 1
            sheet = new_sheet(number, item.restart or number > 1, [])
        elif item.break_before and item.restart:  # a first sheet that is a Phụ lục's own
            sheet.number, sheet.show_number = 1, True
        while used + item.height_pt > height_pt:
            parts = split(item, height_pt - used) if item.kind == "p" else None
            if parts:  # the lines that fit stay; the rest go on, over as many sheets as they need
                sheet.items.append(parts[0])
                item = parts[1]
                sheet = new_sheet(sheet.number + 1, True, [])
                continue
            if not sheet.items:  # taller than a sheet and not to be split: it stands alone
                break
            carried: list[Item] = []
            if item.keep_with_previous and len(sheet.items) > 1 and sheet.items[-1].kind == "p":
                last = sheet.items.pop()
                cut = split(last, last.height_pt - WIDOW_LINES * last.line_pt) if last.lines else None
                if cut:  # its last lines come down with the signature, the rest stays
                    sheet.items.append(cut[0])
                carried = [cut[1] if cut else last]
            sheet = new_sheet(sheet.number + 1, True, carried)
        sheet.items.append(item)
        used += item.height_pt
    return sheets


def sheets_of(draft: Draft, family: str | None = None) -> list[Sheet]:
    """The A4 sheets of ``draft``; ô 13 (``dia_chi``) at the foot of the first."""
    family = family or family_of(draft)
    box = page_box(family_profile(family))
    sheets = paginate(items_of(draft, family), box.text_height_pt)
    if draft.dia_chi:
        sheets[0].dia_chi = [P("dia_chi", nfc(line), field="dia_chi", index=i) for i, line in enumerate(draft.dia_chi)]
    return sheets


__all__ = ["family_of", "items_of", "paginate", "sheets_of"]
