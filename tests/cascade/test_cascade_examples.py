"""The examples: seed 000's body from the bundled 968 and a short YAML; a commune letter two steps down."""

from __future__ import annotations

import io

import pytest
from docx import Document

from draftgen.pipeline import load_letter, render_letter

from .helpers import ROOT, SEED_000, corrected, normalise

EXAMPLES = ROOT / "examples" / "cascade"


def body_text(name: str) -> list[str]:
    data = render_letter(load_letter(EXAMPLES / name))
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def between(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i:text.index(end, i) + len(end)]


def test_dak_lak_example_reproduces_seed_000_body():
    seed = between(corrected(SEED_000), "Triển khai Công điện", "nghiêm túc triển khai thực hiện./.")
    got = between(normalise(" ".join(body_text("dak-lak-968.yaml"))), "Triển khai Công điện",
                  "nghiêm túc triển khai thực hiện./.")
    assert got == seed


@pytest.mark.parametrize("letter", ["a", "b", "c", "d", "đ", "e", "g", "h"])
def test_each_point_of_seed_000_is_carried_from_968(letter):
    seed = corrected(SEED_000)
    paragraphs = [normalise(p) for p in body_text("dak-lak-968.yaml")]
    point = next(p for p in paragraphs if p.startswith(f"{letter}) "))
    assert point in seed


def test_commune_letter_two_steps_down():
    paragraphs = [normalise(p) for p in body_text("xa-hoa-phu-2025.yaml")]
    start = "Thực hiện Công văn số …/UBND-VP ngày … của UBND tỉnh Đắk Lắk"
    opening = next(p for p in paragraphs if p.startswith(start))
    assert "; triển khai Công điện số 968/CĐ-TTg ngày 16/10/2023 của Thủ tướng Chính phủ" in opening
    # points 1.a and 1.c of the province letter become a) and b); 1.d is cited only, as c)
    a = next(p for p in paragraphs if p.startswith("a) "))
    b = next(p for p in paragraphs if p.startswith("b) "))
    c = next(p for p in paragraphs if p.startswith("c) "))
    assert "chỉ đạo của UBND xã, Chủ tịch UBND xã" in a and "UBND tỉnh, Chủ tịch UBND tỉnh" not in a
    assert b.startswith("b) Đẩy mạnh") and "Quyết định số 2784/QĐ-UBND ngày 09/12/2022 của UBND tỉnh" in b
    assert c == "c) Thực hiện nghiêm nội dung tại điểm d khoản 1 Công văn số …/UBND-VP."
    assert any(p.startswith("2. Văn phòng HĐND và UBND xã thường xuyên") for p in paragraphs)
    assert not any(p.startswith("d) ") for p in paragraphs)


def test_province_letter_is_a_2025_adaptation():
    paragraphs = [normalise(p) for p in body_text("tinh-dak-lak-2025.yaml")]
    assert [p[:2] for p in paragraphs if p[:2] in {"a)", "b)", "c)", "d)", "đ)"}] == ["a)", "b)", "c)", "d)"]
    assert any("Chủ tịch UBND tỉnh" in p for p in paragraphs)
    assert not any("Thủ tướng Chính phủ;" in p for p in paragraphs if p.startswith("a)"))
