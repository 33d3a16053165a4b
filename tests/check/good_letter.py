"""A correct two-page Công văn built in memory with python-docx, in two ways:

* ``named``: named paragraph styles (like draftgen's template, /work/notes/layout.md);
* ``clerk``: the way a clerk formats in Word — python-docx's default template, no named styles,
  every size/bold/italic/alignment/indent set as direct formatting, header in a borderless table.

Values come from the ND30 profile (the spec data), positions from layout.md. Tests mutate the
returned python-docx Document to break exactly one requirement.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.text.paragraph import Paragraph

from draftgen.nd30.metrics import text_width_twips
from draftgen.nd30.profile import default_profile

ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
         "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}
TNR = "Times New Roman"
CELL_MARGIN = 57

CHU_QUAN = "UBND TỈNH LÂM ĐỒNG"
CO_QUAN = "SỞ NỘI VỤ"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
SO = "Số: 05/SNV-VP"
VV = "V/v hướng dẫn thực hiện chế độ báo cáo định kỳ năm 2026"
DATE = "Lâm Đồng, ngày 05 tháng 3 năm 2026"
KINH_GUI = ["- Ủy ban nhân dân các xã, phường, đặc khu;", "- Các sở, ban, ngành tỉnh."]
FILLER = ("bảo đảm đúng thời hạn, đầy đủ nội dung, số liệu chính xác và gửi về Sở Nội vụ qua Hệ thống quản lý "
          "văn bản và điều hành để tổng hợp, báo cáo Ủy ban nhân dân tỉnh theo quy định")
BODY = [
    "Thực hiện Quyết định số 120/QĐ-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh về chế độ báo cáo "
    "định kỳ, Sở Nội vụ đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:",
    f"1. Rà soát, cập nhật danh mục báo cáo định kỳ của cơ quan, đơn vị; {FILLER}.",
    f"a) Báo cáo tháng gửi trước ngày 20 hằng tháng, {FILLER};",
    f"b) Báo cáo quý gửi trước ngày 20 của tháng cuối quý, {FILLER};",
    f"c) Báo cáo sáu tháng gửi trước ngày 20 tháng 6, {FILLER};",
    f"d) Báo cáo năm gửi trước ngày 20 tháng 12, {FILLER};",
    f"đ) Báo cáo đột xuất gửi theo yêu cầu của cơ quan có thẩm quyền, {FILLER}.",
    f"2. Phân công công chức đầu mối theo dõi, tổng hợp báo cáo; {FILLER}.",
    f"3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về Sở Nội vụ; {FILLER}.",
    "Sở Nội vụ đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.",
]
NOI_NHAN = ["- Như trên;", "- Bộ Nội vụ (để b/c);", "- UBND tỉnh (để b/c);", "- Lưu: VT, VP (02)."]
O12 = "NV.(20)"
QUYEN_HAN = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
HO_TEN = "Nguyễn Văn An"


def _fonts_all_slots(rpr) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), TNR)


def set_border(paragraph: Paragraph, side: str = "bottom", val: str = "single") -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.append(bdr)
    el = OxmlElement(f"w:{side}")
    for k, v in (("w:val", val), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        el.set(qn(k), v)
    bdr.append(el)


def add_page_field(paragraph: Paragraph, size_pt: float | None = None) -> None:
    for kind in ("begin", None, "separate", "2", "end"):
        run = paragraph.add_run()
        if size_pt:
            run.font.size = Pt(size_pt)
            run.font.name = TNR
        if kind in ("begin", "separate", "end"):
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            run.text = kind


def _fix_table(table, widths: list[int]) -> None:
    tbl = table._tbl
    tblpr = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(CELL_MARGIN))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(w))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Twips(w)


class LetterBuilder:
    def __init__(self, clerk: bool = False):
        self.clerk = clerk
        self.profile = default_profile()
        self.doc: DocxDocument = Document()
        self._page()
        if not clerk:
            self._styles()

    # ---- setup ------------------------------------------------------------------------------
    def _page(self) -> None:
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Twips(11906), Twips(16838)
        m = self.profile.page["margins_mm"]
        sec.top_margin, sec.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
        sec.left_margin, sec.right_margin = Mm(m["left"]), Mm(m["right"])
        sec.header_distance, sec.footer_distance = Mm(10), Mm(8)
        sec.different_first_page_header_footer = True
        hp = sec.header.paragraphs[0]
        el = self.profile["so_trang"]
        if self.clerk:
            hp.alignment = ALIGN["center"]
            add_page_field(hp, el.size_pt)
        else:
            hp.style = self.doc.styles.add_style(el.style, WD_STYLE_TYPE.PARAGRAPH)
            self._style_format(hp.style, el)
            add_page_field(hp)
        sec.first_page_header.paragraphs[0].text = ""

    def _style_format(self, style, el) -> None:
        style.base_style = self.doc.styles["Normal"]
        font = style.font
        font.name = TNR
        _fonts_all_slots(style.element.get_or_add_rPr())
        font.size = Pt(el.size_pt)
        font.bold = el.bold
        font.italic = el.italic
        pf = style.paragraph_format
        pf.alignment = ALIGN[el.align]
        pf.space_before = Pt(el.space_before_pt)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        if el.first_line_indent_twips:
            pf.first_line_indent = Twips(el.first_line_indent_twips)

    def _styles(self) -> None:
        styles = self.doc.styles
        rpr_default = self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _fonts_all_slots(rpr_default)
        rpr_default.find(qn("w:sz")).set(qn("w:val"), "28")
        ppr_default = self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
        spacing = ppr_default.find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        for key, el in self.profile.elements.items():
            if key == "so_trang" or el.style in [s.name for s in styles]:
                continue
            style = styles.add_style(el.style, WD_STYLE_TYPE.PARAGRAPH)
            self._style_format(style, el)

    # ---- content ----------------------------------------------------------------------------
    def para(self, container, key: str, text: str, reuse_first: bool = False) -> Paragraph:
        el = self.profile[key]
        if reuse_first and container.paragraphs and not container.paragraphs[0].text:
            p = container.paragraphs[0]
        else:
            p = container.add_paragraph()
        if self.clerk:
            pf = p.paragraph_format
            pf.alignment = ALIGN[el.align]
            pf.space_before = Pt(el.space_before_pt)
            pf.space_after = Pt(0)
            pf.line_spacing = 1.0
            if el.first_line_indent_twips:
                pf.first_line_indent = Twips(el.first_line_indent_twips)
        else:
            p.style = self.doc.styles[el.style]
        if text:
            run = p.add_run(text)
            if self.clerk:
                run.font.name = TNR
                run.font.size = Pt(el.size_pt)
                run.font.bold = el.bold
                run.font.italic = el.italic
        return p

    def rule(self, container, text_width: int, cell_width: int) -> Paragraph:
        p = self.para(container, "duong_ke", "")
        avail = cell_width - 2 * CELL_MARGIN
        side = max(0, (avail - text_width) // 2)
        p.paragraph_format.left_indent = Twips(side)
        p.paragraph_format.right_indent = Twips(side)
        set_border(p)
        if self.clerk:
            p.paragraph_format.alignment = ALIGN["center"]
            p.paragraph_format.space_before = Pt(0)
            p.paragraph_format.line_spacing = Pt(3)
        return p

    def build(self) -> DocxDocument:
        doc, prof = self.doc, self.profile
        hw = prof.tables["header_cols_twips"]
        fw = prof.tables["footer_cols_twips"]
        header = doc.add_table(rows=2, cols=2)
        _fix_table(header, hw)
        left, right = header.cell(0, 0), header.cell(0, 1)
        self.para(left, "chu_quan", CHU_QUAN, reuse_first=True)
        self.para(left, "co_quan", CO_QUAN)
        issuer_w = text_width_twips(CO_QUAN, prof["co_quan"].size_pt, True)
        self.rule(left, round(issuer_w * prof.raw["rules"]["issuer_rule_fraction"]), hw[0])
        self.para(right, "quoc_hieu", QUOC_HIEU, reuse_first=True)
        self.para(right, "tieu_ngu", TIEU_NGU)
        self.rule(right, text_width_twips(TIEU_NGU, prof["tieu_ngu"].size_pt, True), hw[1])
        self.para(header.cell(1, 0), "so_ky_hieu", SO, reuse_first=True)
        self.para(header.cell(1, 0), "trich_yeu", VV)
        self.para(header.cell(1, 1), "dia_danh", DATE, reuse_first=True)
        label = self.para(doc, "kinh_gui", "Kính gửi:")
        label_indent = prof.raw["kinh_gui"]["label_indent_twips"]
        label.paragraph_format.first_line_indent = Twips(label_indent)
        dash_at = label_indent + text_width_twips("Kính gửi:", prof["kinh_gui"].size_pt) - \
            text_width_twips(":", prof["kinh_gui"].size_pt) // 2
        for item in KINH_GUI:
            p = self.para(doc, "kinh_gui_muc", item)
            p.paragraph_format.left_indent = Twips(dash_at)
        for text in BODY:
            self.para(doc, "noi_dung", text)
        footer = doc.add_table(rows=1, cols=2)
        _fix_table(footer, fw)
        nl, nr = footer.cell(0, 0), footer.cell(0, 1)
        self.para(nl, "noi_nhan_nhan", "Nơi nhận:", reuse_first=True)
        for item in NOI_NHAN:
            self.para(nl, "noi_nhan", item)
        self.para(nl, "ky_hieu_soan_thao", O12)
        self.para(nr, "quyen_han", QUYEN_HAN[0], reuse_first=True)
        self.para(nr, "quyen_han", QUYEN_HAN[1])
        gap = self.para(nr, "chu_ky", "")
        gap.paragraph_format.line_spacing = Pt(72)
        self.para(nr, "ho_ten", HO_TEN)
        return doc


def build_letter(clerk: bool = False) -> DocxDocument:
    return LetterBuilder(clerk=clerk).build()


def to_bytes(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def all_paragraphs(doc: DocxDocument) -> list[Paragraph]:
    """Body paragraphs and those inside table cells, in document order."""
    out: list[Paragraph] = []
    body = doc.element.body
    for el in body.iter(qn("w:p")):
        out.append(Paragraph(el, doc._body))
    return out


def find(doc: DocxDocument, prefix: str) -> Paragraph:
    for p in all_paragraphs(doc):
        if p.text.startswith(prefix):
            return p
    raise LookupError(prefix)


def set_text(p: Paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping the first run's formatting."""
    runs = p.runs
    runs[0].text = text
    for r in runs[1:]:
        r._r.getparent().remove(r._r)
