"""Browser tests of the pages: the app under uvicorn on a free port, Debian's Chromium driven by Playwright.

Chromium is launched by its path (``/usr/bin/chromium``; ``playwright install`` is never run: it downloads).
Without Chromium or Playwright the tests are skipped, unless ``DRAFTGEN_REQUIRE_BROWSER=1`` (CI), where that
is a failure. Each test writes screenshots to its tmp folder and, with ``DRAFTGEN_SCREENSHOTS=dir``, to ``dir``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("DRAFTGEN_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    try:
        import uvicorn  # noqa: F401
    except ImportError:
        return "uvicorn is not installed (pip install '.[web]')"
    return None


_why = _missing()
if _why:
    if os.environ.get("DRAFTGEN_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"DRAFTGEN_REQUIRE_BROWSER=1 but {_why}")
    pytest.skip(_why, allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """The app served by uvicorn in a background thread."""
    import uvicorn

    from draftgen.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app("127.0.0.1", port), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, started once."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):  # noqa: ANN001, ANN201 - playwright objects
    """A fresh page (Vietnamese locale, downloads accepted) on the app."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1360, "height": 900}, locale="vi-VN",
                                  accept_downloads=True)
    context.set_default_timeout(20_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def shot(tmp_path: Path):  # noqa: ANN201
    """``shot(page, name)``: a PNG of the page in the test's tmp folder (and in $DRAFTGEN_SCREENSHOTS)."""
    def take(tab, name: str, full_page: bool = False) -> Path:  # noqa: ANN001
        target = tmp_path / f"{name}.png"
        tab.screenshot(path=str(target), full_page=full_page)
        assert target.stat().st_size > 1000
        chosen = os.environ.get("DRAFTGEN_SCREENSHOTS")
        if chosen:
            Path(chosen).mkdir(parents=True, exist_ok=True)
            shutil.copy(target, Path(chosen) / target.name)
        return target
    return take
