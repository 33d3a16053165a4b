"""``draftgen templates from-docx``: a template made from an office's own signed letter (a Công văn).

The checker's locator (draftgen.check.locate) finds the ND30 elements by their words and places, whatever
the styles. Each found element becomes the placeholder the bundled template uses (the same view-model
names: ``so_ky_hieu``, ``dia_danh_ngay``, ``trich_yeu``, the Kính gửi, ``body``, ``noi_nhan``,
``authority``, ``ho_ten``), written in a run with the formatting of the element's first run and in the
element's own paragraph (its alignment, indents, spacing); a list becomes a loop over one paragraph
formatted as its first line. The rest of the letter (the issuer lines, the Quốc hiệu, rules, logos,
page setup) stays as the office made it. The ND30 styles the engine's own paragraphs use (the KHẨN/MẬT
box, a Phụ lục) are added to the styles part when missing, and the Phụ lục block of the bundled template
is placed at the end, so the template places every element a Công văn needs.
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from draftgen.check.locate import PLACEHOLDER_RE, Layout
from draftgen.library.docxparts import w

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class Made:
    """The template's bytes, what was found (element name → the letter's text) and what was not."""

    data: bytes
    found: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def _runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p.iter(w("r")) if next(r.iterancestors(w("p"))) is p]


def _first_rpr(p: etree._Element) -> etree._Element | None:
    for run in _runs(p):
        if any((t.text or "").strip() for t in run.iter(w("t"))):
            rpr = run.find(w("rPr"))
            return copy.deepcopy(rpr) if rpr is not None else None
    return None


def _run(text: str, rpr: etree._Element | None) -> etree._Element:
    run = etree.Element(w("r"))
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set(_XML_SPACE, "preserve")
    return run


def set_text(p: etree._Element, text: str) -> None:
    """The paragraph holds ``text`` alone, in one run formatted as its first run with text (the paragraph's
    own properties kept; drawings, fields and text boxes of the element dropped)."""
    rpr = _first_rpr(p)
    for child in list(p):
        if child.tag not in (w("pPr"), w("bookmarkStart"), w("bookmarkEnd")):
            p.remove(child)
    p.append(_run(text, rpr))


def like(p: etree._Element, text: str) -> etree._Element:
    """A new paragraph formatted as ``p`` (its properties without a section break, its first run) holding ``text``."""
    made = etree.Element(w("p"))
    ppr = p.find(w("pPr"))
    if ppr is not None:
        ppr = copy.deepcopy(ppr)
        for el in ppr.findall(w("sectPr")):
            ppr.remove(el)
        made.append(ppr)
    made.append(_run(text, _first_rpr(p)))
    return made


def _remove(p: etree._Element) -> None:
    parent = p.getparent()
    if parent is None:
        return
    ppr = p.find(w("pPr"))
    if ppr is not None and ppr.find(w("sectPr")) is not None:  # a section break stays, emptied
        for child in list(p):
            if child is not ppr:
                p.remove(child)
        return
    if parent.tag == w("tc") and len(parent.findall(w("p"))) == 1:
        set_text(p, "")  # a cell keeps one paragraph
        return
    parent.remove(p)


def _loop(paras: list[etree._Element], name: str, item: str = "{{ line }}", var: str = "line") -> None:
    """Replace the paragraphs of a list by a loop over ``name`` (one paragraph formatted as the first)."""
    model = paras[0]
    block = [like(model, f"{{%p for {var} in {name} %}}"), like(model, item), like(model, "{%p endfor %}")]
    for made in block:
        paras[0].addprevious(made)
    for p in paras:
        _remove(p)


def _kinh_gui(lay: Layout, made: Made) -> None:
    label = lay.kinh_gui.el
    items = [p.el for entry in lay.kinh_gui_entries for p in entry]
    item_model = items[0] if items else label
    block = [like(label, "{%p if kinh_gui_inline %}"), like(label, "{{ kinh_gui_inline }}"),
             like(label, "{%p else %}"), like(label, "{{ kinh_gui_label }}"),
             like(item_model, "{%p for line in kinh_gui_items %}"), like(item_model, "{{ line }}"),
             like(item_model, "{%p endfor %}"), like(label, "{%p endif %}")]
    for p in block:
        label.addprevious(p)
    for p in [label, *items]:
        _remove(p)
    made.found["kinh_gui"] = " ".join(p.text for p in [lay.kinh_gui, *[q for e in lay.kinh_gui_entries for q in e]])


def _body(lay: Layout) -> None:
    """The body's paragraphs (and the empty ones between them, outside tables) become the loop over ``body``."""
    first, last = lay.body[0].el, lay.body[-1].el
    container = first.getparent()
    siblings = list(container)
    if last.getparent() is container:
        span = siblings[siblings.index(first):siblings.index(last) + 1]
        paras = [p for p in span if p.tag == w("p")]
    else:
        paras = [p.el for p in lay.body]
    _loop([first, *[p for p in paras if p is not first]], "body", "{{ para|runs }}", "para")


def build(docx: bytes, lay: Layout) -> Made:
    """The template made from the letter ``docx`` whose elements ``lay`` located."""
    made = Made(b"")
    root = (lay.so or lay.vv or lay.quoc_hieu or lay.noi_nhan).el.getroottree().getroot()
    simple = [("so", lay.so, "{{ so_ky_hieu }}", "số, ký hiệu"), ("date", lay.date, "{{ dia_danh_ngay }}",
              "địa danh và ngày tháng"), ("vv", lay.vv, "{{ trich_yeu }}", "trích yếu (V/v)"),
              ("ho_ten", lay.ho_ten, "{{ ho_ten }}", "họ tên người ký")]
    for key, para, tag, name in simple:
        if para is None:
            made.missing.append(name)
            continue
        made.found[key] = para.text
        set_text(para.el, tag)
    _marks(lay, made)
    if lay.kinh_gui is not None:
        _kinh_gui(lay, made)
    else:
        made.missing.append("Kính gửi")
    if lay.body:
        made.found["body"] = f"{len(lay.body)} đoạn, từ «{lay.body[0].text[:40]}»"
        _body(lay)
    else:
        made.missing.append("nội dung")
    _recipients(lay, made)
    _signer(lay, made)
    return _package(docx, root, made)


def _marks(lay: Layout, made: Made) -> None:
    """KHẨN / MẬT: the found marks become the engine's boxed paragraphs, else they go under the V/v."""
    from draftgen.library.fromdocx_data import urgency_marks

    anchor = lay.vv.el if lay.vv is not None else (lay.so.el if lay.so is not None else None)
    marks = urgency_marks(lay)
    if marks:
        made.found["do_khan_do_mat"] = " ".join(p.text for p in marks)
        first = marks[0].el
        first.addprevious(like(first, "{{p do_mat_xml }}"))
        first.addprevious(like(first, "{{p do_khan_xml }}"))
        for p in marks:
            _remove(p.el)
    elif anchor is not None:
        anchor.addnext(like(anchor, "{{p do_khan_xml }}"))
        anchor.addnext(like(anchor, "{{p do_mat_xml }}"))


def _recipients(lay: Layout, made: Made) -> None:
    if lay.noi_nhan is None:
        made.missing.append("Nơi nhận")
        return
    made.found["noi_nhan"] = f"{len(lay.noi_nhan_entries)} dòng"
    items = [p.el for p in lay.noi_nhan_items]
    anchor = items[-1] if items else lay.noi_nhan.el
    o12 = lay.ky_hieu_soan_thao.el if lay.ky_hieu_soan_thao is not None else None
    model = o12 if o12 is not None else anchor
    for text in ("{%p endif %}", "{{ ky_hieu_soan_thao }}", "{%p if ky_hieu_soan_thao %}"):
        anchor.addnext(like(model, text))
    if o12 is not None:
        made.found["ky_hieu_soan_thao"] = lay.ky_hieu_soan_thao.text
        _remove(o12)
    set_text(lay.noi_nhan.el, "{{ noi_nhan_label }}")
    if items:
        _loop(items, "noi_nhan")
    else:
        lay.noi_nhan.el.addnext(like(lay.noi_nhan.el, "{%p endfor %}"))
        lay.noi_nhan.el.addnext(like(lay.noi_nhan.el, "{{ line }}"))
        lay.noi_nhan.el.addnext(like(lay.noi_nhan.el, "{%p for line in noi_nhan %}"))


def _signer(lay: Layout, made: Made) -> None:
    lines = [p.el for p in lay.quyen_han if p.text.strip()]
    if lines:
        made.found["authority"] = " / ".join(p.text for p in lay.quyen_han if p.text.strip())
        _loop(lines, "authority")
    elif lay.ho_ten is not None:
        made.missing.append("quyền hạn, chức vụ người ký")
        lay.ho_ten.el.addprevious(like(lay.ho_ten.el, "{%p for line in authority %}"))
        lay.ho_ten.el.addprevious(like(lay.ho_ten.el, "{{ line }}"))
        lay.ho_ten.el.addprevious(like(lay.ho_ten.el, "{%p endfor %}"))
    for p in lay.sign_other:  # "(Đã ký)", "(Ký, đóng dấu)": a placeholder of the signed copy, not of the template
        if PLACEHOLDER_RE.match(p.text.strip()):
            _remove(p.el)


def _package(docx: bytes, root: etree._Element, made: Made) -> Made:
    """The letter's package with the new document part, the ND30 styles it lacks and the Phụ lục block."""
    from draftgen.library.fromdocx_parts import add_phu_luc, merged_styles

    add_phu_luc(root)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        styles = merged_styles(source.read("word/styles.xml")) if "word/styles.xml" in source.namelist() else None
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename in ("word/styles.xml", "word/stylesWithEffects.xml") and styles is not None:
                data = styles  # Word 2010's copy of the styles must hold the same styles and defaults
            elif info.filename.startswith("docProps/custom.xml"):
                data = _without_answers(data)
            target.writestr(info, data)
    made.data = out.getvalue()
    return made


def _without_answers(data: bytes) -> bytes:
    """A letter made by draftgen carries its answers: the template must not."""
    from draftgen.answers import CP_NS, PREFIX

    root = etree.fromstring(data)
    for prop in list(root.iter(f"{{{CP_NS}}}property")):
        if (prop.get("name") or "").startswith(PREFIX):
            root.remove(prop)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def describe(made: Made) -> list[str]:
    """What was found and what was not, in Vietnamese."""
    names = {"so": "Số, ký hiệu", "date": "Địa danh, ngày tháng", "vv": "Trích yếu", "kinh_gui": "Kính gửi",
             "body": "Nội dung", "noi_nhan": "Nơi nhận", "ky_hieu_soan_thao": "Ký hiệu người soạn (ô 12)",
             "authority": "Quyền hạn, chức vụ người ký", "ho_ten": "Họ tên người ký",
             "do_khan_do_mat": "Độ khẩn, độ mật"}
    lines = [f"Đã thấy {names.get(k, k)}: «{' '.join(v.split())[:70]}»" for k, v in made.found.items()]
    lines += [f"Không thấy {name}: mẫu chưa có chỗ cho thành phần này (xem 'draftgen templates lint')."
              for name in made.missing]
    return lines


__all__ = ["Made", "build", "describe", "like", "set_text"]
