"""Every fault in the corpus is reported by exactly its rule, on both good letters; the good
letters themselves are clean."""

from __future__ import annotations

import pytest
from good_letter import build_letter, to_bytes
from mutations import MUTATIONS

from draftgen.check import check_bytes
from draftgen.check.findings import REGISTRY

KINDS = {"named": False, "clerk": True}


@pytest.mark.parametrize("kind", KINDS)
def test_good_letter_is_clean(kind):
    findings = check_bytes(to_bytes(build_letter(clerk=KINDS[kind])))
    assert findings == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_fault_is_flagged_by_exactly_its_rule(kind, name):
    mutate, rule_id = MUTATIONS[name]
    doc = build_letter(clerk=KINDS[kind])
    mutate(doc)
    findings = check_bytes(to_bytes(doc), source=name)
    assert {f.rule for f in findings} == {rule_id}, [(f.rule, f.message) for f in findings]
    for f in findings:
        assert f.message and f.severity == REGISTRY[f.rule].severity


def test_corpus_covers_at_least_40_rules():
    rules = {rule for _, rule in MUTATIONS.values()}
    assert len(rules) >= 40
    assert rules <= set(REGISTRY.rules)
