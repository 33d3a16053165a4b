"""Quyết định, Nghị quyết (Mẫu 1.1–1.3) and the normative documents laid out like them: the căn cứ lines
(PL1 II.6.a), the "QUYẾT ĐỊNH:" line before Điều 1 (Mẫu 1.2, 1.3), the Điều labels (PL1 II.6.đ) and the first
recipient "- Như Điều …;" (Mẫu 1.1–1.3). Their size and style are element checks (can_cu, quyet, tham_quyen)."""

from __future__ import annotations

import re

from draftgen.check.findings import REGISTRY
from draftgen.check.locate import entry_text, norm
from draftgen.check.model import Para
from draftgen.check.rules.base import Context
from draftgen.check.typeprofile import family_cfg

REGISTRY.add("ND30-CANCU-PUNCT", "rule", "Căn cứ ban hành: mỗi căn cứ một dòng, cuối dòng có dấu chấm phẩy ';', dòng "
             "cuối cùng kết thúc bằng dấu chấm '.'")
REGISTRY.add("ND30-QUYET-LINE", "template", "Quyết định có dòng 'QUYẾT ĐỊNH:' (nghị quyết: 'QUYẾT NGHỊ:') riêng một "
             "dòng, sau căn cứ, trước Điều 1")
REGISTRY.add("ND30-DIEU-LABEL", "rule", "Điều ghi chữ 'Điều', số thứ tự Ả Rập và dấu chấm ('Điều 1.'), chữ đậm; các "
             "điều đánh số liên tiếp")
REGISTRY.add("ND30-NOINHAN-NHU-DIEU", "template", "Nơi nhận của quyết định, nghị quyết (cá biệt) bắt đầu bằng "
             "'- Như Điều …;' (những người thi hành)")

DIEU_OK = re.compile(r"^\s*Điều\s+(\d+)\.(?=\s|$)")
DIEU_BLANK = re.compile(r"^\s*Điều\s*[.…]")            # a template's "Điều ….": nothing to judge
NHU_DIEU = re.compile(r"^- Như (các )?Điều \d+([,;]?\s*(và\s+)?\d+)*(\s*\([^()]*\))?;$")
MAX_REPORTED = 3


def check(ctx: Context) -> None:
    for _ids, fn in CHECKS:
        fn(ctx)


def _can_cu(ctx: Context) -> None:
    lines = ctx.lay.can_cu
    bad = []
    for i, p in enumerate(lines):
        text = p.text.rstrip()
        end = "." if i == len(lines) - 1 else ";"
        if not text.endswith(end):
            where = "dòng căn cứ cuối cùng" if end == "." else "mỗi dòng căn cứ"
            bad.append((p, f"'…{norm(text)[-30:]}': {where} kết thúc bằng '{end}'"))
    if bad:
        p, msg = bad[0]
        more = f" (và {len(bad) - 1} dòng khác)" if len(bad) > 1 else ""
        ctx.add("ND30-CANCU-PUNCT", f"Căn cứ ban hành: {msg}{more}.", p)


def _quyet(ctx: Context) -> None:
    lay, t = ctx.lay, ctx.doc_type
    if t is None or t.family != "quyet_dinh" or t.normative or not t.quyet:
        return
    if lay.quyet is None:
        anchor = lay.dieu[0] if lay.dieu else (lay.can_cu[-1] if lay.can_cu else lay.ten_loai)
        ctx.add("ND30-QUYET-LINE", f"Không thấy dòng '{t.quyet}' (in hoa, đậm, canh giữa, riêng một dòng) sau căn cứ, "
                "trước Điều 1.", anchor)
    elif norm(lay.quyet.shown).upper() != t.quyet.upper():
        ctx.add("ND30-QUYET-LINE", f"Dòng '{norm(lay.quyet.shown)}' ghi đúng '{t.quyet}' (có dấu hai chấm).", lay.quyet)


def _label_bold(p: Para, length: int) -> bool:
    seen = 0
    for run in p.runs:
        if seen >= length:
            break
        part = run.text[: length - seen]
        seen += len(run.text)
        if part.strip() and not run.get("b"):
            return False
    return True


def _dieu(ctx: Context) -> None:
    lay, t = ctx.lay, ctx.doc_type
    if t is None or t.is_cong_van or (t.family != "quyet_dinh" and len(lay.dieu) < 2):
        return
    reported = 0
    prev = 0
    for p in lay.dieu:
        if reported >= MAX_REPORTED:
            break
        text = p.text.lstrip()
        m = DIEU_OK.match(text)
        if m is None:
            if not DIEU_BLANK.match(text):
                ctx.add("ND30-DIEU-LABEL", f"'{norm(text)[:25]}…': viết chữ 'Điều', số thứ tự bằng chữ số Ả Rập rồi "
                        "dấu chấm, ví dụ 'Điều 1. …'.", p)
                reported += 1
            continue
        number = int(m.group(1))
        if number not in (prev + 1, 1):
            ctx.add("ND30-DIEU-LABEL", f"'Điều {number}.' đứng sau 'Điều {prev}.'; các điều đánh số liên tiếp.", p)
            reported += 1
        elif not _label_bold(p, len(p.text) - len(text) + m.end()):
            ctx.add("ND30-DIEU-LABEL", f"'Điều {number}.' phải in đậm (chữ 'Điều' và số thứ tự).", p)
            reported += 1
        prev = number


def _nhu_dieu(ctx: Context) -> None:
    lay, t = ctx.lay, ctx.doc_type
    if t is None or t.normative or t.abbr not in (family_cfg(ctx.cfg, t.family).get("nhu_dieu") or []):
        return
    if not lay.noi_nhan_entries:
        return
    first = entry_text(lay.noi_nhan_entries[0])
    if not NHU_DIEU.match(first):
        ctx.add("ND30-NOINHAN-NHU-DIEU", f"Nơi nhận đầu tiên của {t.lower} là '- Như Điều …;' (điều giao thi hành; "
                f"đang ghi '{first[:40]}').", lay.noi_nhan_entries[0][0])


CHECKS = (
    (("ND30-CANCU-PUNCT",), _can_cu),
    (("ND30-QUYET-LINE",), _quyet),
    (("ND30-DIEU-LABEL",), _dieu),
    (("ND30-NOINHAN-NHU-DIEU",), _nhu_dieu),
)
