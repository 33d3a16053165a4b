"""Size, bold/italic, alignment and case of each located component, from the profile's elements.

Rule ids: ND30-<ELEMENT>-SIZE | -STYLE | -ALIGN | -CASE (element key of schemas/nd30-profile.yaml,
upper-cased, "_" → "-"); severity from the element's ``basis``.
"""

from __future__ import annotations

from draftgen.check.findings import REGISTRY
from draftgen.check.model import Para
from draftgen.check.rules.base import (
    Context,
    bool_of,
    fmt_pt,
    fmt_range,
    is_upper,
    letters,
    source_text,
    style_note,
)
from draftgen.check.typeprofile import element_checks, every_element_check
from draftgen.nd30.profile import ElementStyle, default_profile

LABELS = {
    "chu_quan": "Tên cơ quan chủ quản", "co_quan": "Tên cơ quan ban hành", "so_ky_hieu": "Số, ký hiệu",
    "trich_yeu": "Trích yếu (V/v)", "do_khan": "Dấu chỉ độ khẩn/độ mật", "quoc_hieu": "Quốc hiệu",
    "tieu_ngu": "Tiêu ngữ", "dia_danh": "Địa danh, ngày tháng", "kinh_gui": "Dòng 'Kính gửi'",
    "kinh_gui_muc": "Nơi nhận sau 'Kính gửi'", "noi_dung": "Nội dung", "noi_nhan_nhan": "Chữ 'Nơi nhận:'",
    "noi_nhan": "Danh sách nơi nhận", "ky_hieu_soan_thao": "Ký hiệu người soạn thảo (ô 12)",
    "quyen_han": "Quyền hạn, chức vụ người ký", "ho_ten": "Họ tên người ký",
    "ten_loai": "Tên loại văn bản", "trich_yeu_loai": "Trích yếu dưới tên loại", "muc_la_ma": "Tên mục (số La Mã)",
    "tham_quyen": "Thẩm quyền ban hành", "can_cu": "Căn cứ ban hành", "quyet": "Dòng 'QUYẾT ĐỊNH:'",
    "phu_luc_so": "Dòng 'Phụ lục' (số phụ lục)", "phu_luc_ten": "Tên phụ lục",
    "phu_luc_kem_theo": "Dòng '(Kèm theo …)' của phụ lục",
}
ALIGN_VI = {"center": "canh giữa", "justify": "canh đều hai lề", "left": "canh trái", "right": "canh phải"}
PROPS_VI = {"size": "cỡ chữ", "style": "kiểu chữ (đậm, nghiêng)", "align": "canh lề", "case": "chữ in hoa/thường"}
AGGREGATE_OVER = 3


def rule_id(key: str, prop: str) -> str:
    return f"ND30-{key.upper().replace('_', '-')}-{prop.upper()}"


def _register() -> None:
    """One rule per (element, property) that any family checks (typeprofile.every_element_check)."""
    for key, prop, element in every_element_check(default_profile()):
        REGISTRY.add(rule_id(key, prop), element.basis,
                     f"{LABELS.get(key, key)}: {PROPS_VI[prop]} theo NĐ30 (kiểu '{element.style}')")


_register()


def _components(ctx: Context) -> dict[str, list[Para]]:
    lay = ctx.lay
    one = lambda p: [p] if p is not None else []  # noqa: E731
    titles = [p for block, _ in lay.signers for p in block] or lay.quyen_han      # Biên bản: both signatures
    names = [name for _, name in lay.signers if name is not None] or one(lay.ho_ten)
    return {
        "chu_quan": lay.chu_quan, "co_quan": lay.co_quan, "so_ky_hieu": one(lay.so),
        "trich_yeu": one(lay.vv), "do_khan": lay.urgency, "quoc_hieu": one(lay.quoc_hieu),
        "tieu_ngu": one(lay.tieu_ngu), "dia_danh": one(lay.date), "kinh_gui": one(lay.kinh_gui),
        "kinh_gui_muc": lay.kinh_gui_items, "noi_dung": lay.body, "noi_nhan_nhan": one(lay.noi_nhan),
        "noi_nhan": lay.noi_nhan_items, "ky_hieu_soan_thao": one(lay.ky_hieu_soan_thao),
        "quyen_han": titles, "ho_ten": names,
        "ten_loai": one(lay.ten_loai), "trich_yeu_loai": lay.trich_yeu, "muc_la_ma": lay.muc_la_ma,
        "tham_quyen": one(lay.tham_quyen), "can_cu": lay.can_cu, "quyet": one(lay.quyet),
        "phu_luc_so": lay.phu_luc_so, "phu_luc_ten": lay.phu_luc_ten, "phu_luc_kem_theo": lay.phu_luc_kem_theo,
    }


def check(ctx: Context) -> None:
    comps = _components(ctx)
    for key, props in element_checks(ctx.profile_base, ctx.family).items():
        paras = comps.get(key) or []
        if not paras:
            continue
        element = ctx.profile[key]
        for prop in props:
            hits = [(p, msg) for p in paras if (msg := _CHECKS[prop](ctx, key, element, p))]
            if not hits:
                continue
            if len(hits) > AGGREGATE_OVER:
                p, msg = hits[0]
                ctx.add(rule_id(key, prop), f"{msg} (và {len(hits) - 1} đoạn khác cùng lỗi)", p)
            else:
                for p, msg in hits:
                    ctx.add(rule_id(key, prop), msg, p)


def _size(ctx: Context, key: str, el: ElementStyle, p: Para) -> str | None:
    lo, hi = el.size_range or (el.size_pt, el.size_pt)
    tol = ctx.tol["size_pt"]
    for run in p.text_runs():
        size, src = ctx.size_of(run)
        if size < lo - tol - 1e-6 or size > hi + tol + 1e-6:
            return (f"{LABELS[key]}: cỡ chữ {fmt_pt(size)} {source_text(src)}"
                    f"{style_note(p, 'size', src, fmt_pt)}; NĐ30 quy định {fmt_range(lo, hi)}.")
    return None


def _style(ctx: Context, key: str, el: ElementStyle, p: Para) -> str | None:
    for attr, want, yes, no in (("b", el.bold, "đậm", "không đậm"), ("i", el.italic, "nghiêng", "đứng")):
        for run in p.text_runs():
            if not letters(run.text):
                continue
            value, src = bool_of(run, attr)
            if value != want:
                shown = yes if value else no
                note = style_note(p, attr, src, lambda v, yes=yes, no=no: yes if v else no)
                return (f"{LABELS[key]}: chữ {shown} {source_text(src)}{note}; "
                        f"NĐ30 quy định {yes if want else no}.")
    return None


def _align(ctx: Context, key: str, el: ElementStyle, p: Para) -> str | None:
    want = el.align
    got = p.get("jc", "left")
    ok = {"left": {"left", "justify"}, "center": {"center"}, "justify": {"justify"}, "right": {"right"}}
    if got in ok.get(want, {want}):
        return None
    if key == "noi_dung" and got == "center":
        return None                    # centred headings (Phần, Chương, Mục) inside the content
    if want == "center" and "\t" in p.text:
        return None                    # tab-positioned text: alignment cannot be judged
    src = p.props["jc"].source if "jc" in p.props else "defaults"
    return (f"{LABELS[key]}: {ALIGN_VI.get(got, got)} {source_text(src)}; "
            f"NĐ30 quy định {ALIGN_VI.get(want, want)}.")


def _case(ctx: Context, key: str, el: ElementStyle, p: Para) -> str | None:
    shown = p.shown
    if el.case == "upper":
        mixed = set(ctx.cfg["mixed_case_tokens"])
        words = [w for w in shown.split() if w.strip(".,;:()") not in mixed]
        if not is_upper(" ".join(words)) and letters(" ".join(words)):
            return f"{LABELS[key]} phải viết in hoa: '{shown.strip()}'."
    elif key == "ho_ten":
        if len(letters(shown)) >= 4 and is_upper(shown):
            return (f"{LABELS[key]} viết in thường (chữ cái đầu mỗi tiếng viết hoa), không in hoa toàn bộ: "
                    f"'{shown.strip()}'.")
    return None


_CHECKS = {"size": _size, "style": _style, "align": _align, "case": _case}
