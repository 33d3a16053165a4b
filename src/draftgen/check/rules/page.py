"""Page size, orientation, margins and page numbers (PL1 Phần I, spec §2)."""

from __future__ import annotations

from draftgen.check.findings import REGISTRY
from draftgen.check.model import Para
from draftgen.check.pages import is_one_page
from draftgen.check.rules.base import Context, bool_of, fmt_pt, fmt_range, source_text
from draftgen.nd30.profile import TWIPS_PER_MM

REGISTRY.add("ND30-PAGE-SIZE", "rule", "Khổ giấy A4 (210 × 297 mm)")
REGISTRY.add("ND30-PAGE-ORIENT", "rule", "Trình bày theo chiều dài khổ A4 (hướng dọc)")
REGISTRY.add("ND30-MARGIN", "rule", "Lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm")
REGISTRY.add("ND30-PAGENUM-MISSING", "practice",
             "Có số trang (trường PAGE) ở đầu trang khi văn bản dài hơn một trang")
REGISTRY.add("ND30-PAGENUM-FIRST", "rule", "Không hiển thị số trang ở trang thứ nhất")
REGISTRY.add("ND30-PAGENUM-POSITION", "rule", "Số trang canh giữa theo chiều ngang trong phần lề trên")
REGISTRY.add("ND30-PAGENUM-STYLE", "rule", "Số trang bằng chữ số Ả Rập, bắt đầu từ 1, cỡ 13–14, kiểu đứng")

SIDES_VI = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def check(ctx: Context) -> None:
    page = ctx.profile.page
    w_a4, h_a4 = page["size_twips"]
    size_tol = page["size_tolerance_twips"]
    tol_mm = page["margin_tolerance_mm"]
    has_tables = len(ctx.doc.tables) > 2
    for n, sec in enumerate(ctx.doc.sections, 1):
        where = f" (phần {n})" if len(ctx.doc.sections) > 1 else ""
        if sec.page_w and sec.page_h:
            short, long_ = sorted((sec.page_w, sec.page_h))
            if abs(short - w_a4) > size_tol or abs(long_ - h_a4) > size_tol:
                ctx.add("ND30-PAGE-SIZE",
                        f"Khổ giấy {short / TWIPS_PER_MM:.0f} × {long_ / TWIPS_PER_MM:.0f} mm{where}; "
                        "NĐ30 quy định khổ A4 (210 × 297 mm).")
            landscape = sec.page_w > sec.page_h or sec.orient == "landscape"
            if landscape and not has_tables:
                ctx.add("ND30-PAGE-ORIENT", f"Trang nằm ngang{where}; NĐ30 quy định trình bày theo chiều dài "
                        "khổ A4 (chỉ được nằm ngang khi có bảng, biểu).")
        for side, (lo, hi) in page["margins_range_mm"].items():
            value = sec.margins.get(side)
            if value is None:
                continue
            mm = abs(value) / TWIPS_PER_MM
            if mm < lo - tol_mm or mm > hi + tol_mm:
                ctx.add("ND30-MARGIN", f"Lề {SIDES_VI[side]} {fmt_pt(round(mm, 1))} mm{where}; "
                        f"NĐ30 quy định {lo}–{hi} mm.")
    _page_numbers(ctx)


def _has_page(paras: list[Para]) -> Para | None:
    for p in paras:
        for instr in p.fields:
            if instr.split(" ", 1)[0].split("\\", 1)[0].upper() == "PAGE":
                return p
    return None


def _page_numbers(ctx: Context) -> None:
    sec = ctx.doc.section
    if sec is None:
        return
    parts = ctx.doc.parts
    header = {k: parts.get(v, []) for k, v in sec.headers.items()}
    footer = {k: parts.get(v, []) for k, v in sec.footers.items()}
    first_kind = "first" if sec.title_pg else "default"
    first_hit = _has_page(header.get(first_kind, [])) or _has_page(footer.get(first_kind, []))
    if first_hit is not None:
        why = "" if sec.title_pg else " (chưa bật 'Trang đầu khác' – Different first page)"
        ctx.add("ND30-PAGENUM-FIRST", f"Số trang hiển thị ở trang thứ nhất{why}; NĐ30: không hiển thị số trang "
                "thứ nhất.", first_hit, part=first_hit.part)
    head_hit = _has_page(header.get("default", []))
    foot_hit = _has_page(footer.get("default", []))
    if head_hit is None and foot_hit is None:
        if first_hit is None and not is_one_page(ctx.doc):     # page numbers are due from page 2
            ctx.add("ND30-PAGENUM-MISSING", "Không thấy số trang (trường PAGE) ở đầu trang; văn bản dài hơn một "
                    "trang phải đánh số trang từ trang 2, canh giữa trong lề trên.")
        return
    if head_hit is None and foot_hit is not None:
        ctx.add("ND30-PAGENUM-POSITION", "Số trang đặt ở chân trang; NĐ30 quy định canh giữa trong phần lề trên "
                "(đầu trang).", foot_hit, part=foot_hit.part)
        target = foot_hit
    else:
        target = head_hit
        assert target is not None
        if target.get("jc", "left") != "center" and "\t" not in target.text:
            ctx.add("ND30-PAGENUM-POSITION", "Số trang không canh giữa; NĐ30 quy định canh giữa theo chiều ngang "
                    "trong phần lề trên.", target, part=target.part)
    _page_number_style(ctx, target, sec)


def _page_number_style(ctx: Context, para: Para, sec) -> None:
    el = ctx.profile["so_trang"]
    lo, hi = el.size_range or (el.size_pt, el.size_pt)
    runs = [r for r in para.runs if r.text.strip()] or para.runs
    problems: list[str] = []
    for run in runs[:1]:
        size, src = ctx.size_of(run)
        if size < lo - 1e-6 or size > hi + 1e-6:
            problems.append(f"cỡ chữ {fmt_pt(size)} {source_text(src)} (quy định {fmt_range(lo, hi)})")
        italic, src = bool_of(run, "i")
        if italic:
            problems.append(f"chữ nghiêng {source_text(src)} (quy định kiểu đứng)")
    if sec.num_fmt and sec.num_fmt not in ("decimal",):
        problems.append(f"kiểu số '{sec.num_fmt}' (quy định chữ số Ả Rập)")
    if sec.num_start is not None and sec.num_start != 1:
        problems.append(f"bắt đầu từ {sec.num_start} (quy định bắt đầu từ 1)")
    if problems:
        ctx.add("ND30-PAGENUM-STYLE", "Số trang: " + "; ".join(problems) + ".", para, part=para.part)
