"""The documents with their own form: Công điện (Mẫu 1.6), Giấy mời (1.7), Giấy giới thiệu (1.8), Giấy nghỉ phép (1.10).

One family, one template: the shared header and footer, the tên loại (with its trích yếu on a Công điện and a
Giấy mời, alone on the other two) and the rule under it, the Công điện's "<TÊN CƠ QUAN> điện:" line and its
list of recipients, then a body of styled paragraphs, and the Giấy nghỉ phép's box for the confirmation of
the place of leave. Each type has its own model (:mod:`draftgen.models.mau_rieng`) and its own small body
builder here, which writes the Mẫu's fixed words ("trân trọng kính mời:", "Được cử đến:" …) around the fields.

Punctuation (UNCONFIRMED; the Mẫu show dotted blanks only): a labelled line ("Chủ trì: …", "Chức vụ: …")
prints the clerk's text as written, with no final mark added, as the forms in use do; the sentences the
Mẫu write out ("Đề nghị Quý cơ quan …", "Được nghỉ phép trong thời gian …") end with "."; lists of names
("- …;", the last "- … .") follow the Kính gửi list; the last paragraph of the body ends with "./.".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from draftgen.cascade.result import CascadeResult
from draftgen.doctypes.cong_van import body_paragraphs
from draftgen.doctypes.data import drafted, wording
from draftgen.doctypes.parts import shared_fields
from draftgen.draft import Draft, Indents, Para
from draftgen.models.mau_rieng import CongDien, GiayGioiThieu, GiayMoi, GiayNghiPhep, MauRieng, Person
from draftgen.nd30 import body as nd30_body
from draftgen.nd30.dates import short_date
from draftgen.nd30.metrics import text_width_twips
from draftgen.nd30.profile import Profile
from draftgen.nd30.so_ky_hieu import typed_ky_hieu

MODEL = MauRieng
PROFILE = "mau_rieng"

# Mẫu 1.10: the box under the signature, for the body or commune where the leave is spent ("nếu cần").
W_CD, W_GM, W_GGT, W_GNP, W_NGUOI = (wording(k) for k in ("cong_dien", "giay_moi", "giay_gioi_thieu",
                                                          "giay_nghi_phep", "nguoi"))
XAC_NHAN = W_GNP["xac_nhan"]


@dataclass(frozen=True, kw_only=True)
class MauRiengDraft(Draft):
    """A document of Mẫu 1.6, 1.7, 1.8 or 1.10: the tên loại, its trích yếu where the Mẫu has one, the rule
    under them, the Công điện's "… điện:" line and recipients, a body of styled paragraphs, the Giấy nghỉ
    phép's confirmation box."""

    ten_loai: str
    trich_yeu: str | None
    trich_yeu_rule: Indents
    dien: str | None = None
    nhan_dien: list[str] = field(default_factory=list)
    content: list[Para] = field(default_factory=list)
    xac_nhan: str | None = None


def rule_under(text: str, style_key: str, profile: Profile) -> Indents:
    """The rule under the tên loại or its trích yếu (PL1 II.5.b: 1/3 to 1/2 of the line above), centred."""
    style = profile[style_key]
    width = profile.text_width_twips
    line = min(text_width_twips(text, style.size_pt, style.bold), width)
    length = round(line * profile.raw["rules"]["issuer_rule_fraction"])
    side = max(0, (width - length) // 2)
    return Indents(side, side)


def dash_list(names: list[str]) -> list[str]:
    """"- A;", "- B;", … "- Z." (as the Kính gửi list, PL1 II.9.a)."""
    return [f"- {n};" for n in names[:-1]] + [f"- {names[-1]}."]


def labelled(label: str, values: list[str]) -> list[str]:
    """One value on the label's line ("Nội dung: …"); several: the label alone, then a dash list."""
    if len(values) == 1:
        return [f"{label} {values[0]}"]
    return [label, *dash_list(values)]


def _ong_ba(person: Person, *, capital: bool) -> str:
    """The Mẫu's "Ông (bà)", or "Ông"/"Bà" when the model says which."""
    word = person.danh_xung or W_NGUOI["ong_ba"]
    return word if capital else word[:1].lower() + word[1:]


def _position(person: Person) -> str:
    return W_NGUOI["chuc_vu"].format(chuc_vu=person.chuc_vu) + (f", {person.don_vi}" if person.don_vi else "")


def _paras(lines: list[str], style: str, profile: Profile) -> list[Para]:
    """``lines`` in ``style``, the first in "ND30 Đoạn đầu" (the blank line the Mẫu leave above it)."""
    return [Para(profile["doan_dau"].style_id if i == 0 else style, text) for i, text in enumerate(lines)]


def _end(paras: list[Para]) -> list[Para]:
    last = paras[-1]
    return paras[:-1] + [Para(last.style, nd30_body.with_end_mark(last.text))]


Built = tuple[list[Para], dict[str, Any]]


def _cong_dien(doc: CongDien, carried: CascadeResult | None, profile: Profile) -> Built:
    body = profile["noi_dung"].style_id
    dien = doc.dien or " ".join(doc.co_quan.ten).upper()
    return (_paras(body_paragraphs(doc, carried), body, profile),  # "./." already on the last
            {"dien": W_CD["dien"].format(dien=dien), "nhan_dien": dash_list(doc.nhan_dien)})


def _giay_moi(doc: GiayMoi, carried: CascadeResult | None, profile: Profile) -> Built:
    line = profile["dong_thong_tin"].style_id
    lines = labelled(W_GM["kinh_moi"].format(co_quan=doc.ten_co_quan), doc.kinh_moi)
    lines.append(W_GM["toi_du"].format(toi_du=doc.toi_du))
    if doc.noi_dung_hop:  # UNCONFIRMED: the Mẫu has no agenda line; common practice puts it after "Tới dự"
        lines += labelled(W_GM["noi_dung"], doc.noi_dung_hop)
    if doc.chu_tri:
        lines.append(W_GM["chu_tri"].format(chu_tri=doc.chu_tri))
    lines += [W_GM["thoi_gian"].format(thoi_gian=doc.thoi_gian), W_GM["dia_diem"].format(dia_diem=doc.dia_diem)]
    paras = _paras(lines, line, profile)
    paras += [Para(profile["noi_dung"].style_id, text) for text in doc.luu_y]  # Mẫu note 8: các vấn đề cần lưu ý
    return _end(paras), {}


def _giay_gioi_thieu(doc: GiayGioiThieu, carried: CascadeResult | None, profile: Profile) -> Built:
    line = profile["dong_thong_tin"].style_id
    person = doc.nguoi
    lines = [
        f"{_ong_ba(person, capital=True)} {person.ho_ten}",
        _position(person),
        W_GGT["duoc_cu_den"].format(duoc_cu_den=doc.duoc_cu_den),
        W_GGT["ve_viec"].format(ve_viec=doc.ve_viec),
        W_GGT["de_nghi"].format(ong_ba=_ong_ba(person, capital=False)),
        W_GGT["gia_tri"].format(den_ngay=short_date(doc.co_gia_tri_den)),
    ]
    intro = Para(profile["gioi_thieu"].style_id, W_GGT["gioi_thieu"].format(co_quan=doc.ten_co_quan))
    return _end([intro] + _paras(lines, line, profile)), {}


def _giay_nghi_phep(doc: GiayNghiPhep, carried: CascadeResult | None, profile: Profile) -> Built:
    line = profile["dong_thong_tin"].style_id
    person = doc.nguoi
    lines = [
        W_GNP["xet_don"].format(ngay_don=short_date(doc.ngay_don), ong_ba=_ong_ba(person, capital=False),
                                ho_ten=person.ho_ten, co_quan=doc.ten_co_quan),
        f"{_ong_ba(person, capital=True)}: {person.ho_ten}",
        _position(person),
        W_GNP["duoc_nghi"].format(thoi_gian=doc.thoi_gian, tu_ngay=short_date(doc.tu_ngay),
                                  den_ngay=short_date(doc.den_ngay), noi_nghi=doc.noi_nghi),
        W_GNP["tinh_vao"].format(tinh_vao=doc.tinh_vao),
    ]
    return _end(_paras(lines, line, profile)), {"xac_nhan": XAC_NHAN if doc.xac_nhan_noi_nghi else None}


_BODIES: dict[str, Callable[..., Built]] = {
    "cong_dien": _cong_dien, "giay_moi": _giay_moi, "giay_gioi_thieu": _giay_gioi_thieu,
    "giay_nghi_phep": _giay_nghi_phep,
}


def _recipients_first(document: Any) -> list[str]:
    """Mẫu 1.10 note 8: a Giấy nghỉ phép goes first to the person on leave (it has no "- Như trên;")."""
    if isinstance(document, GiayNghiPhep):
        return [f"{_ong_ba(document.nguoi, capital=True)} {document.nguoi.ho_ten}"]
    return []


def resolve(document: Any, carried: CascadeResult | None, profile: Profile) -> MauRiengDraft:
    """The view model of a Công điện, Giấy mời, Giấy giới thiệu or Giấy nghỉ phép (pure)."""
    profile = profile.for_type(PROFILE)
    facts = drafted()[document.loai]
    content, extra = _BODIES[document.loai](document, carried, profile)
    ten_loai = facts["ten"].upper()
    trich_yeu = getattr(document, "trich_yeu", None)
    # "- Như trên;": the Công điện's recipients (as 968/CĐ-TTg), the Giấy giới thiệu's host (Mẫu 1.8) and,
    # UNCONFIRMED (the Mẫu 1.7 footer shows only "- …;"), the Giấy mời's invitees, as offices write it.
    nhu_tren = not isinstance(document, GiayNghiPhep)
    return MauRiengDraft(
        # "- Lưu: VT." unless the model names the drafting unit: the Mẫu mark it "(nếu cần)", Mẫu 1.8 prints none
        **shared_fields(document, typed_ky_hieu(facts["viet_tat"], document.co_quan.viet_tat), None, profile,
                        ten=facts["ten"], nhu_tren=nhu_tren, first_recipients=_recipients_first(document)),
        ten_loai=ten_loai,
        trich_yeu=trich_yeu,
        trich_yeu_rule=rule_under(trich_yeu, "trich_yeu_loai", profile) if trich_yeu
        else rule_under(ten_loai, "ten_loai", profile),
        body=[],
        content=content,
        **extra,
    )
