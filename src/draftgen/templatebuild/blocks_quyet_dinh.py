"""The layout blocks of the Quyết định family (Mẫu 1.1, 1.2, 1.3): authority, căn cứ, "QUYẾT ĐỊNH:", the Điều
with their bold labels, and the document issued with a Mẫu 1.3 decision (from a new page).

Found by :func:`draftgen.templatebuild.blocks.family_blocks` by name; the shared blocks (header, tên loại,
footer) are in :mod:`draftgen.templatebuild.blocks`.
"""

from __future__ import annotations

from collections.abc import Callable

from draftgen.nd30.profile import Profile
from draftgen.ooxml import indent, layout_table, paragraph, tag_paragraph, text_run
from draftgen.templatebuild.blocks import _each, _sid, _tieu_ngu_rule_indents, _when

_BOLD = "<w:b/><w:bCs/>"


def _labelled(items: str) -> str:
    """One paragraph per element of ``items`` (view-model Lines): its style, its label as a bold run (when it has
    one: "Điều 1."), then its text as a run of the style. The ``{%r %}`` runs are docxtpl run tags: they keep
    the template an ordinary, valid document a clerk can open and restyle in Word."""
    runs = "".join([
        text_run("{%r if line.label %}"), text_run("{{ line.label }}", _BOLD), text_run("{%r endif %}"),
        text_run("{%r if line.text %}"), text_run("{{ line.text }}"), text_run("{%r endif %}"),
    ])
    return "".join([tag_paragraph(f"{{%p for line in {items} %}}"),
                    paragraph("{{ line.style }}", runs, raw=True), tag_paragraph("{%p endfor %}")])


def _page_break() -> str:
    """A page break in a 1-twip-high paragraph: what is left of it on the new page takes no room."""
    return ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val="2"/></w:rPr>'
            '<w:br w:type="page"/></w:r></w:p>')


def _attachment_rule(profile: Profile) -> str:
    """The rule under "(Kèm theo Quyết định số …)", centred. That line is long and fills the text width, so
    the rule is ``issuer_rule_fraction`` of the width (PL1 II.5.b: 1/3 to 1/2 of the line; UNCONFIRMED for
    the attachment's heading, which the decree shows only in the Mẫu 1.3 template)."""
    width = profile.text_width_twips
    side = (width - round(width * profile.raw["rules"]["issuer_rule_fraction"])) // 2
    return paragraph(_sid(profile)["duong_ke"], ppr=indent(side, side))


def _attachment(profile: Profile) -> str:
    """Mẫu 1.3, the issued document: a new page, the issuer | Quốc hiệu table (no số, no date), the tên loại,
    the trích yếu, "(Kèm theo Quyết định số …)", a rule, then its Chương, Điều, khoản (no signature)."""
    e = profile.elements
    sid = _sid(profile)
    t = profile.tables
    rule_left, rule_right = _tieu_ngu_rule_indents(profile)
    left = "".join([_each("chu_quan", sid["chu_quan"]), _each("co_quan", sid["co_quan"]),
                    tag_paragraph("{{p issuer_rule_xml }}")])
    right = "".join([paragraph(sid["quoc_hieu"], e["quoc_hieu"].extra["text"]),
                     paragraph(sid["tieu_ngu"], e["tieu_ngu"].extra["text"]),
                     paragraph(sid["duong_ke"], ppr=indent(rule_left, rule_right))])
    return _when("van_ban_kem_theo", "".join([
        _page_break(),
        layout_table(t["header_cols_twips"], [[left, right]], cell_margin=t["cell_margin_twips"]),
        paragraph(sid["ten_loai"], "{{ van_ban_kem_theo.ten_loai }}"),
        paragraph(sid["trich_yeu_loai"], "{{ van_ban_kem_theo.trich_yeu }}"),
        paragraph(sid["kem_theo_quyet_dinh"], "{{ van_ban_kem_theo.kem_theo }}"),
        _attachment_rule(profile),
        _labelled("van_ban_kem_theo.content"),
    ]))


BLOCKS: dict[str, Callable[[Profile], str]] = {
    "tham_quyen": lambda profile: _each("tham_quyen", _sid(profile)["tham_quyen"]),
    "can_cu": lambda profile: _each("can_cu", _sid(profile)["can_cu"]),
    "quyet": lambda profile: paragraph(_sid(profile)["quyet"], "{{ quyet }}"),
    "dieu": lambda profile: _labelled("dieu"),
    "van_ban_kem_theo": _attachment,
}
