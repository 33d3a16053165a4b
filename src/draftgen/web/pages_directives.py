"""The parent-directive panel of the form: the library, a directive's clauses with checkboxes and the mode of
each (quote, refer, replace with own text), and the opening sentence as it will read."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from draftgen.errors import InputError
from draftgen.web import formrows, forms
from draftgen.web.templating import templates

router = APIRouter()
MODES = ("quote", "refer", "replace")
EXCERPT = 160


def _library() -> Any:
    from draftgen.directives import Library

    return Library()


def library_rows() -> list[dict[str, str]]:
    """The directives of the library: id, type, date, trích yếu (the select of the panel)."""
    rows = []
    for entry in _library().entries():
        directive = entry.directive
        date = directive.ngay.complete if directive.ngay and directive.ngay.complete else None
        rows.append({"id": directive.id, "loai": directive.loai, "trich_yeu": directive.trich_yeu,
                     "ngay": date.strftime("%d/%m/%Y") if date else ""})
    return sorted(rows, key=lambda r: r["id"])


def _parent_id(entry: Any) -> str:
    if isinstance(entry, dict):
        return str(entry.get("id") or "")
    return "" if entry is None else str(entry)


def _selections(directive: Any, clauses: Any) -> dict[str, dict[str, str]]:
    """The clauses a letter picks, by clause id: {"mode": …, "text": …} (ranges and lists expanded)."""
    from draftgen.cascade.select import expand_ids

    out: dict[str, dict[str, str]] = {}
    for entry in clauses if isinstance(clauses, list) else []:
        if isinstance(entry, (str, int)):
            entry = {"id": str(entry)}
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        ids = entry["id"] if isinstance(entry["id"], list) else [entry["id"]]
        try:
            picked = expand_ids(directive, [str(i) for i in ids])
        except (InputError, KeyError):
            continue
        for clause in picked:
            out[clause.id] = {"mode": str(entry.get("mode") or "quote"), "text": str(entry.get("text") or ""),
                              "source": str(entry.get("source") or ""),
                              "replacements": entry.get("replacements") or []}
    return out


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…"


def clause_rows(directive_id: str, clauses: Any = None) -> list[dict[str, Any]]:
    """Every clause of a directive with whether the letter picks it, its mode and its own text."""
    directive = _library().get(directive_id)
    chosen = _selections(directive, clauses)
    rows = []
    for clause in directive.clauses():
        pick = chosen.get(clause.id)
        label = f"{clause.letter})" if clause.letter else (f"Điều {clause.id[1:]}" if clause.kind == "dieu"
                                                            else f"{clause.id.rsplit('.', 1)[-1]}.")
        rows.append({"id": clause.id, "label": label, "text": _excerpt(clause.text), "point": bool(clause.letter),
                     "checked": pick is not None, "mode": pick["mode"] if pick else "quote",
                     "own": pick["text"] if pick else "", "source": pick["source"] if pick else "",
                     "replacements": pick["replacements"] if pick else []})
    return rows


def opening_text(values: dict[str, Any]) -> str:
    """The opening sentence the letter will start with, from its parents (library only) and ``opening``."""
    from draftgen.cascade.select import Citer, opening_sentence
    from draftgen.models.cascade import Opening

    parents = values.get("parents")
    parents = parents if isinstance(parents, list) else [parents] if parents else []
    ids = [_parent_id(p) for p in parents]
    if not ids or not all(ids):
        return ""
    opening = values.get("opening")
    ending = opening.get("ending") if isinstance(opening, dict) else opening
    try:
        chain = [_library().get(i) for i in ids]
        verbs = [p.get("verb") if isinstance(p, dict) else None for p in parents]
        notes = [p.get("note") if isinstance(p, dict) else None for p in parents]
        return opening_sentence(chain, Opening(ending=ending or None), Citer(), verbs=verbs, notes=notes)
    except (InputError, ValueError):
        return ""


def panel_context(values: dict[str, Any]) -> dict[str, Any]:
    """What the panel shows for the form's values: the library, the chosen parent, its clauses, the opening."""
    parents = values.get("parents")
    parents = parents if isinstance(parents, list) else [parents] if parents else []
    current = parents[-1] if parents else None
    chosen = _parent_id(current)
    rows: list[dict[str, Any]] = []
    problem = None
    if chosen:
        try:
            rows = clause_rows(chosen, values.get("clauses"))
        except InputError as exc:
            problem = str(exc)
    opening = values.get("opening")
    return {"library": library_rows(), "chosen": chosen, "index": max(len(parents) - 1, 0),
            "earlier": [p if isinstance(p, dict) else {"id": str(p)} for p in parents[:-1]],
            "current": current if isinstance(current, dict) else {"id": chosen},
            "rows": rows, "modes": MODES, "mode_labels": forms.field_help("", "mode").get("labels") or {},
            "ending": (opening.get("ending") if isinstance(opening, dict) else opening) or "",
            "opening": opening_text(values), "problem": problem}


@router.post("/soan/van-ban-cap-tren", response_class=HTMLResponse)
async def directive_panel(request: Request) -> HTMLResponse:
    """The panel again for the form's values (a directive chosen, a clause ticked, the ending changed)."""
    form = await request.form()
    raw = formrows.raw_of((k, v) for k, v in form.multi_items() if isinstance(v, str))
    raw["clauses"] = [c for c in raw.get("clauses") or [] if isinstance(c, dict) and c.get("id")]
    return templates().TemplateResponse(request, "_directives.html", {"directives": panel_context(raw)})
