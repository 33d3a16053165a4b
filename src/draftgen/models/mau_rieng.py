"""The input models of the documents with their own form (Phụ lục III, Mẫu 1.6, 1.7, 1.8, 1.10).

Công điện (Mẫu 1.6), Giấy mời (Mẫu 1.7), Giấy giới thiệu (Mẫu 1.8) and Giấy nghỉ phép (Mẫu 1.10) share the
header and footer of every document (:class:`~draftgen.models.document.Document`) but each has its own
fields, so each has its own small model with ``loai: Literal["<key>"]``. :class:`MauRieng` is the family's
``MODEL``: it validates a mapping with the model its ``loai`` names (so the errors name the fields as in the
other families, without a union tag in the path) and gives the JSON Schema of the discriminated union.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, TypeAdapter, ValidationInfo, field_validator

from draftgen.models.common import (
    DateInput,
    Lines,
    Model,
    OneOrMany,
    Paragraphs,
    PartialDate,
    Text,
    UpperText,
    nd30_error,
    new_list,
)
from draftgen.models.cong_van import Body
from draftgen.models.document import Document


def _complete(value: PartialDate) -> dt.date:
    if value.complete is None:
        raise nd30_error("Ngày phải đủ ngày, tháng, năm, ví dụ 05/01/2026.")
    return value.complete


# A day in running text ("kể từ ngày 05/01/2026"): unlike the issuing date, never left blank.
FullDate = Annotated[DateInput, AfterValidator(_complete)]


def _trich_yeu(value: str) -> str:
    if re.match(r"^(V/v|v/v|V/V)\b", value):
        raise nd30_error("'V/v' chỉ dùng cho công văn; ghi trích yếu ngay dưới tên loại, ví dụ 'Về việc …'.")
    if value.endswith("."):
        raise nd30_error("Trích yếu không kết thúc bằng dấu chấm.")
    return value[:1].upper() + value[1:]


TrichYeu = Annotated[Text, AfterValidator(_trich_yeu)]


def _entries(value: list[str]) -> list[str]:
    """List lines written with their dash or final ';'/'.': draftgen adds them."""
    return [v.lstrip("-–• ").rstrip(";.,").strip() for v in value]


def _sentence(value: str) -> str:
    """A field printed after its label, as written (a stray final ';' or ',' dropped)."""
    return value.rstrip(";,").rstrip()


Entries = Annotated[Lines, AfterValidator(_entries)]
LineText = Annotated[Text, AfterValidator(_sentence)]


def _body(value: Any) -> Any:
    return {"mo_dau": value} if isinstance(value, (str, list)) else value


class _NoParents(Document):
    """A Giấy (mời, giới thiệu, nghỉ phép) is not written from a higher body's text: no parents."""

    @field_validator("parents", "clauses")
    @classmethod
    def _no_parents(cls, value: list[Any]) -> list[Any]:
        if value:
            raise nd30_error("Giấy mời, giấy giới thiệu, giấy nghỉ phép không lấy nội dung từ văn bản cấp trên; "
                             "bỏ 'parents' và 'clauses'.")
        return value


class CongDien(Document):
    """A Công điện (Mẫu 1.6): CÔNG ĐIỆN and its trích yếu, "<TÊN CƠ QUAN> điện:", the list of recipients, body."""

    loai: Literal["cong_dien"] = Field(description="Loại văn bản: cong_dien (Công điện, Mẫu 1.6)")
    trich_yeu: TrichYeu = Field(description="Trích yếu nội dung điện, dưới 'CÔNG ĐIỆN', ví dụ 'Về việc …'")
    dien: UpperText | None = Field(
        default=None,
        description="Tên cơ quan hoặc chức danh người đứng đầu trước chữ 'điện:', in hoa, ví dụ THỦ TƯỚNG "
                    "CHÍNH PHỦ, CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK (mặc định: tên cơ quan ban hành)",
    )
    nhan_dien: Entries = Field(description="Các cơ quan, tổ chức nhận điện, mỗi nơi một dòng (in '- …;')")
    noi_dung: Annotated[Body, BeforeValidator(_body, json_schema_input_type=OneOrMany | Body)] = Field(
        description="Nội dung điện: mo_dau, muc (1., 2. … với các điểm a), b) …), ket_thuc"
    )
    kem_theo: Text | None = Field(default=None, description="Văn bản gửi kèm, in thành dòng '(Kèm theo …)'")

    @field_validator("dien")
    @classmethod
    def _dien(cls, value: str | None) -> str | None:
        # "THỦ TƯỚNG CHÍNH PHỦ điện:" written whole (upper-cased by then): keep the name, draftgen adds " điện:"
        if value is None:
            return None
        return re.sub(r"\s+ĐIỆN\s*:\s*$", "", value).strip()

    @field_validator("nhan_dien")
    @classmethod
    def _nhan_dien(cls, value: list[str]) -> list[str]:
        if not value:
            raise nd30_error("Công điện cần ít nhất một nơi nhận điện ('nhan_dien').")
        return value


class GiayMoi(_NoParents):
    """A Giấy mời (Mẫu 1.7): "<Cơ quan> trân trọng kính mời: …", Tới dự, Chủ trì, Thời gian, Địa điểm."""

    loai: Literal["giay_moi"] = Field(description="Loại văn bản: giay_moi (Giấy mời, Mẫu 1.7)")
    trich_yeu: TrichYeu = Field(description="Trích yếu nội dung cuộc họp, dưới 'GIẤY MỜI'")
    ten_co_quan: Text = Field(
        description="Tên cơ quan trong câu 'trân trọng kính mời', chữ thường, ví dụ 'Ủy ban nhân dân tỉnh Đắk Lắk'"
    )
    kinh_moi: Entries = Field(
        description="Người hoặc đơn vị được mời (tên, chức vụ, đơn vị); một nơi: in cùng dòng, nhiều nơi: mỗi nơi "
                    "một dòng '- …;'"
    )
    toi_du: LineText = Field(description="Tên (nội dung) cuộc họp, hội nghị, hội thảo, in sau 'Tới dự'")
    noi_dung_hop: Entries = Field(
        default_factory=new_list, description="Nội dung, chương trình cuộc họp (nếu có), in sau nhãn 'Nội dung:'"
    )
    chu_tri: LineText | None = Field(default=None, description="Người chủ trì, ví dụ 'Đồng chí …, Chủ tịch UBND tỉnh'")
    thoi_gian: LineText = Field(description="Thời gian, ví dụ '08 giờ 00, thứ Năm, ngày 20/11/2025'")
    dia_diem: LineText = Field(description="Địa điểm, ví dụ 'Hội trường A, Ủy ban nhân dân tỉnh'")
    luu_y: Paragraphs = Field(default_factory=new_list, description="Các vấn đề cần lưu ý, mỗi đoạn một phần tử")

    @field_validator("kinh_moi")
    @classmethod
    def _kinh_moi(cls, value: list[str]) -> list[str]:
        if not value:
            raise nd30_error("Giấy mời cần ít nhất một người hoặc đơn vị được mời ('kinh_moi').")
        return value

    @field_validator("toi_du")
    @classmethod
    def _toi_du(cls, value: str) -> str:
        if re.match(r"(?i)^tới dự\b", value):
            raise nd30_error("Không ghi 'Tới dự' ở đầu; draftgen tự in 'Tới dự …'.")
        return value


def _salutation(value: Any) -> Any:
    return value.strip().capitalize() if isinstance(value, str) else value


SalutationInput = Literal["Ông", "Bà", "ông", "bà", "ÔNG", "BÀ"]
Salutation = Annotated[Literal["Ông", "Bà"], BeforeValidator(_salutation, json_schema_input_type=SalutationInput)]


class Person(Model):
    """The person a Giấy giới thiệu introduces or a Giấy nghỉ phép grants leave to."""

    ho_ten: Text = Field(description="Họ và tên, ví dụ 'Nguyễn Thị Lan'")
    danh_xung: Salutation | None = Field(
        default=None, description="Ông hoặc Bà; bỏ trống thì in như Mẫu: 'Ông (bà)'"
    )
    chuc_vu: LineText = Field(description="Chức vụ, ví dụ 'Chuyên viên', 'Công chức Văn phòng - Thống kê'")
    don_vi: LineText | None = Field(default=None, description="Đơn vị công tác, in sau chức vụ")

    @field_validator("ho_ten")
    @classmethod
    def _name(cls, value: str) -> str:
        if re.match(r"(?i)^(ông|bà)\b", value):
            raise nd30_error("Chỉ ghi họ và tên; 'Ông' hoặc 'Bà' ghi ở 'danh_xung'.")
        if value.isupper() and len(value) > 3:
            raise nd30_error(f"Họ tên viết chữ thường, hoa chữ đầu mỗi tiếng, không viết '{value}'.")
        return value


class GiayGioiThieu(_NoParents):
    """A Giấy giới thiệu (Mẫu 1.8): "<Cơ quan> trân trọng giới thiệu:", the person, where and why, validity."""

    loai: Literal["giay_gioi_thieu"] = Field(description="Loại văn bản: giay_gioi_thieu (Giấy giới thiệu, Mẫu 1.8)")
    ten_co_quan: Text = Field(
        description="Tên cơ quan trong câu 'trân trọng giới thiệu', chữ thường, ví dụ 'Sở Nội vụ tỉnh Đắk Lắk'"
    )
    nguoi: Person = Field(description="Người được giới thiệu: ho_ten, danh_xung, chuc_vu, don_vi")
    duoc_cu_den: LineText = Field(description="Cơ quan, tổ chức được giới thiệu tới làm việc")
    ve_viec: LineText = Field(description="Nội dung công việc, in sau 'Về việc:'")
    co_gia_tri_den: FullDate = Field(description="Ngày hết giá trị của giấy, ví dụ 31/12/2025")

    @field_validator("co_gia_tri_den")
    @classmethod
    def _after_issue(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        issued = info.data.get("ngay")
        if issued is not None and value < issued.earliest:
            raise nd30_error(f"Giấy giới thiệu hết giá trị ({value:%d/%m/%Y}) trước ngày ban hành ('ngay').")
        return value


_DAYS = re.compile(r"(\d+)\s*ngày")


class GiayNghiPhep(_NoParents):
    """A Giấy nghỉ phép (Mẫu 1.10): the leave granted, on a request, to one person."""

    loai: Literal["giay_nghi_phep"] = Field(description="Loại văn bản: giay_nghi_phep (Giấy nghỉ phép, Mẫu 1.10)")
    ten_co_quan: Text = Field(
        description="Tên cơ quan cấp giấy trong câu '… cấp cho:', chữ thường, ví dụ 'Ủy ban nhân dân xã Hòa Phú'"
    )
    ngay_don: FullDate = Field(description="Ngày của Đơn đề nghị nghỉ phép, ví dụ 02/01/2026")
    nguoi: Person = Field(description="Người được nghỉ phép: ho_ten, danh_xung, chuc_vu, don_vi")
    thoi_gian: LineText = Field(description="Thời gian nghỉ, ví dụ '10 ngày làm việc'")
    tu_ngay: FullDate = Field(description="Ngày bắt đầu nghỉ")
    den_ngay: FullDate = Field(description="Ngày nghỉ cuối cùng ('đến hết ngày …')")
    noi_nghi: LineText = Field(description="Nơi nghỉ phép")
    tinh_vao: LineText = Field(
        description="Số ngày nghỉ được tính vào thời gian nào, ví dụ 'nghỉ hằng năm có hưởng lương năm 2026'"
    )
    xac_nhan_noi_nghi: bool = Field(
        default=False, description="In ô 'Xác nhận của cơ quan hoặc chính quyền địa phương nơi nghỉ phép'"
    )

    @field_validator("den_ngay")
    @classmethod
    def _after_start(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("tu_ngay")
        if start is not None and value < start:
            raise nd30_error(f"'den_ngay' ({value:%d/%m/%Y}) trước 'tu_ngay' ({start:%d/%m/%Y}).")
        days = _DAYS.search(info.data.get("thoi_gian") or "")
        if start is not None and days and int(days.group(1)) > (value - start).days + 1:
            raise nd30_error(f"Thời gian nghỉ {days.group(1)} ngày dài hơn khoảng từ {start:%d/%m/%Y} đến hết "
                             f"{value:%d/%m/%Y} ({(value - start).days + 1} ngày).")
        return value

    @field_validator("nhu_tren")
    @classmethod
    def _no_nhu_tren(cls, value: str | None) -> str | None:
        if value:
            raise nd30_error("Giấy nghỉ phép không có '- Như trên;': người được nghỉ phép tự đứng đầu Nơi nhận.")
        return value


MODELS: dict[str, type[Document]] = {
    "cong_dien": CongDien, "giay_moi": GiayMoi, "giay_gioi_thieu": GiayGioiThieu, "giay_nghi_phep": GiayNghiPhep,
}
AnyMauRieng = Annotated[CongDien | GiayMoi | GiayGioiThieu | GiayNghiPhep, Field(discriminator="loai")]


class MauRieng:
    """The family's MODEL: ``model_validate`` with the model of the mapping's ``loai``, ``model_json_schema``
    of the discriminated union on ``loai`` (one JSON Schema for the four types, committed as one file)."""

    _schema: ClassVar[TypeAdapter[Any]] = TypeAdapter(AnyMauRieng)

    @classmethod
    def model_validate(cls, data: Any, *, context: dict[str, Any] | None = None) -> BaseModel:
        kind = data.get("loai") if isinstance(data, dict) else None
        if kind not in MODELS:  # the registry only hands over this family's keys; any other: the union's error
            return cls._schema.validate_python(data, context=context)
        return MODELS[kind].model_validate(data, context=context)

    @classmethod
    def model_json_schema(cls, mode: Literal["validation", "serialization"] = "validation") -> dict[str, Any]:
        return cls._schema.json_schema(mode=mode)
