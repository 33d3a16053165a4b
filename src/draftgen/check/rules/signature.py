"""Quyền hạn, chức vụ, họ tên người ký (PL1 II.7; Điều 13)."""

from __future__ import annotations

import re

from draftgen.check.findings import REGISTRY
from draftgen.check.locate import PLACEHOLDER_RE, norm
from draftgen.check.rules.base import Context
from draftgen.check.typeprofile import family_cfg

REGISTRY.add("ND30-SIGN-MISSING", "practice", "Có khối chữ ký (quyền hạn, chức vụ, họ tên) bên phải 'Nơi nhận'")
REGISTRY.add("ND30-QUYENHAN-PREFIX", "rule", "Quyền hạn ký viết 'TM.', 'Q.', 'KT.', 'TL.', 'TUQ.' rồi chức vụ")
REGISTRY.add("ND30-SIGNER-TITLE", "practice",
             "Không ghi học hàm, học vị, danh hiệu trước họ tên người ký (trừ lực lượng vũ trang và ngành được phép)")
REGISTRY.add("ND30-SIGN-PLACEHOLDER", "practice",
             "Không in dòng hướng dẫn '(Chữ ký …, dấu …)' của mẫu trong văn bản phát hành")

PREFIX_LIKE = re.compile(r"^(T\.?\s?M|K\.?\s?T|T\.?\s?L|T\.?\s?U\.?\s?Q|Q)(?=[\s.:/,]|$)[\s.:/,]*", re.IGNORECASE)
PREFIX_OK = re.compile(r"^(TM|Q|KT|TL|TUQ)\. \S")


def check(ctx: Context) -> None:
    lay = ctx.lay
    if lay.signers or family_cfg(ctx.cfg, ctx.family).get("signatures"):
        for _, name in lay.signers:          # a Biên bản: its two signatures are ND30-BIENBAN-SIGN's
            if name is not None:
                _title(ctx, name)
        return
    if lay.noi_nhan is None or lay.noi_nhan.cell is None:
        return
    if lay.ho_ten is None:
        ctx.add("ND30-SIGN-MISSING", "Không thấy khối chữ ký (chức vụ, họ tên người ký) ở ô bên phải 'Nơi nhận'.",
                lay.noi_nhan)
        return
    if lay.quyen_han:
        first = norm(lay.quyen_han[0].shown)
        if PREFIX_LIKE.match(first) and not PREFIX_OK.match(first):
            ctx.add("ND30-QUYENHAN-PREFIX", f"'{first[:40]}': viết tắt quyền hạn ký phải là 'TM.', 'Q.', 'KT.', "
                    "'TL.' hoặc 'TUQ.' (chữ in hoa, dấu chấm, một dấu cách).", lay.quyen_han[0])
    _title(ctx, lay.ho_ten)
    for p in lay.sign_other + lay.quyen_han:
        if PLACEHOLDER_RE.match(p.text.strip()):
            ctx.add("ND30-SIGN-PLACEHOLDER", f"'{norm(p.text)[:50]}' là dòng hướng dẫn của mẫu; không in trong văn "
                    "bản phát hành.", p)


def _title(ctx: Context, para) -> None:
    name = norm(para.text)
    for title in ctx.cfg["academic_titles"]:
        if name.startswith(title) and (title.endswith(".") or name[len(title):len(title) + 1] == " "):
            ctx.add("ND30-SIGNER-TITLE", f"Họ tên người ký '{name}' có '{title}' đứng trước; NĐ30 không ghi học hàm, "
                    "học vị, danh hiệu trước họ tên (trừ trường hợp ngành được phép).", para)
            break
