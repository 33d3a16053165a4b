"""``draftgen templates …`` and ``render --template`` through the command line, and an office's round trip."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from tests.docx_read import Docx
from tests.library.damage import SPLIT_TRICH_YEU, TRICH_YEU, damaged, replace

from draftgen.cli import main
from draftgen.library.manifest import read_manifest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LETTER = EXAMPLES / "soc-trang-2842.yaml"
STANDING = "Đề nghị các cơ quan, đơn vị báo cáo kết quả về Văn phòng Ủy ban nhân dân tỉnh trước ngày 25 hằng tháng."


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "thu-vien"
    assert run("templates", "init", folder).exit_code == 0
    return folder


def test_init_writes_every_family_with_its_manifest(library):
    entries = read_manifest(library).templates
    assert [e.ref for e in entries] == ["cong-van@1", "van-ban-co-ten-loai@1", "quyet-dinh@1", "mau-rieng@1",
                                        "bien-ban@1"]
    assert all((library / e.file).is_file() and e.sha256 and e.sample for e in entries)
    again = run("templates", "init", library)
    assert again.exit_code == 2 and "--force" in again.output


def test_list_and_show(library):
    listed = run("templates", "list", "--templates", library)
    assert listed.exit_code == 0 and "cong-van@1\tcong_van\tCông văn" in listed.output and "mẫu có sẵn" in listed.output
    shown = run("templates", "show", "cong-van", "--templates", library)
    assert shown.exit_code == 0
    assert "Vòng lặp (word/document.xml): authority, body" in shown.output
    assert "ND30 Nội dung" in shown.output and "Dữ liệu mẫu thử:" in shown.output and "so: '2842'" in shown.output


def test_lint_exit_codes_json_and_fix(tmp_path):
    assert run("templates", "lint", "cong-van").exit_code == 0
    bad = damaged(tmp_path, "split", lambda t: replace(t, "word/document.xml", TRICH_YEU, SPLIT_TRICH_YEU))
    result = run("templates", "lint", bad, "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [f["rule"] for f in report["findings"]] == ["TPL-TAG-SPLIT"] and report["findings"][0]["cell"]
    fixed = tmp_path / "fixed.docx"
    result = run("templates", "lint", bad, "--fix", fixed)
    assert result.exit_code == 0 and "Đã sửa 1 thẻ" in result.output and fixed.is_file()
    assert run("templates", "lint", bad, "--fix", fixed).exit_code == 2  # never overwritten without --force
    unreadable = tmp_path / "x.docx"
    unreadable.write_text("không phải docx")
    result = run("templates", "lint", unreadable)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_render_with_wrong_type_names_the_option(tmp_path):
    result = run("render", EXAMPLES / "co-ten-loai/ke-hoach-xa-hoa-phu-2025.yaml", "--template", "cong-van@1", "-o",
                 tmp_path / "x.docx")
    assert result.exit_code == 2 and "--template" in result.output and "Kế hoạch" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_add_refuses_a_template_with_findings(library, tmp_path):
    bad = damaged(tmp_path, "split", lambda t: replace(t, "word/document.xml", TRICH_YEU, SPLIT_TRICH_YEU))
    result = run("templates", "add", bad, "--id", "cong-van", "--loai", "cong_van", "--templates", library)
    assert result.exit_code == 1 and "TPL-TAG-SPLIT" in result.output
    assert [e.ref for e in read_manifest(library).templates if e.id == "cong-van"] == ["cong-van@1"]


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _clerk_edits(source: Path, target: Path) -> None:
    """What a clerk does in Word: fixed issuer lines, the body at 13.5 pt, a standing sentence after the body."""
    document = docx.Document(source)
    paras = list(_paragraphs(document))
    start = next(i for i, p in enumerate(paras) if p.text == "{%p for line in co_quan %}")
    line, end = paras[start + 1], paras[start + 2]
    line.text = "ỦY BAN NHÂN DÂN"
    second = copy.deepcopy(line._element)
    line._element.addnext(second)
    for para in (paras[start], end):
        para._element.getparent().remove(para._element)
    second_para = next(p for p in _paragraphs(document) if p._element is second)
    second_para.runs[0].text = "TỈNH SÓC TRĂNG"
    document.styles["ND30 Nội dung"].font.size = docx.shared.Pt(13.5)
    body_end = next(p for p in document.paragraphs if p.text == "{%p endfor %}"
                    and p._element.getprevious() is not None and "para|runs" in "".join(
                        p._element.getprevious().itertext()))
    standing = copy.deepcopy(body_end._element.getprevious())
    body_end._element.addnext(standing)
    next(p for p in document.paragraphs if p._element is standing).runs[0].text = STANDING
    document.save(target)


def test_an_offices_round_trip(library, tmp_path):
    edited = tmp_path / "cong-van-ubnd-tinh.docx"
    _clerk_edits(library / "cong-van@1.docx", edited)
    lint = run("templates", "lint", edited, "--loai", "cong_van")
    assert lint.exit_code == 0, lint.output
    added = run("templates", "add", edited, "--id", "cong-van", "--loai", "cong_van", "--note",
                "Dòng cơ quan cố định; câu đề nghị báo cáo hằng tháng.", "--templates", library)
    assert added.exit_code == 0, added.output
    entry = read_manifest(library).templates[-1]
    assert entry.ref == "cong-van@2" and [c.version for c in entry.changelog] == ["1", "2"]
    assert (library / "cong-van@2.docx").read_bytes() == edited.read_bytes()
    out = tmp_path / "2842.docx"
    rendered = run("render", LETTER, "--template", "cong-van@2", "--templates", library, "-o", out)
    assert rendered.exit_code == 0, rendered.output
    checked = run("check", out)
    assert checked.exit_code == 0, checked.output
    read = Docx(out)
    texts = [p.text for p in read.paragraphs]
    assert STANDING in texts and "TỈNH SÓC TRĂNG" in texts
    body = [p for p in read.paragraphs if p.style_id == "ND30NoiDung"]
    assert body and all(p.size_pt == 13.5 for p in body)
    old = tmp_path / "2842-v1.docx"
    assert run("render", LETTER, "--template", "cong-van@1", "--templates", library, "-o", old).exit_code == 0
    assert STANDING not in [p.text for p in Docx(old).paragraphs]


def test_the_library_in_the_environment(library, tmp_path, monkeypatch):
    other = tmp_path / "khac"
    shutil.copytree(library, other)
    monkeypatch.setenv("DRAFTGEN_TEMPLATES", str(other))
    result = run("render", LETTER, "--template", "cong-van@1", "-o", tmp_path / "a.docx")
    assert result.exit_code == 0, result.output


def test_fixed_fields_of_the_template_fill_what_the_letter_leaves_out(library, tmp_path):
    from ruamel.yaml import YAML

    from draftgen.library.manifest import write_manifest

    yaml = YAML(typ="safe", pure=True)
    letter = yaml.load(LETTER.read_text(encoding="utf-8"))
    manifest = read_manifest(library)
    manifest.templates[0].fixed = {"co_quan": letter.pop("co_quan")}
    write_manifest(library, manifest)
    short = tmp_path / "khong-co-co-quan.yaml"
    with short.open("w", encoding="utf-8") as handle:
        yaml.dump(letter, handle)
    assert run("render", short, "-o", tmp_path / "a.docx").exit_code == 2  # co_quan is required…
    result = run("render", short, "--template", "cong-van", "--templates", library, "-o", tmp_path / "b.docx")
    assert result.exit_code == 0, result.output  # …and the template supplies it
    assert "TỈNH SÓC TRĂNG" in [p.text for p in Docx(tmp_path / "b.docx").paragraphs]


def test_render_lints_the_template_first_and_refuses_one_with_findings(library, tmp_path):
    from tests.library.damage import SPLIT_TRICH_YEU, TRICH_YEU, replace

    from draftgen.library.manifest import sha256_of, write_manifest

    broken = library / "cong-van@1.docx"
    bad = damaged(tmp_path, "hong", lambda t: replace(t, "word/document.xml", TRICH_YEU, SPLIT_TRICH_YEU))
    shutil.copy(bad, broken)
    manifest = read_manifest(library)
    manifest.templates[0].sha256 = sha256_of(broken)  # as if added without the lint
    write_manifest(library, manifest)
    out = tmp_path / "a.docx"
    result = run("render", LETTER, "--template", "cong-van@1", "--templates", library, "-o", out)
    assert result.exit_code == 2 and "Mẫu 'cong-van@1' có 1 lỗi nên chưa dùng được" in result.output
    assert "TPL-TAG-SPLIT" in result.output and "--template" in result.output and not out.exists()
