"""The layout blocks of the Biên bản (Mẫu 1.9), found by :func:`draftgen.templatebuild.blocks.family_blocks` by
name (its Phụ lục are the shared block ``phu_luc``).

``header_bien_ban``: Mẫu 1.9's one-row header: ô 2 with the Số under it | Quốc hiệu, Tiêu ngữ (no ô 4).
``footer_bien_ban``: THƯ KÝ (left) and CHỦ TỌA (right) side by side in one row that does not split, each
title, the room for the signature (and the chủ tọa's seal), the name; "Nơi nhận:" under the thư ký.
"""

from __future__ import annotations

from collections.abc import Callable

from draftgen.nd30.profile import Profile
from draftgen.ooxml import layout_table, paragraph
from draftgen.templatebuild.blocks import _each, _sid, _when, issuer_cell, marks, national_cell


def _header(profile: Profile) -> str:
    """Mẫu 1.9's one-row header: ô 2 and ô 3 (no ô 4: a Biên bản has no place-and-date line) | ô 1."""
    t = profile.tables
    left = issuer_cell(profile) + paragraph(_sid(profile)["so_ky_hieu"], "{{ so_ky_hieu }}") + marks(profile)
    return layout_table(t["header_cols_twips"], [[left, national_cell(profile)]], cell_margin=t["cell_margin_twips"])


def _footer(profile: Profile) -> str:
    """Mẫu 1.9's signature table: THƯ KÝ | CHỦ TỌA in one row, then "Nơi nhận:" under the thư ký in the next
    row (as the Mẫu has it, 12 pt under the names: the rows' top padding); neither row splits across pages."""
    sid = _sid(profile)
    t = profile.tables
    # the thư ký's column has as many title lines as the chủ tọa's (thu_ky_authority is padded), and a
    # blank line where the chủ tọa has another title above the name, so the two names stand level
    thu_ky = "".join([
        _each("thu_ky_authority", sid["quyen_han"]),
        paragraph(sid["chu_ky"]),
        _when("chuc_vu_khac", paragraph(sid["quyen_han"])),
        paragraph(sid["ho_ten"], "{{ thu_ky_ho_ten }}"),
    ])
    chu_toa = "".join([
        _each("authority", sid["quyen_han"]),
        paragraph(sid["chu_ky"]),
        _when("chuc_vu_khac", paragraph(sid["quyen_han"], "{{ chuc_vu_khac }}")),
        paragraph(sid["ho_ten"], "{{ ho_ten }}"),
    ])
    noi_nhan = "".join([
        paragraph(sid["noi_nhan_nhan"], "{{ noi_nhan_label }}"),
        _each("noi_nhan", sid["noi_nhan"]),
        _when("ky_hieu_soan_thao", paragraph(sid["ky_hieu_soan_thao"], "{{ ky_hieu_soan_thao }}")),
    ])
    return layout_table(t["footer_cols_twips"], [[thu_ky, chu_toa], [noi_nhan, paragraph(sid["noi_nhan"])]],
                        cell_margin=t["cell_margin_twips"], top_padding=t["footer_top_padding_twips"],
                        cant_split=True)


BLOCKS: dict[str, Callable[[Profile], str]] = {
    "header_bien_ban": _header,
    "footer_bien_ban": _footer,
}
