"""Escaping, emphasis, NFC and the sheets: a long letter on several numbered sheets, each Phụ lục from 1."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from draftgen.htmlpage import document_html, page_html
from draftgen.htmlpage.flow import WIDOW_LINES, paginate, split
from draftgen.htmlpage.model import Item, P

from .helpers import example_draft, field_texts, page_texts, parse

LETTER = "soc-trang-2842.yaml"       # a one-page Công văn
ANNEXES = "phu-luc/cong-van-so-noi-vu-2025.yaml"  # a Công văn with two Phụ lục

SENTENCE = ("Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành tỉnh và Ủy ban nhân dân các xã, phường rà soát, "
            "báo cáo kết quả thực hiện nhiệm vụ được giao trong năm về Sở Nội vụ để tổng hợp, báo cáo. ")


@pytest.fixture(scope="module")
def letter():
    return example_draft(LETTER)


def test_markup_in_every_field_is_text(letter) -> None:
    evil = '<script>alert("x")</script> & <b>đậm</b>'
    draft = replace(letter, trich_yeu=evil, body=[evil, *letter.body], noi_nhan=[evil], ho_ten=evil,
                    co_quan=[evil])
    for html in (page_html(draft), document_html(draft)):
        assert "<script>" not in html and "<b>đậm</b>" not in html
        assert "&lt;script&gt;" in html
    root = parse(page_html(draft))
    assert not root.xpath("//script") and not root.xpath("//b")
    for field in ("trich_yeu", "noi_nhan", "ho_ten", "co_quan"):
        assert field_texts(root, field) == [evil]
    assert field_texts(root, "body")[0] == evil


def test_body_emphasis_becomes_bold_and_italic_and_stays_escaped(letter) -> None:
    draft = replace(letter, body=["**Về công tác <cán bộ>:** giữ *nghiêm* kỷ luật./."])
    root = parse(page_html(draft))
    para = root.xpath('//p[@data-field="body"]')[0]
    assert [b.text for b in para.xpath("./b")] == ["Về công tác <cán bộ>:"]
    assert [i.text for i in para.xpath("./i")] == ["nghiêm"]
    assert para.text_content() == "Về công tác <cán bộ>: giữ nghiêm kỷ luật./."
    # the V/v is not a body paragraph: its asterisks print as the DOCX prints them
    draft = replace(letter, trich_yeu="V/v *sao* y")
    assert field_texts(parse(page_html(draft)), "trich_yeu") == ["V/v *sao* y"]


def test_text_is_nfc(letter) -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    root = parse(page_html(replace(letter, ho_ten=decomposed)))
    assert field_texts(root, "ho_ten") == ["Nguyễn Thị Hương"]


def test_a_one_page_letter_is_one_sheet_without_a_number(letter) -> None:
    root = parse(page_html(letter))
    assert len(root.xpath("./section")) == 1 and root.get("data-sheets") == "1"
    assert not root.xpath('//*[@data-field="so_trang"]')


def test_a_long_letter_runs_over_numbered_sheets_with_the_signature_last(letter) -> None:
    body = [f"{i + 1}. {SENTENCE * 3}" for i in range(14)]
    root = parse(page_html(replace(letter, body=body)))
    sheets = root.xpath("./section")
    assert len(sheets) >= 3
    numbers = [s.xpath('.//*[@data-field="so_trang"]') for s in sheets]
    assert numbers[0] == []  # PL1 II.10: no number on the first page
    assert [n[0].text for n in numbers[1:]] == [str(i) for i in range(2, len(sheets) + 1)]
    assert sheets[0].xpath('.//*[@data-field="trich_yeu"]')
    assert sheets[-1].xpath('.//*[@data-field="ho_ten"]') and not sheets[0].xpath('.//*[@data-field="ho_ten"]')
    # nothing lost or doubled: the body, split paragraphs joined, is the body
    assert field_texts(root, "body") == body
    assert [t for t in page_texts(root) if t[:3].rstrip(" .").isdigit()] == body


def test_each_phu_luc_starts_a_sheet_numbered_from_1() -> None:
    draft = example_draft(ANNEXES)
    root = parse(page_html(draft))
    sheets = root.xpath("./section")
    heads = [s for s in sheets if s.xpath('.//*[@data-field="phu_luc_nhan"]')]
    assert [h.xpath('.//*[@data-field="phu_luc_nhan"]')[0].text for h in heads] == ["Phụ lục I", "Phụ lục II"]
    for head in heads:
        assert head.get("data-number") == "1"
        assert head.xpath('.//*[@data-field="so_trang"]')[0].text == "1"
        first = head.xpath(".//p")[1]  # after the page number
        assert first.get("data-field") == "phu_luc_nhan"
    table = root.xpath('//table[@data-field="phu_luc_content"]')[0]
    assert [th.text_content() for th in table.xpath(".//th")] == draft.phu_luc[0].content[1].table.header
    assert table.xpath("./tbody/tr[1]/td[4]")[0].text_content() == "25/QĐ-UBND"


def _p(n: int, height: float = 16.0) -> Item:
    lines = tuple(f"w{i}" for i in range(n))
    return Item(kind="p", para=P("noi_dung", " ".join(lines)), height_pt=n * height, lines=lines, line_pt=height)


def test_a_paragraph_that_does_not_fit_is_split_keeping_two_lines_each_side() -> None:
    sheets = paginate([_p(8), _p(10)], height_pt=16 * 12)
    assert len(sheets) == 2
    head, tail = sheets[0].items[-1].para, sheets[1].items[0].para
    assert (head.part, tail.part) == (1, 2)
    assert head.text == "w0 w1 w2 w3" and tail.text.startswith("w4 ")
    assert "text-indent:0" in tail.css
    assert split(_p(2 * WIDOW_LINES - 1), 1000) is None  # too short to split
    assert split(_p(6), 16 * 1.5) is None  # less than two lines of room: it moves whole


def test_the_signature_takes_the_last_lines_with_it() -> None:
    footer = Item(kind="layout", height_pt=100, keep_with_previous=True, cls="dg-footer")
    sheets = paginate([_p(6), _p(4), footer], height_pt=16 * 12)
    assert sheets[1].items[-1] is footer
    carried = sheets[1].items[0]
    assert carried.para.part == 2 and len(carried.lines) == WIDOW_LINES
    assert sheets[0].items[-1].para.part == 1


def test_several_recipients_are_each_a_kinh_gui_line_under_the_label(letter) -> None:
    draft = replace(letter, kinh_gui_inline=None, kinh_gui_label="Kính gửi:",
                    kinh_gui_items=["- Sở Nội vụ;", "- Sở Tài chính."])
    root = parse(page_html(draft))
    assert field_texts(root, "kinh_gui_label") == ["Kính gửi:"]
    assert field_texts(root, "kinh_gui") == ["- Sở Nội vụ;", "- Sở Tài chính."]
    items = root.xpath('//*[@data-field="kinh_gui"]')
    assert [p.get("class") for p in items] == ["dg-e-kinh_gui_muc"] * 2
    assert [p.get("data-index") for p in items] == ["0", "1"]
    texts = page_texts(root)
    assert texts.index("Kính gửi:") + 1 == texts.index("- Sở Nội vụ;")


def test_a_paragraph_longer_than_a_sheet_runs_over_several(letter) -> None:
    body = [SENTENCE * 40]
    root = parse(page_html(replace(letter, body=body)))
    pieces = root.xpath('//*[@data-field="body"]')
    assert len(pieces) >= 3 and len(root.xpath("./section")) >= 3
    assert [p.get("data-part") for p in pieces] == ["1"] + ["2"] * (len(pieces) - 1)
    assert field_texts(root, "body") == body
    assert paginate([_p(30)], height_pt=16 * 12)[-1].items[0].para.part == 2
    assert [len(s.items[0].lines) for s in paginate([_p(30)], height_pt=16 * 12)] == [12, 12, 6]
