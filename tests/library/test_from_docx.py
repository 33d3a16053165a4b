"""``draftgen templates from-docx``: a template made from an office's own letter."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from tests.library.test_regenerate import texts
from tests.library.wordlike import BODY, word_like_letter

from draftgen.cli import main
from draftgen.library.manifest import read_manifest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
REALDOCS = ROOT.parent / "shared" / "realdocs"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONG_VAN = ["soc-trang-2842.yaml", "dak-lak-968.yaml", "xa-hoa-phu-2026.yaml", "cascade/xa-hoa-phu-2025.yaml"]


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def paragraphs(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return list(etree.fromstring(archive.read("word/document.xml")).iter(q("p")))


def text_of(p: etree._Element) -> str:
    return "".join((t.text or "") if t.tag == q("t") else "-" for t in p.iter(q("t"), q("noBreakHyphen")))


def holding(path: Path, text: str) -> etree._Element:
    return next(p for p in paragraphs(path) if text_of(p) == text)


def rpr(p: etree._Element) -> dict[str, str | None]:
    """The run formatting of the paragraph's first run: font, size (half-points), bold, italic."""
    props = p.find(f"{q('r')}/{q('rPr')}")
    fonts = props.find(q("rFonts")) if props is not None else None
    size = props.find(q("sz")) if props is not None else None
    return {"font": fonts.get(q("ascii")) if fonts is not None else None,
            "size": size.get(q("val")) if size is not None else None,
            "b": "b" if props is not None and props.find(q("b")) is not None else None,
            "i": "i" if props is not None and props.find(q("i")) is not None else None}


def _sample_yaml(folder: Path, target: Path) -> Path:
    from draftgen.library.lint import sample_data

    entry = read_manifest(folder).templates[-1]
    assert entry.sample, "the letter's values were read into the manifest's sample"
    target.write_text(json.dumps(sample_data(entry, "cong_van"), ensure_ascii=False), encoding="utf-8")
    return target


@pytest.mark.parametrize("name", CONG_VAN)
def test_from_a_rendered_example(name, tmp_path):
    letter = tmp_path / "cong-van.docx"
    assert run("render", EXAMPLES / name, "-o", letter).exit_code == 0
    library = tmp_path / "thu-vien"
    library.mkdir()
    made = run("templates", "from-docx", letter, "-o", library / "mau-co-quan.docx")
    assert made.exit_code == 0, made.output
    for what in ("Số, ký hiệu", "Địa danh, ngày tháng", "Trích yếu", "Kính gửi", "Nội dung", "Nơi nhận",
                 "Quyền hạn, chức vụ người ký", "Họ tên người ký"):
        assert f"Đã thấy {what}:" in made.output
    assert "Không thấy" not in made.output and "không có lỗi" in made.output
    template = library / "mau-co-quan.docx"
    placed = [text_of(p) for p in paragraphs(template)]
    for tag in ("{{ so_ky_hieu }}", "{{ dia_danh_ngay }}", "{{ trich_yeu }}", "{%p for para in body %}",
                "{{ para|runs }}", "{{ noi_nhan_label }}", "{%p for line in noi_nhan %}",
                "{%p for line in authority %}", "{{ ho_ten }}", "{%p for line in kinh_gui_items %}"):
        assert tag in placed
    assert holding(template, "{{ so_ky_hieu }}").find(f"{q('pPr')}/{q('pStyle')}").get(q("val")) == "ND30SoKyHieu"
    with zipfile.ZipFile(template) as archive:
        assert b"draftgen.answers" not in archive.read("docProps/custom.xml")  # the letter's answers are not kept
    entry = read_manifest(library).templates[-1]
    assert entry.ref == "mau-co-quan@1" and entry.fixed["co_quan"]["ten"][-1] in texts(letter)
    again = tmp_path / "lai.docx"
    assert run("render", EXAMPLES / name, "--template", "mau-co-quan", "--templates", library, "-o", again
               ).exit_code == 0
    assert run("check", again).exit_code == 0
    assert texts(again) == texts(letter)
    detected = tmp_path / "tu-van-ban.docx"
    assert run("render", _sample_yaml(library, tmp_path / "mau-thu.yaml"), "--template", "mau-co-quan",
               "--templates", library, "-o", detected).exit_code == 0
    assert texts(detected) == texts(letter)  # the values read from the letter make the same letter


def test_a_word_like_letter_keeps_its_direct_formatting(tmp_path):
    letter = word_like_letter(tmp_path / "cong-van-xa.docx")
    assert run("check", letter).exit_code == 0
    template = tmp_path / "mau-xa.docx"
    made = run("templates", "from-docx", letter, "-o", template, "--id", "cong-van-xa-hoa-phu")
    assert made.exit_code == 0, made.output
    assert "Đã thấy Kính gửi: «Kính gửi: Trưởng các thôn, buôn trên địa bàn xã»" in made.output
    tnr = "Times New Roman"
    assert rpr(holding(template, "{{ so_ky_hieu }}")) == {"font": tnr, "size": "26", "b": None, "i": None}
    assert rpr(holding(template, "{{ trich_yeu }}"))["size"] == "24"
    assert rpr(holding(template, "{{ dia_danh_ngay }}")) == {"font": tnr, "size": "28", "b": None, "i": "i"}
    assert rpr(holding(template, "{{ noi_nhan_label }}")) == {"font": tnr, "size": "24", "b": "b", "i": "i"}
    assert rpr(holding(template, "{{ line }}"))["size"] in ("28", "22")
    assert rpr(holding(template, "{{ ho_ten }}")) == {"font": tnr, "size": "28", "b": "b", "i": None}
    body = holding(template, "{{ para|runs }}")
    assert rpr(body)["size"] == "28"
    assert body.find(f"{q('pPr')}/{q('jc')}").get(q("val")) == "both"
    assert body.find(f"{q('pPr')}/{q('ind')}").get(q("firstLine")) == "567"
    assert all(text_of(p) not in BODY for p in paragraphs(template))
    assert "ỦY BAN NHÂN DÂN" in [text_of(p) for p in paragraphs(template)]  # the issuer lines stay the office's
    entry = read_manifest(tmp_path).templates[-1]
    assert entry.ref == "cong-van-xa-hoa-phu@1"
    assert entry.fixed == {"co_quan": {"ten": ["ỦY BAN NHÂN DÂN", "XÃ HÒA PHÚ"], "viet_tat": "UBND",
                                       "dia_danh": "Hòa Phú", "cap": "xa"}}
    assert entry.sample["nguoi_ky"] == {"ho_ten": "Nguyễn Văn An", "quyen_han": "KT", "cap_truong": "CHỦ TỊCH",
                                        "chuc_vu": "PHÓ CHỦ TỊCH"}
    rendered = tmp_path / "lai.docx"
    assert run("render", _sample_yaml(tmp_path, tmp_path / "thu.yaml"), "--template", "cong-van-xa-hoa-phu",
               "--templates", tmp_path, "-o", rendered).exit_code == 0
    assert [t for t in texts(rendered) if t.strip()] == [t for t in texts(letter) if t.strip()]
    assert rpr(holding(rendered, "Số: 12/UBND-VP"))["size"] == "26"
    assert run("check", rendered).exit_code == 0
    from openxml_audit import FileFormat, OpenXmlValidator

    for path in (template, rendered):  # python-docx's own package has a stale stylesWithEffects part
        result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019).validate(path)
        assert result.is_valid, (path.name, [str(e) for e in result.errors][:3])


REAL = ["tinhba__cong_van_nd30.docx", "tinhba__test_cong_van.docx"]


@pytest.mark.skipif(not all((REALDOCS / n).is_file() for n in REAL), reason=f"real letters not in {REALDOCS}")
@pytest.mark.parametrize("name", REAL)
def test_real_letters_of_an_office(name, tmp_path):
    letter = REALDOCS / name
    template = tmp_path / "mau.docx"
    made = run("templates", "from-docx", letter, "-o", template)
    assert made.exit_code in (0, 1), made.output  # 1: the lint's proof finds the letter's own faults
    assert made.output.count("Đã thấy") == 8 and "Không thấy" not in made.output
    rendered = tmp_path / "lai.docx"
    assert run("render", _sample_yaml(tmp_path, tmp_path / "thu.yaml"), "--template", "mau", "--templates", tmp_path,
               "-o", rendered).exit_code == 0
    before = [t for t in texts(letter) if t.strip()]
    after = [t for t in texts(rendered) if t.strip()]
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    # only where the engine writes the ND30 form the letter missed: "Số:" with its colon, "tháng 3" not "tháng 03"
    assert changed == [("Số      /BTC-TCCB", "Số:        /BTC-TCCB"),
                       ("Hà Nội, ngày 17 tháng 03 năm 2026", "Hà Nội, ngày 17 tháng 3 năm 2026")]


def test_refusals_are_exit_2_in_vietnamese(tmp_path):
    import docx

    plain = tmp_path / "don.docx"
    document = docx.Document()
    document.add_paragraph("Đơn xin nghỉ phép")
    document.save(plain)
    result = run("templates", "from-docx", plain, "-o", tmp_path / "mau.docx")
    assert result.exit_code == 2 and "không phải văn bản hành chính" in result.output
    assert not (tmp_path / "mau.docx").exists()
    decision = tmp_path / "qd.docx"
    assert run("render", EXAMPLES / "quyet-dinh/quyet-dinh-ban-chi-dao-dak-lak-2025.yaml", "-o", decision
               ).exit_code == 0
    result = run("templates", "from-docx", decision, "-o", tmp_path / "mau.docx")
    assert result.exit_code == 2 and "Quyết định" in result.output and "--loai" in result.output
    letter = tmp_path / "cv.docx"
    assert run("render", EXAMPLES / "soc-trang-2842.yaml", "-o", letter).exit_code == 0
    taken = tmp_path / "co-roi.docx"
    taken.write_bytes(b"x")
    assert run("templates", "from-docx", letter, "-o", taken).exit_code == 2 and taken.read_bytes() == b"x"
    assert run("templates", "from-docx", letter, "-o", taken, "--force").exit_code == 0
