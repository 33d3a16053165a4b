"""Quốc hiệu, Tiêu ngữ, issuer block, their rule lines, and the Công văn's missing type name
(PL1 II.1, II.2, II.5.b; spec §4.1, §4.2, §4.5)."""

from __future__ import annotations

from draftgen.check.findings import REGISTRY
from draftgen.check.locate import norm
from draftgen.check.rules.base import Context
from draftgen.check.rules.rulelines import find_rule_line
from draftgen.nd30.metrics import text_width_twips

REGISTRY.add("ND30-QUOCHIEU-MISSING", "rule", "Có Quốc hiệu ở trên cùng, bên phải trang đầu")
REGISTRY.add("ND30-QUOCHIEU-TEXT", "rule", "Quốc hiệu đúng chữ: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'")
REGISTRY.add("ND30-TIEUNGU-TEXT", "rule",
             "Tiêu ngữ đúng chữ 'Độc lập - Tự do - Hạnh phúc' (gạch nối có cách chữ), ngay dưới Quốc hiệu")
REGISTRY.add("ND30-TIEUNGU-RULE", "rule", "Dưới Tiêu ngữ có đường kẻ ngang, nét liền, dài bằng dòng chữ")
REGISTRY.add("ND30-ISSUER-MISSING", "rule", "Có tên cơ quan, tổ chức ban hành (ô 2, bên trái)")
REGISTRY.add("ND30-ISSUER-RULE", "rule",
             "Dưới tên cơ quan ban hành có đường kẻ ngang, nét liền, dài 1/3–1/2 dòng chữ, đặt cân đối")
REGISTRY.add("ND30-RULE-UNDERSCORE", "template",
             "Đường kẻ nên là đường viền đoạn hoặc nét vẽ, không gõ bằng dấu gạch dưới '_' (độ dài không chuẩn)")
REGISTRY.add("ND30-TEN-LOAI", "rule", "Công văn không có tên loại ('CÔNG VĂN') ở đầu văn bản")


def check(ctx: Context) -> None:
    lay = ctx.lay
    qh = lay.quoc_hieu
    if qh is None:
        ctx.add("ND30-QUOCHIEU-MISSING", "Không thấy Quốc hiệu 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' ở đầu văn bản.")
        return
    el = ctx.profile["quoc_hieu"]
    allowed = {el.extra["text"].upper(), *(t.upper() for t in el.extra.get("text_variants", []))}
    shown = norm(qh.shown)
    if shown.upper() not in allowed:           # the case is ND30-QUOC-HIEU-CASE's job
        ctx.add("ND30-QUOCHIEU-TEXT", f"Quốc hiệu ghi '{shown}'; đúng là '{el.extra['text']}'.", qh)
    tn = lay.tieu_ngu
    want = ctx.profile["tieu_ngu"].extra["text"]
    if tn is None:
        ctx.add("ND30-TIEUNGU-TEXT", f"Không thấy Tiêu ngữ '{want}' ngay dưới Quốc hiệu.", qh)
    else:
        got = norm(tn.shown)
        if got != want:
            ctx.add("ND30-TIEUNGU-TEXT", f"Tiêu ngữ ghi '{got}'; đúng là '{want}' (gạch nối '-' có cách chữ, "
                    "chữ cái đầu mỗi cụm viết hoa).", tn)
        _rule(ctx, tn, "ND30-TIEUNGU-RULE", "Tiêu ngữ", ctx.profile.raw["rules"]["tieu_ngu_rule_fraction_range"],
              [tn], 0.0)
    if not lay.co_quan:
        ctx.add("ND30-ISSUER-MISSING", "Không thấy tên cơ quan, tổ chức ban hành ở ô bên trái, ngang Quốc hiệu.", qh)
    else:
        rng = ctx.profile.raw["rules"]["issuer_rule_fraction_range"]
        _rule(ctx, lay.co_quan[-1], "ND30-ISSUER-RULE", "tên cơ quan ban hành", rng, lay.co_quan,
              ctx.tol["rule_fraction"])
    if lay.ten_loai is not None and norm(lay.ten_loai.shown).upper() == "CÔNG VĂN":
        ctx.add("ND30-TEN-LOAI", "Công văn không ghi tên loại 'CÔNG VĂN'; trích yếu đặt sau 'V/v' dưới số, ký hiệu.",
                lay.ten_loai)


def _rule(ctx: Context, anchor, rule_id: str, what: str, rng, text_paras, tol: float) -> None:
    line = find_rule_line(ctx.doc, anchor)
    if line is None:
        ctx.add(rule_id, f"Không thấy đường kẻ ngang dưới {what}.", anchor)
        return
    if line.kind == "underscore":
        ctx.add("ND30-RULE-UNDERSCORE", f"Đường kẻ dưới {what} được gõ bằng dấu gạch dưới '_'; nên dùng đường viền "
                "dưới của đoạn (Borders) hoặc nét vẽ để có độ dài đúng.", line.para)
        return
    if line.length is None:
        return
    widths = []
    for p in text_paras:
        runs = p.text_runs()
        if not runs:
            continue
        size, _ = ctx.size_of(runs[0])
        bold = bool(runs[0].get("b"))
        widths.append(text_width_twips(p.shown.strip(), size, bold))
    if not widths or max(widths) <= 0:
        return
    fraction = line.length / max(widths)
    lo, hi = rng
    if fraction < lo - tol or fraction > hi + tol:
        ctx.add(rule_id, f"Đường kẻ dưới {what} dài khoảng {fraction:.0%} dòng chữ; NĐ30 quy định "
                f"{'bằng độ dài dòng chữ' if lo > 0.8 else 'từ 1/3 đến 1/2 độ dài dòng chữ'}.", line.para)
