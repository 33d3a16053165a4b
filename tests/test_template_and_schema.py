"""The committed template and JSON Schema are what the profile and the models produce today."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from draftgen.doctypes.data import families
from draftgen.schema import SCHEMA_FILE, committed_schemas, family_json_schema, letter_json_schema
from draftgen.templatebuild import template_parts

FAMILIES = sorted(families())


@pytest.mark.parametrize("family", FAMILIES)
def test_committed_template_is_not_stale(root, family):
    committed = zipfile.ZipFile(io.BytesIO((root / "templates" / families()[family]["template"]).read_bytes()))
    built = template_parts(family=family)
    assert sorted(committed.namelist()) == sorted(built), "run: python tools/build_templates.py"
    for name, xml in built.items():
        assert committed.read(name).decode("utf-8") == xml, f"{name} is stale: run python tools/build_templates.py"


def test_committed_json_schema_is_not_stale(root):
    committed = json.loads((root / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert committed == letter_json_schema(), "run: draftgen schema -o schemas/cong-van.schema.json --force"


@pytest.mark.parametrize("family", FAMILIES)
def test_committed_json_schema_of_every_family_is_not_stale(root, family):
    name = families()[family]["schema"]
    committed = json.loads((root / "schemas" / name).read_text(encoding="utf-8"))
    assert committed == family_json_schema(family), f"run: draftgen schema --loai <{family} type> -o schemas/{name}"


@pytest.mark.parametrize("name", sorted(committed_schemas()))
def test_every_committed_schema_is_not_stale(root, name):
    """The per-family, combined and batch schemas, as tools/build_schemas.py writes them."""
    committed = json.loads((root / "schemas" / name).read_text(encoding="utf-8"))
    assert committed == committed_schemas()[name], "run: python tools/build_schemas.py"


def test_template_has_named_styles_for_every_profile_element():
    from docx import Document

    from draftgen.nd30.profile import default_profile
    from draftgen.resources import template_path

    names = {s.name for s in Document(str(template_path("cong-van.docx"))).styles}
    for element in default_profile().elements.values():
        assert element.style in names


def test_template_is_a_valid_word_document_with_docxtpl_tags():
    """A clerk can open the template itself in Word: well-formed parts, tags as plain text."""
    from docx import Document
    from docxtpl import DocxTemplate

    from draftgen.resources import template_path

    path = str(template_path("cong-van.docx"))
    texts = [p.text for p in Document(path).paragraphs]
    assert "{%p for para in body %}" in texts
    from draftgen.render import jinja_environment

    variables = DocxTemplate(path).get_undeclared_template_variables(jinja_env=jinja_environment())
    from draftgen.draft import CongVanDraft

    known = set(CongVanDraft.__dataclass_fields__) | {"issuer_rule_xml", "do_mat_xml", "do_khan_xml"}
    assert variables <= known, variables - known
