"""The Quyết định family: Quyết định (cá biệt, Mẫu 1.2 "quy định trực tiếp", Mẫu 1.3 "gián tiếp") and Nghị quyết
(cá biệt, Mẫu 1.1), Phụ lục III of Nghị định 30/2020/NĐ-CP.

One model (:class:`~draftgen.models.quyet_dinh.QuyetDinh`), one resolve, one layout: the tên loại and the trích
yếu with a rule (ô 5a), the issuing authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), the căn cứ lines (italic,
";" each, "." the last), "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:", the Điều ("Điều 1." bold, then khoản 1., điểm a)), the
footer whose Nơi nhận opens with "- Như Điều N;", and for Mẫu 1.3 the issued document from a new page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from draftgen.cascade.levels import settings as cascade_settings
from draftgen.cascade.parents import running_issuer_name
from draftgen.cascade.result import CascadeResult, clause_lines
from draftgen.doctypes.co_ten_loai import trich_yeu_rule_indents
from draftgen.doctypes.data import drafted
from draftgen.doctypes.parts import blank, shared_fields
from draftgen.draft import Draft, Indents
from draftgen.models.quyet_dinh import Dieu, QuyetDinh, VanBanKemTheo
from draftgen.nd30 import body as nd30_body
from draftgen.nd30.citations import issuer_entry
from draftgen.nd30.dates import day_text, month_text
from draftgen.nd30.profile import Profile
from draftgen.nd30.so_ky_hieu import number_text, typed_ky_hieu

MODEL = QuyetDinh
PROFILE = "quyet_dinh"


@dataclass(frozen=True)
class Line:
    """One paragraph after "QUYẾT ĐỊNH:": its style id, a bold label run ("Điều 1.", or "" for none), its text."""

    style: str
    label: str
    text: str


@dataclass(frozen=True, kw_only=True)
class KemTheoDraft:
    """Mẫu 1.3: the issued or approved document, from a new page: its tên loại, trích yếu, "(Kèm theo …)", body."""

    ten_loai: str
    trich_yeu: str
    kem_theo: str
    content: list[Line]


@dataclass(frozen=True, kw_only=True)
class QuyetDinhDraft(Draft):
    """A Quyết định or Nghị quyết (cá biệt): tên loại, trích yếu, authority, căn cứ, "QUYẾT ĐỊNH:", the Điều."""

    ten_loai: str
    trich_yeu: str
    trich_yeu_rule: Indents
    tham_quyen: list[str]
    can_cu: list[str]
    quyet: str
    dieu: list[Line] = field(default_factory=list)
    van_ban_kem_theo: KemTheoDraft | None = None


Khoan = tuple[str, list[str]]


def _head_title(document: QuyetDinh) -> str | None:
    """The title of the head whose authority the decision is ("CHỦ TỊCH"); None when a collective issues it."""
    signer = document.nguoi_ky
    if signer.quyen_han == "TM":
        return None
    return signer.cap_truong if signer.quyen_han in {"KT", "Q", "TL", "TUQ"} else signer.chuc_vu


def authority_lines(document: QuyetDinh) -> list[str]:
    """The thẩm quyền ban hành line: as given, else (practice, the Mẫu's note 6) the head's title and the issuer
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"), or the issuer alone when a collective issues it (signed "TM.")."""
    if document.tham_quyen:
        return list(document.tham_quyen)
    issuer = " ".join(line.upper() for line in document.co_quan.ten)
    head = _head_title(document)
    return [f"{head} {issuer}" if head else issuer]


def can_cu_lines(document: QuyetDinh, carried: CascadeResult | None) -> list[str]:
    """The căn cứ lines, then the parents' "Thực hiện …" line, then "Theo đề nghị của …": ";" each, "." the last."""
    lines = list(document.can_cu)
    if carried and carried.opening:
        # the opening cites the parents in one sentence ("Thực hiện …; triển khai …"): PL1 II.6.a puts each
        # căn cứ on its own line, so each parent gets one
        parts = carried.opening.strip().rstrip(";.,:").split(cascade_settings()["opening"]["separator"])
        lines += [part[:1].upper() + part[1:] for part in (p.strip() for p in parts) if part]
    if document.de_nghi:
        lines.append(document.de_nghi)
    return [line + (";" if n < len(lines) - 1 else ".") for n, line in enumerate(lines)]


def _khoan_lines(khoan: list[Khoan], style: str) -> list[Line]:
    out: list[Line] = []
    for i, (text, points) in enumerate(khoan):
        out.extend(Line(style, "", line) for line in clause_lines(nd30_body.item_text(i, text)))
        for j, point in enumerate(points):
            out.extend(Line(style, "", line) for line in clause_lines(nd30_body.point_text(j, point)))
    return out


def dieu_lines(dieu: list[Dieu], profile: Profile, *, start: int = 0, carried: list[Khoan] | None = None,
               carried_at: int = 0) -> list[Line]:
    """The Điều from number ``start + 1``: "Điều N." bold with its text after it, or "Điều N. <heading>" bold
    with its text below; then its khoản 1., 2. and điểm a), b) …; the ``carried`` khoản go first in the Điều
    at 0-based ``carried_at``."""
    label_style = profile["dieu"].style_id
    body = profile["noi_dung"].style_id
    out: list[Line] = []
    for n, article in enumerate(dieu):
        label = f"Điều {start + n + 1}."
        if article.tieu_de:
            out.append(Line(label_style, f"{label} {article.tieu_de}", ""))
            if article.noi_dung:
                out.append(Line(body, "", article.noi_dung))
        else:
            out.append(Line(label_style, label, f" {article.noi_dung}" if article.noi_dung else ""))
        own = [(k.noi_dung, list(k.diem)) for k in article.khoan]
        out += _khoan_lines(((carried or []) if n == carried_at else []) + own, body)
        out += [Line(body, "", text) for text in article.ket_thuc]
    return out


def _with_end_mark(lines: list[Line]) -> list[Line]:
    """The last paragraph ends with "./." (every Mẫu does)."""
    last = lines[-1]
    if last.text:
        return lines[:-1] + [Line(last.style, last.label, nd30_body.with_end_mark(last.text))]
    return lines[:-1] + [Line(last.style, nd30_body.with_end_mark(last.label), "")]


def issuer_in_text(document: QuyetDinh) -> str:
    """Who issued the decision, as running text names it: "Chủ tịch Ủy ban nhân dân tỉnh Đắk Lắk" (practice)."""
    name = running_issuer_name(list(document.co_quan.ten))
    first, _, rest = name.partition(" ")
    entry = issuer_entry(first) if first.isupper() else None  # "UBND tỉnh …" → "Ủy ban nhân dân tỉnh …"
    if entry and rest:
        name = f"{entry['ten']} {rest}"
    head = _head_title(document)
    return f"{head.capitalize()} {name}" if head else name


def kem_theo_line(document: QuyetDinh, attached: VanBanKemTheo, ky_hieu: str, profile: Profile) -> str:
    """"(Kèm theo Quyết định số 156/QĐ-UBND ngày 20 tháng 10 năm 2025 của …)" (Mẫu 1.3, the issued document);
    a draft leaves the number, day or month blank."""
    empty = blank(profile)
    date = document.ngay
    so = number_text(document.so) if document.so is not None else empty
    day = day_text(date.ngay) if date.ngay is not None else empty
    month = month_text(date.thang) if date.thang is not None else empty
    ten = drafted()[document.loai]["ten"]
    return (f"(Kèm theo {ten} số {so}/{ky_hieu} ngày {day} tháng {month} năm {date.nam} "
            f"của {attached.cua or issuer_in_text(document)})")


def attached_content(attached: VanBanKemTheo, profile: Profile) -> list[Line]:
    """The body of the issued document: Chương ("Chương I" / "QUY ĐỊNH CHUNG") with Điều numbered on across
    them, or Điều alone, or Mục I., II. with khoản and điểm (a Kế hoạch); "./." at the end."""
    body = profile["noi_dung"].style_id
    out: list[Line] = []
    if attached.chuong:
        count = 0
        for n, chapter in enumerate(attached.chuong):
            out.append(Line(profile["chuong"].style_id, "", f"Chương {nd30_body.roman(n + 1)}"))
            out.append(Line(profile["ten_chuong"].style_id, "", chapter.tieu_de.upper()))
            out += dieu_lines(chapter.dieu, profile, start=count)
            count += len(chapter.dieu)
    elif attached.dieu:
        out = dieu_lines(attached.dieu, profile)
    for n, section in enumerate(attached.phan):
        out.append(Line(profile["muc_la_ma"].style_id, "", nd30_body.section_heading(n, section.tieu_de)))
        out += [Line(body, "", text) for text in section.mo_dau]
        out += _khoan_lines([(item.noi_dung, list(item.diem)) for item in section.muc], body)
        out += [Line(body, "", text) for text in section.ket_thuc]
    return _with_end_mark(out)


def resolve(document: QuyetDinh, carried: CascadeResult | None, profile: Profile) -> QuyetDinhDraft:
    """The view model of a Quyết định or Nghị quyết (pure: the parents are already read into ``carried``)."""
    profile = profile.for_type(PROFILE)
    facts = drafted()[document.loai]
    issuer = document.co_quan
    ky_hieu = typed_ky_hieu(facts["viet_tat"], issuer.viet_tat, document.don_vi_soan_thao)
    shared = shared_fields(document, ky_hieu, document.don_vi_soan_thao or issuer.viet_tat, profile,
                           ten=facts["ten"], nhu_tren=False, cua=issuer_in_text(document))
    # PL1 II.9.c, the Mẫu 1.1–1.3: the Nơi nhận of a decision opens with "- Như Điều N;" (the execution Điều)
    shared["noi_nhan"] = [f"- Như Điều {document.nhu_dieu or len(document.dieu)};", *shared["noi_nhan"]]
    carried_khoan = [i.pair() for i in carried.items] if carried else []
    attached = document.van_ban_kem_theo
    return QuyetDinhDraft(
        **shared,
        ten_loai=facts["ten"].upper(),
        trich_yeu=document.trich_yeu,
        trich_yeu_rule=trich_yeu_rule_indents(document.trich_yeu, profile),
        tham_quyen=authority_lines(document),
        can_cu=can_cu_lines(document, carried),
        quyet=facts["quyet"],
        body=[],
        dieu=_with_end_mark(dieu_lines(document.dieu, profile, carried=carried_khoan,
                                       carried_at=document.clauses_dieu - 1)),
        van_ban_kem_theo=KemTheoDraft(
            ten_loai=attached.loai.upper(), trich_yeu=attached.trich_yeu,
            kem_theo=kem_theo_line(document, attached, ky_hieu, profile),
            content=attached_content(attached, profile),
        ) if attached else None,
    )
