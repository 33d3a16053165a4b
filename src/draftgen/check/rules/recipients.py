"""Kính gửi (ô 9a) and Nơi nhận (ô 9b), ký hiệu người soạn thảo (ô 12) (PL1 II.9, III.3)."""

from __future__ import annotations

import re

from draftgen.check.findings import REGISTRY
from draftgen.check.locate import entry_text, norm
from draftgen.check.model import Para
from draftgen.check.rules.base import Context
from draftgen.nd30.metrics import text_width_twips

REGISTRY.add("ND30-KINHGUI-MISSING", "rule", "Công văn có phần 'Kính gửi:' trước nội dung")
REGISTRY.add("ND30-KINHGUI-PUNCT", "rule",
             "'Kính gửi:' có dấu hai chấm; nhiều nơi nhận thì mỗi dòng bắt đầu '- ', kết thúc ';', dòng cuối '.'")
REGISTRY.add("ND30-KINHGUI-ALIGN", "rule", "Các gạch đầu dòng sau 'Kính gửi:' thẳng hàng với nhau")
REGISTRY.add("ND30-KINHGUI-COLON", "template", "Các gạch đầu dòng sau 'Kính gửi:' đặt dưới dấu hai chấm")
REGISTRY.add("ND30-NOINHAN-MISSING", "rule", "Có phần 'Nơi nhận:' ở cuối văn bản, bên trái")
REGISTRY.add("ND30-NOINHAN-LABEL", "rule", "Chữ 'Nơi nhận:' đứng riêng một dòng, có dấu hai chấm")
REGISTRY.add("ND30-NOINHAN-FIRST", "rule", "Nơi nhận của công văn (và của báo cáo, tờ trình có 'Kính gửi') bắt "
             "đầu bằng '- Như trên;'")
REGISTRY.add("ND30-NOINHAN-ITEM", "rule", "Mỗi nơi nhận một dòng, bắt đầu '- ', kết thúc bằng dấu chấm phẩy")
REGISTRY.add("ND30-NOINHAN-LAST", "rule", "Dòng cuối nơi nhận: '- Lưu: VT, <đơn vị soạn thảo> (số bản).'")
REGISTRY.add("ND30-KYHIEU-SOANTHAO", "rule",
             "Ký hiệu người soạn thảo và số bản phát hành (ô 12) viết dạng 'PL.(300)': chữ in hoa, số Ả Rập")

# "- Lưu: VT, <đơn vị> (02)." The decree's template puts the number of copies in parentheses; real letters
# also write "(3b)" or the drafter's mark "(ĐH.15b)" there, so only Lưu, VT first and the final period are checked.
LUU_RE = re.compile(r"^- Lưu: VT(,\s*[^;]+?)?\.$")
NHU_TREN_RE = re.compile(r"^- Như trên(\s*\([^()]*\))?;$")   # "- Như trên (để thực hiện);" is usual
O12_RE = re.compile(r"^[A-ZĐ]{1,6}\.\(\d+\)$")
ITEM_RE = re.compile(r"^- \S")


def check(ctx: Context) -> None:
    for _ids, fn in CHECKS:
        fn(ctx)


def _kinh_gui(ctx: Context) -> None:
    lay = ctx.lay
    kg = lay.kinh_gui
    if kg is None:
        if lay.is_cong_van and lay.vv is not None:
            ctx.add("ND30-KINHGUI-MISSING", "Công văn chưa có phần 'Kính gửi:' trước nội dung.", lay.vv)
        return
    text = norm(kg.text)
    if not re.match(r"^Kính gửi:", text):
        ctx.add("ND30-KINHGUI-PUNCT", f"'{text[:40]}': sau 'Kính gửi' phải có dấu hai chấm ':'.", kg)
        return
    rest = text.split(":", 1)[1].strip()
    if rest:
        if rest[-1] in ";,:":
            ctx.add("ND30-KINHGUI-PUNCT", f"Một nơi nhận ghi cùng dòng 'Kính gửi:' không kết thúc bằng '{rest[-1]}'.",
                    kg)
        return
    entries = lay.kinh_gui_entries
    for i, entry in enumerate(entries):
        p, t = entry[0], entry_text(entry)
        last = i == len(entries) - 1
        end = "." if last else ";"
        if not ITEM_RE.match(t):
            ctx.add("ND30-KINHGUI-PUNCT", f"'{t[:40]}': mỗi nơi nhận bắt đầu bằng gạch đầu dòng '- '.", p)
        elif not t.endswith(end):
            ctx.add("ND30-KINHGUI-PUNCT", f"'{t[-30:]}': {'nơi nhận cuối' if last else 'mỗi nơi nhận'} kết thúc "
                    f"bằng '{end}'.", p)
    _alignment(ctx, kg, [entry[0] for entry in entries])


def _start(p: Para) -> int:
    return (p.get("ind.left", 0) or 0) + (p.get("ind.first", 0) or 0)


def _alignment(ctx: Context, label: Para, items: list[Para]) -> None:
    items = [p for p in items if not p.text.startswith("\t")]
    if not items or label.text.startswith("\t") or any(p.get("jc") in ("center", "right") for p in [label, *items]):
        return
    tol = ctx.tol["indent_twips"]
    starts = [_start(p) for p in items]
    if max(starts) - min(starts) > tol:
        odd = items[max(range(len(items)), key=lambda i: abs(starts[i] - starts[0]))]
        ctx.add("ND30-KINHGUI-ALIGN", "Các gạch đầu dòng sau 'Kính gửi:' không thẳng hàng với nhau "
                f"(lệch {(max(starts) - min(starts)) / 567:.2f} cm).".replace(".", ",", 1), odd)
        return
    runs = label.text_runs()
    if not runs:
        return
    size, _ = ctx.size_of(runs[0])
    colon_x = _start(label) + text_width_twips("Kính gửi:", size, bool(runs[0].get("b")))
    if abs(starts[0] - colon_x) > 567:
        ctx.add("ND30-KINHGUI-COLON", f"Gạch đầu dòng cách dấu hai chấm của 'Kính gửi:' khoảng "
                f"{abs(starts[0] - colon_x) / 567:.1f} cm; nên đặt thẳng dưới dấu hai chấm.".replace(".", ",", 1),
                items[0])


def _noi_nhan(ctx: Context) -> None:
    lay = ctx.lay
    label = lay.noi_nhan
    if label is None:
        if lay.quoc_hieu is not None:
            ctx.add("ND30-NOINHAN-MISSING", "Không thấy phần 'Nơi nhận:' ở cuối văn bản.")
        return
    text = norm(label.text)
    if text != "Nơi nhận:":
        ctx.add("ND30-NOINHAN-LABEL", f"'{text[:40]}': ghi 'Nơi nhận:' (có dấu hai chấm) trên một dòng riêng.", label)
    entries = lay.noi_nhan_entries
    if not entries:
        ctx.add("ND30-NOINHAN-LAST", "Phần nơi nhận không có dòng nào; dòng cuối phải là '- Lưu: VT, …'.", label)
        return
    first = entry_text(entries[0])
    t = ctx.doc_type
    takes_kinh_gui = lay.is_cong_van or (t is not None and t.kinh_gui)
    if takes_kinh_gui and lay.kinh_gui is not None and not NHU_TREN_RE.match(first):
        what = "công văn" if lay.is_cong_van or t is None else t.lower
        ctx.add("ND30-NOINHAN-FIRST", f"Nơi nhận đầu tiên của {what} có 'Kính gửi' là '- Như trên;' (đang ghi "
                f"'{first[:40]}').", entries[0][0])
    for entry in entries[:-1]:
        t = entry_text(entry)
        if not ITEM_RE.match(t) or not t.endswith(";"):
            ctx.add("ND30-NOINHAN-ITEM", f"'{t[:40]}': mỗi nơi nhận bắt đầu '- ' và kết thúc bằng ';'.", entry[0])
    last = entry_text(entries[-1])
    if not LUU_RE.match(last):
        ctx.add("ND30-NOINHAN-LAST", f"Dòng cuối nơi nhận '{last[:40]}' phải có dạng '- Lưu: VT, <đơn vị soạn thảo> "
                "(số bản).'", entries[-1][0])
    o12 = lay.ky_hieu_soan_thao
    if o12 is not None and not O12_RE.match(norm(o12.text)):
        ctx.add("ND30-KYHIEU-SOANTHAO", f"Ký hiệu người soạn thảo '{norm(o12.text)[:30]}' phải có dạng 'PL.(300)': "
                "chữ viết tắt in hoa, dấu chấm, số bản trong ngoặc đơn.", o12)


CHECKS = (
    (("ND30-KINHGUI-MISSING", "ND30-KINHGUI-PUNCT", "ND30-KINHGUI-ALIGN", "ND30-KINHGUI-COLON"), _kinh_gui),
    (("ND30-NOINHAN-MISSING", "ND30-NOINHAN-LABEL", "ND30-NOINHAN-FIRST", "ND30-NOINHAN-ITEM", "ND30-NOINHAN-LAST",
      "ND30-KYHIEU-SOANTHAO"), _noi_nhan),
)
