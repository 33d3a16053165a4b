"""Every render records its answers and template in the DOCX's custom properties (docProps/custom.xml)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from click.testing import CliRunner
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator, ValidationSeverity

from draftgen.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CP = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def properties(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("docProps/custom.xml"))
    props = list(root.iter(f"{{{CP}}}property"))
    pids = [p.get("pid") for p in props]
    assert len(set(pids)) == len(pids) and all(int(p) >= 2 for p in pids)
    assert all(p.get("fmtid") == "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" for p in props)
    return {p.get("name"): "".join(p.itertext()) for p in props}


def answers(props: dict[str, str]) -> dict:
    count = int(props["draftgen.answers.count"])
    chunks = [props[f"draftgen.answers.{n:03d}"] for n in range(1, count + 1)]
    assert all(len(c.encode("utf-16-le")) // 2 <= 255 for c in chunks)  # Word's limit for one text property
    return json.loads("".join(chunks))


def test_render_records_answers_template_and_sha256(tmp_path):
    out = tmp_path / "2842.docx"
    assert run("render", EXAMPLES / "soc-trang-2842.yaml", "-o", out).exit_code == 0
    props = properties(out)
    assert props["draftgen.template"] == "cong-van@1"
    assert props["draftgen.template.sha256"] == hashlib.sha256((ROOT / "templates/cong-van.docx").read_bytes()
                                                               ).hexdigest()
    data = answers(props)["data"]
    assert data["so"] == "2842" and data["co_quan"]["ten"] == ["ỦY BAN NHÂN DÂN", "TỈNH SÓC TRĂNG"]
    assert data["trich_yeu"].startswith("tiếp tục chấn chỉnh")
    with zipfile.ZipFile(out) as archive:
        types = etree.fromstring(archive.read("[Content_Types].xml"))
        rels = etree.fromstring(archive.read("_rels/.rels"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{{{CT}}}Override")}
    assert overrides["/docProps/custom.xml"] == "application/vnd.openxmlformats-officedocument.custom-properties+xml"
    assert [r.get("Target") for r in rels.iter(f"{{{REL}}}Relationship") if r.get("Type") == CUSTOM_REL] == [
        "docProps/custom.xml"]
    result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019).validate(out)
    assert result.is_valid, [str(e) for e in result.errors if e.severity == ValidationSeverity.ERROR]
    checked = run("check", out)
    assert checked.exit_code == 0 and "0 lỗi, 0 cảnh báo" in checked.output, checked.output


def test_a_parent_given_as_a_file_is_recorded_inline(tmp_path):
    out = tmp_path / "xa.docx"
    assert run("render", EXAMPLES / "cascade/xa-hoa-phu-2025.yaml", "-o", out).exit_code == 0
    record = answers(properties(out))
    assert record["data"]["parents"] == ["968/CĐ-TTg", {"file": "tinh-dak-lak-2025.yaml"}]  # the id stays an id
    assert record["files"] == {"tinh-dak-lak-2025.yaml": (EXAMPLES / "cascade/tinh-dak-lak-2025.yaml").read_text(
        encoding="utf-8")}


def test_a_templates_own_custom_properties_are_kept(tmp_path):
    from draftgen.load import load_yaml_file
    from draftgen.pipeline import render_recorded
    from draftgen.render import CompiledTemplate

    source = ROOT / "templates/cong-van.docx"
    buffer = io.BytesIO()
    own = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="{CP}" xmlns:vt="http://'
           'schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-'
           '9397-08002B2CF9AE}" pid="7" name="Phòng"><vt:lpwstr>Văn thư</vt:lpwstr></property></Properties>')
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("docProps/custom.xml", own)
    template = tmp_path / "co-thuoc-tinh.docx"
    template.write_bytes(buffer.getvalue())
    out = tmp_path / "a.docx"
    out.write_bytes(render_recorded(load_yaml_file(EXAMPLES / "soc-trang-2842.yaml"), CompiledTemplate(template)))
    props = properties(out)
    assert props["Phòng"] == "Văn thư" and props["draftgen.template"] == "co-thuoc-tinh@1"
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist().count("docProps/custom.xml") == 1


def test_render_bytes_without_properties_adds_no_part():
    """What batch calls today: no custom part, the package as before."""
    from draftgen.pipeline import draft_of, load_letter
    from draftgen.render import cong_van_template

    data = cong_van_template().render_bytes(draft_of(load_letter(EXAMPLES / "soc-trang-2842.yaml")))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "docProps/custom.xml" not in archive.namelist()
        assert b"custom-properties" not in archive.read("_rels/.rels")
