"""The layout blocks of the family ``mau_rieng`` (Công điện, Giấy mời, Giấy giới thiệu, Giấy nghỉ phép).

``mau_rieng_ten_loai``: the tên loại, the trích yếu under it where the Mẫu has one (1.6, 1.7), and the rule.
``mau_rieng_dien``: the Công điện's "<TÊN CƠ QUAN> điện:" line and its "- …;" recipients (Mẫu 1.6).
``mau_rieng_xac_nhan``: the Giấy nghỉ phép's confirmation box under the signature (Mẫu 1.10, "nếu cần").
The body is the shared ``content`` block (styled paragraphs).
"""

from __future__ import annotations

from collections.abc import Callable

from draftgen.nd30.profile import Profile
from draftgen.ooxml import layout_table, paragraph, tag_paragraph
from draftgen.templatebuild.blocks import _sid, _when


def _ten_loai(profile: Profile) -> str:
    sid = _sid(profile)
    return "".join([
        paragraph(sid["ten_loai"], "{{ ten_loai }}"),
        _when("trich_yeu", paragraph(sid["trich_yeu_loai"], "{{ trich_yeu }}")),
        tag_paragraph("{{p trich_yeu_rule_xml }}"),
    ])


def _dien(profile: Profile) -> str:
    """Mẫu 1.6: the "… điện:" line, centred; under it the recipients in the right cell of a borderless
    two-column table (its left cell empty), one "- …;" paragraph each, as the Mẫu lays them out."""
    sid = _sid(profile)
    extra = profile["nhan_dien"].extra
    items = "".join([tag_paragraph("{%p for line in nhan_dien %}"), paragraph(sid["nhan_dien"], "{{ line }}"),
                     tag_paragraph("{%p endfor %}")])
    table = layout_table(list(extra["table_cols_twips"]), [[paragraph(sid["nhan_dien"]), items]],
                         cell_margin=int(extra["cell_margin_twips"]))
    return _when("dien", paragraph(sid["dien"], "{{ dien }}") + table)


def _xac_nhan(profile: Profile) -> str:
    """Mẫu 1.10: under the signature, in the left column, the heading (italic) and room for the signature
    and seal of the body or commune where the leave is spent; the right column stays empty."""
    sid = _sid(profile)
    t = profile.tables
    left = paragraph(sid["xac_nhan"], "{{ xac_nhan }}") + paragraph(sid["chu_ky"])
    table = layout_table(t["footer_cols_twips"], [[left, paragraph(sid["xac_nhan"])]],
                         cell_margin=t["cell_margin_twips"], top_padding=t["footer_top_padding_twips"], cant_split=True)
    return _when("xac_nhan", table)


BLOCKS: dict[str, Callable[[Profile], str]] = {
    "mau_rieng_ten_loai": _ten_loai,
    "mau_rieng_dien": _dien,
    "mau_rieng_xac_nhan": _xac_nhan,
}
