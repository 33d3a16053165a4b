"""The rules and boxes the engine draws follow the template's real header columns (an office widened one in Word)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from draftgen.check import check_bytes
from draftgen.pipeline import load_letter, render_letter
from draftgen.render import CompiledTemplate, template_for

ROOT = Path(__file__).resolve().parents[2]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARGIN = 57  # the bundled header table's left and right cell margin
WIDER = (4200, 5155)  # the office moved the column border 798 twips to the right


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def widened(tmp_path: Path) -> Path:
    """The bundled Công văn template with the header's first column widened, as Word saves it (grid and cells)."""
    source = ROOT / "templates" / "cong-van.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                text = data.decode()
                head, table, tail = re.split(r"(<w:tbl>.*?</w:tbl>)", text, maxsplit=1, flags=re.S)
                table = table.replace('w:w="3402"', f'w:w="{WIDER[0]}"').replace('w:w="5953"', f'w:w="{WIDER[1]}"')
                data = (head + table + tail).encode()
            dst.writestr(info, data)
    path = tmp_path / "cong-van-rong.docx"
    path.write_bytes(out.getvalue())
    return path


def header_cells(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    table = next(root.iter(q("tbl")))
    return [tc for tr in table.iter(q("tr")) for tc in tr.iter(q("tc"))]


def indents(p: etree._Element) -> tuple[int, int]:
    ind = p.find(f"{q('pPr')}/{q('ind')}")
    return int(ind.get(q("left"))), int(ind.get(q("right")))


def rule_under(cell: etree._Element, rule_style: str = "ND30DuongKe") -> tuple[int, int]:
    p = next(p for p in cell.iter(q("p")) if (s := p.find(f"{q('pPr')}/{q('pStyle')}")) is not None
             and s.get(q("val")) == rule_style)
    return indents(p)


def box(cell: etree._Element) -> tuple[int, int]:
    return indents(next(p for p in cell.iter(q("p")) if "".join(p.itertext()) == "KHẨN"))


def test_rules_and_box_follow_a_widened_column(tmp_path):
    letter = load_letter(ROOT / "examples" / "xa-hoa-phu-2026.yaml")  # with a KHẨN box
    bundled = header_cells(render_letter(letter, template_for("cong_van")))
    data = render_letter(letter, CompiledTemplate(widened(tmp_path)))
    office = header_cells(data)
    inner = [w - 2 * MARGIN for w in WIDER]
    planned = [3402 - 2 * MARGIN, 5953 - 2 * MARGIN]
    for column, (before, after) in enumerate(((rule_under(bundled[0]), rule_under(office[0])),
                                              (rule_under(bundled[1]), rule_under(office[1])))):
        length = planned[column] - sum(before)
        assert inner[column] - sum(after) == length  # the same rule, as long as before …
        assert abs(after[0] - after[1]) <= 1  # … centred in the real column
        assert after != before
    before, after = box(bundled[2]), box(office[2])
    assert after[0] == before[0] == 0  # at the left of the column (mark_box_align: left) …
    assert inner[0] - sum(after) == planned[0] - sum(before) and after != before  # … as wide as before
    errors = [f for f in check_bytes(data, "rong.docx") if f.severity == "error"]
    assert not errors, [f.message for f in errors]


def test_the_bundled_templates_keep_their_geometry():
    """No shift when the columns are those of the profile (every bundled template, and so every batch)."""
    for key in ("cong_van", "ke_hoach", "quyet_dinh", "giay_moi", "bien_ban"):
        assert template_for(key)._columns is None
