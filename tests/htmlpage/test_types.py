"""Every type of the registry previews, and shows what its DOCX shows; every layout block has a builder."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from draftgen.doctypes.data import families
from draftgen.doctypes.registry import doc_types, validate_document
from draftgen.htmlpage import page_html
from draftgen.htmlpage.blocks import BUILDERS
from draftgen.htmlpage.flow import family_of
from draftgen.load import Loaded
from draftgen.pipeline import draft_of
from draftgen.render import template_for

from .helpers import EXAMPLES, ROOT, page_texts, parse
from .test_examples import _docx_texts


def _example_data() -> list[tuple[str, dict]]:
    out = []
    for name in EXAMPLES:
        data = YAML(typ="safe").load((ROOT / "examples" / name).read_text(encoding="utf-8"))
        out.append((name, data))
    return out


def _input_for(key: str) -> tuple[str, dict]:
    """An example of type ``key``; else one of its family without a Kính gửi (which most types may not have),
    its ``loai`` changed to ``key``."""
    examples = _example_data()
    for name, data in examples:
        if data.get("loai", "cong_van") == key:
            return name, data
    family = doc_types()[key].family
    for name, data in examples:
        if doc_types()[data.get("loai", "cong_van")].family == family and not data.get("kinh_gui"):
            return name, {**data, "loai": key}
    raise AssertionError(f"no example of the family {family}")


def test_every_layout_block_has_a_preview_builder() -> None:
    for family, facts in families().items():
        missing = [block for block in facts["layout"] if block not in BUILDERS]
        assert not missing, (family, missing)


@pytest.mark.parametrize("key", list(doc_types()))
def test_every_type_previews_as_its_docx(key: str) -> None:
    name, data = _input_for(key)
    try:
        document = validate_document(Loaded(data=data, source=str(ROOT / "examples" / name)))
        draft = draft_of(document)
    except Exception as exc:  # an example that needs parents this machine cannot read
        pytest.skip(f"{name} as {key}: {exc}")
    assert family_of(draft) == doc_types()[key].family
    root = parse(page_html(draft))
    assert root.xpath("./section")[0].get("class") == f"dg-page dg-fam-{doc_types()[key].family}"
    texts = page_texts(root)
    assert doc_types()[key].ten_loai in texts or key == "cong_van"
    assert texts == _docx_texts(template_for(key).render_bytes(draft))


def test_all_22_types_are_covered() -> None:
    assert len(doc_types()) >= 22
