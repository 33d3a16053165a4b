"""The geometry the engine derives, made to follow the template's real header columns.

The profile says how wide the header columns are (``tables.header_cols_twips``) and the Draft's indents
(the rule under the issuer, the KHẨN/MẬT boxes) are computed for those widths; the bundled template's
rule under the Tiêu ngữ is written for them too. An office that widens a column in Word gets a template
whose columns differ: :func:`header_inner_widths` reads the real ones (``w:tblGrid`` minus the cell
margins) once when the template is compiled, :func:`retarget` moves an indent pair to the real column,
and :func:`tieu_ngu_rule_follows` rewrites the Tiêu ngữ rule's indents in the template itself.
"""

from __future__ import annotations

import re

from draftgen.draft import Indents
from draftgen.nd30.metrics import text_width_twips
from draftgen.nd30.profile import Profile

_TABLE = re.compile(r"<w:tbl>.*?</w:tbl>", re.S)
_GRID = re.compile(r'<w:gridCol w:w="(\d+)"')
_MARGIN = re.compile(r'<w:tblCellMar>.*?<w:(?:left|start) w:w="(\d+)"[^>]*/>.*?<w:(?:right|end) w:w="(\d+)"', re.S)
_WORD_MARGIN = 108  # Word's default left and right cell margin (twips) when the table sets none


def profile_inner_widths(profile: Profile) -> tuple[int, int]:
    margin = profile.tables["cell_margin_twips"]
    left, right = profile.tables["header_cols_twips"][:2]
    return left - 2 * margin, right - 2 * margin


def header_inner_widths(document_xml: str) -> tuple[int, int] | None:
    """The text widths (twips) of the two columns of the template's header table (its first table), or None."""
    table = _TABLE.search(document_xml)
    if table is None:
        return None
    cols = [int(v) for v in _GRID.findall(table.group())[:2]]
    if len(cols) < 2:
        return None
    margins = _MARGIN.search(table.group().split("<w:tr", 1)[0])
    left, right = (int(margins.group(1)), int(margins.group(2))) if margins else (_WORD_MARGIN, _WORD_MARGIN)
    return cols[0] - left - right, cols[1] - left - right


def retarget(indents: Indents, planned: int, real: int, centred: bool = True) -> Indents:
    """Indents computed for a column ``planned`` twips wide, moved to one ``real`` twips wide (same length,
    shortened only when the real column is narrower)."""
    length = max(0, min(planned - indents.left - indents.right, real))
    if not centred:
        return Indents(indents.left, max(0, real - indents.left - length))
    side = max(0, (real - length) // 2)
    return Indents(side, max(0, real - length - side))


def tieu_ngu_rule_follows(document_xml: str, profile: Profile, real: int) -> str:
    """The template with the rule under the Tiêu ngữ (the empty rule paragraph after it, in the header table)
    as long as the Tiêu ngữ and centred in the real column."""
    style = profile["tieu_ngu"]
    text = style.extra["text"]
    width = text_width_twips(text, style.size_pt, style.bold)
    side = max(0, (real - width) // 2)
    rule_id = profile.elements["duong_ke"].style_id
    pattern = re.compile(rf'({re.escape(text)}</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="{rule_id}"/>'
                         r'<w:ind w:left=")\d+(" w:right=")\d+(")')
    return pattern.sub(rf"\g<1>{side}\g<2>{side}\g<3>", document_xml, count=1)
