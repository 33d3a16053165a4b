"""The input model of the Quyết định family: Quyết định (cá biệt, Mẫu 1.2 and 1.3) and Nghị quyết (cá biệt, Mẫu 1.1).

A clerk writes the trích yếu, the căn cứ lines, the Điều with their khoản and điểm, and for a Mẫu 1.3 decision
the document it issues or approves (``van_ban_kem_theo``); draftgen numbers the Điều, khoản and điểm, ends the
căn cứ lines with ";" and ".", and opens the Nơi nhận with "- Như Điều N;".
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from draftgen.doctypes.data import drafted, type_keys
from draftgen.models.cascade import Opening, OpeningEntry
from draftgen.models.co_ten_loai import Section
from draftgen.models.common import Items, Lines, Model, OneOrMany, Paragraphs, Text, _lines, nd30_error, new_list
from draftgen.models.document import Document, UnitAbbreviation, typed_trich_yeu

FAMILY = "quyet_dinh"
TypeKey = Literal[type_keys(FAMILY)]  # type: ignore[valid-type]  # the keys of the family, from data

# The words a line of the căn cứ block starts with (PL1 II.6.a "Căn cứ"; practice: "Thực hiện" a directive,
# "Xét" a Tờ trình or a proposal). "Theo đề nghị của …" is the last line, given apart (``de_nghi``).
CAN_CU_WORDS = ("Căn cứ", "Thực hiện", "Triển khai", "Xét")
DE_NGHI_WORDS = ("Theo đề nghị", "Xét đề nghị")
# PL1 II.6.a: "riêng Luật, Pháp lệnh không ghi số, ký hiệu, cơ quan ban hành" (a law's number ends in /QH…).
_LAW_WITH_NUMBER = re.compile(
    r"^(Căn cứ|Thực hiện)\s+(Bộ luật|Luật|Pháp lệnh)\b(?:(?!Nghị quyết|Nghị định|Thông tư|Quyết định|Chỉ thị).)*?"
    r"\bsố\s*\d+/\d{4}/(QH|UBTVQH)\d*", re.IGNORECASE)
_DIEU_LABEL = re.compile(r"^Điều\s+\d+\s*[.:]", re.IGNORECASE)


def _no_dieu_label(value: str | None) -> str | None:
    if value and _DIEU_LABEL.match(value):
        raise nd30_error("Không ghi 'Điều N.' ở đầu; draftgen tự đánh số Điều 1., Điều 2., …")
    return value


class Dieu(Model):
    """One Điều: "Điều 1." in bold and its text on the same line, or a bold heading; then khoản 1., 2. …"""

    tieu_de: Text | None = Field(
        default=None, description="Tiêu đề của điều, in đậm cùng 'Điều N.' (điều của quy chế: 'Phạm vi điều chỉnh')"
    )
    noi_dung: Text | None = Field(
        default=None, description="Nội dung ngay sau 'Điều N.' (quyết định cá biệt: 'Thành lập Ban Chỉ đạo …')"
    )
    khoan: Items = Field(
        default_factory=new_list, description="Các khoản 1., 2., …; mỗi khoản có thể có các điểm a), b), … (ô 'diem')"
    )
    ket_thuc: Paragraphs = Field(default_factory=new_list, description="Các đoạn sau các khoản")

    @field_validator("tieu_de", "noi_dung")
    @classmethod
    def _labels(cls, value: str | None) -> str | None:
        return _no_dieu_label(value)

    @model_validator(mode="after")
    def _not_empty(self) -> Dieu:
        if not (self.tieu_de or self.noi_dung or self.khoan):
            raise nd30_error("Điều trống: ghi 'noi_dung' (hoặc 'tieu_de') hoặc các 'khoan'.")
        return self


def dieu_entry(value: Any) -> Any:
    return {"noi_dung": value} if isinstance(value, str) else value


DieuEntry = Annotated[Dieu, BeforeValidator(dieu_entry, json_schema_input_type=str | Dieu)]


class Chuong(Model):
    """A Chương of a document issued with the decision: "Chương I" / "QUY ĐỊNH CHUNG", then its Điều."""

    tieu_de: Text = Field(description="Tên chương, ví dụ 'Quy định chung' (in thành 'Chương I' / 'QUY ĐỊNH CHUNG')")
    dieu: list[DieuEntry] = Field(min_length=1, description="Các điều của chương (số điều chạy liên tục)")

    @field_validator("tieu_de")
    @classmethod
    def _no_label(cls, value: str) -> str:
        if re.match(r"^Chương\s+[IVXLC\d]+", value, re.IGNORECASE):
            raise nd30_error("Không ghi 'Chương I' ở đầu tên chương; draftgen tự đánh Chương I, II, …")
        return value


def _issued_type(value: Any) -> Any:
    """A tên loại as its key (quy_che) or its name (Quy chế, QUY CHẾ) → its name."""
    if isinstance(value, str):
        wanted = value.strip()
        for key, facts in drafted().items():
            if wanted == key or wanted.lower() == facts["ten"].lower():
                return facts["ten"]
    return value


class VanBanKemTheo(Model):
    """Mẫu 1.3: the document the decision issues or approves, printed after it from a new page."""

    loai: Annotated[str, BeforeValidator(_issued_type)] = Field(
        description="Tên loại của văn bản kèm theo: Quy chế, Quy định, Kế hoạch, Chương trình, Đề án …"
    )
    trich_yeu: Text = Field(description="Trích yếu dưới tên loại, ví dụ 'Làm việc của Ban Chỉ đạo …'")
    cua: Text | None = Field(
        default=None, description="Người, cơ quan ban hành quyết định trong dòng '(Kèm theo Quyết định số … của …)'"
    )
    chuong: list[Chuong] = Field(default_factory=new_list, description="Các chương (Chương I, II …) với các điều")
    dieu: list[DieuEntry] = Field(default_factory=new_list, description="Các điều, khi không chia chương")
    phan: list[Section] = Field(default_factory=new_list,
                                description="Các mục I., II. … (Kế hoạch, Đề án được phê duyệt)")

    @field_validator("loai")
    @classmethod
    def _known_type(cls, value: str) -> str:
        names = {facts["ten"] for facts in drafted().values()}
        if value not in names:
            raise nd30_error(f"Tên loại '{value}' không có trong Phụ lục III; ví dụ Quy chế, Quy định, Kế hoạch.")
        return value

    @field_validator("trich_yeu")
    @classmethod
    def _trich_yeu(cls, value: str) -> str:
        return typed_trich_yeu(value)

    @model_validator(mode="after")
    def _one_body(self) -> VanBanKemTheo:
        given = [name for name in ("chuong", "dieu", "phan") if getattr(self, name)]
        if len(given) != 1:
            raise nd30_error("Nội dung văn bản kèm theo: ghi đúng một trong 'chuong' (các chương và điều), "
                             "'dieu' (các điều) hoặc 'phan' (các mục I., II.).")
        return self


def _can_cu_line(value: str) -> str:
    text = value.strip().rstrip(";.,").rstrip()
    if text.startswith(DE_NGHI_WORDS):
        raise nd30_error(f"Dòng '{text[:40]}…' ghi ở 'de_nghi' (dòng cuối của phần căn cứ), không ghi ở 'can_cu'.")
    if not text.startswith(CAN_CU_WORDS):
        raise nd30_error(f"Mỗi dòng căn cứ bắt đầu bằng 'Căn cứ' (hoặc 'Thực hiện', 'Triển khai', 'Xét'), không "
                         f"phải '{text[:40]}'.")
    if _LAW_WITH_NUMBER.match(text):
        raise nd30_error("Căn cứ luật, pháp lệnh không ghi số, ký hiệu, cơ quan ban hành (PL1 II.6.a): viết "
                         "'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025'.")
    return text


CanCuLine = Annotated[Text, AfterValidator(_can_cu_line)]


def _opening_without_default_ending(value: Any) -> Any:
    """A decision cites its parents as a line of the căn cứ block: no ending sentence unless one is given."""
    if value is None:
        return {"ending": ""}
    if isinstance(value, dict) and "ending" not in value:
        return {**value, "ending": ""}
    return value


class QuyetDinh(Document):
    """A Quyết định (cá biệt, Mẫu 1.2/1.3) or a Nghị quyết (cá biệt, Mẫu 1.1), Phụ lục III, Nghị định 30/2020/NĐ-CP."""

    loai: TypeKey = Field(description="Loại văn bản: quyet_dinh (Quyết định) hoặc nghi_quyet (Nghị quyết cá biệt)")
    trich_yeu: Text = Field(
        description="Trích yếu dưới tên loại: 'Về việc …' (Mẫu 1.2), 'Ban hành …', 'Phê duyệt …' (Mẫu 1.3)"
    )
    don_vi_soan_thao: UnitAbbreviation = Field(
        default=None, description="Đơn vị soạn thảo thêm vào cuối ký hiệu khi cơ quan quy định (QĐ-UBND-VP)"
    )
    tham_quyen: Lines = Field(
        default_factory=new_list,
        description="Thẩm quyền ban hành, in hoa (ví dụ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK); mặc định lấy từ "
                    "người ký và tên cơ quan",
    )
    can_cu: Annotated[list[CanCuLine], BeforeValidator(_lines, json_schema_input_type=OneOrMany)] = Field(
        description="Các căn cứ ban hành, mỗi dòng một căn cứ ('Căn cứ …'), không ghi dấu cuối dòng"
    )
    de_nghi: Text | None = Field(
        default=None, description="Dòng cuối phần căn cứ: 'Theo đề nghị của Giám đốc Sở Nội vụ', 'Xét Tờ trình số …' "
                                    "(hoặc chỉ người đề nghị)"
    )
    dieu: list[DieuEntry] = Field(min_length=1, description="Các điều 1., 2., …; điều cuối thường là điều thi hành")
    nhu_dieu: int | None = Field(
        default=None, ge=1, description="Điều ghi ở dòng đầu Nơi nhận '- Như Điều N;' (mặc định: điều cuối)"
    )
    clauses_dieu: int = Field(
        default=1, ge=1, description="Điều nhận các mục lấy từ văn bản cấp trên (thành các khoản của điều đó)"
    )
    van_ban_kem_theo: VanBanKemTheo | None = Field(
        default=None, description="Mẫu 1.3: văn bản được ban hành, phê duyệt kèm theo quyết định (in từ trang mới)"
    )
    opening: Annotated[
        OpeningEntry, BeforeValidator(_opening_without_default_ending, json_schema_input_type=str | Opening | None)
    ] = Field(
        default_factory=lambda: Opening(ending=""),
        description="Dòng viện dẫn văn bản cấp trên trong phần căn cứ ('Thực hiện …')",
    )

    @field_validator("trich_yeu")
    @classmethod
    def _trich_yeu(cls, value: str) -> str:
        return typed_trich_yeu(value)

    @field_validator("tham_quyen")
    @classmethod
    def _upper(cls, value: list[str]) -> list[str]:
        return [line.upper() for line in value]

    @field_validator("can_cu")
    @classmethod
    def _can_cu(cls, value: list[str]) -> list[str]:
        if not value:
            raise nd30_error("Cần ít nhất một căn cứ ban hành (PL1 II.6.a), ví dụ 'Căn cứ Luật Tổ chức chính quyền "
                             "địa phương ngày 16 tháng 6 năm 2025'.")
        return value

    @field_validator("de_nghi")
    @classmethod
    def _de_nghi(cls, value: str | None) -> str | None:
        if value is None:
            return None
        text = value.strip().rstrip(";.,").rstrip()
        if text.startswith(("Theo ", "Xét ")):  # "Theo đề nghị của …", "Xét Tờ trình số …", "Xét đề nghị …"
            return text
        if text.startswith(("của ", "Của ")):
            return f"Theo đề nghị {text[:1].lower()}{text[1:]}"
        return f"Theo đề nghị của {text}"

    @field_validator("nhu_tren")
    @classmethod
    def _no_nhu_tren(cls, value: str | None) -> str | None:
        if value:
            raise nd30_error("Quyết định, nghị quyết không có '- Như trên;': dòng đầu Nơi nhận là '- Như Điều N;' "
                             "(chọn điều ở 'nhu_dieu').")
        return value

    @field_validator("noi_nhan")
    @classmethod
    def _no_nhu_dieu(cls, value: list[Any]) -> list[Any]:
        for item in value:
            if item.ten.lower().startswith("như điều"):
                raise nd30_error("Không ghi 'Như Điều …': dòng '- Như Điều N;' được thêm tự động ở đầu Nơi nhận "
                                 "(chọn điều ở 'nhu_dieu').")
        return value

    @model_validator(mode="after")
    def _numbers(self) -> QuyetDinh:
        count = len(self.dieu)
        if self.nhu_dieu is not None and self.nhu_dieu > count:
            raise nd30_error(f"'nhu_dieu: {self.nhu_dieu}' nhưng văn bản chỉ có {count} điều.")
        if self.clauses_dieu > count:
            raise nd30_error(f"'clauses_dieu: {self.clauses_dieu}' nhưng văn bản chỉ có {count} điều.")
        if self.van_ban_kem_theo and not self.trich_yeu.startswith(("Ban hành", "Phê duyệt")):
            raise nd30_error("Quyết định ban hành, phê duyệt văn bản kèm theo (Mẫu 1.3) có trích yếu bắt đầu bằng "
                             f"'Ban hành' hoặc 'Phê duyệt' (ví dụ 'Ban hành {self.van_ban_kem_theo.loai} …').")
        return self
