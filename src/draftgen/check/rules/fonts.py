"""Font family and colour of every run, in the body, tables, headers and footers (PL1 I.4)."""

from __future__ import annotations

from draftgen.check.findings import REGISTRY
from draftgen.check.model import Para
from draftgen.check.rules.base import TNR, Context, source_text

REGISTRY.add("ND30-FONT", "rule", "Phông chữ Times New Roman cho mọi thành phần")
REGISTRY.add("ND30-FONT-SLOTS", "practice",
             "Các ô phông Đông Á/phức hợp (eastAsia, cs) cũng là Times New Roman, để WPS/LibreOffice không "
             "thay phông")
REGISTRY.add("ND30-FONT-COLOR", "rule", "Chữ màu đen")

BLACK = {"auto", "000000"}
BLACK_THEME = {"text1", "dark1"}


def _all_paragraphs(ctx: Context) -> list[Para]:
    out = list(ctx.doc.paragraphs)
    for paras in ctx.doc.parts.values():
        out.extend(paras)
    return out


def check(ctx: Context) -> None:
    fonts: dict[tuple[str, str, str], list[Para]] = {}
    slots: dict[tuple[str, str, str], list[Para]] = {}
    colors: dict[tuple[str, str], list[Para]] = {}
    urgency = {id(p) for p in ctx.lay.urgency}
    for p in _all_paragraphs(ctx):
        for run in p.runs:
            if not run.text.strip():
                continue
            for slot, target in (("ascii", fonts), ("hAnsi", fonts), ("eastAsia", slots), ("cs", slots)):
                prop = run.props.get(f"font.{slot}")
                if prop is None or not prop.value:
                    continue
                if prop.value.strip().lower() != TNR:
                    key = (prop.value, prop.source, slot if target is slots else "")
                    bucket = target.setdefault(key, [])
                    if not bucket or bucket[-1] is not p:
                        bucket.append(p)
            color = run.props.get("color")
            if color is not None and id(p) not in urgency:
                val, theme = color.value
                black = theme.lower() in BLACK_THEME if theme else val.lower().lstrip("#") in BLACK
                if not black:
                    bucket = colors.setdefault((val, color.source), [])
                    if not bucket or bucket[-1] is not p:
                        bucket.append(p)
    for (font, src, _), paras in fonts.items():
        more = f" (và {len(paras) - 1} đoạn khác)" if len(paras) > 1 else ""
        ctx.add("ND30-FONT", f"Phông chữ '{font}' {source_text(src)}{more}; NĐ30 quy định Times New Roman.",
                paras[0])
    for (font, src, slot), paras in slots.items():
        more = f" (và {len(paras) - 1} đoạn khác)" if len(paras) > 1 else ""
        ctx.add("ND30-FONT-SLOTS", f"Ô phông {slot} là '{font}' {source_text(src)}{more}; nên đặt Times New "
                "Roman cho cả bốn ô phông để phần mềm khác không thay phông.", paras[0])
    for (val, src), paras in colors.items():
        more = f" (và {len(paras) - 1} đoạn khác)" if len(paras) > 1 else ""
        ctx.add("ND30-FONT-COLOR", f"Chữ màu #{val} {source_text(src)}{more}; NĐ30 quy định màu đen.", paras[0])
