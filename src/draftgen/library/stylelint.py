"""The named ND30 styles a type needs, and their size, bold, italic and alignment against the profile.

The styles a type needs are those its bundled template uses; a clerk who renames or deletes one in Word,
or sets the body to 12 pt where the decree asks 13–14, gets a finding on ``word/styles.xml``. Values are
resolved through ``basedOn`` and ``docDefaults`` as Word does.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from lxml import etree

from draftgen.library.docxparts import Package, w
from draftgen.library.findings import LintFinding
from draftgen.nd30.profile import ElementStyle, Profile

_ALIGN = {"center": "center", "left": "left", "right": "right", "justify": "both"}
STYLES = "word/styles.xml"


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(w("val")) not in ("0", "false", "off")


def _own(style: etree._Element) -> dict[str, Any]:
    ppr, rpr = style.find(w("pPr")), style.find(w("rPr"))
    props: dict[str, Any] = {}
    if rpr is not None:
        sz = rpr.find(w("sz"))
        if sz is not None and sz.get(w("val"), "").isdigit():
            props["size"] = int(sz.get(w("val"))) / 2
        for key in ("b", "i"):
            value = _on(rpr.find(w(key)))
            if value is not None:
                props[key] = value
    if ppr is not None and ppr.find(w("jc")) is not None:
        props["jc"] = ppr.find(w("jc")).get(w("val"))
    return props


def read_styles(package: Package) -> dict[str, dict[str, Any]]:
    """Each paragraph style by id: its name and its effective size, b, i, jc."""
    if STYLES not in package.parts:
        return {}
    root = package.xml(STYLES)
    own: dict[str, dict[str, Any]] = {}
    based: dict[str, str | None] = {}
    names: dict[str, str] = {}
    for style in root.iter(w("style")):
        sid = style.get(w("styleId"))
        if sid is None or style.get(w("type"), "paragraph") != "paragraph":
            continue
        name = style.find(w("name"))
        names[sid] = name.get(w("val")) if name is not None else sid
        base = style.find(w("basedOn"))
        based[sid] = base.get(w("val")) if base is not None else None
        own[sid] = _own(style)
    defaults: dict[str, Any] = {"size": 10.0, "b": False, "i": False, "jc": "left"}
    rpr_default = root.find(f"{w('docDefaults')}/{w('rPrDefault')}")
    if rpr_default is not None:
        sz = rpr_default.find(f"{w('rPr')}/{w('sz')}")
        if sz is not None and sz.get(w("val"), "").isdigit():
            defaults["size"] = int(sz.get(w("val"))) / 2
    result: dict[str, dict[str, Any]] = {}
    for sid in own:
        chain, seen, cur = [], set(), sid
        while cur in own and cur not in seen:
            seen.add(cur)
            chain.append(own[cur])
            cur = based[cur]
        effective = dict(defaults)
        for props in reversed(chain):
            effective.update(props)
        result[sid] = {"name": names[sid], **effective}
    return result


@cache
def needed_styles(template_file: str) -> tuple[str, ...]:
    """The paragraph style ids the bundled template of a family uses (its document, headers, footers)."""
    from draftgen.library.docxparts import open_template
    from draftgen.resources import template_path

    package, _ = open_template(template_path(template_file).read_bytes(), template_file)
    ids: list[str] = []
    for part in package.tag_parts():
        for ps in package.xml(part).iter(w("pStyle")):
            sid = ps.get(w("val"))
            if sid and sid not in ids:
                ids.append(sid)
    return tuple(ids)


def style_findings(package: Package, profile: Profile, template_file: str) -> list[LintFinding]:
    styles = read_styles(package)
    by_id: dict[str, ElementStyle] = {el.style_id: el for el in profile.elements.values()}
    findings: list[LintFinding] = []
    for sid in needed_styles(template_file):
        element = by_id.get(sid)
        if element is None:
            continue
        have = styles.get(sid)
        if have is None:
            findings.append(LintFinding("TPL-STYLE-MISSING", STYLES, f"Thiếu kiểu (style) '{element.style}' (mã {sid}) "
                                        "mà mẫu của loại văn bản này dùng; hãy tạo lại kiểu này trong Word "
                                        "(Styles › New Style) hoặc lấy từ 'draftgen templates init'.",
                                        snippet=element.style))
            continue
        findings += _compare(element, have)
    return findings


def _compare(element: ElementStyle, have: dict[str, Any]) -> list[LintFinding]:
    found = []
    name = have["name"]
    if not element.in_size_range(have["size"]):
        lo, hi = element.size_range or (element.size_pt, element.size_pt)
        want = f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"
        found.append(LintFinding("TPL-STYLE-SIZE", STYLES, f"Kiểu '{name}' cỡ chữ {have['size']:g} pt; Nghị định 30 "
                                 f"quy định {want} pt.", snippet=name))
    if have["b"] != element.bold or have["i"] != element.italic:
        want = " ".join(x for x, on in (("đậm", element.bold), ("nghiêng", element.italic)) if on) or "đứng, không đậm"
        found.append(LintFinding("TPL-STYLE-FORMAT", STYLES, f"Kiểu '{name}' sai kiểu chữ; cần: {want}.", snippet=name))
    if _ALIGN.get(element.align, element.align) != have["jc"] and not (element.align == "justify"
                                                                       and have["jc"] == "both"):
        found.append(LintFinding("TPL-STYLE-ALIGN", STYLES, f"Kiểu '{name}' căn lề '{have['jc']}'; cần "
                                 f"'{_ALIGN.get(element.align, element.align)}'.", snippet=name))
    return found
