"""``draftgen regenerate``: the recorded answers rendered again with a newer template, the word diff, the redline."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from tests.docx_read import Docx
from tests.library.test_templates_cli import LETTER, STANDING, _clerk_edits

from draftgen.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def marks(root: etree._Element) -> list[etree._Element]:
    found = list(root.iter(q("ins"), q("del")))
    ids = [m.get(q("id")) for m in found]
    assert len(set(ids)) == len(ids)
    assert all(m.get(q("author")) == "draftgen" and ISO.match(m.get(q("date"))) for m in found)
    return found


def accepted(root: etree._Element) -> list[str]:
    """The paragraph texts once every change is accepted (removed words and paragraphs gone)."""
    out = []
    for p in root.iter(q("p")):
        mark = p.find(f"{q('pPr')}/{q('rPr')}/{q('del')}")
        if mark is None:
            out.append("".join((t.text or "") if t.tag == q("t") else "-" for t in p.iter(q("t"), q("noBreakHyphen"))
                               if next(t.iterancestors(q("p"))) is p))
    return out


def rejected(root: etree._Element) -> list[str]:
    """The paragraph texts once every change is rejected (added words and paragraphs gone)."""
    out = []
    for p in root.iter(q("p")):
        if p.find(f"{q('pPr')}/{q('rPr')}/{q('ins')}") is not None:
            continue
        out.append("".join((t.text or "") if t.tag != q("noBreakHyphen") else "-"
                           for t in p.iter(q("t"), q("delText"), q("noBreakHyphen"))
                           if next(t.iterancestors(q("p"))) is p and next(t.iterancestors(q("ins")), None) is None))
    return out


def texts(path: Path) -> list[str]:
    return accepted(body(path))


def libreoffice_changes(path: Path, out: Path) -> list[tuple[str, str]]:
    """(kind, text) of the tracked changes LibreOffice reads from ``path`` (converted to ODT)."""
    subprocess.run(["soffice", "--headless", "--convert-to", "odt", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(out / (path.stem + ".odt")) as archive:
        content = etree.fromstring(archive.read("content.xml"))
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    regions = {r.get(f"{{{text}}}id"): r for r in content.iter(f"{{{text}}}changed-region")}
    found = []
    for region_id, region in regions.items():
        kind = etree.QName(region[0]).localname
        creator = "".join(region.iter("{http://purl.org/dc/elements/1.1/}creator").__next__().itertext())
        assert creator == "draftgen"
        if kind == "deletion":
            kept = [e for e in region[0] if etree.QName(e).localname != "change-info"]
            found.append((kind, "".join("".join(e.itertext()) for e in kept).strip()))
        else:  # an insertion is marked in the text by change-start … change-end
            start = next(e for e in content.iter(f"{{{text}}}change-start")
                         if e.get(f"{{{text}}}change-id") == region_id)
            words, node = [], start
            for node in start.itersiblings():
                if node.tag == f"{{{text}}}change-end":
                    break
                words.append("".join(node.itertext()) + (node.tail or ""))
            found.append((kind, ((start.tail or "") + "".join(words)).strip()))
    return [(kind, words.replace("\u2011", "-")) for kind, words in found]  # a no-break hyphen reads as '-'



needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


@pytest.fixture
def versions(tmp_path):
    """A library with cong-van@1 (as bundled) and cong-van@2 (a clerk's edit adding a standing sentence),
    and a letter rendered with version 1."""
    library = tmp_path / "thu-vien"
    assert run("templates", "init", library).exit_code == 0
    edited = tmp_path / "v2.docx"
    _clerk_edits(library / "cong-van@1.docx", edited)
    assert run("templates", "add", edited, "--id", "cong-van", "--loai", "cong_van", "--templates", library
               ).exit_code == 0
    old = tmp_path / "2842-v1.docx"
    assert run("render", LETTER, "--template", "cong-van@1", "--templates", library, "-o", old).exit_code == 0
    return library, old


def test_regenerate_with_a_newer_version_shows_exactly_the_added_sentence(versions, tmp_path):
    library, old = versions
    new, review = tmp_path / "2842-v2.docx", tmp_path / "2842-duyet.docx"
    result = run("regenerate", old, "--template", "cong-van@2", "--templates", library, "-o", new,
                 "--redline", review)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("--- văn bản cũ:") and "cong-van@1" in lines[0]
    assert lines[1].startswith("+++ văn bản mới:") and "cong-van@2" in lines[1]
    changed = [line for line in lines if line.startswith("@@")]
    assert len(changed) == 1 and changed[0].endswith("(thêm đoạn): {+" + STANDING + "+}")
    assert "thêm 24 từ, bỏ 0 từ" in result.output
    assert [t for t in texts(new) if t != STANDING] == texts(old) and STANDING in texts(new)
    rendered = tmp_path / "2842-v2-render.docx"
    assert run("render", LETTER, "--template", "cong-van@2", "--templates", library, "-o", rendered).exit_code == 0
    assert texts(new) == texts(rendered)  # the same as rendering the YAML file with version 2
    assert run("check", new).exit_code == 0
    root = body(review)
    found = marks(root)
    assert {etree.QName(m).localname for m in found} == {"ins"}
    inserted = [m for m in found if m.getparent().tag == q("p")]
    assert "".join(t.text for m in inserted for t in m.iter(q("t"))) == STANDING
    assert accepted(root) == texts(new) and rejected(root) == texts(old)


@needs_soffice
def test_libreoffice_shows_the_redline_as_tracked_changes(versions, tmp_path):
    library, old = versions
    review = tmp_path / "duyet.docx"
    assert run("regenerate", old, "--template", "cong-van@2", "--templates", library, "-o", tmp_path / "n.docx",
               "--redline", review).exit_code == 0
    assert libreoffice_changes(review, tmp_path) == [("insertion", STANDING)]


def _two_letters(tmp_path):
    """The same letter rendered twice, the second with another number and two words of the V/v changed."""
    from draftgen.load import Loaded, load_yaml_file
    from draftgen.pipeline import render_recorded

    loaded = load_yaml_file(LETTER)
    data = dict(loaded.data, so="2843", trich_yeu=loaded.data["trich_yeu"].replace("tăng cường", "đẩy mạnh"))
    old, new = tmp_path / "cu.docx", tmp_path / "moi.docx"
    old.write_bytes(render_recorded(loaded))
    new.write_bytes(render_recorded(Loaded(data, source=loaded.source)))
    return old, new


def test_word_level_redline_and_diff(tmp_path):
    from draftgen.redline import redline_document
    from draftgen.textdiff import diff_lines

    old, new = _two_letters(tmp_path)
    lines = diff_lines(old.read_bytes(), new.read_bytes(), "cu", "moi")
    assert lines[2:] == ["@@ đoạn 7 (sửa): Số: [-2842/UBND-TH-]{+2843/UBND-TH+}",
                         "@@ đoạn 8 (sửa): V/v tiếp tục chấn chỉnh, [-tăng cường-]{+đẩy mạnh+} kỷ luật, kỷ cương "
                         "trong cơ quan hành chính nhà nước", "Khác nhau ở 2 đoạn: thêm 3 từ, bỏ 3 từ."]
    review = tmp_path / "duyet.docx"
    review.write_bytes(redline_document(old.read_bytes(), new.read_bytes())[0])
    root = body(review)
    found = marks(root)
    deleted = ["".join(t.text for t in m.iter(q("delText"))) for m in found if m.tag == q("del")]
    assert deleted == ["2842/UBND-TH", "tăng cường "]
    assert not [t for m in found if m.tag == q("del") for t in m.iter(q("t"))]  # deleted text only in w:delText
    assert accepted(root) == texts(new) and rejected(root) == texts(old)
    from openxml_audit import FileFormat, OpenXmlValidator

    assert OpenXmlValidator(file_format=FileFormat.OFFICE_2019).validate(review).is_valid


@needs_soffice
def test_libreoffice_reads_word_level_changes(tmp_path):
    from draftgen.redline import redline_document

    old, new = _two_letters(tmp_path)
    review = tmp_path / "duyet.docx"
    review.write_bytes(redline_document(old.read_bytes(), new.read_bytes())[0])
    changes = libreoffice_changes(review, tmp_path)
    assert ("deletion", "tăng cường") in changes and ("insertion", "đẩy mạnh") in changes
    assert ("deletion", "2842/UBND-TH") in changes


def test_regenerate_a_letter_with_a_parent_file_without_the_file(tmp_path):
    folder = tmp_path / "cascade"
    shutil.copytree(EXAMPLES / "cascade", folder)
    old = tmp_path / "xa.docx"
    assert run("render", folder / "xa-hoa-phu-2025.yaml", "-o", old).exit_code == 0
    shutil.rmtree(folder)  # the YAML files are gone: the answers in the DOCX are enough
    new = tmp_path / "xa-lai.docx"
    result = run("regenerate", old, "-o", new)
    assert result.exit_code == 0, result.output
    assert "Chữ của hai văn bản giống nhau." in result.output
    assert texts(new) == texts(old) and any("Công điện số 968/CĐ-TTg" in t for t in texts(new))


def test_a_docx_without_answers_is_exit_2_in_vietnamese(tmp_path):
    import docx

    plain = tmp_path / "thuong.docx"
    document = docx.Document()
    document.add_paragraph("Một văn bản soạn trong Word.")
    document.save(plain)
    result = run("regenerate", plain, "-o", tmp_path / "moi.docx")
    assert result.exit_code == 2 and "không có dữ liệu đã ghi của draftgen" in result.output
    assert not (tmp_path / "moi.docx").exists()
    notzip = tmp_path / "hong.docx"
    notzip.write_bytes(b"not a zip")
    assert run("regenerate", notzip, "-o", tmp_path / "moi.docx").exit_code == 2


def test_regenerate_never_overwrites_without_force(versions, tmp_path):
    library, old = versions
    taken = tmp_path / "co-roi.docx"
    taken.write_bytes(b"x")
    result = run("regenerate", old, "--template", "cong-van@2", "--templates", library, "-o", taken)
    assert result.exit_code == 2 and taken.read_bytes() == b"x"
    assert run("regenerate", old, "--template", "cong-van@2", "--templates", library, "-o", taken, "--force"
               ).exit_code == 0
    assert STANDING in texts(taken) and Docx(taken).paragraphs
