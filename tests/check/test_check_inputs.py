"""Bad files get a clear Vietnamese message and exit code 2, in bounded memory and time."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from click.testing import CliRunner
from good_letter import build_letter, to_bytes
from mutations import MUTATIONS

from draftgen.check import check_bytes
from draftgen.check import reader as reader_mod
from draftgen.check.command import check_command
from draftgen.check.reader import UnreadableDocument, open_package


def _zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _replace_part(docx: bytes, name: str, data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx))
    entries = {i.filename: src.read(i.filename) for i in src.infolist()}
    entries[name] = data
    return _zip(entries)


GOOD = to_bytes(build_letter())

BAD_INPUTS = {
    "not_a_docx": (b"Xin chao, day la tep van ban thuong.\n" * 10, "không phải tệp DOCX"),
    "password_protected": (reader_mod.OLE_MAGIC + b"\0" * 504, "mật khẩu"),
    "truncated_zip": (GOOD[: len(GOOD) // 2], "bị hỏng"),
    "zip_without_document": (_zip({"hello.txt": b"hi"}), "word/document.xml"),
    "broken_xml": (_replace_part(GOOD, "word/document.xml", b"<w:document><w:body>"), "không phải XML hợp lệ"),
    "zip_bomb": (_zip({"word/document.xml": b"<" + b" " * (reader_mod.MAX_PART_BYTES + 10)}), "quá lớn"),
    "xml_bomb": (_replace_part(GOOD, "word/document.xml", (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b'<w:t>&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</w:t></w:r></w:p></w:body></w:document>')), None),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_or_harmless(name):
    data, words = BAD_INPUTS[name]
    if words is None:      # entities are not expanded: the file is read as a (bad) letter, not a bomb
        findings = check_bytes(data, source=name)
        assert findings and all(len(f.excerpt) < 100 for f in findings)
        return
    with pytest.raises(UnreadableDocument) as exc:
        open_package(data, name)
    assert words in str(exc.value)
    assert str(exc.value).startswith(name)


def test_zip_bomb_is_refused_before_inflating(monkeypatch):
    """The declared sizes are checked first: no read of a member larger than the cap."""
    data = _zip({"word/document.xml": b"a" * (reader_mod.MAX_PART_BYTES + 1)})
    opened = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, *a, **k: opened.append(a) or None)
    with pytest.raises(UnreadableDocument):
        open_package(data, "bomb.docx")
    assert not any("document.xml" in str(a) for a in opened)


def test_cli_exit_codes_and_json(tmp_path):
    good = tmp_path / "good.docx"
    good.write_bytes(GOOD)
    bad_doc = build_letter()
    MUTATIONS["month_03"][0](bad_doc)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(to_bytes(bad_doc))
    warn_doc = build_letter()
    MUTATIONS["no_end_mark"][0](warn_doc)
    warn = tmp_path / "warn.docx"
    warn.write_bytes(to_bytes(warn_doc))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    runner = CliRunner()

    result = runner.invoke(check_command, [str(good)])
    assert result.exit_code == 0, result.output
    assert "0 lỗi, 0 cảnh báo" in result.output

    result = runner.invoke(check_command, [str(warn)])
    assert result.exit_code == 0
    assert "CẢNH BÁO ND30-END-MARK" in result.output

    result = runner.invoke(check_command, [str(good), str(bad)])
    assert result.exit_code == 1
    assert "LỖI ND30-DATE-MONTH-PAD" in result.output and "tháng 03" in result.output

    result = runner.invoke(check_command, ["--json", str(bad), str(broken)])
    assert result.exit_code == 2
    payload = json.loads(result.output)
    files = {f["file"]: f for f in payload["files"]}
    assert files[str(broken)]["readable"] is False and "DOCX" in files[str(broken)]["error"]
    finding = files[str(bad)]["findings"][0]
    assert finding["rule"] == "ND30-DATE-MONTH-PAD" and finding["severity"] == "error"
    assert finding["paragraph"] >= 1 and "tháng 03" in finding["excerpt"]

    result = runner.invoke(check_command, ["--list-rules", "x"])
    assert result.exit_code == 0 and "ND30-KYHIEU-CV\terror" in result.output


def test_message_names_where_the_value_comes_from():
    doc = build_letter()
    MUTATIONS["body_12pt"][0](doc)
    (finding,) = check_bytes(to_bytes(doc))
    assert "cỡ chữ 12 do định dạng trực tiếp" in finding.message
    assert "kiểu 'ND30 Nội dung' quy định 14" in finding.message


def test_style_value_is_reported_with_its_style_name():
    doc = build_letter()
    doc.styles["ND30 Trích yếu công văn"].font.bold = True
    findings = check_bytes(to_bytes(doc))
    assert [f.rule for f in findings] == ["ND30-TRICH-YEU-STYLE"]
    assert "theo kiểu đoạn 'ND30 Trích yếu công văn'" in findings[0].message


def test_cli_lets_each_document_go_once_told(tmp_path, monkeypatch):
    """A whole batch is checked at once (3,321 letters): each file is reported as soon as it is checked and its
    parsed document is let go, so memory does not grow with the number of files (benchmarks/check.py)."""
    import gc
    import weakref

    from draftgen.check import command

    paths = []
    for i in range(4):
        path = tmp_path / f"{i}.docx"
        path.write_bytes(GOOD)
        paths.append(str(path))
    made: list[weakref.ref] = []
    alive_when_checking: list[int] = []
    check = command.check_path

    def tracked(path, loai=None):
        gc.collect()
        alive_when_checking.append(sum(1 for ref in made if ref() is not None))
        findings = check(path, loai=loai)
        made.append(weakref.ref(findings.layout))
        return findings

    monkeypatch.setattr(command, "check_path", tracked)
    result = CliRunner().invoke(check_command, paths)
    assert result.exit_code == 0, result.output
    assert result.output.count("0 lỗi, 0 cảnh báo") == 4
    assert [result.output.index(p) for p in paths] == sorted(result.output.index(p) for p in paths)  # in order
    assert alive_when_checking == [0, 0, 0, 0]    # none of the earlier documents is still held


def test_cli_checks_every_docx_of_a_folder(tmp_path):
    """`draftgen check out/`: an office checks a whole batch's folder (sub-folders too, in name order); Word's
    lock files and hidden files are not documents; a folder with no DOCX is a usage error (exit 2)."""
    folder = tmp_path / "ket-qua"
    (folder / "xa").mkdir(parents=True)
    for name in ("b.docx", "a.DOCX", "xa/c.docx", "~$a.docx", ".an.docx"):
        (folder / name).write_bytes(GOOD)
    (folder / "manifest.csv").write_text("code\n", encoding="utf-8")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "d.docx").write_bytes(GOOD)
    result = CliRunner().invoke(check_command, ["--json", str(folder), str(tmp_path / "khong-co.docx")])
    assert result.exit_code == 2, result.output           # the missing file: unreadable
    files = [f["file"] for f in json.loads(result.output)["files"]]
    assert files == [str(folder / "a.DOCX"), str(folder / "b.docx"), str(folder / "xa" / "c.docx"),
                     str(tmp_path / "khong-co.docx")]
    empty = tmp_path / "trong"
    empty.mkdir()
    result = CliRunner().invoke(check_command, [str(empty)])
    assert result.exit_code == 2 and "không có tệp .docx" in result.output
