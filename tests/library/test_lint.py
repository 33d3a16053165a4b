"""The template lint on templates damaged the way Word damages them: each damage, its own finding, at its place."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.library.damage import (
    RUN,
    SPLIT_TRICH_YEU,
    TRICH_YEU,
    after_trich_yeu,
    body_paragraph,
    damaged,
    pack,
    parts_of,
    replace,
)

from draftgen.library.docxparts import Unreadable
from draftgen.library.lint import LintReport, fix_bytes, lint_bytes
from draftgen.resources import template_path


def lint(path: Path, loai: str = "cong_van") -> LintReport:
    return lint_bytes(path.read_bytes(), str(path), loai, path=path)


def rules(report: LintReport) -> list[str]:
    return [f.rule for f in report.findings]


@pytest.mark.parametrize("name", ["cong-van.docx", "van-ban-co-ten-loai.docx", "quyet-dinh.docx", "mau-rieng.docx",
                                  "bien-ban.docx"])
def test_every_bundled_template_is_clean(name):
    from draftgen.library.bundled import bundled_entries

    entry = next(e for e in bundled_entries() if e.file == name)
    assert lint(template_path(name), entry.loai).findings == []


def test_tag_split_over_three_runs_is_found_named_and_fixed(tmp_path):
    path = damaged(tmp_path, "split", lambda t: replace(t, "word/document.xml", TRICH_YEU, SPLIT_TRICH_YEU))
    report = lint(path)
    split = [f for f in report.findings if f.rule == "TPL-TAG-SPLIT"]
    assert len(split) == 1, report.findings
    assert split[0].part == "word/document.xml" and split[0].cell is not None  # in the header table
    assert "3 đoạn chữ" in split[0].message
    assert all(w in split[0].message for w in ("proofErr", "bookmarkStart", "rsid"))
    assert "{{ trich_yeu }}" in split[0].snippet and split[0].fixable
    data, fixed = fix_bytes(report)
    assert fixed == 1
    out = tmp_path / "fixed.docx"
    out.write_bytes(data)
    again = lint(out)
    assert again.findings == [], again.findings
    import docx  # python-docx: the merged paragraph keeps its first run and its style

    para = next(p for p in _all_paragraphs(docx.Document(out)) if "trich_yeu" in p.text)
    assert para.text == "{{ trich_yeu }}" and len(para.runs) == 1 and para.style.name.startswith("ND30 Trích yếu")


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_smart_quotes_inside_a_tag(tmp_path):
    path = damaged(tmp_path, "quotes",
                   lambda t: replace(t, "word/document.xml", "'ND30DauKet'", "\u2018ND30DauKet\u2019"))
    report = lint(path)
    quotes = [f for f in report.findings if f.rule == "TPL-TAG-QUOTES"]
    assert len(quotes) == 1 and "\u2018ND30DauKet\u2019" in quotes[0].snippet
    assert quotes[0].paragraph is not None
    data, _ = fix_bytes(report)
    (tmp_path / "q.docx").write_bytes(data)
    assert lint(tmp_path / "q.docx").findings == []


def test_a_split_tag_in_the_header_is_found_there(tmp_path):
    header = '<w:p><w:r><w:t>{{ so_</w:t></w:r><w:proofErr w:type="gramStart"/><w:r><w:t>ky_hieu }}</w:t></w:r></w:p>'
    path = damaged(tmp_path, "header", lambda t: replace(t, "word/header1.xml", "</w:hdr>", header + "</w:hdr>"))
    report = lint(path)
    split = [f for f in report.findings if f.rule == "TPL-TAG-SPLIT"]
    assert [(f.part, f.paragraph) for f in split] == [("word/header1.xml", 2)]


def test_unknown_variable_is_located(tmp_path):
    path = damaged(tmp_path, "unknown", lambda t: after_trich_yeu(t, body_paragraph("Kính gửi {{ nguoi_nhan }}")))
    report = lint(path)
    found = [f for f in report.findings if f.rule == "TPL-VAR-UNKNOWN"]
    assert len(found) == 1 and "'nguoi_nhan'" in found[0].message
    assert found[0].part == "word/document.xml" and found[0].snippet == "{{ nguoi_nhan }}"


def test_loop_over_a_missing_list(tmp_path):
    loop = (body_paragraph("{%p for khach in danh_sach_khach %}") + body_paragraph("{{ khach.ten }}")
            + body_paragraph("{%p endfor %}"))
    path = damaged(tmp_path, "loop", lambda t: after_trich_yeu(t, loop))
    found = [f for f in lint(path).findings if f.rule in ("TPL-LOOP-MISSING", "TPL-VAR-UNKNOWN")]
    assert [f.rule for f in found] == ["TPL-LOOP-MISSING"] and "'danh_sach_khach'" in found[0].message


def test_unclosed_tag(tmp_path):
    path = damaged(tmp_path, "unclosed", lambda t: after_trich_yeu(t, body_paragraph("Trân trọng {{ ho_ten")))
    found = [f for f in lint(path).findings if f.rule == "TPL-TAG-UNCLOSED"]
    assert len(found) == 1 and "{{ ho_ten" in found[0].snippet


def test_tags_in_a_text_box_and_a_field_code(tmp_path):
    box = ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
           + body_paragraph("{{ so_ky_hieu }}") + '</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
    field = '<w:p><w:r><w:instrText xml:space="preserve"> MERGEFIELD {{ ho_ten }} </w:instrText></w:r></w:p>'
    path = damaged(tmp_path, "box", lambda t: after_trich_yeu(t, box + field))
    found = rules(lint(path))
    assert "TPL-TAG-TEXTBOX" in found and "TPL-TAG-FIELD" in found


def test_missing_nd30_style(tmp_path):
    def drop(texts):
        styles = texts["word/styles.xml"]
        start = styles.index('<w:style w:type="paragraph" w:customStyle="1" w:styleId="ND30TrichYeu">')
        end = styles.index("</w:style>", start) + len("</w:style>")
        texts["word/styles.xml"] = styles[:start] + styles[end:]

    found = [f for f in lint(damaged(tmp_path, "nostyle", drop)).findings if f.rule.startswith("TPL-STYLE")]
    assert [(f.rule, f.part, f.snippet) for f in found] == [
        ("TPL-STYLE-MISSING", "word/styles.xml", "ND30 Trích yếu công văn")]


def test_body_style_at_12_pt(tmp_path):
    def shrink(texts):
        styles = texts["word/styles.xml"]
        start = styles.index('w:styleId="ND30NoiDung"')
        end = styles.index("</w:style>", start)
        block = styles[start:end].replace('<w:sz w:val="28"/>', '<w:sz w:val="24"/>')
        texts["word/styles.xml"] = styles[:start] + block + styles[end:]

    found = [f for f in lint(damaged(tmp_path, "small", shrink)).findings if f.rule.startswith("TPL-STYLE")]
    assert len(found) == 1 and found[0].rule == "TPL-STYLE-SIZE"
    assert "ND30 Nội dung" in found[0].message and "12 pt" in found[0].message and "14" in found[0].message


def test_sample_output_that_fails_check(tmp_path):
    path = damaged(tmp_path, "quoc-hieu", lambda t: replace(
        t, "word/document.xml", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cộng hòa xã hội chủ nghĩa Việt Nam"))
    report = lint(path)
    proof = [f for f in report.findings if f.rule == "TPL-PROOF"]
    assert proof and all(f.part == "word/document.xml" for f in proof)
    assert any("draftgen check" in f.message and f.paragraph for f in proof)
    assert [r for r in rules(report) if r != "TPL-PROOF"] == []


def test_macro_enabled_file(tmp_path):
    parts = parts_of(template_path("cong-van.docx"))
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace("wordprocessingml.document.main+xml",
                                                 "ms-word.document.macroEnabled.main+xml").encode()
    parts["word/vbaProject.bin"] = b"\x00VBA"
    path = tmp_path / "macro.docx"
    path.write_bytes(pack(parts))
    report = lint(path)
    assert rules(report) == ["TPL-MACRO"] and report.findings[0].part == "package"


def test_encrypted_or_not_a_docx_is_unreadable(tmp_path):
    ole = tmp_path / "khoa.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(Unreadable, match="mật khẩu"):
        lint(ole)
    text = tmp_path / "text.docx"
    text.write_text("không phải docx")
    with pytest.raises(Unreadable):
        lint(text)


def test_fix_keeps_first_runs_formatting_and_the_fixed_template_renders(tmp_path):
    from tests.docx_read import Docx

    from draftgen.pipeline import load_letter, render_letter
    from draftgen.render import CompiledTemplate

    path = damaged(tmp_path, "split", lambda t: replace(t, "word/document.xml", TRICH_YEU, SPLIT_TRICH_YEU))
    data, _ = fix_bytes(lint(path))
    fixed = tmp_path / "fixed.docx"
    fixed.write_bytes(data)
    assert RUN.format(text="{{ trich_yeu }}").replace('<w:r>', '<w:r w:rsidR="00A1B2C3">') in parts_of(fixed)[
        "word/document.xml"].decode()
    examples = Path(__file__).resolve().parents[2] / "examples"
    out = render_letter(load_letter(examples / "soc-trang-2842.yaml"), CompiledTemplate(fixed))
    texts = [p.text for p in Docx(out).paragraphs]
    assert any(t.startswith("V/v") for t in texts)


def test_unknown_variable_in_a_branch_the_dry_render_does_not_take(tmp_path):
    branch = (body_paragraph("{%p if du_thao %}") + body_paragraph("x") + body_paragraph("{%p else %}")
              + body_paragraph("{{ ngay_hop }}") + body_paragraph("{%p endif %}"))
    path = damaged(tmp_path, "branch", lambda t: after_trich_yeu(t, branch))
    found = [f for f in lint(path).findings if f.rule == "TPL-VAR-UNKNOWN"]
    assert len(found) == 1 and "'ngay_hop'" in found[0].message and found[0].snippet == "{{ ngay_hop }}"


def test_a_required_element_the_template_never_places(tmp_path):
    path = damaged(tmp_path, "no-trich-yeu", lambda t: replace(t, "word/document.xml", TRICH_YEU, ""))
    found = [f for f in lint(path).findings if f.rule == "TPL-VAR-NOT-PLACED"]
    assert len(found) == 1 and "'trich_yeu'" in found[0].message and "ô 5" in found[0].message


def test_a_zip_bomb_is_unreadable_before_it_is_unpacked(tmp_path):
    parts = parts_of(template_path("cong-van.docx"))
    parts["word/media/huge.bin"] = b"\0" * (65 * 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(pack(parts))
    with pytest.raises(Unreadable, match="quá lớn"):
        lint(path)
