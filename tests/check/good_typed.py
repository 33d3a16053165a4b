"""Correct documents with a tên loại, built in memory like the Công văn of good_letter.py (named styles or a
clerk's direct formatting), one per family the checker tells apart:

* ``chi_thi`` / ``ke_hoach`` (Mẫu 1.4): tên loại, trích yếu and its rule, content (a Kế hoạch with Mục I., II.);
* ``quyet_dinh`` (Mẫu 1.2): the authority line, căn cứ in italics, "QUYẾT ĐỊNH:", Điều 1–3, "- Như Điều 3;";
* ``bien_ban`` (Mẫu 1.9): no date line, THƯ KÝ | CHỦ TỌA with their names, Nơi nhận under them;
* ``cong_dien`` (Mẫu 1.6), ``giay_moi`` (Mẫu 1.7).

Sizes and styles come from the checker's own element profile of the family (draftgen.check.typeprofile), so
each builds the document the checker expects; tests mutate it to break exactly one requirement.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.shared import Pt, Twips
from good_letter import (
    CHU_QUAN,
    CO_QUAN,
    DATE,
    FILLER,
    HO_TEN,
    QUOC_HIEU,
    TIEU_NGU,
    LetterBuilder,
    _fix_table,
)

from draftgen.check.typeprofile import profile_for
from draftgen.nd30.metrics import text_width_twips
from draftgen.nd30.profile import default_profile

KINDS = {  # kind → (family, tên loại, số, trích yếu)
    "chi_thi": ("co_ten_loai", "CHỈ THỊ", "Số: 05/CT-SNV", "Về tăng cường kỷ luật, kỷ cương hành chính năm 2026"),
    "ke_hoach": ("co_ten_loai", "KẾ HOẠCH", "Số: 15/KH-SNV", "Triển khai chế độ báo cáo định kỳ năm 2026"),
    "quyet_dinh": ("quyet_dinh", "QUYẾT ĐỊNH", "Số: 120/QĐ-SNV", "Về việc giao nhiệm vụ tổng hợp báo cáo định kỳ"),
    "bien_ban": ("bien_ban", "BIÊN BẢN", "Số: 12/BB-SNV", "Họp giao ban tháng 3 năm 2026"),
    "cong_dien": ("mau_rieng", "CÔNG ĐIỆN", "Số: 03/CĐ-SNV", "Về việc chủ động ứng phó với mưa lũ"),
    "giay_moi": ("mau_rieng", "GIẤY MỜI", "Số: 21/GM-SNV", "Dự hội nghị triển khai chế độ báo cáo định kỳ"),
}
BODY = [
    f"Thực hiện Quyết định số 120/QĐ-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh, {FILLER}.",
    f"1. Rà soát, cập nhật danh mục báo cáo định kỳ của cơ quan, đơn vị; {FILLER}.",
    f"a) Báo cáo tháng gửi trước ngày 20 hằng tháng, {FILLER};",
    f"b) Báo cáo năm gửi trước ngày 20 tháng 12, {FILLER}.",
    f"2. Phân công công chức đầu mối theo dõi, tổng hợp báo cáo; {FILLER}.",
    "Sở Nội vụ đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.",
]
MUC = ["I. MỤC ĐÍCH, YÊU CẦU", "II. TỔ CHỨC THỰC HIỆN"]
THAM_QUYEN = "GIÁM ĐỐC SỞ NỘI VỤ"
CAN_CU = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Quyết định số 120/QĐ-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh về chế độ báo cáo;",
    "Theo đề nghị của Chánh Văn phòng Sở.",
]
DIEU = [
    ("Điều 1.", f" Giao Văn phòng Sở tổng hợp báo cáo định kỳ của các cơ quan, đơn vị; {FILLER}."),
    ("Điều 2.", " Quyết định này có hiệu lực kể từ ngày ký."),
    ("Điều 3.", " Chánh Văn phòng Sở, Trưởng các phòng thuộc Sở chịu trách nhiệm thi hành Quyết định này./."),
]
BIEN_BAN = [
    "Thời gian bắt đầu: 08 giờ 00 phút, ngày 05 tháng 3 năm 2026.",
    "Địa điểm: Hội trường Sở Nội vụ.",
    "Chủ trì (chủ tọa): Ông Nguyễn Văn An, Giám đốc Sở.",
    "Thư ký (người ghi biên bản): Bà Lê Thị Hoa, chuyên viên Văn phòng Sở.",
    f"Nội dung: các phòng báo cáo kết quả tháng 3; {FILLER}.",
    "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày./.",
]
DIEN = ["GIÁM ĐỐC SỞ NỘI VỤ điện:", "- Các phòng, đơn vị thuộc Sở;", "- Ủy ban nhân dân các xã, phường."]
KINH_MOI = "Sở Nội vụ trân trọng kính mời: Lãnh đạo các phòng, đơn vị thuộc Sở."
NOI_NHAN = {"quyet_dinh": ["- Như Điều 3;", "- UBND tỉnh (để b/c);", "- Lưu: VT, VP (02)."],
            "bien_ban": ["- Các thành viên dự họp;", "- Lưu: VT, Hồ sơ."]}
NOI_NHAN_OTHER = ["- Các phòng, đơn vị thuộc Sở;", "- UBND tỉnh (để b/c);", "- Lưu: VT, VP (02)."]
THU_KY = "Lê Thị Hoa"


class TypedBuilder(LetterBuilder):
    def __init__(self, kind: str, clerk: bool = False):
        self.kind = kind
        self.family, self.ten_loai, self.so, self.trich_yeu = KINDS[kind]
        self._typed_profile = profile_for(default_profile(), self.family)
        super().__init__(clerk=clerk)

    @property
    def profile(self):
        return self._typed_profile

    @profile.setter
    def profile(self, value) -> None:      # LetterBuilder sets the base profile; the type's elements win
        pass

    def labelled(self, container, key: str, label: str, text: str):
        """A paragraph whose label run ("Điều 1.") is bold and the text after it is not."""
        p = self.para(container, key, label)
        p.runs[0].font.bold = True
        run = p.add_run(text)
        if self.clerk:
            run.font.name, run.font.size = "Times New Roman", p.runs[0].font.size
            run.font.bold = False
        return p

    def body_rule(self, text: str, key: str):
        """The rule under ô 5a: a bottom border, 0.4 of the line (the text width when the line wraps), centred."""
        prof = self.profile
        width = prof.text_width_twips
        el = prof[key]
        line = min(text_width_twips(text, el.size_pt, el.bold), width)
        side = (width - round(line * prof.raw["rules"]["issuer_rule_fraction"])) // 2
        p = self.rule(self.doc, 0, 0)
        p.paragraph_format.left_indent = Twips(side)
        p.paragraph_format.right_indent = Twips(side)
        return p

    def header(self) -> None:
        doc, prof = self.doc, self.profile
        hw = prof.tables["header_cols_twips"]
        header = doc.add_table(rows=2, cols=2)
        _fix_table(header, hw)
        left, right = header.cell(0, 0), header.cell(0, 1)
        self.para(left, "chu_quan", CHU_QUAN, reuse_first=True)
        self.para(left, "co_quan", CO_QUAN)
        issuer_w = text_width_twips(CO_QUAN, prof["co_quan"].size_pt, True)
        self.rule(left, round(issuer_w * prof.raw["rules"]["issuer_rule_fraction"]), hw[0])
        self.para(right, "quoc_hieu", QUOC_HIEU, reuse_first=True)
        self.para(right, "tieu_ngu", TIEU_NGU)
        self.rule(right, text_width_twips(TIEU_NGU, prof["tieu_ngu"].size_pt, True), hw[1])
        self.para(header.cell(1, 0), "so_ky_hieu", self.so, reuse_first=True)
        if self.kind != "bien_ban":
            self.para(header.cell(1, 1), "dia_danh", DATE, reuse_first=True)
        self.para(doc, "ten_loai", self.ten_loai)
        self.para(doc, "trich_yeu_loai", self.trich_yeu)
        self.body_rule(self.trich_yeu, "trich_yeu_loai")

    def content(self) -> None:
        doc = self.doc
        if self.kind == "quyet_dinh":
            self.para(doc, "tham_quyen", THAM_QUYEN)
            for text in CAN_CU:
                self.para(doc, "can_cu", text)
            self.para(doc, "quyet", "QUYẾT ĐỊNH:")
            for label, text in DIEU:
                self.labelled(doc, "noi_dung", label, text)
            return
        if self.kind == "bien_ban":
            for text in BIEN_BAN:
                self.para(doc, "noi_dung", text)
            return
        if self.kind == "cong_dien":
            dien = self.para(doc, "noi_dung", DIEN[0])
            dien.paragraph_format.first_line_indent = Twips(0)
            dien.alignment = 1
            for line in DIEN[1:]:
                self.para(doc, "noi_dung", line)
        if self.kind == "giay_moi":
            self.para(doc, "noi_dung", KINH_MOI)
        if self.kind == "ke_hoach":
            self.para(doc, "muc_la_ma", MUC[0])
            for text in BODY[1:4]:
                self.para(doc, "noi_dung", text)
            self.para(doc, "muc_la_ma", MUC[1])
            for text in BODY[4:]:
                self.para(doc, "noi_dung", text)
            return
        for text in BODY:
            self.para(doc, "noi_dung", text)

    def footer(self) -> None:
        doc, prof = self.doc, self.profile
        fw = prof.tables["footer_cols_twips"]
        if self.kind == "bien_ban":
            table = doc.add_table(rows=2, cols=2)
            _fix_table(table, [4677, 4678])
            for col, (title, name) in enumerate([("THƯ KÝ", THU_KY), ("CHỦ TỌA", HO_TEN)]):
                cell = table.cell(0, col)
                self.para(cell, "quyen_han", title, reuse_first=True)
                gap = self.para(cell, "chu_ky", "")
                gap.paragraph_format.line_spacing = Pt(72)
                self.para(cell, "ho_ten", name)
            nl = table.cell(1, 0)
            self.para(nl, "noi_nhan_nhan", "Nơi nhận:", reuse_first=True)
            for item in NOI_NHAN["bien_ban"]:
                self.para(nl, "noi_nhan", item)
            return
        footer = doc.add_table(rows=1, cols=2)
        _fix_table(footer, fw)
        nl, nr = footer.cell(0, 0), footer.cell(0, 1)
        self.para(nl, "noi_nhan_nhan", "Nơi nhận:", reuse_first=True)
        for item in NOI_NHAN.get(self.kind, NOI_NHAN_OTHER):
            self.para(nl, "noi_nhan", item)
        self.para(nr, "quyen_han", "GIÁM ĐỐC", reuse_first=True)
        gap = self.para(nr, "chu_ky", "")
        gap.paragraph_format.line_spacing = Pt(72)
        self.para(nr, "ho_ten", HO_TEN)

    def build(self) -> DocxDocument:
        self.header()
        self.content()
        self.footer()
        return self.doc


def build_typed(kind: str, clerk: bool = False) -> DocxDocument:
    return TypedBuilder(kind, clerk=clerk).build()
