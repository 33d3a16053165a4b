"""Every generated package is valid OOXML for Word, not only for LibreOffice.

openxml-audit (a pure-Python port of the Open XML SDK's package, schema and semantic rules) must report
no error on the committed template, on every example letter and on batch outputs; and the package
carries the theme those rules require, whose heading and body fonts are Times New Roman.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator, ValidationSeverity

from batch.helpers import write_inputs
from letter_examples import ROOT

EXAMPLES = ROOT / "examples"
# every letter under examples/ (top level and cascade/); examples/batch/ holds batch inputs, run below
LETTERS = sorted(p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*.yaml")
                 if p.relative_to(EXAMPLES).parts[0] != "batch")

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
THEME_CT = "application/vnd.openxmlformats-officedocument.theme+xml"
TNR = "Times New Roman"


@pytest.fixture(scope="module")
def validator() -> OpenXmlValidator:
    return OpenXmlValidator(file_format=FileFormat.OFFICE_2019)


@pytest.fixture(scope="module")
def batch_outputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from draftgen.batch import BatchOptions, run_batch

    folder = tmp_path_factory.mktemp("batch")
    letter, units = write_inputs(folder)
    out = folder / "out"
    run_batch(BatchOptions(letter, str(units), out, zip_path=folder / "all.zip"))
    files = sorted(out.glob("*.docx"))
    assert len(files) == 4
    return files


def _assert_valid(validator: OpenXmlValidator, path: Path) -> None:
    result = validator.validate(path)
    errors = [e for e in result.errors if e.severity == ValidationSeverity.ERROR]
    assert result.is_valid and not errors, f"{path.name}: {len(errors)} error(s)\n" + "\n".join(map(str, errors))


def _assert_theme(data: bytes) -> None:
    """word/theme/theme1.xml is the theme of the main part, typed as a theme, with Times New Roman fonts."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
        targets = [posixpath.normpath(posixpath.join("word", r.get("Target")))
                   for r in rels.iter(f"{{{REL_NS}}}Relationship") if r.get("Type") == THEME_REL]
        assert targets == ["word/theme/theme1.xml"]
        types = etree.fromstring(archive.read("[Content_Types].xml"))
        overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{{{CT_NS}}}Override")}
        assert overrides.get("/word/theme/theme1.xml") == THEME_CT
        theme = etree.fromstring(archive.read("word/theme/theme1.xml"))
    assert theme.tag == f"{{{A_NS}}}theme"
    scheme = theme.find(f"{{{A_NS}}}themeElements/{{{A_NS}}}fontScheme")
    for which in ("majorFont", "minorFont"):
        fonts = scheme.find(f"{{{A_NS}}}{which}")
        assert fonts.find(f"{{{A_NS}}}latin").get("typeface") == TNR, which
        assert fonts.find(f"{{{A_NS}}}cs").get("typeface") == TNR, which


def test_letters_are_found():
    assert "dak-lak-968.yaml" in LETTERS and any(name.startswith("cascade/") for name in LETTERS)


@pytest.mark.parametrize("name", LETTERS)
def test_example_letter_is_valid_ooxml_with_a_times_new_roman_theme(name, validator, tmp_path):
    from draftgen.pipeline import load_letter, render_letter

    data = render_letter(load_letter(EXAMPLES / name))
    path = tmp_path / (Path(name).stem + ".docx")
    path.write_bytes(data)
    _assert_valid(validator, path)
    _assert_theme(data)


def test_batch_outputs_are_valid_ooxml_with_a_times_new_roman_theme(batch_outputs, validator):
    for path in batch_outputs:
        _assert_valid(validator, path)
        _assert_theme(path.read_bytes())


def test_committed_template_is_valid_ooxml(validator):
    """A clerk opens the template itself in Word to restyle it: the tags are plain text, the package valid."""
    path = ROOT / "templates" / "cong-van.docx"
    _assert_valid(validator, path)
    _assert_theme(path.read_bytes())
