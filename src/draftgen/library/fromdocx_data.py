"""The values of an office's own Công văn, read from the located elements (draftgen.check.locate): the sample
data of the template made from it, and the issuer block it fixes (``fixed`` in the manifest).

Each reader is small and forgiving: what it cannot read is left out, and the validation of the sample
(by the caller) tells what is missing.
"""

from __future__ import annotations

import re
from typing import Any

from draftgen.check.doctype import parse_ky_hieu
from draftgen.check.locate import DATE_PARTS_RE, Layout, entry_text, norm

_AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\s*\.\s*(.*)$")
_LUU = re.compile(r"^lưu\s*:?\s*(.*?)\s*(?:\((\d+)\s*(?:bản)?\))?\s*\.?$", re.IGNORECASE)
_O12 = re.compile(r"^([A-ZĐ][A-ZĐ0-9.]*?)\.?\s*\(\s*(\d+)\s*\)\.?$")
_KEM_THEO = re.compile(r"^\(\s*kèm\s+theo\s+(.*?)\s*\)\.?$", re.IGNORECASE)
_DRAFT_DATE = re.compile(r"tháng\s*(?:(\d{1,2})|\S*)\s*năm\s+(\d{4})", re.IGNORECASE)


def _item(text: str) -> str:
    """A list line without its dash and its ';' or '.'."""
    return re.sub(r"[;.,]\s*$", "", re.sub(r"^\s*[-–—−+•]\s*", "", norm(text))).strip()


def guess_level(lines: list[str]) -> str:
    """The level of an issuer from its name lines: tỉnh, xã (phường, đặc khu), huyện, or central."""
    text = " ".join(lines).upper()
    if re.search(r"\b(XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN)\b", text):
        return "xa"
    if re.search(r"\b(HUYỆN|QUẬN|THỊ XÃ)\b", text):
        return "huyen"
    if re.search(r"\b(TỈNH|THÀNH PHỐ)\b", text):
        return "tinh"
    return "trung_uong"


def issuer(lay: Layout) -> dict[str, Any] | None:
    """The issuer block (co_quan) as the letter shows it, or None without its name lines."""
    if not lay.co_quan:
        return None
    ten = [norm(p.shown) for p in lay.co_quan]
    chu_quan = [norm(p.shown) for p in lay.chu_quan]
    out: dict[str, Any] = {"ten": ten}
    if chu_quan:
        out["chu_quan"] = chu_quan
    kh = parse_ky_hieu(lay.so.text) if lay.so is not None else None
    if kh is not None and kh.groups:
        out["viet_tat"] = kh.groups[0]
    if lay.date is not None and "," in lay.date.text:
        out["dia_danh"] = norm(lay.date.text.split(",", 1)[0])
    out["cap"] = guess_level(chu_quan + ten)
    return out


def _number_and_unit(lay: Layout, data: dict[str, Any]) -> None:
    if lay.so is None:
        return
    text = norm(lay.so.text)
    number = re.search(r":\s*([\d.]*)\s*/", text)
    if number and number.group(1).strip("."):
        data["so"] = number.group(1).strip(".")
    else:
        data["so"] = None
    kh = parse_ky_hieu(text)
    if kh is not None and len(kh.groups) > 1:
        data["don_vi_soan_thao"] = "-".join(kh.groups[1:])


def _date(lay: Layout, data: dict[str, Any]) -> None:
    if lay.date is None:
        return
    m = DATE_PARTS_RE.search(lay.date.text)
    if m:
        data["ngay"] = f"{int(m.group(1)):02d}/{int(m.group(2)):02d}/{m.group(3)}"
        return
    m = _DRAFT_DATE.search(lay.date.text)  # a draft: "ngày    tháng 02 năm 2026", "ngày … tháng … năm 2026"
    if m:
        data["ngay"] = f"…/{int(m.group(1))}/{m.group(2)}" if m.group(1) else m.group(2)


def urgency_marks(lay: Layout) -> list[Any]:
    """The KHẨN / MẬT lines of the header: in the issuer cell or in the cell of the số and V/v."""
    from draftgen.check.locate import URGENCY

    marks = list(lay.urgency)
    cell = (lay.vv or lay.so).cell if (lay.vv or lay.so) is not None else None
    for p in cell.paras if cell is not None else []:
        if norm(p.shown).upper() in URGENCY and p not in marks:
            marks.append(p)
    return marks


def _signer(lay: Layout) -> dict[str, Any]:
    lines = [norm(p.shown) for p in lay.quyen_han if p.text.strip()]
    signer: dict[str, Any] = {}
    if lay.ho_ten is not None:
        signer["ho_ten"] = norm(lay.ho_ten.text)
    if not lines:
        return signer
    m = _AUTHORITY.match(lines[0])
    if m is None:
        signer["chuc_vu"] = lines[-1]
        return signer
    signer["quyen_han"] = m.group(1)
    if m.group(1) == "TM":
        signer["tap_the"] = m.group(2)
        rest = lines[1:]
        if rest and (k := _AUTHORITY.match(rest[0])) and k.group(1) == "KT":
            signer["ky_thay"] = k.group(2)
            rest = rest[1:]
        if rest:
            signer["chuc_vu"] = rest[-1]
    else:
        signer["cap_truong"] = m.group(2)
        if len(lines) > 1:
            signer["chuc_vu"] = lines[-1]
    return signer


def _recipients(lay: Layout, data: dict[str, Any]) -> None:
    others: list[str] = []
    for entry in lay.noi_nhan_entries:
        text = _item(entry_text(entry))
        luu = _LUU.match(text)
        if text.lower().startswith("như trên"):  # added by the engine; "(thực hiện)" is its purpose
            purpose = re.search(r"\((.*)\)", text)
            if purpose:
                data["nhu_tren"] = purpose.group(1).strip()
            continue
        if luu:
            units = [u.strip() for u in luu.group(1).split(",") if u.strip() and u.strip().upper() != "VT"]
            data["luu"] = {"don_vi": ", ".join(units) or "VT", **({"so_ban": luu.group(2)} if luu.group(2) else {})}
            continue
        others.append(text)
    data["noi_nhan"] = others
    if lay.ky_hieu_soan_thao is not None:
        m = _O12.match(norm(lay.ky_hieu_soan_thao.text))
        if m:
            data["nguoi_soan"], data["so_ban_phat_hanh"] = m.group(1), m.group(2)


def sample_of(lay: Layout) -> dict[str, Any]:
    """The Công văn data the letter shows (what a clerk would have written to make it)."""
    data: dict[str, Any] = {"loai": "cong_van"}
    found = issuer(lay)
    if found:
        data["co_quan"] = found
    _number_and_unit(lay, data)
    _date(lay, data)
    if lay.vv is not None:
        data["trich_yeu"] = re.sub(r"^\s*v\s*/\s*v\s*", "", norm(lay.vv.text), flags=re.IGNORECASE)
    for p in urgency_marks(lay):
        mark = norm(p.shown).upper()
        data["do_mat" if "MẬT" in mark else "do_khan"] = mark.replace("HOẢ", "HỎA")
    if lay.kinh_gui is not None:
        after = lay.kinh_gui.text.split(":", 1)[1] if ":" in lay.kinh_gui.text else ""
        data["kinh_gui"] = [_item(after)] if after.strip() else [_item(entry_text(e)) for e in lay.kinh_gui_entries]
    texts = [norm(p.text) for p in lay.body]
    if texts and (kem := _KEM_THEO.match(texts[-1])):  # "(Kèm theo …)" under the body: its own field
        data["kem_theo"] = kem.group(1)
        texts = texts[:-1]
    if texts:
        last = re.sub(r"\s*\./\.\s*$", "", texts[-1])
        data["noi_dung"] = {"mo_dau": texts[:-1], "ket_thuc": last} if len(texts) > 1 else {"ket_thuc": last}
    _recipients(lay, data)
    data["nguoi_ky"] = _signer(lay)
    return data
