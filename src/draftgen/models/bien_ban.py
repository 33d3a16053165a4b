"""The input model of a Biên bản (Mẫu 1.9, Phụ lục III, Nghị định 30/2020/NĐ-CP), and of its Phụ lục (Mẫu 2.1).

A Biên bản records a meeting (cuộc họp, hội nghị, hội thảo): its opening facts (thời gian bắt đầu, địa
điểm, thành phần tham dự, chủ trì, thư ký), the content in the order it went, the closing line, and two
signatures: the thư ký (left) and the chủ tọa (right, with the seal when one is used). ``nguoi_ky`` of
:class:`~draftgen.models.document.Document` is the chủ tọa; ``ngay`` is the day of the meeting (Mẫu 1.9
has no ô 4: the date is in "Thời gian bắt đầu").

Its Phụ lục (Mẫu 2.1) are those of every type: ``phu_luc`` of :class:`~draftgen.models.document.Document`
(:mod:`draftgen.models.phu_luc`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from draftgen.models.common import (
    DateInput,
    Items,
    Lines,
    Model,
    OneOrMany,
    Paragraphs,
    Signer,
    Text,
    nd30_error,
    new_list,
)
from draftgen.models.document import Document, recipient_names

Form = Literal["cuoc_hop", "hoi_nghi", "hoi_thao"]

_CLOCK = re.compile(r"^(\d{1,2})\s*(?::|h|giờ)\s*(\d{1,2})?\s*(?:phút|p|')?$", re.IGNORECASE)


def _clock(value: Any) -> Any:
    """"08:00", "8h30", "8 giờ 30 phút", "8 giờ" → "08:00"; None stays None (a draft leaves it blank).

    YAML 1.1 (PyYAML) reads an unquoted 8:30 as the base-60 integer 510, and 8 as 8: an integer of 60 or
    more is such a reading (hours × 60 + minutes), one below 24 is a whole hour.
    """
    if value is None or (isinstance(value, str) and value.strip() in {"", "…", "..."}):
        return None
    if isinstance(value, bool):
        raise nd30_error(f"Giờ '{value}' không đúng dạng: viết 08:00 hoặc 8h30.")
    if isinstance(value, int):
        if 0 <= value < 24:
            return f"{value:02d}:00"
        if value >= 60:
            value = f"{value // 60}:{value % 60:02d}"
        else:
            raise nd30_error(f"Giờ '{value}' không đúng dạng: viết 08:00 hoặc 8h30.")
    if isinstance(value, str):
        found = _CLOCK.match(value.strip())
        if not found:
            raise nd30_error(f"Giờ '{value}' không đúng dạng: viết 08:00, 8h30 hoặc '8 giờ 30 phút'.")
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if hour > 23 or minute > 59:
            raise nd30_error(f"Giờ '{value}' không có thật (giờ từ 0 đến 23, phút từ 0 đến 59).")
        return f"{hour:02d}:{minute:02d}"
    return value


Clock = Annotated[str | None, BeforeValidator(_clock, json_schema_input_type=str | int | None)]


def _contains_name(text: str, name: str, label: str) -> None:
    if name.casefold() not in text.casefold():
        raise nd30_error(f"Dòng '{label}' phải có họ tên '{name}' (người ký ở cuối biên bản); đang ghi '{text}'.")


class ChuToa(Signer):
    """The chủ tọa, who signs on the right under "CHỦ TỌA" (with the seal when the body's seal is used).

    Mẫu 1.9 (chú thích 5) writes the government title under "CHỦ TỌA" only "nếu cần": ``chuc_vu`` is
    optional here, and printed (with its quyền hạn, e.g. "KT. CHỦ TỊCH") when given.
    """

    @model_validator(mode="after")
    def _authority_rules(self) -> ChuToa:
        if any((self.quyen_han, self.tap_the, self.cap_truong, self.ky_thay, self.chuc_vu)):
            return Signer._authority_rules(self)
        return self


class ThuKy(Model):
    """The thư ký (người ghi biên bản), who signs on the left under "THƯ KÝ"."""

    ho_ten: Text = Field(description="Họ và tên thư ký, ký bên trái dưới chữ 'THƯ KÝ'")
    gioi_thieu: Text | None = Field(
        default=None, description="Ghi ở dòng 'Thư ký (người ghi biên bản):', ví dụ 'Bà Lê Thị Hoa, công chức "
        "Văn phòng - Thống kê xã'; mặc định: họ tên"
    )

    @field_validator("ho_ten")
    @classmethod
    def _name(cls, value: str) -> str:
        return Signer._name(value)

    @model_validator(mode="after")
    def _introduced(self) -> ThuKy:
        if self.gioi_thieu:
            _contains_name(self.gioi_thieu, self.ho_ten, "Thư ký (người ghi biên bản)")
        return self


def _thu_ky(value: Any) -> Any:
    return {"ho_ten": value} if isinstance(value, str) else value


class NoiDung(Model):
    """"Nội dung (theo diễn biến cuộc họp)": paragraphs, numbered items (1., 2.) with points, paragraphs."""

    mo_dau: Paragraphs = Field(default_factory=new_list, description="Các đoạn đầu (diễn biến, ý kiến phát biểu …)")
    muc: Items = Field(
        default_factory=new_list, description="Các nội dung đánh số 1., 2., …; mỗi nội dung có thể có các điểm a), b)"
    )
    ket_thuc: Paragraphs = Field(
        default_factory=new_list, description="Các đoạn cuối (kết luận của chủ tọa, biên bản được thông qua …)"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> NoiDung:
        if not (self.mo_dau or self.muc or self.ket_thuc):
            raise nd30_error("Nội dung biên bản trống: cần ít nhất một đoạn (mo_dau, muc hoặc ket_thuc).")
        return self

    def texts(self) -> list[str]:
        return [*self.mo_dau, *(t for i in self.muc for t in (i.noi_dung, *i.diem)), *self.ket_thuc]


def _noi_dung(value: Any) -> Any:
    return {"mo_dau": value} if isinstance(value, (str, list)) else value


class BienBan(Document):
    """A Biên bản (Mẫu 1.9, Phụ lục III, Nghị định 30/2020/NĐ-CP)."""

    loai: Literal["bien_ban"] = Field(description="Loại văn bản: bien_ban")
    nguoi_ky: ChuToa = Field(description="Chủ tọa: ký bên phải dưới chữ 'CHỦ TỌA'; chuc_vu (nếu cần) in dưới đó")
    trich_yeu: Text = Field(
        description="Tên cuộc họp, hội nghị, hội thảo dưới chữ 'BIÊN BẢN', ví dụ 'Họp triển khai …'"
    )
    hinh_thuc: Form = Field(default="cuoc_hop", description="cuoc_hop, hoi_nghi hoặc hoi_thao: chữ của dòng kết thúc")
    gio_bat_dau: Clock = Field(default=None, description="Giờ bắt đầu, ví dụ '08:00' (ngày: trường 'ngay')")
    dia_diem: Text = Field(description="Địa điểm, ví dụ 'Hội trường Ủy ban nhân dân xã'")
    thanh_phan: Lines = Field(min_length=1, description="Thành phần tham dự: một dòng, hoặc mỗi người/nhóm một dòng")
    chu_tri: Text | None = Field(
        default=None, description="Ghi ở dòng 'Chủ trì (chủ tọa):', ví dụ 'Ông Trần Văn Bình, Chủ tịch UBND xã'; "
        "mặc định: họ tên người ký"
    )
    thu_ky: Annotated[ThuKy, BeforeValidator(_thu_ky, json_schema_input_type=str | ThuKy)] = Field(
        description="Thư ký (người ghi biên bản)"
    )
    noi_dung: Annotated[NoiDung, BeforeValidator(_noi_dung, json_schema_input_type=OneOrMany | NoiDung)]
    ngay_ket_thuc: DateInput | None = Field(default=None, description="Ngày kết thúc, khi khác ngày bắt đầu")
    gio_ket_thuc: Clock = Field(default=None, description="Giờ kết thúc, ví dụ '10:30'")

    @field_validator("trich_yeu")
    @classmethod
    def _trich_yeu(cls, value: str) -> str:
        if re.match(r"^(V/v|v/v|V/V)\b", value):
            raise nd30_error("'V/v' chỉ dùng cho công văn; dưới 'BIÊN BẢN' ghi tên cuộc họp, ví dụ 'Họp triển khai …'.")
        if re.match(r"^biên bản\b", value, re.IGNORECASE):
            raise nd30_error("Không ghi lại chữ 'Biên bản' ở trích yếu; ghi tên cuộc họp, ví dụ 'Họp triển khai …'.")
        if value.endswith("."):
            raise nd30_error("Trích yếu không kết thúc bằng dấu chấm.")
        return value[:1].upper() + value[1:]

    @field_validator("nhu_tren")
    @classmethod
    def _no_nhu_tren(cls, value: str | None) -> str | None:
        if value:
            raise nd30_error("Biên bản không có 'Kính gửi' nên Nơi nhận không có dòng '- Như trên;'; bỏ 'nhu_tren', "
                             "ghi các nơi nhận ở 'noi_nhan'.")
        return value

    @field_validator("thanh_phan")
    @classmethod
    def _members(cls, value: list[str]) -> list[str]:
        return recipient_names(value)

    @field_validator("chu_tri")
    @classmethod
    def _chair(cls, value: str | None, info: ValidationInfo) -> str | None:
        signer = info.data.get("nguoi_ky")
        if value and signer is not None:
            _contains_name(value, signer.ho_ten, "Chủ trì (chủ tọa)")
        return value

    @field_validator("ngay_ket_thuc")
    @classmethod
    def _end_day(cls, value: Any, info: ValidationInfo) -> Any:
        start = info.data.get("ngay")
        if value is not None and start is not None and value.earliest < start.earliest:
            raise nd30_error("Ngày kết thúc trước ngày họp ('ngay').")
        return value

    @field_validator("gio_ket_thuc")
    @classmethod
    def _end_time(cls, value: str | None, info: ValidationInfo) -> str | None:
        start, day = info.data.get("gio_bat_dau"), info.data.get("ngay_ket_thuc")
        if value and start and (day is None or day == info.data.get("ngay")) and value <= start:
            raise nd30_error(f"Giờ kết thúc {value} không sau giờ bắt đầu {start}; cuộc họp sang ngày khác thì "
                             "ghi 'ngay_ket_thuc'.")
        return value
