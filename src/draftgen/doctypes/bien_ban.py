"""The Biên bản (Mẫu 1.9): the opening facts, the content as the meeting went, the closing line, two signers.

Mẫu 1.9 in order: the header (ô 2 and the Số "…/BB-<CQ>" | Quốc hiệu, Tiêu ngữ; no ô 4), "BIÊN BẢN" and the
tên cuộc họp with a rule; "Thời gian bắt đầu:", "Địa điểm:", "Thành phần tham dự:", "Chủ trì (chủ tọa):",
"Thư ký (người ghi biên bản):", "Nội dung (theo diễn biến cuộc họp/hội nghị/hội thảo):" and the content;
"Cuộc họp (hội nghị, hội thảo) kết thúc vào … giờ …, ngày … tháng … năm …/."; then THƯ KÝ (left) and CHỦ TỌA
(right) side by side, and "Nơi nhận:" under the thư ký, ending "- Lưu: VT, Hồ sơ.".

Its Phụ lục (Mẫu 2.1) are every type's: ``phu_luc`` of the shared model and view model, resolved by
:mod:`draftgen.doctypes.phu_luc`, placed by the shared layout block ``phu_luc``.
"""

from __future__ import annotations

from dataclasses import dataclass

from draftgen.cascade.result import CascadeResult, clause_lines
from draftgen.doctypes.co_ten_loai import trich_yeu_rule_indents
from draftgen.doctypes.data import drafted, wording
from draftgen.doctypes.parts import blank, shared_fields
from draftgen.doctypes.phu_luc import date_text
from draftgen.draft import Draft, Indents, Para
from draftgen.models.bien_ban import BienBan
from draftgen.nd30 import body as nd30_body
from draftgen.nd30.profile import Profile
from draftgen.nd30.so_ky_hieu import typed_ky_hieu

MODEL = BienBan
PROFILE = "bien_ban"

# The labels of Mẫu 1.9 (data/mau_wording.yaml); the Mẫu's alternatives "cuộc họp/hội nghị/hội thảo" are
# ``forms``: the document names the one it records.
W = wording("bien_ban")
THOI_GIAN, DIA_DIEM, THANH_PHAN = W["thoi_gian"], W["dia_diem"], W["thanh_phan"]
CHU_TRI, THU_KY = W["chu_tri"], W["thu_ky"]
THU_KY_TITLE, CHU_TOA_TITLE = W["thu_ky_title"], W["chu_toa_title"]
FORMS = dict(W["forms"])
# Mẫu 1.9: "- Lưu: VT, Hồ sơ." (the biên bản is kept in the meeting's file).
LUU_HO_SO = "Hồ sơ"


@dataclass(frozen=True, kw_only=True)
class BienBanDraft(Draft):
    """A Biên bản (Mẫu 1.9). The base ``authority``/``ho_ten`` are the chủ tọa's (right, "CHỦ TỌA" first);
    ``thu_ky_authority``/``thu_ky_ho_ten`` the thư ký's (left), padded to the chủ tọa's lines so that the
    two names stand level."""

    ten_loai: str
    trich_yeu: str
    trich_yeu_rule: Indents
    content: list[Para]
    thu_ky_authority: list[str]
    thu_ky_ho_ten: str


def _sentence(text: str) -> str:
    return text.rstrip(" .;,") + "."


def clock_text(clock: str | None, empty: str) -> str:
    """"08:30" → "08 giờ 30 phút" (practice: hour and minute in two digits); a draft leaves both blank."""
    hour, minute = clock.split(":") if clock else (empty, empty)
    return f"{hour} giờ {minute} phút"


def opening_facts(document: BienBan, profile: Profile) -> list[Para]:
    """The facts of Mẫu 1.9 before the content, in its order, each under its label."""
    body = profile["noi_dung"].style_id
    empty = blank(profile)
    members = document.thanh_phan
    paras = [Para(body, f"{THOI_GIAN}: {clock_text(document.gio_bat_dau, empty)}, "
                        f"{date_text(document.ngay, empty)}."),
             Para(body, _sentence(f"{DIA_DIEM}: {document.dia_diem}"))]
    if len(members) == 1:
        paras.append(Para(body, _sentence(f"{THANH_PHAN}: {members[0]}")))
    else:
        paras.append(Para(body, f"{THANH_PHAN}:"))
        paras += [Para(body, f"- {m};") for m in members[:-1]] + [Para(body, f"- {members[-1]}.")]
    paras.append(Para(body, _sentence(f"{CHU_TRI}: {document.chu_tri or document.nguoi_ky.ho_ten}")))
    paras.append(Para(body, _sentence(f"{THU_KY}: {document.thu_ky.gioi_thieu or document.thu_ky.ho_ten}")))
    return paras


def content_paragraphs(document: BienBan, carried: CascadeResult | None, profile: Profile) -> list[Para]:
    """"Nội dung (theo diễn biến …):", the opening carried from the parents, the content, the closing line."""
    body = profile["noi_dung"].style_id
    form = FORMS[document.hinh_thuc]
    content = document.noi_dung
    paras = [Para(body, W["noi_dung"].format(form=form))]
    if carried and carried.opening:
        paras.append(Para(body, carried.opening))
    paras += [Para(body, text) for text in content.mo_dau]
    items = [i.pair() for i in carried.items] if carried else []
    items += [(item.noi_dung, list(item.diem)) for item in content.muc]
    for n, (text, points) in enumerate(items):
        paras += [Para(body, line) for line in clause_lines(nd30_body.item_text(n, text))]
        for k, point in enumerate(points):
            paras += [Para(body, line) for line in clause_lines(nd30_body.point_text(k, point))]
    paras += [Para(body, text) for text in content.ket_thuc]
    empty = blank(profile)
    end_day = document.ngay_ket_thuc or document.ngay
    closing = W["ket_thuc"].format(Form=form.capitalize(), gio=clock_text(document.gio_ket_thuc, empty),
                                   ngay=date_text(end_day, empty))
    paras.append(Para(body, nd30_body.with_end_mark(closing)))
    return paras


def resolve(document: BienBan, carried: CascadeResult | None, profile: Profile) -> BienBanDraft:
    """The view model of a Biên bản (pure: the parents are already read into ``carried``)."""
    profile = profile.for_type(PROFILE)
    facts = drafted()[document.loai]
    ky_hieu = typed_ky_hieu(facts["viet_tat"], document.co_quan.viet_tat)
    shared = shared_fields(document, ky_hieu, LUU_HO_SO, profile, ten=facts["ten"], nhu_tren=False)
    authority = [CHU_TOA_TITLE, *shared.pop("authority")]
    return BienBanDraft(
        **shared,
        authority=authority,
        thu_ky_authority=[THU_KY_TITLE] + [""] * (len(authority) - 1),
        thu_ky_ho_ten=document.thu_ky.ho_ten,
        ten_loai=facts["ten"].upper(),
        trich_yeu=document.trich_yeu,
        trich_yeu_rule=trich_yeu_rule_indents(document.trich_yeu, profile),
        body=[],
        content=opening_facts(document, profile) + content_paragraphs(document, carried, profile),
    )
