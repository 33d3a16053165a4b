"""The document as the checker sees it: paragraphs in reading order (also those inside table
cells), tables with cell geometry, sections, headers and footers, all with effective properties."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from draftgen.check.props import Prop, Props, StyleSheet, W, parse_ppr, parse_rpr
from draftgen.check.props import _int as _twips
from draftgen.check.reader import Package

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
EMU_PER_TWIP = 635

_CONTAINERS = {f"{W}hyperlink", f"{W}ins", f"{W}smartTag", f"{W}fldSimple", f"{W}customXml", f"{W}moveTo",
               f"{W}dir", f"{W}bdo"}
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}proofErr", f"{W}bookmarkStart", f"{W}bookmarkEnd"}


@dataclass(slots=True)
class Run:
    text: str
    props: Props

    def get(self, key: str, default=None):
        prop = self.props.get(key)
        return prop.value if prop is not None else default

    @property
    def shown(self) -> str:
        return self.text.upper() if self.get("caps") else self.text


@dataclass(slots=True)
class Para:
    index: int                       # 1-based, in its part
    part: str                        # "document" or the header/footer part name
    el: etree._Element = field(repr=False)
    style_id: str | None
    style_name: str | None
    props: Props                     # effective paragraph properties
    base_r: Props                    # run properties from styles/defaults (before direct formatting)
    style_p: Props                   # paragraph properties from styles/defaults only
    runs: list[Run] = field(default_factory=list)
    cell: Cell | None = field(default=None, repr=False)
    fields: list[str] = field(default_factory=list)
    drawings: list[int | None] = field(default_factory=list)   # line lengths in twips (None = unknown)
    text: str = ""

    def get(self, key: str, default=None):
        prop = self.props.get(key)
        return prop.value if prop is not None else default

    @property
    def shown(self) -> str:
        """Text as displayed (w:caps applied)."""
        return "".join(r.shown for r in self.runs)

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def text_runs(self) -> list[Run]:
        return [r for r in self.runs if r.text.strip()]


@dataclass(slots=True)
class Cell:
    table: Table = field(repr=False)
    row: int
    col: int
    width: int | None                # twips
    margin_left: int
    margin_right: int
    paras: list[Para] = field(default_factory=list)

    @property
    def text_width(self) -> int | None:
        if self.width is None:
            return None
        return self.width - self.margin_left - self.margin_right


@dataclass(slots=True)
class Table:
    index: int
    el: etree._Element
    rows: list[list[Cell]] = field(default_factory=list)

    def cell_after(self, cell: Cell) -> Cell | None:
        row = self.rows[cell.row]
        return row[cell.col + 1] if cell.col + 1 < len(row) else None

    @property
    def text(self) -> str:
        return " ".join(p.text for row in self.rows for c in row for p in c.paras)


@dataclass(slots=True)
class Section:
    el: etree._Element
    page_w: int | None = None
    page_h: int | None = None
    orient: str | None = None
    margins: dict[str, int | None] = field(default_factory=dict)
    title_pg: bool = False
    headers: dict[str, str] = field(default_factory=dict)    # type -> part name
    footers: dict[str, str] = field(default_factory=dict)
    num_fmt: str | None = None
    num_start: int | None = None


@dataclass
class Document:
    source: str
    styles: StyleSheet
    paragraphs: list[Para]
    tables: list[Table]
    sections: list[Section]
    parts: dict[str, list[Para]]     # header/footer part name -> paragraphs
    even_odd_headers: bool = False
    app: dict[str, int] = field(default_factory=dict)   # docProps/app.xml statistics (Pages, Words …)

    @property
    def section(self) -> Section | None:
        """The section of page 1."""
        return self.sections[0] if self.sections else None


class _Builder:
    def __init__(self, package: Package, styles: StyleSheet):
        self.package = package
        self.styles = styles
        self.tables: list[Table] = []

    # ---- paragraphs -------------------------------------------------------------------------
    def paragraph(self, el: etree._Element, index: int, part: str, cell: Cell | None,
                  tbl_style: str | None) -> Para:
        ppr = el.find(f"{W}pPr")
        pstyle = None
        if ppr is not None:
            ps = ppr.find(f"{W}pStyle")
            if ps is not None:
                pstyle = ps.get(f"{W}val")
        style_id = pstyle if pstyle in self.styles.styles else self.styles.default_para
        base_p, base_r = self.styles.paragraph_base(style_id, tbl_style)
        direct_p = parse_ppr(ppr, "direct")
        props = {**base_p, **direct_p} if direct_p else base_p
        para = Para(index=index, part=part, el=el, style_id=style_id, style_name=self.styles.name_of(style_id),
                    props=props, base_r=base_r, style_p=base_p, cell=cell)
        state = {"field": 0, "instr": []}
        self._inline(el, para, state)
        para.text = "".join(r.text for r in para.runs)
        return para

    def _inline(self, parent: etree._Element, para: Para, state: dict) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}r":
                self._run(child, para, state)
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            elif tag in _CONTAINERS:
                if tag == f"{W}fldSimple":
                    para.fields.append((child.get(f"{W}instr") or "").strip())
                self._inline(child, para, state)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self._inline(content, para, state)

    def _run(self, r: etree._Element, para: Para, state: dict) -> None:
        rpr = r.find(f"{W}rPr")
        rstyle = None
        if rpr is not None:
            rs = rpr.find(f"{W}rStyle")
            if rs is not None:
                rstyle = rs.get(f"{W}val")
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == f"{W}t":
                if state["field"] != 1:
                    parts.append(child.text or "")
            elif tag == f"{W}tab":
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") not in ("page", "column"):
                    parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    state["field"] = 1
                    state["instr"] = []
                elif kind == "separate":
                    para.fields.append("".join(state["instr"]).strip())
                    state["field"] = 2
                elif kind == "end":
                    if state["field"] == 1:
                        para.fields.append("".join(state["instr"]).strip())
                    state["field"] = 0
            elif tag == f"{W}instrText":
                state["instr"].append(child.text or "")
            elif tag in (f"{W}drawing", f"{{{MC_NS}}}AlternateContent", f"{W}pict", f"{W}object"):
                self._drawing(child, para)
        direct = parse_rpr(rpr, "direct", self.styles.theme)
        props = self.styles.run_props(para.base_r, rstyle, direct)
        if props.get("vanish", Prop(False, "")).value:
            return
        text = "".join(parts)
        if not text.isascii():          # "Số" typed as S + o + combining marks reads as "Số"
            text = unicodedata.normalize("NFC", text)
        if text or not para.runs:
            para.runs.append(Run(text, props))

    def _drawing(self, el: etree._Element, para: Para) -> None:
        extents = [e for e in el.iter(f"{{{WP_NS}}}extent")]
        if extents:
            cx = _twips(extents[0].get("cx"))          # EMU; None when missing or not a sane number
            para.drawings.append(cx // EMU_PER_TWIP if cx is not None and cx >= 0 else None)
        else:
            para.drawings.append(None)

    # ---- block content ----------------------------------------------------------------------
    def blocks(self, parent: etree._Element, part: str, out: list[Para], cell: Cell | None = None,
               tbl_style: str | None = None, top_tables: list[Table] | None = None) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                out.append(self.paragraph(child, len(out) + 1, part, cell, tbl_style))
            elif tag == f"{W}tbl":
                table = self.table(child, part, out)
                if top_tables is not None:
                    top_tables.append(table)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.blocks(content, part, out, cell, tbl_style, top_tables)
            elif tag in (f"{W}customXml", f"{W}ins"):
                self.blocks(child, part, out, cell, tbl_style, top_tables)

    def table(self, el: etree._Element, part: str, out: list[Para]) -> Table:
        table = Table(index=len(self.tables), el=el)
        self.tables.append(table)
        tblpr = el.find(f"{W}tblPr")
        tbl_style = None
        mar_l, mar_r = 108, 108                          # Word's default cell margins
        if tblpr is not None:
            ts = tblpr.find(f"{W}tblStyle")
            tbl_style = ts.get(f"{W}val") if ts is not None else None
        style_mar = self.styles.cell_margins.get(tbl_style or self.styles.default_table or "")
        if style_mar:
            mar_l = style_mar[0] if style_mar[0] is not None else mar_l
            mar_r = style_mar[1] if style_mar[1] is not None else mar_r
        if tblpr is not None:
            mar_l, mar_r = _margins(tblpr.find(f"{W}tblCellMar"), mar_l, mar_r)
        grid = [_twips(g.get(f"{W}w")) for g in el.iterfind(f"{W}tblGrid/{W}gridCol")]
        for r_index, tr in enumerate(el.iterfind(f"{W}tr")):
            row: list[Cell] = []
            grid_pos = 0
            for tc in tr.iterfind(f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                span = 1
                width = None
                cl, cr = mar_l, mar_r
                if tcpr is not None:
                    gs = tcpr.find(f"{W}gridSpan")
                    span = max(1, _twips(gs.get(f"{W}val")) or 1) if gs is not None else 1
                    tcw = tcpr.find(f"{W}tcW")
                    if tcw is not None and (tcw.get(f"{W}type") in (None, "dxa")):
                        width = _twips(tcw.get(f"{W}w"))
                    cl, cr = _margins(tcpr.find(f"{W}tcMar"), cl, cr)
                if not width and grid[grid_pos:grid_pos + span] and all(grid[grid_pos:grid_pos + span]):
                    width = sum(g or 0 for g in grid[grid_pos:grid_pos + span])
                grid_pos += span
                cell = Cell(table=table, row=r_index, col=len(row), width=width or None, margin_left=cl,
                            margin_right=cr)
                start = len(out)
                self.blocks(tc, part, out, cell, tbl_style)
                cell.paras = [p for p in out[start:] if p.cell is cell]
                row.append(cell)
            table.rows.append(row)
        return table


def _margins(el: etree._Element | None, left: int, right: int) -> tuple[int, int]:
    if el is None:
        return left, right
    for side, attr in (("left", 0), ("start", 0), ("right", 1), ("end", 1)):
        m = el.find(f"{W}{side}")
        if m is not None and m.get(f"{W}type") in (None, "dxa"):
            v = _twips(m.get(f"{W}w"))
            if v is not None:
                if attr == 0:
                    left = v
                else:
                    right = v
    return left, right


def _section(el: etree._Element, rels: dict[str, tuple[str, str]]) -> Section:
    sec = Section(el=el)
    pgsz = el.find(f"{W}pgSz")
    if pgsz is not None:
        sec.page_w = _twips(pgsz.get(f"{W}w"))
        sec.page_h = _twips(pgsz.get(f"{W}h"))
        sec.orient = pgsz.get(f"{W}orient")
    pgmar = el.find(f"{W}pgMar")
    if pgmar is not None:
        sec.margins = {side: _twips(pgmar.get(f"{W}{side}")) for side in
                       ("top", "bottom", "left", "right", "header", "footer", "gutter")}
    tp = el.find(f"{W}titlePg")
    sec.title_pg = tp is not None and (tp.get(f"{W}val") or "1").lower() not in ("0", "false", "off")
    for ref_tag, target in (("headerReference", sec.headers), ("footerReference", sec.footers)):
        for ref in el.iterfind(f"{W}{ref_tag}"):
            rel = rels.get(ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id") or "")
            if rel:
                target[ref.get(f"{W}type") or "default"] = rel[1]
    num = el.find(f"{W}pgNumType")
    if num is not None:
        sec.num_fmt = num.get(f"{W}fmt")
        sec.num_start = _twips(num.get(f"{W}start"))
    return sec


# resolved style sheets by the digest of their parts: the outputs of one batch (or one office's letters) share
# their styles.xml, which is then read once, not once per document; a few kept, the oldest dropped
_SHEETS: dict[bytes, StyleSheet] = {}
_SHEETS_KEPT = 8


def style_sheet(package: Package) -> StyleSheet:
    """The resolved styles of ``package``, shared with earlier documents whose styles and theme are the same bytes."""
    key = package.styles_key
    sheet = _SHEETS.get(key) if key else None
    if sheet is None:
        sheet = StyleSheet(*package.style_parts())
        if key:
            if len(_SHEETS) >= _SHEETS_KEPT:
                del _SHEETS[next(iter(_SHEETS))]
            _SHEETS[key] = sheet
    return sheet


def build_document(package: Package) -> Document:
    styles = style_sheet(package)
    builder = _Builder(package, styles)
    body = package.document.find(f"{W}body")
    paragraphs: list[Para] = []
    top_tables: list[Table] = []
    if body is not None:
        builder.blocks(body, "document", paragraphs, top_tables=top_tables)
    sections: list[Section] = []
    for p in paragraphs:
        sp = p.el.find(f"{W}pPr/{W}sectPr")
        if sp is not None:
            sections.append(_section(sp, package.rels))
    if body is not None:
        last = body.find(f"{W}sectPr")
        if last is not None:
            sections.append(_section(last, package.rels))
    # headers/footers inherit from the previous section when a reference is missing
    for prev, sec in zip(sections, sections[1:], strict=False):
        for refs, prev_refs in ((sec.headers, prev.headers), (sec.footers, prev.footers)):
            for kind, name in prev_refs.items():
                refs.setdefault(kind, name)
    parts: dict[str, list[Para]] = {}
    for name, root in package.parts.items():
        paras: list[Para] = []
        builder.blocks(root, name, paras)
        parts[name] = paras
    even_odd = False
    if package.settings is not None:
        el = package.settings.find(f"{W}evenAndOddHeaders")
        even_odd = el is not None and (el.get(f"{W}val") or "1").lower() not in ("0", "false", "off")
    return Document(source=package.source, styles=styles, paragraphs=paragraphs, tables=top_tables,
                    sections=sections, parts=parts, even_odd_headers=even_odd, app=dict(package.app))
