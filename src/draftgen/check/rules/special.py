"""The types with a form of their own (Phụ lục III): the Biên bản's two signatures (Mẫu 1.9), the Công điện's
"<cơ quan> điện:" line (Mẫu 1.6), the Giấy mời's "trân trọng kính mời" (Mẫu 1.7). Which types: the families'
``signatures``, ``dien``, ``kinh_moi`` in the profile's ``check.families``."""

from __future__ import annotations

import re

from draftgen.check.doctype import name_key
from draftgen.check.findings import REGISTRY
from draftgen.check.locate import entry_text, norm
from draftgen.check.rules.base import Context
from draftgen.check.typeprofile import family_cfg

REGISTRY.add("ND30-BIENBAN-SIGN", "template", "Biên bản có hai chữ ký: THƯ KÝ bên trái, CHỦ TỌA bên phải, mỗi bên "
             "có họ và tên")
REGISTRY.add("ND30-CONGDIEN-DIEN", "template", "Công điện có dòng '<tên cơ quan, chức danh> điện:' rồi các nơi nhận "
             "điện, mỗi nơi một dòng '- …;', nơi cuối kết thúc bằng '.'")
REGISTRY.add("ND30-GIAYMOI-MOI", "template", "Giấy mời có dòng '<tên cơ quan> trân trọng kính mời: …'")

KINH_MOI_RE = re.compile(r"\bkính\s+mời\b", re.IGNORECASE)


def check(ctx: Context) -> None:
    for _ids, fn in CHECKS:
        fn(ctx)


def _fam(ctx: Context) -> dict:
    return family_cfg(ctx.cfg, ctx.family) if ctx.doc_type is not None else {}


def _signatures(ctx: Context) -> None:
    titles = _fam(ctx).get("signatures") or []
    if not titles:
        return
    lay = ctx.lay
    found = {name_key(norm(block[0].shown)): (block[0], name) for block, name in lay.signers}
    anchor = lay.noi_nhan or (lay.body[-1] if lay.body else lay.ten_loai)
    missing = [t for t in titles if name_key(t) not in found]
    if missing:
        ctx.add("ND30-BIENBAN-SIGN", f"Không thấy chữ ký của {' và '.join(missing)}; biên bản ký hai bên: "
                f"{titles[0]} bên trái, {titles[-1]} bên phải, mỗi bên có họ và tên.", anchor)
        return
    blocks = [found[name_key(t)] for t in titles]
    cols = [(b[0].cell.table.index, b[0].cell.col) if b[0].cell is not None else None for b in blocks]
    if all(cols) and cols[0][0] == cols[-1][0] and cols[0][1] > cols[-1][1]:
        ctx.add("ND30-BIENBAN-SIGN", f"{titles[0]} ký bên trái, {titles[-1]} ký bên phải (đang ngược lại).",
                blocks[0][0])
        return
    for title, (para, name) in zip(titles, blocks, strict=True):
        if name is None:
            ctx.add("ND30-BIENBAN-SIGN", f"Chữ ký của {title} không có họ và tên người ký.", para)


def _dien(ctx: Context) -> None:
    t = ctx.doc_type
    if t is None or t.abbr not in (_fam(ctx).get("dien") or []):
        return
    lay = ctx.lay
    if lay.dien is None:
        ctx.add("ND30-CONGDIEN-DIEN", "Không thấy dòng '<tên cơ quan, chức danh người đứng đầu> điện:' dưới trích yếu "
                "của công điện.", lay.body[0] if lay.body else lay.ten_loai)
        return
    entries = lay.dien_entries
    if not entries:
        ctx.add("ND30-CONGDIEN-DIEN", "Sau dòng '… điện:' ghi các nơi nhận điện, mỗi nơi một dòng '- …;'.", lay.dien)
    for i, entry in enumerate(entries):
        text = entry_text(entry)
        end = "." if i == len(entries) - 1 else ";"
        if not text.startswith("- ") or not text.endswith(end):
            ctx.add("ND30-CONGDIEN-DIEN", f"'{text[:40]}': mỗi nơi nhận điện một dòng bắt đầu '- ', kết thúc '{end}'.",
                    entry[0])
            break


def _kinh_moi(ctx: Context) -> None:
    t = ctx.doc_type
    if t is None or t.abbr not in (_fam(ctx).get("kinh_moi") or []):
        return
    if not any(KINH_MOI_RE.search(p.text) for p in ctx.lay.body[:6]):
        ctx.add("ND30-GIAYMOI-MOI", "Không thấy dòng '<tên cơ quan> trân trọng kính mời: …' ở đầu nội dung giấy mời.",
                ctx.lay.body[0] if ctx.lay.body else ctx.lay.ten_loai)


CHECKS = (
    (("ND30-BIENBAN-SIGN",), _signatures),
    (("ND30-CONGDIEN-DIEN",), _dien),
    (("ND30-GIAYMOI-MOI",), _kinh_moi),
)
