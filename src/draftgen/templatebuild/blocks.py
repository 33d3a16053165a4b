"""The layout blocks of word/document.xml (header table, Kính gửi, body, footer, Phụ lục …), composed per type."""

from __future__ import annotations

from collections.abc import Callable

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


def _sid(profile: Profile) -> dict[str, str]:
    return {k: v.style_id for k, v in profile.elements.items()}


def issuer_cell(profile: Profile) -> str:
    """Ô 2: the chủ quản and issuer lines and the rule under them (the header's top-left cell)."""
    sid = _sid(profile)
    return "".join([_each("chu_quan", sid["chu_quan"]), _each("co_quan", sid["co_quan"]),
                    tag_paragraph("{{p issuer_rule_xml }}")])


def national_cell(profile: Profile) -> str:
    """Ô 1: Quốc hiệu, Tiêu ngữ and the rule as long as the Tiêu ngữ (the header's top-right cell)."""
    e = profile.elements
    sid = _sid(profile)
    rule_left, rule_right = _tieu_ngu_rule_indents(profile)
    return "".join([paragraph(sid["quoc_hieu"], e["quoc_hieu"].extra["text"]),
                    paragraph(sid["tieu_ngu"], e["tieu_ngu"].extra["text"]),
                    paragraph(sid["duong_ke"], ppr=indent(rule_left, rule_right))])


def marks(profile: Profile) -> str:
    """Ô 10a, 10b: the secrecy and urgency boxes (their XML is made by the renderer's context)."""
    return tag_paragraph("{{p do_mat_xml }}") + tag_paragraph("{{p do_khan_xml }}")


def _header(profile: Profile, v_v: bool) -> str:
    """The header table: ô 2 | ô 1 on top; ô 3 (+ the Công văn's V/v, ô 5b) and the marks | ô 4 below."""
    sid = _sid(profile)
    t = profile.tables
    left_bottom = "".join([
        paragraph(sid["so_ky_hieu"], "{{ so_ky_hieu }}"),
        paragraph(sid["trich_yeu"], "{{ trich_yeu }}") if v_v else "",
        marks(profile),
    ])
    right_bottom = paragraph(sid["dia_danh"], "{{ dia_danh_ngay }}")
    return layout_table(t["header_cols_twips"], [[issuer_cell(profile), national_cell(profile)],
                                                 [left_bottom, right_bottom]], cell_margin=t["cell_margin_twips"])


def _kinh_gui(profile: Profile) -> str:
    sid = _sid(profile)
    return "".join([
        tag_paragraph("{%p if kinh_gui_inline %}"),
        paragraph(sid["kinh_gui"], "{{ kinh_gui_inline }}"),
        tag_paragraph("{%p else %}"),
        paragraph(sid["kinh_gui"], "{{ kinh_gui_label }}"),
        _each("kinh_gui_items", sid["kinh_gui_muc"]),
        tag_paragraph("{%p endif %}"),
    ])


def _kinh_gui_optional(profile: Profile) -> str:
    return _when("kinh_gui_inline or kinh_gui_label", _kinh_gui(profile))


def _ten_loai(profile: Profile) -> str:
    """Ô 5a: the tên loại, the trích yếu under it, and the rule under the trích yếu."""
    sid = _sid(profile)
    return "".join([paragraph(sid["ten_loai"], "{{ ten_loai }}"), paragraph(sid["trich_yeu_loai"], "{{ trich_yeu }}"),
                    tag_paragraph("{{p trich_yeu_rule_xml }}")])


def _content(profile: Profile) -> str:
    """A body of paragraphs whose styles differ (Mục headings, items, points): one styled paragraph each,
    or a table where the view model has one (its XML is made by the renderer's context)."""
    return "".join([tag_paragraph("{%p for para in content %}"), tag_paragraph("{%p if para.table %}"),
                    tag_paragraph("{{p para.table_xml }}"), tag_paragraph("{%p else %}"),
                    paragraph("{{ para.style }}", "{{ para.text|runs }}"), tag_paragraph("{%p endif %}"),
                    tag_paragraph("{%p endfor %}")])


def _footer(profile: Profile) -> str:
    sid = _sid(profile)
    t = profile.tables
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
    return layout_table(t["footer_cols_twips"], [[footer_left, footer_right]], cell_margin=t["cell_margin_twips"],
                        top_padding=t["footer_top_padding_twips"], cant_split=True)


def _kem_theo_rule(profile: Profile) -> str:
    """The short rule under "(Kèm theo …)" (Mẫu 2.1): a fixed length, centred on the text width; then an
    empty line before the body, as the Mẫu leaves (a table would otherwise touch the rule)."""
    sid = _sid(profile)
    length = round(float(profile["phu_luc_kem_theo"].extra.get("rule_mm", 30)) * TWIPS_PER_MM)
    side = max(0, (profile.text_width_twips - length) // 2)
    return paragraph(sid["duong_ke"], ppr=indent(side, side)) + paragraph(sid["phu_luc_kem_theo"])


def _phu_luc(profile: Profile) -> str:
    """Each Phụ lục from a new page (the page break before its "Phụ lục" line), then its body: a paragraph
    of the body's style, the end mark "./." on its own line (after a final table), or a table. The styles are
    named in the template (no ``{{ para.style }}``): a template whose style is a tag is not a valid package
    until rendered, and every family's template, the Công văn's included, carries this block."""
    sid = _sid(profile)
    end_style = sid["dau_ket"]
    return "".join([
        _when("phu_luc", _section_break(_sect(profile))),
        tag_paragraph("{%p for pl in phu_luc %}"),
        paragraph(sid["phu_luc_so"], "{{ pl.nhan }}", ppr="<w:pageBreakBefore/>"),
        paragraph(sid["phu_luc_ten"], "{{ pl.tieu_de }}"),
        paragraph(sid["phu_luc_kem_theo"], "{{ pl.kem_theo }}"),
        _kem_theo_rule(profile),
        tag_paragraph("{%p for para in pl.content %}"), tag_paragraph("{%p if para.table %}"),
        tag_paragraph("{{p para.table_xml }}"), tag_paragraph(f"{{%p elif para.style == '{end_style}' %}}"),
        paragraph(end_style, "{{ para.text }}"), tag_paragraph("{%p else %}"),
        paragraph(sid["noi_dung"], "{{ para.text|runs }}"), tag_paragraph("{%p endif %}"),
        tag_paragraph("{%p endfor %}"),
        _when("not loop.last", _section_break(_sect(profile, first_page="", numbering=_RESTART))),
        tag_paragraph("{%p endfor %}"),
    ])


def _sect(profile: Profile, *, first_page: str = "<w:titlePg/>", numbering: str = "") -> str:
    """Section properties: A4, the margins, the page-number header from page 2 (``first_page``: ``w:titlePg``,
    a different first page), ``numbering`` (a ``w:pgNumType``, e.g. restarting at 1)."""
    page = profile.page
    mm = page["margins_mm"]
    margins = {side: round(mm[side] * TWIPS_PER_MM) for side in ("top", "bottom", "left", "right")}
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        '<w:footerReference w:type="default" r:id="rIdFooterDefault"/>'
        '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>'
        f'<w:pgSz w:w="{page["size_twips"][0]}" w:h="{page["size_twips"][1]}"/>'
        f'<w:pgMar w:top="{margins["top"]}" w:right="{margins["right"]}" w:bottom="{margins["bottom"]}" '
        f'w:left="{margins["left"]}" w:header="{round(page["header_distance_mm"] * TWIPS_PER_MM)}" '
        f'w:footer="{round(page["footer_distance_mm"] * TWIPS_PER_MM)}" w:gutter="0"/>'
        f'{numbering}<w:cols w:space="720"/>{first_page}</w:sectPr>'
    )


# PL1 III.1.đ: "Số trang của Phụ lục được đánh số riêng theo từng Phụ lục": each Phụ lục is a section of its own
# whose page numbers restart at 1. UNCONFIRMED whether an appendix's first page shows its number: the decree
# hides only the document's first one (PL1 II.10); common practice numbers an appendix from its first page
# ("1" marks where it starts), so an appendix's section has no different first page (and no ô 13 footer).
_RESTART = '<w:pgNumType w:start="1"/>'


def _section_break(sect: str) -> str:
    """An empty 1-twip paragraph that ends a section (its ``w:sectPr`` in the paragraph's properties)."""
    return _EMPTY_P.replace("</w:rPr></w:pPr>", f"</w:rPr>{sect}</w:pPr>")


def _final_sect(profile: Profile, annexes: bool) -> str:
    """The body's last section: the document's own (pages numbered from 2) when it has no Phụ lục, else its
    last Phụ lục's (numbered from 1, from its first page). The choice is made by the renderer's Jinja inside
    XML comments, so the template itself stays a valid package showing the document's own section."""
    if not annexes:
        return _sect(profile)
    return _sect(profile, first_page="<!--{% if not phu_luc %}--><w:titlePg/><!--{% endif %}-->",
                 numbering=f"<!--{{% if phu_luc %}}-->{_RESTART}<!--{{% endif %}}-->")


# The blocks a layout (data/doc_types.yaml, families.<family>.layout) is made of, by name.
BLOCKS: dict[str, Callable[[Profile], str]] = {
    "du_thao": lambda profile: _when("du_thao", paragraph(_sid(profile)["du_thao"], "{{ du_thao }}")),
    "header_v_v": lambda profile: _header(profile, v_v=True),
    "header": lambda profile: _header(profile, v_v=False),
    "kinh_gui": _kinh_gui,
    "kinh_gui_optional": _kinh_gui_optional,
    "ten_loai": _ten_loai,
    "body": lambda profile: "".join([tag_paragraph("{%p for para in body %}"),
                                     paragraph(_sid(profile)["noi_dung"], "{{ para|runs }}"),
                                     tag_paragraph("{%p endfor %}")]),
    "content": _content,
    "footer": _footer,
    "phu_luc": _phu_luc,
}

DEFAULT_LAYOUT = ("du_thao", "header_v_v", "kinh_gui", "body", "footer")


def family_blocks(family: str | None) -> dict[str, Callable[[Profile], str]]:
    """The shared blocks plus a family's own, from ``draftgen.templatebuild.blocks_<family>`` (its ``BLOCKS``)
    when that module exists: a new family adds its blocks without editing this file."""
    import importlib

    blocks = dict(BLOCKS)
    if family:
        try:
            module = importlib.import_module(f"draftgen.templatebuild.blocks_{family}")
        except ModuleNotFoundError as exc:
            if exc.name != f"draftgen.templatebuild.blocks_{family}":
                raise
        else:
            blocks.update(module.BLOCKS)
    return blocks


def document_xml(profile: Profile, layout: tuple[str, ...] | list[str] = DEFAULT_LAYOUT,
                 family: str | None = None) -> str:
    """word/document.xml with docxtpl tags: the blocks of ``layout`` in order, then the section properties."""
    known = family_blocks(family)
    unknown = [name for name in layout if name not in known]
    if unknown:
        raise KeyError(f"unknown layout blocks {unknown}; known: {sorted(known)}")
    blocks = "".join(known[name](profile) for name in layout)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" '
            f'xmlns:r="{R_NS}"><w:body>{blocks}{_EMPTY_P}{_final_sect(profile, "phu_luc" in layout)}</w:body>'
            '</w:document>')
