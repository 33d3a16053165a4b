"""A clerk's first hour: the committed JSON Schemas accept what a clerk writes and refuse what is wrong, checked
by an independent validator (``jsonschema``); ``draftgen new`` writes a starter for every type; ``render``
writes beside its input.

YAML is read as an editor's YAML extension reads it (YAML 1.2: ``2023-10-17`` is text, not a date).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from jsonschema import Draft202012Validator

from draftgen.cli import main
from draftgen.doctypes.registry import doc_types, get_type

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")
PLACEHOLDER = re.compile(r'"<ví dụ: (.*?)>"')


class EditorLoader(yaml.SafeLoader):
    """PyYAML without the YAML 1.1 timestamp rule, as an editor's YAML 1.2 reads a file."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def errors(data: Any, schema_doc: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:160]}" for e in Draft202012Validator(schema_doc).iter_errors(data)]


def _drop_required(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_drop_required(v) for v in node]
    return node


def without_required(schema_doc: dict[str, Any]) -> dict[str, Any]:
    """The schema for a fragment (README blocks that leave fields out with '…'): no field of a model is
    required (the ``if`` on ``loai`` that picks the type stays as it is)."""
    return {**schema_doc, "$defs": {k: _drop_required(v) for k, v in schema_doc["$defs"].items()}}


@pytest.fixture
def cli():
    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(main, list(args), input=input)

    return invoke


def fill(starter: str) -> str:
    """A starter with every placeholder replaced by its example ("<ví dụ: Hòa Phú>" → "Hòa Phú")."""
    return PLACEHOLDER.sub(lambda m: f'"{m.group(1)}"', starter)


# --- the committed schemas against the examples and the README --------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT / "examples")))
def test_every_example_names_its_schema_and_passes_it(path):
    text = path.read_text(encoding="utf-8")
    line = MODELINE.match(text)
    assert line, f"{path.name}: the first line must be '# yaml-language-server: $schema=…'"
    target = (path.parent / line.group(1)).resolve()
    assert target.parent == SCHEMAS and target.is_file(), f"{path.name}: modeline points at {target}"
    data = yaml.load(text, Loader=EditorLoader)
    assert errors(data, json.loads(target.read_text(encoding="utf-8"))) == []
    assert errors(data, schema("batch.schema.json" if "batch" in data else "draftgen.schema.json")) == []


def test_each_example_uses_the_schema_of_its_type():
    for path in EXAMPLES:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)
        expected = "batch.schema.json" if "batch" in data else get_type(data.get("loai", "cong_van")).schema
        assert MODELINE.match(path.read_text(encoding="utf-8")).group(1).endswith("/" + expected), path.name


def readme_yaml_documents() -> list[Any]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    return [doc for block in blocks for doc in yaml.load_all(block, Loader=EditorLoader) if doc]


def test_every_yaml_in_the_readme_passes_the_combined_schema():
    documents = readme_yaml_documents()
    assert len(documents) >= 7
    partial = without_required(schema("draftgen.schema.json"))
    for doc in documents:
        assert errors(doc, partial) == [], doc


# --- wrong inputs are refused -----------------------------------------------------------------------------

SOC_TRANG = ROOT / "examples" / "soc-trang-2842.yaml"
QUYET_DINH = ROOT / "examples" / "quyet-dinh" / "quyet-dinh-giao-nhiem-vu-xa-hoa-phu-2025.yaml"
GIAY_MOI = ROOT / "examples" / "mau-rieng" / "giay-moi-dak-lak-2025.yaml"


def _set(path: tuple[str, ...], value: Any):
    def mutate(doc: dict[str, Any]) -> None:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


WRONG = {
    "a level that does not exist": (_set(("co_quan", "cap"), "tinhh"), "is not one of"),
    "a misspelt field name": (_set(("trich_yue",), "Về việc …"), "trich_yue"),
    "a list where a mapping is needed": (_set(("co_quan",), ["ỦY BAN NHÂN DÂN"]), "is not of type 'object'"),
    "a mapping where text is needed": (_set(("trich_yeu",), {"ten": "x"}), ""),
    "an unknown type": (_set(("loai",), "cong_vann"), "loai"),
    "an urgency ND30 does not have": (_set(("do_khan",), "GẤP"), ""),
    "a signing authority that does not exist": (_set(("nguoi_ky", "quyen_han"), "KY"), ""),
    "a date with dashes in the wrong order": (_set(("ngay",), "17-10-2023"), ""),
    "a number that is not a number": (_set(("so",), "số 5"), ""),
    "a misspelt field of the signer": (_set(("nguoi_ky", "hoten"), "Nguyễn Văn A"), "hoten"),
}


@pytest.mark.parametrize("example", [SOC_TRANG, QUYET_DINH, GIAY_MOI], ids=lambda p: p.stem)
@pytest.mark.parametrize("case", sorted(WRONG))
def test_the_schemas_refuse_wrong_input(example, case):
    mutate, words = WRONG[case]
    data = yaml.load(example.read_text(encoding="utf-8"), Loader=EditorLoader)
    assert errors(data, schema("draftgen.schema.json")) == []
    wrong = copy.deepcopy(data)
    mutate(wrong)
    for name in ("draftgen.schema.json", get_type(data.get("loai", "cong_van")).schema):
        found = errors(wrong, schema(name))
        assert found, f"{case}: {name} accepted it"
        assert any(words in e for e in found), found


# --- the schemas speak Vietnamese -------------------------------------------------------------------------

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)


def holds_models(prop: dict[str, Any]) -> bool:
    """A property whose value is a model or a list of models (their own fields carry the examples)."""
    options = [prop, prop.get("items") or {}] + list(prop.get("anyOf") or [])
    return any("$ref" in o or o.get("type") == "object" or "$ref" in (o.get("items") or {}) for o in options)


@pytest.mark.parametrize("name", sorted(p.name for p in SCHEMAS.glob("*.schema.json")))
def test_every_field_has_a_vietnamese_title_and_description(name):
    doc = schema(name)
    nodes = [("(gốc)", doc)] + list(doc.get("$defs", {}).items())
    for where, node in nodes:
        if "properties" not in node:
            continue
        assert VIETNAMESE.search(node.get("title", "") + node.get("description", "")), f"{where}: English docstring"
        for field, prop in node["properties"].items():
            assert prop.get("title") and prop["title"] != field.replace("_", " ").title(), f"{where}.{field}"
            assert VIETNAMESE.search(prop.get("description", "")), f"{where}.{field}: no Vietnamese description"
            if not holds_models(prop):
                assert prop.get("examples") or prop.get("enum") or prop.get("const") or "anyOf" in prop \
                    and any("enum" in o for o in prop["anyOf"]), f"{where}.{field}: no example"


def test_the_words_file_has_only_known_keys():
    """data/field_help.yaml: a comma in an unquoted flow mapping makes a new key; catch it here."""
    from draftgen.fieldhelp import _data

    for name, words in _data()["fields"].items():
        assert set(words) <= {"title", "description", "example", "show", "labels"}, name
    for name, words in _data()["models"].items():
        assert set(words) == {"title", "description"}, name


def test_closed_values_are_enums():
    cong_van = schema("cong-van.schema.json")
    defs = cong_van["$defs"]
    assert defs["Issuer"]["properties"]["cap"]["enum"] == ["trung_uong", "tinh", "xa", "huyen"]
    authority = {v for o in defs["Signer"]["properties"]["quyen_han"]["anyOf"] for v in o.get("enum", [])}
    assert {"TM", "KT", "Q", "TL", "TUQ", "KT."} <= authority
    urgency = {v for o in cong_van["properties"]["do_khan"]["anyOf"] for v in o.get("enum", [])}
    assert {"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "Khẩn"} <= urgency
    secrecy = {v for o in cong_van["properties"]["do_mat"]["anyOf"] for v in o.get("enum", [])}
    assert {"MẬT", "TỐI MẬT", "TUYỆT MẬT"} <= secrecy


# --- draftgen new -----------------------------------------------------------------------------------------

TYPES = list(doc_types())


def run_new(cli, tmp_path: Path, key: str) -> Path:
    out = tmp_path / f"{key}.yaml"
    result = cli("new", key, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("key", TYPES)
def test_a_filled_starter_passes_the_schema_renders_and_checks_clean(cli, tmp_path, key):
    from draftgen.check.engine import check_path

    starter = run_new(cli, tmp_path, key).read_text(encoding="utf-8")
    line = MODELINE.match(starter)
    assert line and Path(line.group(1)).name == get_type(key).schema and Path(line.group(1)).is_file()
    assert PLACEHOLDER.search(starter), "a starter has placeholders"
    filled = tmp_path / f"{key}-filled.yaml"
    filled.write_text(fill(starter), encoding="utf-8")
    data = yaml.load(filled.read_text(encoding="utf-8"), Loader=EditorLoader)
    assert data["loai"] == key
    assert errors(data, schema(get_type(key).schema)) == []
    assert errors(data, schema("draftgen.schema.json")) == []
    result = cli("render", str(filled))
    assert result.exit_code == 0, result.output
    docx = filled.with_suffix(".docx")
    texts = [p.text for p in Document(str(docx)).paragraphs]
    assert any(t.strip().upper() == get_type(key).ten.upper() for t in texts) or key == "cong_van"
    assert [f"{f.rule}: {f.message}" for f in check_path(docx)] == []


@pytest.mark.parametrize("key", ["cong_van", "ke_hoach", "quyet_dinh", "giay_moi", "bien_ban"])
def test_an_unfilled_starter_names_each_blank_with_its_line(cli, tmp_path, key):
    out = run_new(cli, tmp_path, key)
    result = cli("validate", str(out))
    assert result.exit_code == 2
    assert "chưa điền" in result.output and "<ví dụ: " in result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    where = re.search(r"dòng (\d+), trường 'co_quan\.viet_tat'", result.output)
    assert where, result.output
    assert "viet_tat:" in lines[int(where.group(1)) - 1]
    assert not out.with_suffix(".docx").exists()


def test_a_starter_writes_required_fields_and_comments_out_optional_ones(cli, tmp_path):
    text = run_new(cli, tmp_path, "cong_van").read_text(encoding="utf-8")
    assert re.search(r"^co_quan:$", text, re.M) and re.search(r"^trich_yeu: ", text, re.M)
    assert re.search(r"^nguoi_ky:$", text, re.M) and re.search(r"^  ho_ten: ", text, re.M)
    assert re.search(r"^# do_khan: ", text, re.M) and re.search(r"^# so: ", text, re.M)
    assert re.search(r"^  # chu_quan:$", text, re.M)
    # each field has its Vietnamese comment on the line above it
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("trich_yeu:"))
    assert lines[index - 1].startswith("# ") and VIETNAMESE.search(lines[index - 1])
    # removing the "# " of a commented block gives YAML the models accept
    uncommented = re.sub(r"^# (so|do_khan): ", r"\1: ", fill(text), flags=re.M)
    data = yaml.safe_load(uncommented)
    assert data["so"] == 15 and data["do_khan"] == "KHẨN"


def test_new_lists_every_type_and_refuses_an_unknown_one(cli, tmp_path):
    listed = cli("new", "--list")
    assert listed.exit_code == 0
    for key, facts in doc_types().items():
        assert re.search(rf"^\s+{key}\s+{re.escape(facts.ten)} \(Mẫu {re.escape(facts.mau)}\)$", listed.output, re.M)
    unknown = cli("new", "cong_vann", "-o", str(tmp_path / "x.yaml"))
    assert unknown.exit_code == 2 and "cong_vann" in unknown.output and "Traceback" not in unknown.output
    assert not (tmp_path / "x.yaml").exists()


def test_new_does_not_overwrite_without_force(cli, tmp_path):
    out = run_new(cli, tmp_path, "chi_thi")
    out.write_text("của tôi\n", encoding="utf-8")
    again = cli("new", "chi_thi", "-o", str(out))
    assert again.exit_code == 2 and "--force" in again.output
    assert out.read_text(encoding="utf-8") == "của tôi\n"
    assert cli("new", "chi_thi", "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server:")


# --- render without -o ------------------------------------------------------------------------------------


def test_render_without_output_writes_beside_the_input_and_keeps_an_existing_file(cli, tmp_path):
    letter = tmp_path / "thu.yaml"
    letter.write_text(SOC_TRANG.read_text(encoding="utf-8"), encoding="utf-8")
    first = cli("render", str(letter))
    assert first.exit_code == 0, first.output
    made = tmp_path / "thu.docx"
    assert "Kính gửi:" in [p.text for p in Document(str(made)).paragraphs]
    before = made.read_bytes()
    second = cli("render", str(letter))
    assert second.exit_code == 2 and "--force" in second.output
    assert made.read_bytes() == before
    assert cli("render", str(letter), "--force").exit_code == 0


def test_render_from_stdin_needs_an_output(cli):
    result = cli("render", "-", input=SOC_TRANG.read_text(encoding="utf-8"))
    assert result.exit_code == 2 and "-o" in result.output and "Traceback" not in result.output
