"""The preview in a real browser (Debian's Chromium through Playwright): the sheets are A4 at the profile's
margins and sizes, no estimated sheet overflows its 297 mm, and a screenshot of one example is written.

Skipped where Chromium or Playwright is missing (CI installs both: .ci/run)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from draftgen.htmlpage import document_html

from .helpers import EXAMPLES, example_draft

CHROMIUM = os.environ.get("DRAFTGEN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PX_PER_MM = 96 / 25.4
PX_PER_PT = 96 / 72
SHOTS = Path(os.environ.get("DRAFTGEN_SCREENSHOTS", "/tmp/draftgen-screenshots"))

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed")


@pytest.fixture(scope="module")
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page(viewport={"width": 900, "height": 1200})
        yield tab
        browser.close()


def _load(page, name: str) -> None:
    draft = example_draft(name)
    if draft is None:
        pytest.skip(f"{name}: needs files this test cannot resolve")
    page.set_content(document_html(draft))


def test_the_sheet_is_a4_with_the_profile_margins_and_sizes(page) -> None:
    _load(page, "phu-luc/cong-van-so-noi-vu-2025.yaml")
    box = page.eval_on_selector(".dg-page", """el => { const s = getComputedStyle(el);
        return {w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height,
                left: parseFloat(s.paddingLeft), top: parseFloat(s.paddingTop), right: parseFloat(s.paddingRight)} }""")
    assert box["w"] == pytest.approx(210 * PX_PER_MM, abs=0.5)
    assert box["h"] == pytest.approx(297 * PX_PER_MM, abs=0.5)
    assert box["left"] == pytest.approx(30 * PX_PER_MM, abs=0.1)
    assert box["right"] == pytest.approx(15 * PX_PER_MM, abs=0.1)
    assert box["top"] == pytest.approx(20 * PX_PER_MM, abs=0.1)
    body = page.eval_on_selector('[data-field="body"]', """el => { const s = getComputedStyle(el);
        return {size: parseFloat(s.fontSize), indent: parseFloat(s.textIndent), align: s.textAlign,
                family: s.fontFamily} }""")
    assert body["size"] == pytest.approx(14 * PX_PER_PT, abs=0.01)
    assert body["indent"] == pytest.approx(10 * PX_PER_MM, abs=0.1)
    assert body["align"] == "justify" and body["family"].startswith('"Times New Roman"')
    name = page.eval_on_selector('[data-field="ho_ten"]', "el => getComputedStyle(el).fontWeight")
    assert name in ("700", "bold")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "htmlpage-cong-van-phu-luc.png"), full_page=True)
    assert (SHOTS / "htmlpage-cong-van-phu-luc.png").stat().st_size > 10_000


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_sheet_grows_past_a4(page, name: str) -> None:
    """The pagination's estimate never puts more on a sheet than the browser can fit in its 297 mm."""
    _load(page, name)
    heights = page.eval_on_selector_all(".dg-page", "els => els.map(el => el.getBoundingClientRect().height)")
    assert heights and all(h == pytest.approx(297 * PX_PER_MM, abs=0.5) for h in heights), heights
    overflow = page.eval_on_selector_all(".dg-page", "els => els.map(el => el.scrollHeight - el.clientHeight)")
    assert all(o <= 1 for o in overflow), overflow


def test_o13_sits_at_the_foot_of_the_first_sheet_under_one_rule(page) -> None:
    _load(page, "xa-hoa-phu-2026.yaml")
    lines = page.eval_on_selector_all('[data-field="dia_chi"]', """els => els.map(el => {
        const r = el.getBoundingClientRect(), s = el.closest('.dg-page').getBoundingClientRect();
        return {border: parseFloat(getComputedStyle(el).borderTopWidth), bottom: s.bottom - r.bottom,
                sheet: el.closest('.dg-page').dataset.page} })""")
    assert len(lines) == 2 and {line["sheet"] for line in lines} == {"1"}
    assert lines[0]["border"] > 0 and lines[1]["border"] == 0
    assert lines[1]["bottom"] == pytest.approx(8 * PX_PER_MM, abs=1)  # page.footer_distance_mm
