"""The checker knows the document types: each fault of a typed document is reported by exactly its rule
(tests/check/typed_mutations.py), on both the named-style and the clerk's document; the good ones are clean
and told as their type; no Công văn rule on another type."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from good_letter import find, set_text, to_bytes
from good_typed import KINDS, build_typed
from mutations import _font, remove
from typed_mutations import TYPED_MUTATIONS

from draftgen.check import check_bytes
from draftgen.check.findings import REGISTRY

STYLES = {"named": False, "clerk": True}
CONG_VAN_ONLY = {"ND30-VV-MISSING", "ND30-VV-FORMAT", "ND30-VV-SPACING", "ND30-KINHGUI-MISSING",
                 "ND30-NOINHAN-FIRST", "ND30-KYHIEU-CV", "ND30-TEN-LOAI", "ND30-TRICH-YEU-SIZE", "ND30-TRICH-YEU-STYLE",
                 "ND30-TRICH-YEU-ALIGN"}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_good_typed_document_is_clean_and_told(kind, style):
    findings = check_bytes(to_bytes(build_typed(kind, clerk=STYLES[style])))
    assert [(f.rule, f.message) for f in findings] == []
    t = findings.doc_type
    assert t is not None and t.ten_loai == KINDS[kind][1] and t.source == "ten_loai"
    assert t.family == KINDS[kind][0] and not t.normative


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", sorted(TYPED_MUTATIONS))
def test_typed_fault_is_flagged_by_exactly_its_rule(name, style):
    kind, mutate, rule_id, loai = TYPED_MUTATIONS[name]
    doc = build_typed(kind, clerk=STYLES[style])
    mutate(doc)
    findings = check_bytes(to_bytes(doc), source=name, loai=loai)
    assert {f.rule for f in findings} == {rule_id}, [(f.rule, f.message) for f in findings]
    assert not CONG_VAN_ONLY & {f.rule for f in findings}
    for f in findings:
        assert f.message and f.severity == REGISTRY[f.rule].severity


def test_corpus_covers_the_new_rules():
    rules = {rule for _, _, rule, _ in TYPED_MUTATIONS.values()}
    assert rules <= set(REGISTRY.rules)
    assert {"ND30-TEN-LOAI-STYLE", "ND30-TRICHYEU-VV", "ND30-TRICHYEU-RULE", "ND30-KYHIEU-LOAI", "ND30-CAN-CU-STYLE",
            "ND30-CANCU-PUNCT", "ND30-QUYET-LINE", "ND30-LOAI-MISMATCH", "ND30-BIENBAN-SIGN"} <= rules
    families = {KINDS[kind][0] for kind, _, _, _ in TYPED_MUTATIONS.values()}
    assert families == {"co_ten_loai", "quyet_dinh", "bien_ban", "mau_rieng"}


# ---- the same faults in documents draftgen renders itself (its named styles) ----------------------------
ROOT = Path(__file__).resolve().parents[2]
RENDERED_FAULTS = {  # example → [(mutation, rule)]
    "co-ten-loai/chi-thi-dak-lak-2025.yaml": [
        (_font("CHỈ THỊ", bold=False), "ND30-TEN-LOAI-STYLE"),
        (lambda doc: set_text(find(doc, "Về tiếp tục"), "V/v" + find(doc, "Về tiếp tục").text[2:]), "ND30-TRICHYEU-VV"),
        (lambda doc: _drop_next(doc, "Về tiếp tục"), "ND30-TRICHYEU-RULE"),
        (lambda doc: set_text(find(doc, "Số:"), "Số:        /KH-UBND"), "ND30-KYHIEU-LOAI"),
    ],
    "co-ten-loai/bao-cao-xa-hoa-phu-2025.yaml": [(remove(["- Như trên"]), "ND30-NOINHAN-FIRST")],
    "quyet-dinh/quyet-dinh-giao-nhiem-vu-xa-hoa-phu-2025.yaml": [
        (_font("Căn cứ Luật", italic=False), "ND30-CAN-CU-STYLE"),
        (lambda doc: set_text(find(doc, "Căn cứ Luật"), find(doc, "Căn cứ Luật").text.rstrip(";")), "ND30-CANCU-PUNCT"),
        (remove(["QUYẾT ĐỊNH:"]), "ND30-QUYET-LINE"),
    ],
}


def _drop_next(doc, prefix: str) -> None:
    p = find(doc, prefix)
    nxt = p._p.getnext()
    nxt.getparent().remove(nxt)


@pytest.mark.parametrize("example", sorted(RENDERED_FAULTS))
def test_faults_in_documents_draftgen_renders(example):
    path = ROOT / "examples" / example
    if not path.is_file():
        pytest.skip(f"{example} not in this checkout")
    from draftgen.pipeline import load_letter, render_letter

    data = render_letter(load_letter(path))
    assert check_bytes(data) == []
    for mutate, rule_id in RENDERED_FAULTS[example]:
        doc = Document(io.BytesIO(data))
        mutate(doc)
        findings = check_bytes(to_bytes(doc))
        assert {f.rule for f in findings} == {rule_id}, (example, [(f.rule, f.message) for f in findings])
