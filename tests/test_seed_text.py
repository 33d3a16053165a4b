"""The examples reproduce the words of the real letters in shared/seeds (copied to tests/fixtures/seeds)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from ruamel.yaml import YAML

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def corrected_seed(name: str) -> str:
    text = unicodedata.normalize("NFC", (FIXTURES / "seeds" / name).read_text(encoding="utf-8"))
    corrections = YAML(typ="safe").load((FIXTURES / "seed_corrections.yaml").read_text(encoding="utf-8"))
    for wrong, right, _why in corrections.get(name, []):
        assert wrong in text, f"correction {wrong!r} no longer matches {name}"
        text = text.replace(wrong, right)
    return normalise(text)


def between(text: str, start: str, end: str | None) -> str:
    i = text.index(start)
    j = text.index(end, i) if end else len(text)
    return text[i:j].strip()


def doc_text(doc, where: str) -> str:
    return normalise(" ".join(p.text for p in doc.paragraphs if p.where == where))


CASES = {
    # example: (seed file, where the letter's own text ends in the seed)
    "soc-trang-2842.yaml": ("001_034ba50063db2522.txt", "THỦ TƯỚNG CHÍNH PHỦ"),
    "dak-lak-968.yaml": ("000_6848c7d10837ffbe.txt", None),
}


@pytest.mark.parametrize("example", sorted(CASES))
def test_kinh_gui_body_noi_nhan_signature_equal_the_seed(docs, example):
    seed_name, end = CASES[example]
    seed = corrected_seed(seed_name)
    letter = between(seed, "Kính gửi", end)
    doc = docs[example]
    # document order: Kính gửi and body, then the footer row (Nơi nhận cell, signature cell)
    produced = normalise(" ".join([doc_text(doc, "body"), doc_text(doc, "footer-left"), doc_text(doc, "footer-right")]))
    assert produced == letter


@pytest.mark.parametrize("example", sorted(CASES))
def test_header_elements_appear_in_the_seed(docs, example):
    seed_name, _ = CASES[example]
    seed = corrected_seed(seed_name)
    doc = docs[example]
    for where in ("header-left", "header-right"):
        for para in doc.paragraphs:
            if para.where == where and para.text.strip():
                assert normalise(para.text) in seed, para.text
