"""Địa danh và thời gian ban hành (PL1 II.4): '<Địa danh>, ngày 05 tháng 3 năm 2026'."""

from __future__ import annotations

import datetime as dt
import re

from draftgen.check.findings import REGISTRY
from draftgen.check.locate import norm
from draftgen.check.rules.base import Context
from draftgen.check.typeprofile import family_cfg

REGISTRY.add("ND30-DATE-MISSING", "rule", "Có địa danh và thời gian ban hành, bên phải, ngang dòng số, ký hiệu")
REGISTRY.add("ND30-DATE-FORMAT", "rule",
             "Viết '<Địa danh>, ngày … tháng … năm …' đầy đủ: dấu phẩy sau địa danh, năm đủ 4 chữ số, không viết "
             "ngày/tháng/năm bằng dấu '/'")
REGISTRY.add("ND30-DATE-DAY-PAD", "rule", "Ngày nhỏ hơn 10 ghi thêm số 0 (ngày 05)")
REGISTRY.add("ND30-DATE-MONTH-PAD", "rule", "Tháng 1, 2 ghi 01, 02; tháng 3 đến 12 không thêm số 0 (tháng 3)")
REGISTRY.add("ND30-DATE-VALID", "rule", "Ngày tháng là một ngày có thật")

DATE_RE = re.compile(r"^(?P<place>[^,]*?)(?P<comma>,?)\s*(?P<ngay>[Nn]gày)\s*(?P<d>[\d\s._…]*?)\s*tháng\s*"
                     r"(?P<m>[\d\s._…]*?)\s*năm\s*(?P<y>[\d\s._…]*)$")
SLASH_RE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}")


def check(ctx: Context) -> None:
    lay = ctx.lay
    p = lay.date
    if p is None:
        if lay.quoc_hieu is not None and not family_cfg(ctx.cfg, ctx.family).get("no_date"):
            ctx.add("ND30-DATE-MISSING", "Không thấy dòng địa danh, ngày tháng năm ban hành ('Hà Nội, ngày 05 tháng 3 "
                    "năm 2026').", lay.tieu_ngu or lay.quoc_hieu)
        return
    text = norm(p.text)
    m = DATE_RE.match(text)
    if m is None or SLASH_RE.search(text):
        ctx.add("ND30-DATE-FORMAT", f"Dòng ngày tháng '{text}' không đúng dạng '<Địa danh>, ngày 05 tháng 3 năm "
                "2026'.", p)
        return
    problems = []
    if not m.group("place").strip():
        problems.append("thiếu địa danh trước ngày tháng")
    elif not m.group("comma"):
        problems.append("sau địa danh phải có dấu phẩy")
    if m.group("ngay") != "ngày":
        problems.append("chữ 'ngày' viết thường")
    day, month, year = (m.group(k).strip() for k in ("d", "m", "y"))
    if year.isdecimal() and len(year) != 4:
        problems.append(f"năm '{year}' phải đủ 4 chữ số")
    if problems:
        ctx.add("ND30-DATE-FORMAT", f"Dòng ngày tháng '{text}': " + "; ".join(problems) + ".", p)
    if day.isdecimal() and len(day) == 1:
        ctx.add("ND30-DATE-DAY-PAD", f"'ngày {day}': ngày nhỏ hơn 10 ghi '0{day}'.", p)
    if month.isdecimal():
        value = int(month)
        if value in (1, 2) and len(month) == 1:
            ctx.add("ND30-DATE-MONTH-PAD", f"'tháng {month}': tháng 1 và 2 ghi '0{month}'.", p)
        elif value >= 3 and month.startswith("0"):
            ctx.add("ND30-DATE-MONTH-PAD", f"'tháng {month}': từ tháng 3 đến tháng 12 không thêm số 0, ghi "
                    f"'tháng {value}'.", p)
    if day.isdecimal() and month.isdecimal() and year.isdecimal() and len(year) == 4:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            ctx.add("ND30-DATE-VALID", f"Ngày {day} tháng {month} năm {year} không có thật.", p)
