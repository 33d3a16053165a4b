"""Input models shared by every document type: issuer, date, signer, Nơi nhận, body text.

Field names are the Vietnamese words a clerk writes in YAML (``co_quan``, ``nguoi_ky`` …).
Validators raise :func:`nd30_error` with a Vietnamese message; :mod:`draftgen.messages` adds
the field path and the YAML line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from draftgen.nd30 import vocabulary


def nd30_error(message: str, field: str | None = None) -> PydanticCustomError:
    """A validation error whose message is shown to the clerk as is; ``field``: the field a model validator's
    error is about (its path and YAML line are reported, :mod:`draftgen.messages`)."""
    return PydanticCustomError("nd30", message, {"field": field} if field else None)


def new_list() -> list:
    """A new empty list: the ``default_factory`` of the list fields. The same as ``list``, but pydantic reads the
    signature of a factory when it builds a model, and ``inspect`` reads a builtin's from its text through
    ``tokenize`` (~0.2 ms each, and a large regex compiled on first use): 3-5 ms of every render."""
    return []


_HARD_BREAK = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"[ \t]{2,}")


def _clean_text(value: Any) -> Any:
    """Strip and NFC-normalise text; fold hard line breaks inside a paragraph into spaces."""
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip()
        if "\n" in value:  # the patterns only where they can match: this runs for every text of every unit
            value = _HARD_BREAK.sub(" ", value)
        return _SPACES.sub(" ", value) if "  " in value or "\t" in value else value
    return value


_BLANK_LINE = re.compile(r"\n\s*\n")
_NUMBERED = re.compile(r"^\d+\.\s")
_LETTERED = re.compile(r"^[a-zđ]\)\s")


def _paragraphs(value: Any) -> Any:
    """A paragraph list: a list of strings, or one string whose blank lines separate paragraphs."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [p for p in _BLANK_LINE.split(value.strip()) if p.strip()]
    if isinstance(value, list):
        return [_clean_text(v) for v in value]
    return value


def _lines(value: Any) -> Any:
    """One or more lines: a list, or one string (explicit line breaks kept as separate lines)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [line for line in value.strip().splitlines() if line.strip()]
    if isinstance(value, list):
        return [_clean_text(v) for v in value]
    return value


# What a clerk may write, for the JSON Schema in input mode (``json_schema_input_type``): the before-validators
# turn these forms into the field's type, so the schema describes the YAML, not the validated model.
OneOrMany = str | list[str]

Text = Annotated[str, BeforeValidator(_clean_text), Field(min_length=1)]
Paragraphs = Annotated[list[Text], BeforeValidator(_paragraphs, json_schema_input_type=OneOrMany)]
Lines = Annotated[list[Text], BeforeValidator(_lines, json_schema_input_type=OneOrMany)]


class Model(BaseModel):
    """Base of the input models: unknown keys are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, defer_build=True)


Level = Literal["trung_uong", "tinh", "xa", "huyen"]


class Issuer(Model):
    """Ô 2 and the issuer half of ô 3 and ô 4: who issues the document."""

    chu_quan: Lines = Field(default_factory=new_list, description="Cơ quan chủ quản (nếu có), mỗi dòng một phần tử")
    ten: Lines = Field(
        description="Tên cơ quan ban hành, mỗi dòng một phần tử (ví dụ: ỦY BAN NHÂN DÂN / TỈNH SÓC TRĂNG)"
    )
    viet_tat: str = Field(description="Chữ viết tắt tên cơ quan trong ký hiệu, ví dụ UBND, SNV, BNV")
    dia_danh: Text = Field(description="Địa danh ở ô 4, ví dụ 'Sóc Trăng', 'Thành phố Hồ Chí Minh', 'Xã Hòa Phú'")
    cap: Level = Field(description="Cấp của cơ quan: trung_uong, tinh, xa hoặc huyen (trước 01/7/2025)")

    @field_validator("ten")
    @classmethod
    def _name_required(cls, value: list[str]) -> list[str]:
        if not value:
            raise nd30_error("Thiếu tên cơ quan ban hành.")
        return value

    @field_validator("viet_tat")
    @classmethod
    def _abbreviation(cls, value: str) -> str:
        value = unicodedata.normalize("NFC", value.strip())
        if not vocabulary.ABBREVIATION.fullmatch(value):
            raise nd30_error(
                f"Chữ viết tắt '{value}' không hợp lệ: chỉ gồm chữ cái và chữ số, bắt đầu bằng chữ in hoa "
                "(ví dụ UBND, SNV)."
            )
        if value in vocabulary.document_type_abbreviations():
            raise nd30_error(
                f"'{value}' là chữ viết tắt tên loại văn bản, không phải tên cơ quan; ký hiệu công văn "
                "gồm tên cơ quan và đơn vị soạn thảo (ví dụ UBND-VP)."
            )
        return value


class PartialDate(Model):
    """Ô 4 date. In a draft the day, or the day and month, may be left blank."""

    ngay: int | None = Field(default=None, description="Ngày (để trống trong dự thảo)")
    thang: int | None = Field(default=None, description="Tháng (để trống trong dự thảo)")
    nam: int = Field(description="Năm, 4 chữ số")

    @model_validator(mode="after")
    def _plausible(self) -> PartialDate:
        today = dt.date.today()
        if not 1945 <= self.nam <= today.year + 1:
            raise nd30_error(f"Năm {self.nam} không hợp lý (từ 1945 đến {today.year + 1}).")
        if self.thang is not None and not 1 <= self.thang <= 12:
            raise nd30_error(f"Tháng {self.thang} không có thật (1-12).")
        if self.ngay is not None:
            if self.thang is None:
                raise nd30_error("Có ngày thì phải có tháng.")
            try:
                dt.date(self.nam, self.thang, self.ngay)
            except ValueError:
                raise nd30_error(f"Ngày {self.ngay}/{self.thang}/{self.nam} không có thật.") from None
        return self

    @property
    def complete(self) -> dt.date | None:
        """The date when day and month are given."""
        if self.ngay is None or self.thang is None:
            return None
        return dt.date(self.nam, self.thang, self.ngay)

    @property
    def earliest(self) -> dt.date:
        """The earliest day the (possibly partial) date can be."""
        return dt.date(self.nam, self.thang or 1, self.ngay or 1)


_DMY_TEXT = r"\s*(\d{1,2}|[._…\s]*)\s*/\s*(\d{1,2}|[._…\s]*)\s*/\s*(\d{4})\s*"
_DMY = re.compile(f"^{_DMY_TEXT}$")
# The written forms of a date, as a JSON Schema pattern (ECMA 262): 17/10/2023, …/10/2023, 2023-10-17, 2023
DATE_PATTERN = rf"^(?:{_DMY_TEXT}|\s*\d{{4}}-\d{{1,2}}-\d{{1,2}}\s*|\s*\d{{4}}\s*)$"
DateText = Annotated[str, Field(pattern=DATE_PATTERN)]


def _parse_date(value: Any) -> Any:
    """Accept 2023-10-17, 17/10/2023, "…/10/2023" (blank day), or a mapping ngay/thang/nam."""
    if isinstance(value, dt.date):
        return {"ngay": value.day, "thang": value.month, "nam": value.year}
    if isinstance(value, str):
        text = value.strip()
        iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if iso:
            return {"nam": iso.group(1), "thang": iso.group(2), "ngay": iso.group(3)}
        dmy = _DMY.match(text)
        if dmy:
            day, month, year = (g.strip(" ._…") for g in dmy.groups())
            return {"ngay": day or None, "thang": month or None, "nam": year}
        if re.fullmatch(r"\d{4}", text):
            return {"nam": text}
        raise nd30_error(
            f"Ngày '{text}' không đúng dạng: viết 17/10/2023, 2023-10-17 hoặc …/10/2023 (dự thảo để trống ngày)."
        )
    return value


DateInput = Annotated[PartialDate, BeforeValidator(_parse_date, json_schema_input_type=DateText | PartialDate)]


Authority = Literal["TM", "KT", "Q", "TL", "TUQ"]
# As written: with or without the final period ("KT." is how it prints)
AuthorityInput = Literal["TM", "KT", "Q", "TL", "TUQ", "TM.", "KT.", "Q.", "TL.", "TUQ."] | None


def _authority(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip().rstrip(".").upper()
        return value or None
    return value


def _upper(value: Any) -> Any:
    value = _clean_text(value)
    return value.upper() if isinstance(value, str) else value


UpperText = Annotated[str, BeforeValidator(_upper), Field(min_length=1)]


class Signer(Model):
    """Ô 7a/7b/7c: the signing authority, titles and name (PL1 II.7; NĐ30 Điều 13)."""

    quyen_han: Annotated[Authority | None, BeforeValidator(_authority, json_schema_input_type=AuthorityInput)] = Field(
        default=None, description="TM, KT, Q, TL, TUQ, hoặc để trống khi người đứng đầu ký"
    )
    tap_the: UpperText | None = Field(
        default=None, description="Tên tập thể hoặc cơ quan sau 'TM.', ví dụ ỦY BAN NHÂN DÂN"
    )
    cap_truong: UpperText | None = Field(
        default=None, description="Chức vụ người đứng đầu sau KT./Q./TL./TUQ., ví dụ CHỦ TỊCH, GIÁM ĐỐC"
    )
    ky_thay: UpperText | None = Field(
        default=None,
        description="Với TM. hoặc TL.: chức vụ người đứng đầu mà cấp phó ký thay (dòng 'KT. …')",
    )
    chuc_vu: UpperText | None = Field(default=None, description="Chức vụ của người ký, ví dụ PHÓ CHỦ TỊCH")
    chuc_vu_khac: Text | None = Field(default=None, description="Chức vụ khác đặt trên họ tên (ô 7b), nếu có")
    ho_ten: Text = Field(description="Họ và tên người ký, chữ thường, không kèm học hàm, học vị")

    @field_validator("ho_ten")
    @classmethod
    def _name(cls, value: str) -> str:
        if vocabulary.title_before_name(value):
            raise nd30_error(
                f"Họ tên '{value}' không được kèm học hàm, học vị hay danh hiệu (PL1 II.7.c); chỉ ghi họ, tên đệm, tên."
            )
        if value.isupper() and len(value) > 3:
            raise nd30_error(
                f"Họ tên viết chữ thường, hoa chữ đầu mỗi tiếng (ví dụ 'Nguyễn Văn A'), không viết '{value}'."
            )
        return value

    @model_validator(mode="after")
    def _authority_rules(self) -> Signer:
        kind = self.quyen_han
        if kind == "TM" and not self.tap_the:
            raise nd30_error(
                "Ký 'TM.' (thay mặt) phải ghi tên tập thể lãnh đạo hoặc cơ quan ở 'tap_the', ví dụ ỦY BAN NHÂN DÂN."
            )
        if kind != "TM" and self.tap_the:
            raise nd30_error("'tap_the' chỉ dùng khi ký 'TM.' (thay mặt tập thể).")
        if kind in {"KT", "Q", "TL", "TUQ"} and not self.cap_truong:
            raise nd30_error(
                f"Ký '{kind}.' phải ghi chức vụ người đứng đầu ở 'cap_truong', ví dụ CHỦ TỊCH, GIÁM ĐỐC."
            )
        if self.ky_thay and kind not in {"TM", "TL"}:
            raise nd30_error("'ky_thay' chỉ dùng cùng 'TM.' hoặc 'TL.'; với cấp phó ký thay hãy ghi quyen_han: KT.")
        deputy = kind == "KT" or bool(self.ky_thay)
        if deputy and not (self.chuc_vu or "").startswith("PHÓ"):
            raise nd30_error(
                "Ký thay (KT.) là cấp phó ký thay cấp trưởng: 'chuc_vu' phải là chức vụ cấp phó, "
                "bắt đầu bằng 'PHÓ' (ví dụ PHÓ CHỦ TỊCH)."
            )
        if kind == "Q":
            if self.chuc_vu:
                raise nd30_error("Ký 'Q.' (quyền) chỉ ghi 'Q. <chức vụ cấp trưởng>'; bỏ 'chuc_vu'.")
        elif not self.chuc_vu:
            raise nd30_error("Thiếu chức vụ của người ký ('chuc_vu'), ví dụ CHỦ TỊCH.")
        if kind == "TM" and not deputy and (self.chuc_vu or "").startswith("PHÓ"):
            raise nd30_error(
                "Cấp phó ký thay mặt tập thể phải có dòng ký thay: thêm ky_thay: CHỦ TỊCH (hoặc chức vụ cấp trưởng)."
            )
        return self


class NoiNhanItem(Model):
    """One recipient in the Nơi nhận list, with an optional purpose such as "báo cáo"."""

    ten: Text = Field(description="Tên nơi nhận, ví dụ Văn phòng Chính phủ")
    muc_dich: Text | None = Field(default=None, description="Mục đích, ví dụ 'báo cáo', 'thực hiện'")

    @field_validator("ten")
    @classmethod
    def _not_automatic(cls, value: str) -> str:
        value = value.lstrip("-–• ").rstrip(";.,").strip()
        low = value.lower()
        if low.startswith("như trên"):
            raise nd30_error(
                "Không ghi 'Như trên': dòng '- Như trên;' được thêm tự động ở đầu (dùng 'nhu_tren' để ghi mục đích)."
            )
        if low.startswith("lưu"):
            raise nd30_error("Không ghi dòng 'Lưu': dòng '- Lưu: VT, …' được tạo từ mục 'luu'.")
        return value


def _noi_nhan_item(value: Any) -> Any:
    if isinstance(value, str):
        return {"ten": value}
    return value


class Luu(Model):
    """The "- Lưu: VT, <unit> (<copies>)." line."""

    don_vi: str | None = Field(default=None, description="Đơn vị soạn thảo lưu văn bản (mặc định: don_vi_soan_thao)")
    so_ban: int | None = Field(default=None, ge=1, le=999, description="Số bản lưu")
    ghi_chu: str | None = Field(default=None, description="Ghi chú trong ngoặc thay cho số bản, ví dụ 'ĐH.15b'")

    @model_validator(mode="after")
    def _one_note(self) -> Luu:
        if self.so_ban is not None and self.ghi_chu:
            raise nd30_error("Chỉ ghi một trong hai: 'so_ban' hoặc 'ghi_chu'.")
        return self


NoiNhanEntry = Annotated[NoiNhanItem, BeforeValidator(_noi_nhan_item, json_schema_input_type=str | NoiNhanItem)]


class Item(Model):
    """A numbered item ("1. …") with optional lettered points ("a) …")."""

    noi_dung: Text = Field(description="Nội dung của mục (không ghi số thứ tự)")
    diem: Paragraphs = Field(default_factory=new_list, description="Các điểm a), b), c)… (không ghi chữ cái)")

    @field_validator("noi_dung")
    @classmethod
    def _no_number(cls, value: str) -> str:
        if _NUMBERED.match(value):
            raise nd30_error("Không ghi số thứ tự ở đầu mục; draftgen tự đánh số 1., 2., 3.")
        return value

    @field_validator("diem")
    @classmethod
    def _no_letter(cls, value: list[str]) -> list[str]:
        for text in value:
            if _LETTERED.match(text):
                raise nd30_error("Không ghi chữ cái ở đầu điểm; draftgen tự đánh a), b), c), d), đ), e)…")
        return value


def item_entry(value: Any) -> Any:
    return {"noi_dung": value} if isinstance(value, str) else value


# numbered items (1., 2. …), each a string or {noi_dung, diem}
Items = list[Annotated[Item, BeforeValidator(item_entry, json_schema_input_type=str | Item)]]
