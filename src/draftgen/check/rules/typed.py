"""The document's type and ô 5a (PL1 II.3.b, II.5.b, II.9.b; doc_types.md §1): a type that can be told, a tên
loại that matches ``--loai`` and the ký hiệu (<LOẠI>-<CQ>[-<ĐV>]), the trích yếu under the tên loại (no "V/v")
with its rule line, and a Kính gửi only where the type takes one."""

from __future__ import annotations

from draftgen.check.doctype import catalogue, name_key
from draftgen.check.findings import REGISTRY
from draftgen.check.locate import VV_RE, norm
from draftgen.check.model import Para
from draftgen.check.pages import text_area
from draftgen.check.rules.base import Context
from draftgen.check.rules.numbering import ky_hieu_groups
from draftgen.check.rules.rulelines import find_rule_line
from draftgen.check.typeprofile import family_cfg
from draftgen.nd30.metrics import text_width_twips

REGISTRY.add("ND30-LOAI-MISMATCH", "rule", "Tên loại ghi trên văn bản đúng với loại văn bản chọn bằng --loai")
REGISTRY.add("ND30-LOAI-UNKNOWN", "checker", "Nhận ra loại văn bản (tên loại, dòng 'V/v' hoặc chữ viết tắt tên loại "
             "trong ký hiệu) để kiểm tra các thành phần riêng của loại; không nhận ra thì chỉ kiểm tra các quy tắc "
             "chung (chọn loại bằng --loai)", severity="warning")
REGISTRY.add("ND30-TENLOAI-MISSING", "rule", "Văn bản có tên loại (ký hiệu <LOẠI>-…) có dòng tên loại in hoa, đậm, "
             "canh giữa dưới phần đầu (ô 5a)")
REGISTRY.add("ND30-KYHIEU-LOAI", "rule", "Ký hiệu văn bản có tên loại là <viết tắt tên loại>-<viết tắt cơ quan>"
             "[-<đơn vị>], chữ viết tắt đúng tên loại (Phụ lục III: Chỉ thị CT, Kế hoạch KH …)")
REGISTRY.add("ND30-TRICHYEU-MISSING", "rule", "Văn bản có tên loại có trích yếu nội dung ngay dưới tên loại (ô 5a)",
             severity="warning")
REGISTRY.add("ND30-TRICHYEU-VV", "rule", "Chỉ công văn dùng 'V/v'; văn bản có tên loại ghi trích yếu dưới tên loại, "
             "không có chữ 'V/v'")
REGISTRY.add("ND30-TRICHYEU-RULE", "rule", "Dưới trích yếu (dưới tên loại khi loại văn bản không có trích yếu) có "
             "đường kẻ ngang, nét liền, dài 1/3–1/2 dòng chữ, canh giữa")
REGISTRY.add("ND30-KINHGUI-LOAI", "rule", "Chỉ công văn, và báo cáo, tờ trình gửi cơ quan cấp trên, có phần "
             "'Kính gửi'")


def check(ctx: Context) -> None:
    for _ids, fn in CHECKS:
        fn(ctx)


def _type(ctx: Context) -> None:
    lay, t = ctx.lay, ctx.doc_type
    if t is None:
        if ctx.administrative:
            ctx.add("ND30-LOAI-UNKNOWN", "Không nhận ra loại văn bản (không thấy tên loại, dòng 'V/v' hay chữ viết tắt "
                    "tên loại trong ký hiệu), nên chỉ kiểm tra các quy tắc chung; chọn loại bằng --loai (ví dụ --loai "
                    "cong_van, --loai quyet_dinh) để kiểm tra đủ.", lay.so or lay.quoc_hieu)
        return
    if t.source == "loai" and lay.ten_loai is not None and name_key(norm(lay.ten_loai.shown)) != name_key(t.ten_loai):
        ctx.add("ND30-LOAI-MISMATCH", f"Văn bản được kiểm tra như {t.lower} (--loai {t.loai}) nhưng tên loại ghi "
                f"'{norm(lay.ten_loai.shown)}'; sửa tên loại hoặc chọn đúng loại.", lay.ten_loai)
    if t.is_cong_van:
        return
    if lay.ten_loai is None:
        how = f" (ký hiệu '{t.evidence}')" if t.source == "ky_hieu" else ""
        ctx.add("ND30-TENLOAI-MISSING", f"Không thấy tên loại '{t.ten_loai}' (in hoa, đậm, canh giữa) dưới phần đầu "
                f"của {t.lower}{how}.", lay.so or lay.quoc_hieu)
    if lay.kinh_gui is not None and not t.kinh_gui:
        ctx.add("ND30-KINHGUI-LOAI", f"{t.name} không có phần 'Kính gửi' (chỉ công văn, và báo cáo, tờ trình gửi cơ "
                "quan cấp trên có); ghi các nơi nhận ở phần 'Nơi nhận'.", lay.kinh_gui)


def _ky_hieu(ctx: Context) -> None:
    lay, t = ctx.lay, ctx.doc_type
    if t is None or t.is_cong_van or lay.so is None:
        return
    want = (t.normative_abbr if t.normative else None) or t.abbr
    groups = [g for g in ky_hieu_groups(ctx)]
    if not want or not groups or not groups[0]:
        return
    first = groups[0]
    text = "-".join(groups)
    if first != want:
        cat = catalogue(ctx.cfg)
        other = cat.by_abbr.get(first) or cat.normative.get(first)
        if other is not None and other.name != t.name:
            why = f"'{first}' là chữ viết tắt của {other.lower}"
        elif first.upper().replace("Đ", "D") == want.upper().replace("Đ", "D"):
            why = f"chữ viết tắt tên loại viết đúng là '{want}' (đang ghi '{first}')"
        else:
            why = "thiếu chữ viết tắt tên loại ở đầu"
        ctx.add("ND30-KYHIEU-LOAI", f"Ký hiệu '{text}': {why}; ký hiệu của {t.lower} là '{want}-<viết tắt cơ quan>', "
                f"ví dụ '{want}-UBND'.", lay.so)
    elif len([g for g in groups if g]) < 2:
        ctx.add("ND30-KYHIEU-LOAI", f"Ký hiệu '{text}' thiếu chữ viết tắt tên cơ quan ban hành sau '{want}-' "
                f"(ví dụ '{want}-UBND').", lay.so)


def _trich_yeu(ctx: Context) -> None:
    lay, t = ctx.lay, ctx.doc_type
    if t is None or t.is_cong_van:
        return
    vv = next((p for p in [*lay.trich_yeu, lay.vv] if p is not None and VV_RE.match(p.text)), None)
    if vv is not None:
        ctx.add("ND30-TRICHYEU-VV", f"'{norm(vv.text)[:40]}': {t.lower} không dùng 'V/v' (chỉ công văn); trích yếu "
                f"đặt ngay dưới tên loại, in thường, đậm, ví dụ 'Về …'.", vv)
    if lay.ten_loai is None:
        return
    if not lay.trich_yeu and t.abbr not in (family_cfg(ctx.cfg, t.family).get("no_trich_yeu") or []):
        ctx.add("ND30-TRICHYEU-MISSING", f"Không thấy trích yếu nội dung dưới tên loại '{norm(lay.ten_loai.shown)}'.",
                lay.ten_loai)
    _rule(ctx, [*lay.trich_yeu, *([lay.kem_theo] if lay.kem_theo else [])] or [lay.ten_loai])


def _avail(ctx: Context, p: Para) -> int | None:
    if p.cell is not None:
        width = p.cell.text_width
    else:
        width = int(text_area(ctx.doc.section)[0])
    if width is None:
        return None
    return width - max(0, p.get("ind.left", 0) or 0) - max(0, p.get("ind.right", 0) or 0)


def _rule(ctx: Context, lines: list[Para]) -> None:
    what = "trích yếu" if ctx.lay.trich_yeu else "tên loại"
    line = find_rule_line(ctx.doc, lines[-1])
    if line is None:
        ctx.add("ND30-TRICHYEU-RULE", f"Không thấy đường kẻ ngang dưới {what} (nét liền, dài 1/3–1/2 dòng chữ, canh "
                "giữa).", lines[-1])
        return
    if line.kind == "underscore":
        ctx.add("ND30-RULE-UNDERSCORE", f"Đường kẻ dưới {what} được gõ bằng dấu gạch dưới '_'; nên dùng đường viền "
                "dưới của đoạn (Borders) hoặc nét vẽ để có độ dài đúng.", line.para)
        return
    length = line.length if line.kind == "drawing" or line.para.cell is not None else _avail(ctx, line.para)
    widths = []
    for p in lines:
        runs = p.text_runs()
        avail = _avail(ctx, p)
        if not runs or not avail or avail <= 0:
            continue
        size, _ = ctx.size_of(runs[0])
        widths.append(min(text_width_twips(p.shown.strip(), size, bool(runs[0].get("b"))), avail))
    if length is None or not widths or max(widths) <= 0:
        return
    fraction = length / max(widths)
    lo, hi = ctx.profile.raw["rules"]["issuer_rule_fraction_range"]
    tol = ctx.tol["rule_fraction"]
    if fraction < lo - tol or fraction > hi + tol:
        ctx.add("ND30-TRICHYEU-RULE", f"Đường kẻ dưới {what} dài khoảng {fraction:.0%} dòng chữ; NĐ30 quy định từ 1/3 "
                "đến 1/2 độ dài dòng chữ.", line.para)


CHECKS = (
    (("ND30-LOAI-MISMATCH", "ND30-LOAI-UNKNOWN", "ND30-TENLOAI-MISSING", "ND30-KINHGUI-LOAI"), _type),
    (("ND30-KYHIEU-LOAI",), _ky_hieu),
    (("ND30-TRICHYEU-VV", "ND30-TRICHYEU-MISSING", "ND30-TRICHYEU-RULE"), _trich_yeu),
)
