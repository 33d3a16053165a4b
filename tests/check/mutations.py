"""Faults, each breaking exactly one ND30 requirement of a good letter (tests/check/good_letter.py).

``MUTATIONS`` maps a fault name to (function that edits the python-docx Document, the one rule id
the checker must report). The functions edit formatting directly on runs and paragraphs, so they
work on both the named-style letter and the clerk's direct-formatting letter.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph
from good_letter import (
    CHU_QUAN,
    CO_QUAN,
    DATE,
    HO_TEN,
    QUYEN_HAN,
    SO,
    TIEU_NGU,
    VV,
    add_page_field,
    find,
    set_text,
)

Mutation = Callable[[DocxDocument], None]


def _p(doc: DocxDocument, prefix: str) -> Paragraph:
    return find(doc, prefix)


def _runs(doc, prefix, **font) -> None:
    for run in _p(doc, prefix).runs:
        for k, v in font.items():
            setattr(run.font, k, v)


def _text(prefix: str, new: str) -> Mutation:
    return lambda doc: set_text(_p(doc, prefix), new)


def _font(prefix: str, **font) -> Mutation:
    return lambda doc: _runs(doc, prefix, **font)


def _fmt(prefix: str, **fmt) -> Mutation:
    def apply(doc):
        pf = _p(doc, prefix).paragraph_format
        for k, v in fmt.items():
            setattr(pf, k, v)
    return apply


def _section(**attrs) -> Mutation:
    def apply(doc):
        for k, v in attrs.items():
            setattr(doc.sections[0], k, v)
    return apply


def landscape(doc):
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width


def header_paragraph(doc) -> Paragraph:
    return doc.sections[0].header.paragraphs[0]


def page_number_on_first_page(doc):
    add_page_field(doc.sections[0].first_page_header.paragraphs[0], 14)


def no_page_field(doc):
    p = header_paragraph(doc)
    for r in list(p._p):
        if r.tag == qn("w:r"):
            p._p.remove(r)


def page_number_in_footer(doc):
    no_page_field(doc)
    fp = doc.sections[0].footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_field(fp, 14)


def page_number_right(doc):
    header_paragraph(doc).alignment = WD_ALIGN_PARAGRAPH.RIGHT


def page_number_12pt(doc):
    for r in header_paragraph(doc).runs:
        r.font.size = Pt(12)


def page_number_roman(doc):
    num = OxmlElement("w:pgNumType")
    num.set(qn("w:fmt"), "lowerRoman")
    doc.sections[0]._sectPr.append(num)


def _body_run_rfonts(doc, **attrs):
    run = _p(doc, "2. Phân công").runs[0]
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for k, v in attrs.items():
        rfonts.set(qn(f"w:{k}"), v)


def calibri_via_theme(doc):
    _body_run_rfonts(doc, asciiTheme="majorHAnsi", hAnsiTheme="majorHAnsi")


def east_asia_calibri(doc):
    _body_run_rfonts(doc, eastAsia="Calibri")


def red_text(doc):
    _p(doc, "2. Phân công").runs[0].font.color.rgb = RGBColor(0xFF, 0, 0)


def _cell_paras(doc, table: int, row: int, col: int) -> list[Paragraph]:
    return doc.tables[table].cell(row, col).paragraphs


def tieu_ngu_rule(doc) -> Paragraph:
    return _cell_paras(doc, 0, 0, 1)[2]


def issuer_rule(doc) -> Paragraph:
    return _cell_paras(doc, 0, 0, 0)[2]


def remove_tieu_ngu_rule(doc):
    p = tieu_ngu_rule(doc)
    p._p.getparent().remove(p._p)


def short_tieu_ngu_rule(doc):
    pf = tieu_ngu_rule(doc).paragraph_format
    pf.left_indent = Twips(pf.left_indent.twips + 900)
    pf.right_indent = Twips(pf.right_indent.twips + 900)


def full_issuer_rule(doc):
    pf = issuer_rule(doc).paragraph_format
    pf.left_indent = Twips(0)
    pf.right_indent = Twips(0)


def underscore_rule(doc):
    p = tieu_ngu_rule(doc)
    p._p.remove(p._p.pPr)
    run = p.add_run("______________________")
    run.font.name = "Times New Roman"
    run.font.size = Pt(14)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def insert_after(p: Paragraph, text: str, size: float, bold: bool = False, italic: bool = False,
                 align=WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:
    new = OxmlElement("w:p")
    p._p.addnext(new)
    para = Paragraph(new, p._parent)
    para.alignment = align
    run = para.add_run(text)
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    return para


def ten_loai_line(doc):
    header_table = doc.tables[0]._tbl
    new = OxmlElement("w:p")
    header_table.addnext(new)
    para = Paragraph(new, doc._body)
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run("CÔNG VĂN")
    run.font.name = "Times New Roman"
    run.font.size = Pt(14)
    run.font.bold = True


def remove(prefixes: list[str]) -> Mutation:
    def apply(doc):
        for prefix in prefixes:
            p = _p(doc, prefix)
            p._p.getparent().remove(p._p)
    return apply


def misalign_kinh_gui(doc):
    p = _p(doc, "- Các sở, ban")
    p.paragraph_format.left_indent = Twips(p.paragraph_format.left_indent.twips + 400)


def kinh_gui_flush_left(doc):
    for prefix in ("- Ủy ban nhân dân", "- Các sở, ban"):
        _p(doc, prefix).paragraph_format.left_indent = Twips(0)


def placeholder(doc):
    gap = _cell_paras(doc, 1, 0, 1)[2]
    insert_after(gap, "(Chữ ký, dấu)", 14, italic=True)


MUTATIONS: dict[str, tuple[Mutation, str]] = {
    # page (PL1 I)
    "page_letter_size": (_section(page_width=Twips(12240), page_height=Twips(15840)), "ND30-PAGE-SIZE"),
    "page_landscape": (landscape, "ND30-PAGE-ORIENT"),
    "margin_left_25mm": (_section(left_margin=Mm(25)), "ND30-MARGIN"),
    "margin_top_15mm": (_section(top_margin=Mm(15)), "ND30-MARGIN"),
    "no_title_pg": (_section(different_first_page_header_footer=False), "ND30-PAGENUM-FIRST"),
    "page_number_on_page_1": (page_number_on_first_page, "ND30-PAGENUM-FIRST"),
    "no_page_field": (no_page_field, "ND30-PAGENUM-MISSING"),
    "page_number_in_footer": (page_number_in_footer, "ND30-PAGENUM-POSITION"),
    "page_number_right": (page_number_right, "ND30-PAGENUM-POSITION"),
    "page_number_12pt": (page_number_12pt, "ND30-PAGENUM-STYLE"),
    "page_number_roman": (page_number_roman, "ND30-PAGENUM-STYLE"),
    # fonts
    "body_font_arial": (_font("2. Phân công", name="Arial"), "ND30-FONT"),
    "calibri_via_theme": (calibri_via_theme, "ND30-FONT"),
    "east_asia_calibri": (east_asia_calibri, "ND30-FONT-SLOTS"),
    "red_text": (red_text, "ND30-FONT-COLOR"),
    # Quốc hiệu, Tiêu ngữ, issuer (PL1 II.1–2)
    "quoc_hieu_text": (_text("CỘNG HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆTNAM"), "ND30-QUOCHIEU-TEXT"),
    "quoc_hieu_not_caps": (_text("CỘNG HÒA", "Cộng hòa xã hội chủ nghĩa Việt Nam"), "ND30-QUOC-HIEU-CASE"),
    "quoc_hieu_14pt": (_font("CỘNG HÒA", size=Pt(14)), "ND30-QUOC-HIEU-SIZE"),
    "quoc_hieu_not_bold": (_font("CỘNG HÒA", bold=False), "ND30-QUOC-HIEU-STYLE"),
    "tieu_ngu_en_dash": (_text(TIEU_NGU, "Độc lập – Tự do – Hạnh phúc"), "ND30-TIEUNGU-TEXT"),
    "tieu_ngu_italic": (_font(TIEU_NGU, italic=True), "ND30-TIEU-NGU-STYLE"),
    "tieu_ngu_no_rule": (remove_tieu_ngu_rule, "ND30-TIEUNGU-RULE"),
    "tieu_ngu_rule_short": (short_tieu_ngu_rule, "ND30-TIEUNGU-RULE"),
    "issuer_rule_full_width": (full_issuer_rule, "ND30-ISSUER-RULE"),
    "underscore_rule": (underscore_rule, "ND30-RULE-UNDERSCORE"),
    "issuer_not_bold": (_font(CO_QUAN, bold=False), "ND30-CO-QUAN-STYLE"),
    "issuer_left": (_fmt(CO_QUAN, alignment=WD_ALIGN_PARAGRAPH.LEFT), "ND30-CO-QUAN-ALIGN"),
    "issuer_14pt": (_font(CO_QUAN, size=Pt(14)), "ND30-CO-QUAN-SIZE"),
    "chu_quan_bold": (_font(CHU_QUAN, bold=True), "ND30-CHU-QUAN-STYLE"),
    "chu_quan_not_caps": (_text(CHU_QUAN, "UBND tỉnh Lâm Đồng"), "ND30-CHU-QUAN-CASE"),
    "ten_loai_cong_van": (ten_loai_line, "ND30-TEN-LOAI"),
    # Số, ký hiệu; V/v (PL1 II.3, II.5)
    "so_not_padded": (_text(SO, "Số: 5/SNV-VP"), "ND30-SO-PADDING"),
    "ky_hieu_cv": (_text(SO, "Số: 05/CV-SNV"), "ND30-KYHIEU-CV"),
    "so_no_colon": (_text(SO, "Số 05/SNV-VP"), "ND30-SO-FORMAT"),
    "ky_hieu_lowercase": (_text(SO, "Số: 05/SNV-Vp"), "ND30-SO-FORMAT"),
    "so_14pt": (_font(SO, size=Pt(14)), "ND30-SO-KY-HIEU-SIZE"),
    "retired_ministry": (_text(SO, "Số: 05/BKHĐT-VP"), "ND30-2025-MINISTRY"),
    "vv_bold": (_font(VV, bold=True), "ND30-TRICH-YEU-STYLE"),
    "vv_caps_prefix": (_text(VV, VV.replace("V/v", "V/V")), "ND30-VV-FORMAT"),
    "vv_no_spacing": (_fmt(VV, space_before=Pt(0)), "ND30-VV-SPACING"),
    "vv_14pt": (_font(VV, size=Pt(14)), "ND30-TRICH-YEU-SIZE"),
    "vv_left": (_fmt(VV, alignment=WD_ALIGN_PARAGRAPH.LEFT), "ND30-TRICH-YEU-ALIGN"),
    # date (PL1 II.4)
    "month_03": (_text(DATE, DATE.replace("tháng 3", "tháng 03")), "ND30-DATE-MONTH-PAD"),
    "month_1_unpadded": (_text(DATE, DATE.replace("tháng 3", "tháng 1")), "ND30-DATE-MONTH-PAD"),
    "day_5": (_text(DATE, DATE.replace("ngày 05", "ngày 5")), "ND30-DATE-DAY-PAD"),
    "date_no_comma": (_text(DATE, DATE.replace(",", "")), "ND30-DATE-FORMAT"),
    "date_slashes": (_text(DATE, "Lâm Đồng, ngày 05/3/2026"), "ND30-DATE-FORMAT"),
    "date_impossible": (_text(DATE, DATE.replace("ngày 05 tháng 3", "ngày 30 tháng 02")), "ND30-DATE-VALID"),
    "date_not_italic": (_font(DATE, italic=False), "ND30-DIA-DANH-STYLE"),
    "date_12pt": (_font(DATE, size=Pt(12)), "ND30-DIA-DANH-SIZE"),
    # Kính gửi (PL1 II.9.b, d)
    "kinh_gui_last_semicolon": (_text("- Các sở, ban", "- Các sở, ban, ngành tỉnh;"), "ND30-KINHGUI-PUNCT"),
    "kinh_gui_no_colon": (_text("Kính gửi", "Kính gửi"), "ND30-KINHGUI-PUNCT"),
    "kinh_gui_misaligned": (misalign_kinh_gui, "ND30-KINHGUI-ALIGN"),
    "kinh_gui_flush_left": (kinh_gui_flush_left, "ND30-KINHGUI-COLON"),
    "kinh_gui_bold": (_font("Kính gửi", bold=True), "ND30-KINH-GUI-STYLE"),
    "kinh_gui_items_12pt": (_font("- Các sở, ban", size=Pt(12)), "ND30-KINH-GUI-MUC-SIZE"),
    "no_kinh_gui": (remove(["Kính gửi", "- Ủy ban nhân dân", "- Các sở, ban"]), "ND30-KINHGUI-MISSING"),
    # body (PL1 II.6)
    "body_indent_2cm": (_fmt("2. Phân công", first_line_indent=Twips(1134)), "ND30-NOI-DUNG-INDENT"),
    "body_spacing_0": (_fmt("2. Phân công", space_before=Pt(0)), "ND30-NOI-DUNG-SPACING"),
    "body_line_2": (_fmt("2. Phân công", line_spacing=2.0), "ND30-NOI-DUNG-LINE"),
    "body_12pt": (_font("2. Phân công", size=Pt(12)), "ND30-NOI-DUNG-SIZE"),
    "body_left": (_fmt("2. Phân công", alignment=WD_ALIGN_PARAGRAPH.LEFT), "ND30-NOI-DUNG-ALIGN"),
    "no_end_mark": (_text("Sở Nội vụ đề nghị", "Sở Nội vụ đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện."),
                    "ND30-END-MARK"),
    "point_e_after_d": (lambda doc: set_text(_p(doc, "đ)"), "e)" + _p(doc, "đ)").text[2:]), "ND30-LETTERING"),
    "point_f": (lambda doc: set_text(_p(doc, "đ)"), "f)" + _p(doc, "đ)").text[2:]), "ND30-LETTERING"),
    # Nơi nhận (PL1 II.9.d), ô 12
    "noi_nhan_no_nhu_tren": (remove(["- Như trên;"]), "ND30-NOINHAN-FIRST"),
    "noi_nhan_luu_no_colon": (_text("- Lưu:", "- Lưu VT, VP (02)."), "ND30-NOINHAN-LAST"),
    "noi_nhan_label_no_colon": (_text("Nơi nhận:", "Nơi nhận"), "ND30-NOINHAN-LABEL"),
    "noi_nhan_item_no_semicolon": (_text("- Bộ Nội vụ", "- Bộ Nội vụ (để b/c)"), "ND30-NOINHAN-ITEM"),
    "noi_nhan_label_not_italic": (_font("Nơi nhận:", italic=False), "ND30-NOI-NHAN-NHAN-STYLE"),
    "noi_nhan_items_12pt": (_font("- Bộ Nội vụ", size=Pt(12)), "ND30-NOI-NHAN-SIZE"),
    "o12_wrong_form": (_text("NV.(20)", "nv 20 bản"), "ND30-KYHIEU-SOANTHAO"),
    # signature (PL1 II.7)
    "signer_all_caps": (_text(HO_TEN, HO_TEN.upper()), "ND30-HO-TEN-CASE"),
    "signer_not_bold": (_font(HO_TEN, bold=False), "ND30-HO-TEN-STYLE"),
    "signer_academic_title": (_text(HO_TEN, "TS. " + HO_TEN), "ND30-SIGNER-TITLE"),
    "authority_not_caps": (_text(QUYEN_HAN[1], "Phó Giám đốc"), "ND30-QUYEN-HAN-CASE"),
    "authority_prefix_no_dot": (_text(QUYEN_HAN[0], "KT GIÁM ĐỐC"), "ND30-QUYENHAN-PREFIX"),
    "authority_13_to_12pt": (_font(QUYEN_HAN[1], size=Pt(12)), "ND30-QUYEN-HAN-SIZE"),
    "signature_placeholder": (placeholder, "ND30-SIGN-PLACEHOLDER"),
    # 2025 reorganisation (changes.md)
    "district_issuer_2026": (_text(CHU_QUAN, "UBND HUYỆN ĐỨC TRỌNG"), "ND30-2025-DISTRICT"),
    "district_place_2026": (_text(DATE, DATE.replace("Lâm Đồng", "Huyện Lâm Hà")), "ND30-2025-DISTRICT"),
    "old_province_2026": (_text(CHU_QUAN, "UBND TỈNH ĐẮK NÔNG"), "ND30-2025-PROVINCE"),
}
