"""Page-level rules (``draftgen check --pages``): what only the printed page shows, read from the PDF that
LibreOffice makes of the DOCX (:mod:`draftgen.check.printed_layout`) and matched with the parts the DOCX
checker located (:class:`draftgen.check.locate.Layout`).

Every finding has the format and rule-id style of ``draftgen check``; ``part`` is ``trang N``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from draftgen.check.findings import REGISTRY, Finding, excerpt
from draftgen.check.locate import Layout
from draftgen.check.printed_layout import Line, Page

REGISTRY.add("ND30-PRINT-QUOC-HIEU", "rule", "Trang in: Quốc hiệu nằm trên một dòng")
REGISTRY.add("ND30-PRINT-TIEU-NGU", "rule", "Trang in: Tiêu ngữ nằm trên một dòng")
REGISTRY.add("ND30-PRINT-ISSUER", "practice", "Trang in: mỗi dòng tên cơ quan in đúng một dòng như đã soạn")
REGISTRY.add("ND30-PRINT-VV", "rule", "Trang in: trích yếu 'V/v' đặt dưới số, ký hiệu (ô 5b)")
REGISTRY.add("ND30-PRINT-SIGNATURE-ALONE", "practice",
             "Trang in: trang có chữ ký còn ít nhất hai dòng nội dung (chữ ký không đứng một mình)")
REGISTRY.add("ND30-PRINT-NOI-NHAN", "rule", "Trang in: Nơi nhận đặt bên trái, ngang hàng chữ ký, không nằm dưới")
REGISTRY.add("ND30-PRINT-PAGENUM", "rule", "Trang in: không có số trang ở trang 1; các trang sau có số trang")
REGISTRY.add("ND30-PRINT-SO-BROKEN", "practice", "Trang in: số, ký hiệu văn bản không bị ngắt sang dòng sau")

RULES = tuple(REGISTRY.ids_of(__name__))

# a line that ends inside a số/ký hiệu: "… số 1085/QĐ-" or "… số 968/" (a whole one, "42/BC-UBND", may end a line)
_KY_HIEU_CUT = re.compile(r"\b\d+/(?:[A-ZĐ][A-Za-zĐđ0-9&]*-)+$|\b\d+/$")
_LINE_GAP = 40.0       # points: two lines closer than this are "beside" each other (about two lines of 13 pt)


def _flat(text: str) -> str:
    return " ".join(text.replace("–", "-").split())


def _upper(text: str) -> str:
    return _flat(text).upper()


class _Pages:
    """The pages and the findings made of them."""

    def __init__(self, pages: list[Page], lay: Layout) -> None:
        self.pages = pages
        self.lay = lay
        self.findings: list[Finding] = []

    def add(self, rule: str, message: str, page: int, text: str = "") -> None:
        self.findings.append(Finding(rule, REGISTRY[rule].severity, message, None, excerpt(text), f"trang {page}"))

    def where(self, text: str, last: bool = False) -> tuple[Page, Line] | None:
        """The first (or ``last``) printed line holding ``text`` (spaces and dashes folded, case kept)."""
        wanted = _flat(text)
        found = [(page, line) for page in self.pages for line in page.lines if wanted and wanted in _flat(line.text)]
        return (found[-1] if last else found[0]) if found else None


def _one_line(pp: _Pages, rule: str, text: str | None, what: str) -> None:
    if not text or not pp.pages:
        return
    first = pp.pages[0]
    wanted = _upper(text)
    if any(wanted in _upper(line.text) for line in first.lines):
        return
    head = " ".join(wanted.split()[:3])
    if any(_upper(line.text).startswith(head) or head in _upper(line.text) for line in first.lines):
        pp.add(rule, f"{what} bị xuống dòng khi in (cột quá hẹp hoặc cỡ chữ quá lớn): '{_flat(text)}' phải nằm "
               "trên một dòng.", 1, text)


def _quoc_hieu(pp: _Pages) -> None:
    _one_line(pp, "ND30-PRINT-QUOC-HIEU", pp.lay.quoc_hieu.text if pp.lay.quoc_hieu else None, "Quốc hiệu")


def _tieu_ngu(pp: _Pages) -> None:
    _one_line(pp, "ND30-PRINT-TIEU-NGU", pp.lay.tieu_ngu.text if pp.lay.tieu_ngu else None, "Tiêu ngữ")


def _issuer(pp: _Pages) -> None:
    if not pp.pages:
        return
    printed = [_upper(line.text) for line in pp.pages[0].lines]
    for para in pp.lay.chu_quan + pp.lay.co_quan:
        wanted = _upper(para.text)
        if wanted and not any(wanted in line for line in printed):
            pp.add("ND30-PRINT-ISSUER", f"Dòng tên cơ quan '{_flat(para.text)}' không in trên một dòng như đã "
                   "soạn (bị ngắt dòng); rút gọn dòng hoặc mở rộng cột.", 1, para.text)


def _vv(pp: _Pages) -> None:
    lay = pp.lay
    if not (lay.is_cong_van and lay.vv is not None and lay.co_quan) or not pp.pages:
        return
    first = pp.pages[0]
    vv = next((ln for ln in first.lines if _flat(ln.text).startswith("V/v")), None)
    so = next((ln for ln in first.lines if _flat(ln.text).startswith("Số")), None)
    if vv is None or so is None:
        return
    names = [ln for p in lay.co_quan for ln in first.lines if ln.y0 < so.y0 and _flat(ln.text) == _flat(p.text)]
    if not names:
        return
    centre = sum(ln.middle for ln in names) / len(names)
    if abs(vv.middle - centre) > first.width * 0.12 or vv.y0 < so.y0:
        pp.add("ND30-PRINT-VV", "Trích yếu 'V/v' không nằm dưới số, ký hiệu (giữa cột tên cơ quan, dưới dòng Số).",
               1, vv.text)


def _signature_page(pp: _Pages) -> tuple[Page, float] | None:
    """The page of the signer's name and the top of the footer block on it (Nơi nhận or the signature)."""
    lay = pp.lay
    name = lay.ho_ten.text if lay.ho_ten is not None else None
    found = pp.where(name, last=True) if name else None
    if found is None:
        return None
    page, name_line = found
    tops = [ln.y0 for ln in page.lines if _flat(ln.text).startswith("Nơi nhận") and ln.y0 <= name_line.y0]
    titles = [_flat(p.text) for p in lay.quyen_han if p.text.strip()]
    tops += [ln.y0 for ln in page.lines if titles and _flat(ln.text) == titles[0] and ln.y0 <= name_line.y0]
    return page, min(tops) if tops else name_line.y0


def _signature_alone(pp: _Pages) -> None:
    found = _signature_page(pp)
    if found is None or found[0].number == 1:
        return
    page, top = found
    body = [ln for ln in page.lines if ln.y1 <= top + 1 and not re.fullmatch(r"\d+", _flat(ln.text))]
    if len(body) < 2:
        pp.add("ND30-PRINT-SIGNATURE-ALONE", f"Trang {page.number} chỉ có Nơi nhận và chữ ký, không còn dòng nội "
               "dung nào ở trên; giữ đoạn cuối cùng trang với chữ ký (Keep with next).", page.number)


def _noi_nhan(pp: _Pages) -> None:
    lay = pp.lay
    if lay.signers or getattr(lay.doc_type, "family", None) == "bien_ban":
        return  # Mẫu 1.9: the two signatures side by side, the Nơi nhận under them
    if lay.ho_ten is None:  # the DOCX checker did not find the signature (a Nơi nhận out of place): the page
        _noi_nhan_on_page(pp)
        return
    nn = pp.where("Nơi nhận", last=True)
    name = pp.where(lay.ho_ten.text, last=True)
    titles = [p.text for p in lay.quyen_han if p.text.strip()]
    title = pp.where(titles[0], last=True) if titles else None
    if nn is None or name is None:
        return
    sign_top = title[1] if title is not None and title[0] is name[0] else name[1]
    if nn[0] is not name[0]:
        pp.add("ND30-PRINT-NOI-NHAN", f"Nơi nhận in ở trang {nn[0].number}, chữ ký ở trang {name[0].number}; "
               "hai phần phải ngang hàng nhau trên cùng một trang.", nn[0].number)
    elif nn[1].y0 > sign_top.y0 + _LINE_GAP or nn[1].x0 >= sign_top.x0:
        pp.add("ND30-PRINT-NOI-NHAN", "Nơi nhận nằm dưới chữ ký thay vì bên trái, ngang hàng với chữ ký.",
               nn[0].number, nn[1].text)


def _noi_nhan_on_page(pp: _Pages) -> None:
    """Without the DOCX's parts: the last "Nơi nhận" line needs text beside it in the right half of the page
    (the signature); right-half text only above it means the list stands under the signature."""
    nn = pp.where("Nơi nhận", last=True)
    if nn is None:
        return
    page, label = nn
    right = [ln for ln in page.lines if ln.x0 > page.width / 2 - 10 and ln is not label]
    beside = [ln for ln in right if label.y0 - 6 <= ln.y0 <= label.y0 + _LINE_GAP]
    above = [ln for ln in right if label.y0 - 8 * _LINE_GAP < ln.y0 < label.y0 - _LINE_GAP]
    if not beside and above:
        pp.add("ND30-PRINT-NOI-NHAN", "Nơi nhận nằm dưới chữ ký thay vì bên trái, ngang hàng với chữ ký.",
               page.number, label.text)


def _top_number(page: Page) -> str | None:
    top = [ln for ln in page.lines if ln.y1 < page.height * 0.1]
    numbers = [_flat(ln.text) for ln in top if re.fullmatch(r"\d+", _flat(ln.text))]
    return numbers[0] if numbers else None


def _starts_annex(page: Page) -> bool:
    """A page that opens a Phụ lục (its heading "Phụ lục …" first under the page number)."""
    text = [ln for ln in page.lines if not re.fullmatch(r"\d+", _flat(ln.text))]
    return bool(text) and _flat(text[0].text).lower().startswith("phụ lục")


def _page_numbers(pp: _Pages) -> None:
    if not pp.pages:
        return
    if _top_number(pp.pages[0]) is not None:
        pp.add("ND30-PRINT-PAGENUM", "Trang 1 có số trang; NĐ30: không hiển thị số trang ở trang thứ nhất.", 1)
    expected = 1
    for page in pp.pages[1:]:
        shown = _top_number(page)
        if _starts_annex(page):
            # PL1 III.1.đ: each Phụ lục is numbered on its own. UNCONFIRMED whether its first page shows the
            # number: draftgen shows "1" (common practice); an annex page without one is accepted too.
            expected = 1
            if shown in (None, "1"):
                continue
        else:
            expected += 1
        if shown != str(expected):
            what = f"số '{shown}'" if shown else "không có số trang"
            pp.add("ND30-PRINT-PAGENUM", f"Trang {page.number} {what} ở đầu trang; phải là {expected}.",
                   page.number)


def _so_broken(pp: _Pages) -> None:
    for page in pp.pages:
        for line in page.lines:
            cut = _KY_HIEU_CUT.search(_flat(line.text))
            if cut:
                pp.add("ND30-PRINT-SO-BROKEN", f"Số, ký hiệu '{cut.group(0)}…' bị ngắt sang dòng sau; số và ký hiệu "
                       "phải liền một dòng (dùng gạch nối không ngắt).", page.number, line.text)


CHECKS: tuple[Callable[[_Pages], None], ...] = (_quoc_hieu, _tieu_ngu, _issuer, _vv, _signature_alone, _noi_nhan,
                                                  _page_numbers, _so_broken)


def check_pages(pages: list[Page], lay: Layout) -> list[Finding]:
    """The page-level findings of a printed document whose DOCX parts are ``lay``."""
    from draftgen.check.engine import failure_finding

    pp = _Pages(pages, lay)
    for check in CHECKS:
        try:
            check(pp)
        except Exception as exc:  # noqa: BLE001 - one rule's fault must not end the run
            pp.findings.append(failure_finding(RULES, exc, "Không kiểm tra được một quy tắc của trang in"))
    return pp.findings


def check_printed(docx_files: list[str], layouts: list[Layout]) -> list[list[Finding]]:
    """Convert the DOCX files with one LibreOffice process and apply the page rules to each."""
    import tempfile
    from pathlib import Path

    from draftgen.check.printed_layout import read_pages
    from draftgen.pdf.soffice import convert

    with tempfile.TemporaryDirectory(prefix="draftgen-pages-") as work:
        folder = Path(work)
        copies = []
        for index, source in enumerate(docx_files):  # own names: two inputs may share a file name
            copy = folder / f"{index:05d}.docx"
            copy.write_bytes(Path(source).read_bytes())
            copies.append(copy)
        pdfs = convert(copies, folder / "pdf")
        return [check_pages(read_pages(pdf), lay) for pdf, lay in zip(pdfs, layouts, strict=True)]
