"""Số, ký hiệu (PL1 II.3) and the V/v line (PL1 II.5.b) of a Công văn."""

from __future__ import annotations

import re

from draftgen.check.findings import REGISTRY
from draftgen.check.locate import SO_WORD, norm
from draftgen.check.rules.base import Context, fmt_pt

REGISTRY.add("ND30-SO-MISSING", "rule", "Có số, ký hiệu ('Số: …/…') dưới tên cơ quan ban hành")
REGISTRY.add("ND30-SO-FORMAT", "rule",
             "'Số:' có dấu hai chấm; số và ký hiệu nối bằng '/'; ký hiệu in hoa, các nhóm nối bằng '-', không cách")
REGISTRY.add("ND30-SO-PADDING", "rule", "Số nhỏ hơn 10 ghi thêm số 0 phía trước (01 … 09)")
REGISTRY.add("ND30-KYHIEU-CV", "rule",
             "Ký hiệu công văn là <viết tắt cơ quan>-<viết tắt đơn vị soạn thảo>, không có viết tắt tên loại (CV …)")
# the decree requires a trích yếu, but a missing "V/v" may also be one the locator cannot see: warn
REGISTRY.add("ND30-VV-MISSING", "rule", "Công văn có trích yếu nội dung sau chữ 'V/v' dưới số, ký hiệu",
             severity="warning")
REGISTRY.add("ND30-VV-FORMAT", "rule", "Trích yếu công văn bắt đầu bằng 'V/v ' (V hoa, v thường, một dấu cách)")
REGISTRY.add("ND30-VV-SPACING", "rule", "Dòng V/v cách dòng số, ký hiệu 6 pt")

SO_PARTS = re.compile(rf"^(?P<word>{SO_WORD})(?P<sp>\s*)(?P<colon>[:：]?)\s*(?P<num>[^/]*)/(?P<kh>.*)$")
BLANK_NUM = re.compile(r"^[\s._…]*$")
YEAR_RE = re.compile(r"^(\d+)\s*/\s*")           # the year of a normative number: 30/2020/NĐ-CP


def ky_hieu_groups(ctx: Context) -> list[str]:
    """The groups of the ký hiệu, without the year of a normative number ("2020/NĐ-CP" → NĐ, CP)."""
    so = ctx.lay.so
    if so is None:
        return []
    m = SO_PARTS.match(so.text.strip())
    return YEAR_RE.sub("", m.group("kh").strip()).split("-") if m else []


def check(ctx: Context) -> None:
    for _ids, fn in CHECKS:
        fn(ctx)


def _so_line(ctx: Context) -> None:
    lay = ctx.lay
    if lay.so is None:
        if lay.quoc_hieu is not None:
            ctx.add("ND30-SO-MISSING", "Không thấy dòng số, ký hiệu ('Số: 05/UBND-VP') dưới tên cơ quan ban hành.",
                    lay.co_quan[-1] if lay.co_quan else lay.quoc_hieu)
    else:
        _so(ctx)


def _so(ctx: Context) -> None:
    so = ctx.lay.so
    assert so is not None
    text = norm(so.text)
    m = SO_PARTS.match(text)
    if m is None:
        ctx.add("ND30-SO-FORMAT", f"Dòng số, ký hiệu '{text}' không đúng dạng 'Số: 05/UBND-VP'.", so)
        return
    problems = []
    if m.group("word") != "Số":
        problems.append(f"ghi đúng chữ 'Số' (S hoa, 'ố' thường có dấu; đang ghi '{m.group('word')}')")
    if not m.group("colon") or m.group("sp"):
        problems.append("sau chữ 'Số' phải có dấu hai chấm ':' liền chữ")
    num = m.group("num").strip()
    if not BLANK_NUM.match(num):
        if not num.isdecimal():
            problems.append(f"số '{num}' phải là chữ số Ả Rập")
        elif len(num) == 1 or (len(num) > 2 and num.startswith("0")):
            ctx.add("ND30-SO-PADDING", f"Số '{num}': số nhỏ hơn 10 ghi '0{int(num)}', từ 10 trở lên ghi không có số 0 "
                    "phía trước.", so)
    kh = m.group("kh")
    blank = bool(BLANK_NUM.match(num))
    if kh != kh.strip() or re.search(r"\s", kh.strip()) or (" /" in text and not blank):
        problems.append("ký hiệu không có dấu cách")
    year = YEAR_RE.match(kh.strip())
    groups = [g for g in YEAR_RE.sub("", kh.strip()).split("-")]
    mixed = set(ctx.cfg["mixed_case_tokens"])
    problems += _year(ctx, kh, year)
    if any(not g for g in groups):
        problems.append("các nhóm chữ viết tắt nối bằng một dấu '-'")
    bad_case = [g for g in groups if g and g not in mixed and g != g.upper()]
    if bad_case:
        problems.append(f"ký hiệu viết in hoa ('{bad_case[0]}')")
    if ctx.lay.is_cong_van and len([g for g in groups if g]) < 2 and not problems:
        problems.append("ký hiệu công văn gồm chữ viết tắt tên cơ quan và đơn vị soạn thảo, nối bằng '-'")
    if problems:
        ctx.add("ND30-SO-FORMAT", f"Số, ký hiệu '{text}': " + "; ".join(problems) + ".", so)
    if ctx.lay.is_cong_van and groups:
        types = set(ctx.cfg["type_abbreviations"])
        if "CV" in groups or groups[0] in types:
            bad = "CV" if "CV" in groups else groups[0]
            ctx.add("ND30-KYHIEU-CV", f"Ký hiệu công văn có chữ viết tắt tên loại '{bad}'; công văn ghi "
                    "<viết tắt cơ quan>-<viết tắt đơn vị soạn thảo>, ví dụ 'Số: 05/UBND-VP'.", so)


def _year(ctx: Context, kh: str, year: re.Match | None) -> list[str]:
    """The year segment: where it belongs (a normative number, 30/2020/NĐ-CP), four digits; nowhere else."""
    t = ctx.doc_type
    rest = YEAR_RE.sub("", kh.strip()) if year else kh
    if t is not None and t.normative:
        if year is None:
            return [f"số của {t.lower} (văn bản quy phạm pháp luật) có năm ban hành, ví dụ '30/2020/NĐ-CP'"]
        if len(year.group(1)) != 4:
            return [f"năm '{year.group(1)}' trong số phải đủ 4 chữ số"]
        return ["ký hiệu không có dấu '/' thứ ba"] if "/" in rest else []
    if "/" not in kh:
        return []
    if t is None or t.is_cong_van:
        return ["ký hiệu công văn không có năm hay dấu '/' thứ hai"]
    return [f"ký hiệu của {t.lower} không có năm hay dấu '/' thứ hai (chỉ số của văn bản quy phạm pháp luật có "
            "năm: 30/2020/NĐ-CP)"]


def _vv(ctx: Context) -> None:
    lay = ctx.lay
    vv = lay.vv
    if vv is not None and not lay.is_cong_van:
        return                         # ND30-TRICHYEU-VV (rules/typed.py): no V/v on a typed document
    if vv is None:
        if lay.is_cong_van and lay.kinh_gui is not None:
            ctx.add("ND30-VV-MISSING", "Không thấy trích yếu 'V/v …' dưới số, ký hiệu của công văn.", lay.so)
        return
    text = vv.text.strip()
    if not re.match(r"^V/v \S", text):
        ctx.add("ND30-VV-FORMAT", f"Trích yếu '{norm(text)[:30]}…' phải bắt đầu bằng 'V/v ' (V hoa, v thường, "
                "không dấu hai chấm).", vv)
    so = lay.so
    if so is None or so is vv:
        return
    before = (vv.get("sp.before", 0) or 0) / 20
    if vv.get("sp.beforeAutospacing"):
        before = 14
    after_so = (so.get("sp.after", 0) or 0) / 20 if so.cell is vv.cell else 0
    need = ctx.cfg["vv_space_before_pt"] - ctx.tol["spacing_pt"]
    if max(before, after_so) < need:
        ctx.add("ND30-VV-SPACING", f"Dòng V/v cách dòng số, ký hiệu {fmt_pt(max(before, after_so))} pt; NĐ30 quy "
                f"định {ctx.cfg['vv_space_before_pt']} pt.", vv)


CHECKS = (
    (("ND30-SO-MISSING", "ND30-SO-FORMAT", "ND30-SO-PADDING", "ND30-KYHIEU-CV"), _so_line),
    (("ND30-VV-MISSING", "ND30-VV-FORMAT", "ND30-VV-SPACING"), _vv),
)
