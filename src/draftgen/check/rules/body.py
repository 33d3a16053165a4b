"""Nội dung (PL1 II.6): first-line indent, spacing, line spacing, lettering of điểm, end mark."""

from __future__ import annotations

import re

from draftgen.check.findings import REGISTRY
from draftgen.check.model import Para
from draftgen.check.rules.base import Context, fmt_pt
from draftgen.check.rules.base import source_text as src_text
from draftgen.nd30.lettering import letter_index, point_label

REGISTRY.add("ND30-NOI-DUNG-INDENT", "rule", "Nội dung: lùi đầu dòng 1 cm hoặc 1,27 cm")
REGISTRY.add("ND30-NOI-DUNG-SPACING", "rule", "Nội dung: khoảng cách giữa các đoạn tối thiểu 6 pt")
REGISTRY.add("ND30-NOI-DUNG-LINE", "rule", "Nội dung: khoảng cách giữa các dòng từ dòng đơn (1,0) đến 1,5 dòng")
REGISTRY.add("ND30-LETTERING", "rule",
             "Điểm đánh theo thứ tự chữ cái tiếng Việt: a) b) c) d) đ) e) g) h) i) k) … (không có f, j, w, z)")
REGISTRY.add("ND30-END-MARK", "template", "Nội dung kết thúc bằng dấu './.'")

POINT_RE = re.compile(r"^\s*([a-zđăâêôơư]{1,2})\)\s")


def _aggregate(ctx: Context, rule_id: str, hits: list[tuple[Para, str]]) -> None:
    if not hits:
        return
    para, msg = hits[0]
    more = f" (và {len(hits) - 1} đoạn khác)" if len(hits) > 1 else ""
    ctx.add(rule_id, msg + more, para)


def check(ctx: Context) -> None:
    for _ids, fn in CHECKS:
        fn(ctx)


def _format(ctx: Context) -> None:
    body = ctx.lay.body
    if not body:
        return
    el = ctx.profile["noi_dung"]
    allowed = el.extra.get("first_line_indent_allowed_twips", [567, 720])
    tol = el.extra.get("indent_tolerance_twips", ctx.tol["indent_twips"])
    paras = ctx.doc.paragraphs
    pos = {id(p): i for i, p in enumerate(paras)}
    indent_hits, spacing_hits, line_hits = [], [], []
    prev: Para | None = None
    for p in body:
        centered = p.get("jc") == "center"
        numbered = p.el.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pPr/"
                             "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numPr") is not None
        first = p.get("ind.first", 0) or 0
        if not centered and not numbered and not p.text.startswith("\t") and \
                not any(abs(first - a) <= tol for a in allowed):
            src = p.props["ind.first"].source if "ind.first" in p.props else "defaults"
            indent_hits.append((p, f"Nội dung: lùi đầu dòng {first / 567:.2f} cm {src_text(src)}; NĐ30 quy định "
                                "1 cm hoặc 1,27 cm.".replace(".", ",", 1)))
        if prev is not None:
            gap_ok = any(not q.text.strip() for q in paras[pos[id(prev)] + 1: pos[id(p)]])
            before = 14.0 if p.get("sp.beforeAutospacing") else (p.get("sp.before", 0) or 0) / 20
            after = 14.0 if prev.get("sp.afterAutospacing") else (prev.get("sp.after", 0) or 0) / 20
            if p.get("contextualSpacing") and prev.style_id == p.style_id:
                before = after = 0.0
            need = ctx.cfg["body_space_min_pt"] - ctx.tol["spacing_pt"]
            if not gap_ok and before + after < need:
                spacing_hits.append((p, f"Nội dung: khoảng cách giữa hai đoạn {fmt_pt(before + after)} pt; NĐ30 quy "
                                     f"định tối thiểu {ctx.cfg['body_space_min_pt']} pt."))
        msg = _line_spacing(ctx, p)
        if msg:
            line_hits.append((p, msg))
        prev = p
    _aggregate(ctx, "ND30-NOI-DUNG-INDENT", indent_hits)
    _aggregate(ctx, "ND30-NOI-DUNG-SPACING", spacing_hits)
    _aggregate(ctx, "ND30-NOI-DUNG-LINE", line_hits)


def _end_mark(ctx: Context) -> None:
    body = ctx.lay.body
    if body and not body[-1].text.rstrip().endswith("./."):
        ctx.add("ND30-END-MARK", "Đoạn cuối của nội dung nên kết thúc bằng dấu './.'.", body[-1])


def _line_spacing(ctx: Context, p: Para) -> str | None:
    line = p.get("sp.line")
    if line is None:
        return None
    rule = p.get("sp.lineRule", "auto")
    tol = ctx.tol["line_multiple"]
    src = src_text(p.props["sp.line"].source)
    if rule == "auto":
        mult = line / 240
        if mult < 1.0 - tol or mult > 1.5 + tol:
            return f"Nội dung: giãn dòng {mult:.2f} dòng {src}; NĐ30 quy định từ 1,0 đến 1,5 dòng.".replace(".", ",", 1)
        return None
    runs = p.text_runs()
    if not runs:
        return None
    size, _ = ctx.size_of(runs[0])
    single = size * ctx.cfg["single_line_factor"]
    if single <= 0:                    # w:sz="0" or negative: the size rule reports it, no ratio to judge
        return None
    ratio = (line / 20) / single
    if (rule == "exact" and ratio < 0.85) or ratio > 1.5 + 3 * tol:
        kind = "chính xác" if rule == "exact" else "tối thiểu"
        return (f"Nội dung: giãn dòng {kind} {fmt_pt(line / 20)} pt {src} (khoảng {ratio:.2f} dòng); NĐ30 quy định "
                "từ 1,0 đến 1,5 dòng.")
    return None


def _lettering(ctx: Context) -> None:
    expected = 0                       # index of the letter the next point should have
    for p in ctx.lay.body:
        m = POINT_RE.match(p.text)
        if m is None:
            continue
        letter = m.group(1)
        try:
            idx = letter_index(letter)
        except ValueError:
            ctx.add("ND30-LETTERING", f"Điểm '{letter})': chữ cái này không dùng để đánh số điểm; dùng a) b) c) d) đ) "
                    "e) g) h) i) k) …", p)
            expected += 1
            continue
        if idx == 0:
            expected = 1
            continue
        # No previous point (expected == 0): the list began before the located body, or its a) is
        # Word's automatic numbering (not in the text). Nothing to compare with: follow on from here.
        if expected > 0 and idx != expected:
            ctx.add("ND30-LETTERING", f"Điểm '{letter})' đứng sau '{point_label(expected - 1)}'; đúng thứ tự là "
                    f"'{point_label(expected)}'.", p)
        expected = idx + 1


CHECKS = (
    (("ND30-NOI-DUNG-INDENT", "ND30-NOI-DUNG-SPACING", "ND30-NOI-DUNG-LINE"), _format),
    (("ND30-LETTERING",), _lettering),
    (("ND30-END-MARK",), _end_mark),
)
