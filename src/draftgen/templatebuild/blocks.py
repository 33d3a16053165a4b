"""The layout blocks of word/document.xml (header table, Kính gửi, body, footer …), composed per type."""

from __future__ import annotations

from draftgen.nd30.metrics import text_width_twips
from draftgen.nd30.profile import TWIPS_PER_MM, Profile
from draftgen.ooxml import R_NS, W_NS, indent, layout_table, paragraph, tag_paragraph

# A 1-twip-high empty paragraph: Word needs a paragraph after a final table and in an empty header/footer.
_EMPTY_P = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')


def _tieu_ngu_rule_indents(profile: Profile) -> tuple[int, int]:
    style = profile["tieu_ngu"]
    inner = profile.tables["header_cols_twips"][1] - 2 * profile.tables["cell_margin_twips"]
    width = text_width_twips(style.extra["text"], style.size_pt, style.bold)
    side = max(0, (inner - width) // 2)
    return side, side


def _each(items: str, style_id: str, var: str = "line") -> str:
    """One paragraph of ``style_id`` repeated for every element of the context list ``items``."""
    return "".join([tag_paragraph(f"{{%p for {var} in {items} %}}"), paragraph(style_id, f"{{{{ {var} }}}}"),
                    tag_paragraph("{%p endfor %}")])


def _when(condition: str, content: str) -> str:
    """``content`` only when the context value ``condition`` is set."""
    return tag_paragraph(f"{{%p if {condition} %}}") + content + tag_paragraph("{%p endif %}")


def document_xml(profile: Profile) -> str:
    """word/document.xml with docxtpl tags."""
    e = profile.elements
    sid = {k: v.style_id for k, v in e.items()}
    t = profile.tables
    left_top = "".join([
        _each("chu_quan", sid["chu_quan"]),
        _each("co_quan", sid["co_quan"]),
        tag_paragraph("{{p issuer_rule_xml }}"),
    ])
    rule_left, rule_right = _tieu_ngu_rule_indents(profile)
    right_top = "".join([
        paragraph(sid["quoc_hieu"], e["quoc_hieu"].extra["text"]),
        paragraph(sid["tieu_ngu"], e["tieu_ngu"].extra["text"]),
        paragraph(sid["duong_ke"], ppr=indent(rule_left, rule_right)),
    ])
    left_bottom = "".join([
        paragraph(sid["so_ky_hieu"], "{{ so_ky_hieu }}"),
        paragraph(sid["trich_yeu"], "{{ trich_yeu }}"),
        tag_paragraph("{{p do_mat_xml }}"),
        tag_paragraph("{{p do_khan_xml }}"),
    ])
    right_bottom = paragraph(sid["dia_danh"], "{{ dia_danh_ngay }}")
    header = layout_table(t["header_cols_twips"], [[left_top, right_top], [left_bottom, right_bottom]],
                          cell_margin=t["cell_margin_twips"])
    kinh_gui = "".join([
        tag_paragraph("{%p if kinh_gui_inline %}"),
        paragraph(sid["kinh_gui"], "{{ kinh_gui_inline }}"),
        tag_paragraph("{%p else %}"),
        paragraph(sid["kinh_gui"], "{{ kinh_gui_label }}"),
        _each("kinh_gui_items", sid["kinh_gui_muc"]),
        tag_paragraph("{%p endif %}"),
    ])
    body = _each("body", sid["noi_dung"], var="para")
    footer_left = "".join([
        paragraph(sid["noi_nhan_nhan"], "{{ noi_nhan_label }}"),
        _each("noi_nhan", sid["noi_nhan"]),
        _when("ky_hieu_soan_thao", paragraph(sid["ky_hieu_soan_thao"], "{{ ky_hieu_soan_thao }}")),
    ])
    footer_right = "".join([
        _each("authority", sid["quyen_han"]),
        paragraph(sid["chu_ky"]),
        _when("chuc_vu_khac", paragraph(sid["quyen_han"], "{{ chuc_vu_khac }}")),
        paragraph(sid["ho_ten"], "{{ ho_ten }}"),
    ])
    footer = layout_table(t["footer_cols_twips"], [[footer_left, footer_right]], cell_margin=t["cell_margin_twips"],
                          top_padding=t["footer_top_padding_twips"], cant_split=True)
    du_thao = _when("du_thao", paragraph(sid["du_thao"], "{{ du_thao }}"))
    tail = _EMPTY_P
    page = profile.page
    mm = page["margins_mm"]
    margins = {side: round(mm[side] * TWIPS_PER_MM) for side in ("top", "bottom", "left", "right")}
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        '<w:footerReference w:type="default" r:id="rIdFooterDefault"/>'
        '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>'
        f'<w:pgSz w:w="{page["size_twips"][0]}" w:h="{page["size_twips"][1]}"/>'
        f'<w:pgMar w:top="{margins["top"]}" w:right="{margins["right"]}" w:bottom="{margins["bottom"]}" '
        f'w:left="{margins["left"]}" w:header="{round(page["header_distance_mm"] * TWIPS_PER_MM)}" '
        f'w:footer="{round(page["footer_distance_mm"] * TWIPS_PER_MM)}" w:gutter="0"/>'
        '<w:cols w:space="720"/><w:titlePg/></w:sectPr>'
    )
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" '
            f'xmlns:r="{R_NS}"><w:body>{du_thao}{header}{kinh_gui}{body}{footer}{tail}{sect}</w:body></w:document>')
