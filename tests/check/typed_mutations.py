"""Faults of the documents with a tên loại (tests/check/good_typed.py), each breaking exactly one requirement.

``TYPED_MUTATIONS`` maps a fault name to (kind of good document, function that edits it, the one rule id the
checker must report, the ``--loai`` to check it with or None). Like mutations.py, the functions edit runs and
paragraphs directly, so they work on the named-style and on the clerk's document.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips
from good_letter import find, set_text
from good_typed import CAN_CU, DIEN, KINDS, KINH_MOI, MUC, THAM_QUYEN
from mutations import _fmt, _font, _text, insert_after, remove

Mutation = Callable[[DocxDocument], None]
CHI_THI = KINDS["chi_thi"]
TRICH_YEU = CHI_THI[3]


def rule_under_trich_yeu(doc):
    p = find(doc, TRICH_YEU)
    return type(p)(p._p.getnext(), p._parent)


def remove_trich_yeu_rule(doc):
    rule = rule_under_trich_yeu(doc)
    rule._p.getparent().remove(rule._p)


def full_width_trich_yeu_rule(doc):
    pf = rule_under_trich_yeu(doc).paragraph_format
    pf.left_indent, pf.right_indent = Twips(0), Twips(0)


def kinh_gui_on_chi_thi(doc):
    insert_after(rule_under_trich_yeu(doc), "Kính gửi: Các sở, ban, ngành tỉnh.", 14, align=WD_ALIGN_PARAGRAPH.CENTER)


def dieu_label(doc, number: int, bold: bool = True, label: str | None = None):
    p = find(doc, f"Điều {number}.")
    p.runs[0].font.bold = bold
    if label is not None:
        p.runs[0].text = label


def swap_signatures(doc):
    thu_ky, chu_toa = find(doc, "THƯ KÝ"), find(doc, "CHỦ TỌA")
    set_text(thu_ky, "CHỦ TỌA")
    set_text(chu_toa, "THƯ KÝ")


def drop_name_under(title: str) -> Mutation:
    """Remove the last paragraph (the name) of the cell whose first line is ``title``."""
    def apply(doc):
        cell = find(doc, title)._p.getparent()
        cell.remove([el for el in cell.iterchildren() if el.tag.endswith("}p")][-1])
    return apply


def _tql(doc):
    for run in find(doc, THAM_QUYEN).runs:
        run.font.bold = False


TYPED_MUTATIONS: dict[str, tuple[str, Mutation, str, str | None]] = {
    # Mẫu 1.4: tên loại, trích yếu, its rule, the typed ký hiệu (PL1 II.3.b, II.5.b)
    "ten_loai_not_bold": ("chi_thi", _font("CHỈ THỊ", bold=False), "ND30-TEN-LOAI-STYLE", None),
    "ten_loai_12pt": ("chi_thi", _font("CHỈ THỊ", size=Pt(12)), "ND30-TEN-LOAI-SIZE", None),
    "ten_loai_left": ("chi_thi", _fmt("CHỈ THỊ", alignment=WD_ALIGN_PARAGRAPH.LEFT), "ND30-TEN-LOAI-ALIGN", None),
    "ten_loai_not_caps": ("chi_thi", _text("CHỈ THỊ", "Chỉ thị"), "ND30-TEN-LOAI-CASE", None),
    "trich_yeu_vv": ("chi_thi", _text(TRICH_YEU, TRICH_YEU.replace("Về", "V/v")), "ND30-TRICHYEU-VV", None),
    "trich_yeu_not_bold": ("chi_thi", _font(TRICH_YEU, bold=False), "ND30-TRICH-YEU-LOAI-STYLE", None),
    "trich_yeu_12pt": ("chi_thi", _font(TRICH_YEU, size=Pt(12)), "ND30-TRICH-YEU-LOAI-SIZE", None),
    "trich_yeu_no_rule": ("chi_thi", remove_trich_yeu_rule, "ND30-TRICHYEU-RULE", None),
    "trich_yeu_rule_full_width": ("chi_thi", full_width_trich_yeu_rule, "ND30-TRICHYEU-RULE", None),
    "ky_hieu_kh_on_chi_thi": ("chi_thi", _text("Số:", "Số: 05/KH-SNV"), "ND30-KYHIEU-LOAI", None),
    "ky_hieu_without_type": ("chi_thi", _text("Số:", "Số: 05/SNV-VP"), "ND30-KYHIEU-LOAI", None),
    "ky_hieu_type_only": ("chi_thi", _text("Số:", "Số: 05/CT"), "ND30-KYHIEU-LOAI", None),
    "ky_hieu_year_on_ke_hoach": ("ke_hoach", _text("Số:", "Số: 15/2026/KH-SNV"), "ND30-SO-FORMAT", None),
    "no_ten_loai": ("chi_thi", remove(["CHỈ THỊ"]), "ND30-TENLOAI-MISSING", None),
    "kinh_gui_on_chi_thi": ("chi_thi", kinh_gui_on_chi_thi, "ND30-KINHGUI-LOAI", None),
    "muc_not_bold": ("ke_hoach", _font(MUC[1], bold=False), "ND30-MUC-LA-MA-STYLE", None),
    "muc_not_caps": ("ke_hoach", _text(MUC[1], "II. Tổ chức thực hiện"), "ND30-MUC-LA-MA-CASE", None),
    # the type: a tên loại that is not the type asked for (the ký hiệu agrees with --loai)
    "mislabelled_type": ("chi_thi", _text("Số:", "Số: 05/KH-SNV"), "ND30-LOAI-MISMATCH", "ke_hoach"),
    # Quyết định (Mẫu 1.2; PL1 II.6.a, II.6.đ)
    "can_cu_not_italic": ("quyet_dinh", _font(CAN_CU[0], italic=False), "ND30-CAN-CU-STYLE", None),
    "can_cu_12pt": ("quyet_dinh", _font(CAN_CU[1], size=Pt(12)), "ND30-CAN-CU-SIZE", None),
    "can_cu_no_semicolon": ("quyet_dinh", _text(CAN_CU[0], CAN_CU[0].rstrip(";")), "ND30-CANCU-PUNCT", None),
    "can_cu_last_semicolon": ("quyet_dinh", _text(CAN_CU[2], CAN_CU[2].replace(".", ";")), "ND30-CANCU-PUNCT",
                              None),
    "no_quyet_dinh_line": ("quyet_dinh", remove(["QUYẾT ĐỊNH:"]), "ND30-QUYET-LINE", None),
    "quyet_dinh_line_no_colon": ("quyet_dinh", _text("QUYẾT ĐỊNH:", "QUYẾT ĐỊNH"), "ND30-QUYET-LINE", None),
    "quyet_dinh_line_not_bold": ("quyet_dinh", _font("QUYẾT ĐỊNH:", bold=False), "ND30-QUYET-STYLE", None),
    "tham_quyen_not_bold": ("quyet_dinh", _tql, "ND30-THAM-QUYEN-STYLE", None),
    "dieu_not_bold": ("quyet_dinh", lambda doc: dieu_label(doc, 2, bold=False), "ND30-DIEU-LABEL", None),
    "dieu_no_dot": ("quyet_dinh", lambda doc: dieu_label(doc, 2, label="Điều 2"), "ND30-DIEU-LABEL", None),
    "dieu_skips_a_number": ("quyet_dinh", lambda doc: dieu_label(doc, 3, label="Điều 4."), "ND30-DIEU-LABEL", None),
    "noi_nhan_nhu_tren_on_qd": ("quyet_dinh", _text("- Như Điều 3;", "- Như trên;"), "ND30-NOINHAN-NHU-DIEU", None),
    "ky_hieu_kh_on_qd": ("quyet_dinh", _text("Số:", "Số: 120/KH-SNV"), "ND30-KYHIEU-LOAI", None),
    # Biên bản (Mẫu 1.9), Công điện (Mẫu 1.6), Giấy mời (Mẫu 1.7)
    "bien_ban_no_thu_ky": ("bien_ban", _text("THƯ KÝ", ""), "ND30-BIENBAN-SIGN", None),
    "bien_ban_swapped": ("bien_ban", swap_signatures, "ND30-BIENBAN-SIGN", None),
    "bien_ban_no_name": ("bien_ban", drop_name_under("CHỦ TỌA"), "ND30-BIENBAN-SIGN", None),
    "bien_ban_title_not_bold": ("bien_ban", _font("CHỦ TỌA", bold=False), "ND30-QUYEN-HAN-STYLE", None),
    "cong_dien_no_dien_line": ("cong_dien", remove([DIEN[0]]), "ND30-CONGDIEN-DIEN", None),
    "cong_dien_recipient_no_semicolon": ("cong_dien", _text(DIEN[1], DIEN[1].rstrip(";")), "ND30-CONGDIEN-DIEN",
                                         None),
    "giay_moi_no_kinh_moi": ("giay_moi", remove([KINH_MOI]), "ND30-GIAYMOI-MOI", None),
}
