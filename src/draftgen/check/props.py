"""Effective run and paragraph properties, with where each value came from.

Word resolves a property through: direct formatting → character style chain → paragraph style
chain → table style → docDefaults. Each resolved value here is a :class:`Prop` that remembers its
source ("direct", "char:<style name>", "para:<style name>", "table:<style name>", "defaults"), so a
finding can say "cỡ chữ 12 do định dạng trực tiếp; kiểu 'ND30 Nội dung' quy định 14".

Style chains are flattened once per style and cached; a run costs two small dict merges.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from lxml import etree

from draftgen.check.reader import W_NS

W = f"{{{W_NS}}}"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

_FALSE = {"0", "false", "off", "none"}


class Prop(NamedTuple):
    value: Any
    source: str


Props = dict[str, Prop]


def _toggle(el: etree._Element) -> bool:
    val = el.get(f"{W}val")
    return val is None or val.lower() not in _FALSE


INT_LIMIT = 2**31                # OOXML numbers are 32-bit; anything beyond is a broken value


def _int(value: str | None) -> int | None:
    """An OOXML number attribute, or None when missing or not a sane number ('abc', 'inf', '1e400')."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    if not -INT_LIMIT < number < INT_LIMIT:     # also false for nan
        return None
    return int(number)


_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}


class ThemeFonts:
    """Theme font slots (majorHAnsi → major latin typeface …). Empty typefaces resolve to None."""

    def __init__(self, theme: etree._Element | None):
        self.fonts: dict[str, str | None] = {}
        if theme is None:
            return
        a = f"{{{A_NS}}}"
        for major_minor in ("major", "minor"):
            el = theme.find(f".//{a}fontScheme/{a}{major_minor}Font")
            if el is None:
                continue
            for tag, slots in (("latin", ("HAnsi", "Ascii")), ("ea", ("EastAsia",)), ("cs", ("Bidi",))):
                face = el.find(f"{a}{tag}")
                name = (face.get("typeface") if face is not None else "") or None
                for slot in slots:
                    self.fonts[f"{major_minor}{slot}"] = name

    def resolve(self, theme_name: str) -> str | None:
        return self.fonts.get(theme_name)


def parse_rpr(rpr: etree._Element | None, source: str, theme: ThemeFonts) -> Props:
    """Run properties set on one ``w:rPr`` element."""
    out: Props = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(W):
            continue
        name = tag[len(W):]
        if name == "rFonts":
            for slot, theme_attr in _THEME_ATTR.items():
                theme_value = child.get(f"{W}{theme_attr}")
                if theme_value is not None:
                    font = theme.resolve(theme_value)
                    out[f"font.{slot}"] = Prop(font, source + f" (phông chủ đề {theme_value})")
                    continue
                value = child.get(f"{W}{slot}")
                if value is not None:
                    out[f"font.{slot}"] = Prop(value, source)
        elif name == "sz":
            half = _int(child.get(f"{W}val"))
            if half is not None:
                out["size"] = Prop(half / 2, source)
        elif name in ("b", "i", "caps", "vanish", "smallCaps", "strike"):
            out[name] = Prop(_toggle(child), source)
        elif name == "color":
            out["color"] = Prop((child.get(f"{W}val") or "auto", child.get(f"{W}themeColor")), source)
    return out


_JC = {"both": "justify", "distribute": "justify", "start": "left", "end": "right", "lowKashida": "justify",
       "mediumKashida": "justify", "highKashida": "justify", "thaiDistribute": "justify"}


def parse_ppr(ppr: etree._Element | None, source: str) -> Props:
    """Paragraph properties set on one ``w:pPr`` element (each attribute inherits on its own)."""
    out: Props = {}
    if ppr is None:
        return out
    for child in ppr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(W):
            continue
        name = tag[len(W):]
        if name == "jc":
            val = child.get(f"{W}val") or "left"
            out["jc"] = Prop(_JC.get(val, val), source)
        elif name == "ind":
            for attr, key in (("left", "ind.left"), ("start", "ind.left"), ("right", "ind.right"),
                              ("end", "ind.right")):
                v = _int(child.get(f"{W}{attr}"))
                if v is not None:
                    out[key] = Prop(v, source)
            first = _int(child.get(f"{W}firstLine"))
            hanging = _int(child.get(f"{W}hanging"))
            if hanging is not None:
                out["ind.first"] = Prop(-hanging, source)
            elif first is not None:
                out["ind.first"] = Prop(first, source)
        elif name == "spacing":
            for attr in ("before", "after", "line"):
                v = _int(child.get(f"{W}{attr}"))
                if v is not None:
                    out[f"sp.{attr}"] = Prop(v, source)
            rule = child.get(f"{W}lineRule")
            if rule is not None:
                out["sp.lineRule"] = Prop(rule, source)
            elif "sp.line" in out:
                out["sp.lineRule"] = Prop("auto", source)
            for attr in ("beforeAutospacing", "afterAutospacing"):
                el_val = child.get(f"{W}{attr}")
                if el_val is not None:
                    out[f"sp.{attr}"] = Prop(el_val.lower() not in _FALSE, source)
        elif name == "contextualSpacing":
            out["contextualSpacing"] = Prop(_toggle(child), source)
        elif name == "pBdr":
            for side in child:
                if not isinstance(side.tag, str):
                    continue
                val = side.get(f"{W}val") or "nil"
                out[f"bdr.{side.tag[len(W):]}"] = Prop(None if val in ("nil", "none") else val, source)
    return out


class Style:
    __slots__ = ("id", "name", "type", "based_on", "ppr", "rpr")

    def __init__(self, sid: str, name: str, stype: str, based_on: str | None, ppr: Props, rpr: Props):
        self.id, self.name, self.type, self.based_on, self.ppr, self.rpr = sid, name, stype, based_on, ppr, rpr


class StyleSheet:
    """Styles and docDefaults of one document, with flattened (cached) style chains."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None):
        self.theme = ThemeFonts(theme)
        self.styles: dict[str, Style] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.default_table: str | None = None
        self.cell_margins: dict[str, tuple[int | None, int | None]] = {}   # table style -> (left, right)
        self.defaults_r: Props = {}
        self.defaults_p: Props = {}
        self._flat: dict[tuple[str, str], tuple[Props, Props]] = {}
        self._base: dict[tuple[str | None, str | None], tuple[Props, Props]] = {}
        if styles is None:
            return
        dd = styles.find(f"{W}docDefaults")
        if dd is not None:
            self.defaults_r = parse_rpr(dd.find(f"{W}rPrDefault/{W}rPr"), "defaults", self.theme)
            self.defaults_p = parse_ppr(dd.find(f"{W}pPrDefault/{W}pPr"), "defaults")
        for el in styles.iterfind(f"{W}style"):
            sid = el.get(f"{W}styleId")
            if not sid:
                continue
            stype = el.get(f"{W}type") or "paragraph"
            name_el = el.find(f"{W}name")
            name = name_el.get(f"{W}val") if name_el is not None else sid
            based = el.find(f"{W}basedOn")
            kind = {"paragraph": "para", "character": "char", "table": "table"}.get(stype, stype)
            src = f"{kind}:{name}"
            self.styles[sid] = Style(
                sid, name or sid, stype, based.get(f"{W}val") if based is not None else None,
                parse_ppr(el.find(f"{W}pPr"), src), parse_rpr(el.find(f"{W}rPr"), src, self.theme),
            )
            if stype == "table":
                mar = el.find(f"{W}tblPr/{W}tblCellMar")
                if mar is not None:
                    self.cell_margins[sid] = tuple(  # type: ignore[assignment]
                        _int(m.get(f"{W}w")) if m is not None else None
                        for m in (mar.find(f"{W}left") if mar.find(f"{W}left") is not None else mar.find(f"{W}start"),
                                  mar.find(f"{W}right") if mar.find(f"{W}right") is not None else mar.find(f"{W}end"))
                    )
            if el.get(f"{W}default") in ("1", "true", "on"):
                if stype == "paragraph":
                    self.default_para = sid
                elif stype == "character":
                    self.default_char = sid
                elif stype == "table":
                    self.default_table = sid

    def name_of(self, sid: str | None) -> str | None:
        style = self.styles.get(sid or "")
        return style.name if style else sid

    def flat(self, sid: str | None, stype: str) -> tuple[Props, Props]:
        """(pPr, rPr) of a style with its basedOn chain applied (base first)."""
        if not sid:
            return {}, {}
        key = (sid, stype)
        hit = self._flat.get(key)
        if hit is not None:
            return hit
        chain: list[Style] = []
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur not in seen and len(chain) < 32:
            style = self.styles.get(cur)
            if style is None or style.type != stype:
                break
            seen.add(cur)
            chain.append(style)
            cur = style.based_on
        p: Props = {}
        r: Props = {}
        for style in reversed(chain):
            p.update(style.ppr)
            r.update(style.rpr)
        self._flat[key] = (p, r)
        return p, r

    def paragraph_base(self, pstyle: str | None, tbl_style: str | None = None) -> tuple[Props, Props]:
        """Effective (pPr, rPr) of a paragraph before its direct formatting."""
        key = (pstyle, tbl_style)
        hit = self._base.get(key)
        if hit is not None:
            return hit
        p = dict(self.defaults_p)
        r = dict(self.defaults_r)
        if tbl_style:
            tp, tr = self.flat(tbl_style, "table")
            p.update(tp)
            r.update(tr)
        sp, sr = self.flat(pstyle if pstyle in self.styles else self.default_para, "paragraph")
        p.update(sp)
        r.update(sr)
        self._base[key] = (p, r)
        return p, r

    def run_props(self, base_r: Props, rstyle: str | None, direct: Props) -> Props:
        """Effective run properties: paragraph base ← character style chain ← direct formatting."""
        if not rstyle and not direct:
            return base_r
        out = dict(base_r)
        if rstyle:
            out.update(self.flat(rstyle, "character")[1])
        out.update(direct)
        return out


SOURCE_LABELS = {"direct": "định dạng trực tiếp", "defaults": "mặc định của tài liệu (docDefaults)"}


def describe_source(source: str) -> str:
    """Vietnamese phrase for a provenance tag: 'do định dạng trực tiếp', "theo kiểu 'Normal'" …"""
    head, _, rest = source.partition(" (")
    extra = f" ({rest}" if rest else ""
    if head in SOURCE_LABELS:
        return f"do {SOURCE_LABELS[head]}{extra}"
    kind, _, name = head.partition(":")
    label = {"para": "kiểu đoạn", "char": "kiểu ký tự", "table": "kiểu bảng"}.get(kind, "kiểu")
    return f"theo {label} '{name}'{extra}"
