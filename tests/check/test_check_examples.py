"""Every example draftgen renders passes its own checker: no error and no warning."""

from __future__ import annotations

from draftgen.check import check_bytes


def test_rendered_examples_pass_check(rendered):
    assert rendered, "no examples rendered"
    for name, data in rendered.items():
        findings = check_bytes(data, source=name)
        assert [(f.rule, f.message) for f in findings] == [], name
