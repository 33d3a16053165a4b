"""LibreOffice conversions of the web service: a bounded number at once, a clear "come back" when all are taken,
and never on the event loop (the live preview of everyone else goes on while a PDF is made).

LibreOffice itself is replaced by a fake that takes its time and writes a small PDF: what is tested here is the
service around it (tests/web/test_api.py::test_pdf_is_made converts for real)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytest.importorskip("fastapi")

from api_inputs import BASE_URL, XA_HOA_PHU  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from formscrape import form_pairs  # noqa: E402

from draftgen.web.app import create_app  # noqa: E402
from draftgen.web.security import Settings  # noqa: E402

FAKE_PDF = b"%PDF-1.4\n% fake\n%%EOF\n"


class SlowConverter:
    """Stands for soffice.convert: ``seconds`` per call; counts the calls running at once."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.running = self.most = self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, docx_files, out_dir: Path, timeout=None):  # noqa: ANN001, ANN204
        with self.lock:
            self.running += 1
            self.calls += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(self.seconds)
            out_dir.mkdir(parents=True, exist_ok=True)
            outs = []
            for f in docx_files:
                out = out_dir / (Path(f).stem + ".pdf")
                out.write_bytes(FAKE_PDF)
                outs.append(out)
            return outs
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> SlowConverter:
    from draftgen.pdf import preview, soffice

    fake = SlowConverter(0.8)
    monkeypatch.setattr(soffice, "convert", fake)
    monkeypatch.setattr(preview, "page_images", lambda pdf, out, stem, dpi=70: [])
    return fake


def _app(**settings: object):  # noqa: ANN202
    return create_app("127.0.0.1", 8000, settings=Settings(**settings))


def _form_pairs(client: TestClient) -> list[tuple[str, str]]:
    opened = client.post("/soan/mo-yaml", files={"tep": (XA_HOA_PHU.name, XA_HOA_PHU.read_bytes(), "text/yaml")})
    return form_pairs(opened.text)


def _post_form(client: TestClient, url: str, pairs: list[tuple[str, str]]):  # noqa: ANN202
    return client.post(url, content=urlencode(pairs), headers={"Content-Type": "application/x-www-form-urlencoded"})


def test_a_conversion_does_not_stop_the_other_requests(slow: SlowConverter) -> None:
    """While one PDF is made (0.8 s here, seconds with LibreOffice), the same server answers a validation at once:
    the conversion runs in the thread pool, not on the event loop all requests share."""
    with TestClient(_app(), base_url=BASE_URL) as client:  # one event loop for every request of the block
        answers: dict[str, object] = {}

        def make_pdf() -> None:
            answers["pdf"] = client.post("/api/pdf", content=XA_HOA_PHU.read_bytes())

        worker = threading.Thread(target=make_pdf)
        worker.start()
        while slow.running == 0 and worker.is_alive():
            time.sleep(0.01)
        start = time.monotonic()
        quick = client.post("/api/validate", content=XA_HOA_PHU.read_bytes())
        waited = time.monotonic() - start
        converting_meanwhile = slow.running == 1
        worker.join()
    assert quick.status_code == 200 and converting_meanwhile, waited
    assert answers["pdf"].status_code == 200 and answers["pdf"].content == FAKE_PDF


def test_the_print_view_does_not_stop_the_live_preview(slow: SlowConverter) -> None:
    with TestClient(_app(), base_url=BASE_URL) as client:
        pairs = _form_pairs(client)
        answers: dict[str, object] = {}
        worker = threading.Thread(target=lambda: answers.update(page=_post_form(client, "/soan/ban-in", pairs)))
        worker.start()
        while slow.running == 0 and worker.is_alive():
            time.sleep(0.01)
        preview = _post_form(client, "/soan/xem-truoc", pairs)
        converting_meanwhile = slow.running == 1
        worker.join()
    assert preview.status_code == 200 and "V/v tăng cường kỷ luật" in preview.text
    assert converting_meanwhile
    assert answers["page"].status_code == 200


def test_no_more_conversions_at_once_than_the_setting(slow: SlowConverter) -> None:
    with TestClient(_app(pdf_concurrent=2, pdf_wait_seconds=30), base_url=BASE_URL) as client:
        codes: list[int] = []
        threads = [threading.Thread(target=lambda: codes.append(
            client.post("/api/pdf", content=XA_HOA_PHU.read_bytes()).status_code)) for _ in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert codes == [200] * 5          # the others waited for a free slot
    assert slow.calls == 5 and slow.most == 2


def test_all_slots_taken_is_a_clear_come_back(slow: SlowConverter) -> None:
    app = _app(pdf_concurrent=1, pdf_wait_seconds=0.2)
    with TestClient(app, base_url=BASE_URL) as client:
        pairs = _form_pairs(client)
        assert app.state.pdf_slots.acquire(blocking=False)   # another clerk's conversion, still running
        try:
            api = client.post("/api/pdf", content=XA_HOA_PHU.read_bytes())
            page = _post_form(client, "/soan/ban-in", pairs)
            download = _post_form(client, "/soan/tai/pdf", pairs)
        finally:
            app.state.pdf_slots.release()
        again = client.post("/api/pdf", content=XA_HOA_PHU.read_bytes())
    assert api.status_code == 503 and api.headers["Retry-After"] == "10"
    message = api.json()["errors"][0]["message"]
    assert "tối đa 1 bản cùng lúc" in message and "thử lại" in message
    assert page.status_code == 200 and "tối đa 1 bản cùng lúc" in page.text
    assert download.status_code == 503 and "thử lại sau ít giây" in download.text
    assert 'name="ngay"' in download.text   # the form comes back filled, nothing typed is lost
    assert slow.calls == 1 and again.status_code == 200


def test_settings_from_the_environment() -> None:
    settings = Settings.from_env({"DRAFTGEN_WEB_PDF_CONCURRENT": "1", "DRAFTGEN_WEB_PDF_WAIT_SECONDS": "5"})
    assert (settings.pdf_concurrent, settings.pdf_wait_seconds) == (1, 5.0)
    assert (Settings().pdf_concurrent, Settings().pdf_wait_seconds) == (2, 30.0)
