"""Parent directives: the YAML model of a document whose clauses are carried down, and the library.

A directive file (see ``data/directives/968-CD-TTg.yaml``) holds type, số, ký hiệu, date, issuer,
trích yếu, its clauses with stable ids (items and points "1", "1.a", "1.đ"; Điều / khoản / điểm "d1",
"d1.k2", "d1.k2.a"; sections of a Kế hoạch "I", "I.1", "I.1.a": see :mod:`draftgen.directives_clauses`),
its Căn cứ lines and annexes (kept, never clauses), its Nơi nhận and signer. The library is the
bundled folder plus user folders (``--library DIR`` and the
``DRAFTGEN_LIBRARY`` environment variable, several folders separated by ``os.pathsep``). A file whose
name starts with ``corrections`` is a corrections list, not a directive.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationError, field_validator, model_validator

from draftgen.directives_clauses import ROMAN, Clause, normalise_clause_id
from draftgen.errors import InputError, Problem
from draftgen.load import Loaded, load_yaml_file, load_yaml_text
from draftgen.messages import problems_from_validation
from draftgen.models.common import DateInput, Level, Lines, Model, Paragraphs, Text, nd30_error, new_list
from draftgen.nd30.citations import Citation, format_reference, parse_number, parse_reference
from draftgen.nd30.lettering import letter_index, point_letter
from draftgen.resources import DATA_DIR

ENV_LIBRARY = "DRAFTGEN_LIBRARY"
BUNDLED_DIR = DATA_DIR / "directives"


class Point(Model):
    """A lettered point "a) …" of an item."""

    id: str | None = Field(default=None, description="Mã ổn định, ví dụ 1.a, 1.đ (mặc định theo thứ tự)")
    noi_dung: Text = Field(description="Nội dung của điểm (không ghi chữ cái)")
    them: Paragraphs = Field(default_factory=new_list, description="Các đoạn tiếp theo của điểm (dòng '- …')")


def _point(value: Any) -> Any:
    return {"noi_dung": value} if isinstance(value, str) else value


class DirectiveItem(Model):
    """A numbered item "1. …" with its points."""

    id: str | None = Field(default=None, description="Mã ổn định, ví dụ 1, 2 (mặc định theo thứ tự)")
    noi_dung: Text = Field(description="Nội dung dẫn của mục")
    diem: list[Annotated[Point, BeforeValidator(_point)]] = Field(default_factory=new_list)
    them: Paragraphs = Field(default_factory=new_list, description="Các đoạn tiếp theo của mục (dòng '- …')")


def _item(value: Any) -> Any:
    return {"noi_dung": value} if isinstance(value, str) else value


Items = list[Annotated[DirectiveItem, BeforeValidator(_item)]]


class Article(Model):
    """A Điều: "Điều 1." with its text (or "Điều 1. <tên điều>" with the text below), khoản and điểm."""

    so: str = Field(description="Số điều: 1, 2 … (mã d1, d2)")
    tieu_de: Text | None = Field(default=None, description="Tên điều, khi có ('Phạm vi điều chỉnh')")
    noi_dung: Text | None = Field(default=None, description="Nội dung ngay sau 'Điều N.' hoặc dưới tên điều")
    them: Paragraphs = Field(default_factory=new_list, description="Các đoạn tiếp theo trước các khoản")
    khoan: Items = Field(default_factory=new_list,
                         description="Các khoản 1., 2. … với các điểm a), b) … (mã d1.k1, d1.k1.a)")
    diem: list[Annotated[Point, BeforeValidator(_point)]] = Field(
        default_factory=new_list, description="Các điểm ngay dưới điều, không qua khoản (mã d1.a)")

    @field_validator("so", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


class PlanSection(Model):
    """A section "I. MỤC ĐÍCH, YÊU CẦU" of a Kế hoạch (or of a Chỉ thị in parts) with its items and points."""

    so: str = Field(description="Số La Mã: I, II … (mã I, I.1, I.1.a)")
    tieu_de: Text = Field(description="Tên phần như in")
    mo_dau: Paragraphs = Field(default_factory=new_list, description="Các đoạn trước các mục của phần")
    muc: Items = Field(default_factory=new_list)


class Annex(Model):
    """A Phụ lục: kept as its own part, never cut into clauses."""

    tieu_de: Text = Field(description="Dòng 'Phụ lục …' và tên phụ lục")
    doan: Paragraphs = Field(default_factory=new_list, description="Các đoạn, dòng của phụ lục")


class DirectiveSigner(Model):
    """Signer as printed; looser than a letter's signer (an imported document is what it is)."""

    quyen_han: str | None = None
    chuc_vu: Lines = Field(default_factory=new_list)
    ho_ten: Text | None = None


class Directive(Model):
    """A parent document whose clauses a letter carries down."""

    loai: Text = Field(description="Tên loại: Công điện, Chỉ thị, Công văn, Quyết định …")
    so: str | None = Field(default=None, description="Số (để trống nếu văn bản cấp trên còn là dự thảo)")
    ky_hieu: str = Field(description="Ký hiệu, ví dụ CĐ-TTg, UBND-TH, hoặc 2020/NĐ-CP cho văn bản QPPL")
    ngay: DateInput | None = Field(default=None, description="Ngày ban hành, ví dụ 16/10/2023")
    dia_danh: str | None = None
    co_quan: Text = Field(description="Cơ quan ban hành viết trong câu: Thủ tướng Chính phủ, UBND tỉnh Đắk Lắk")
    co_quan_dong: Lines = Field(default_factory=new_list, description="Tên cơ quan như in ở ô 2")
    cap: Level = Field(description="Cấp của cơ quan ban hành: trung_uong, tinh, xa, huyen")
    trich_yeu: Text = Field(description="Trích yếu")
    gui: Lines = Field(default_factory=new_list, description="Kính gửi / nơi nhận điện")
    tham_quyen: Lines = Field(default_factory=new_list, description="Dòng thẩm quyền ban hành (Quyết định), như in")
    can_cu: Lines = Field(default_factory=new_list, description="Các dòng Căn cứ (ghi nhận, không phải điều khoản)")
    theo_de_nghi: Text | None = Field(default=None, description="Dòng 'Theo đề nghị của …'")
    mo_dau: Paragraphs = Field(default_factory=new_list)
    muc: Items = Field(default_factory=new_list)
    dieu: list[Article] = Field(default_factory=new_list, description="Các điều (Quyết định, Nghị định …)")
    phan: list[PlanSection] = Field(default_factory=new_list, description="Các phần I., II. (Kế hoạch …)")
    ket_thuc: Paragraphs = Field(default_factory=new_list)
    phu_luc: list[Annex] = Field(default_factory=new_list, description="Các phụ lục (phần riêng, không chọn được)")
    noi_nhan: Lines = Field(default_factory=new_list)
    luu: str | None = None
    nguoi_ky: DirectiveSigner | None = None
    nguon: str | None = Field(default=None, description="Nguồn văn bản (ghi chú)")

    @field_validator("so", mode="before")
    @classmethod
    def _so(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip(" …._") == "":
            return None
        if isinstance(value, str) and not value.strip().isdigit():
            raise nd30_error(f"Số '{value}' phải là số Ả Rập.")
        return value

    @model_validator(mode="after")
    def _ids(self) -> Directive:
        try:
            self.citation  # noqa: B018 - validates number, ký hiệu and type name together
        except InputError as exc:
            raise nd30_error(exc.problems[0].message) from None
        seen: set[str] = set()
        _check_items(self.muc, seen, "")
        for article in self.dieu:
            if not article.so.isdigit():
                raise nd30_error(f"Số điều '{article.so}' phải là số (1, 2, 3 …).")
            _claim(f"d{article.so}", seen)
            _check_items(article.khoan, seen, f"d{article.so}.k", f"điều {article.so}")
            _check_points(article.diem, seen, f"d{article.so}", f"d{article.so}")
        for section in self.phan:
            if not ROMAN.fullmatch(section.so):
                raise nd30_error(f"Số phần '{section.so}' phải là số La Mã (I, II, III …).")
            _claim(section.so, seen)
            _check_items(section.muc, seen, f"{section.so}.", f"phần {section.so}")
        return self

    # --- identity and citation -------------------------------------------------------------
    @property
    def citation(self) -> Citation:
        return parse_number(f"{self.so or '…'}/{self.ky_hieu}", ten_loai=self.loai)

    @property
    def id(self) -> str:
        """Library id: the số, ký hiệu ("968/CĐ-TTg")."""
        return self.citation.number

    def reference(self, *, full: bool, date_style: str = "so", co_quan: str | None = None) -> str:
        """Viện dẫn: in full the first time, short afterwards (PL1 II.6.b).

        The trích yếu follows the words real letters use: "về việc …" for a Công văn or Công điện and after
        "Về việc"; "về …" for a Chỉ thị, Kế hoạch, Nghị định …; none before "ban hành …", "phê duyệt …".
        """
        date = self.ngay.complete if self.ngay else None
        connector, summary = self.trich_yeu_in_text()
        return format_reference(self.citation, full=full, ngay=date, date_style=date_style,  # type: ignore[arg-type]
                                co_quan=co_quan or self.co_quan, trich_yeu=summary, ve_viec=connector)

    def trich_yeu_in_text(self) -> tuple[str, str]:
        """(connector, trích yếu without its own "Về việc"/"Về") for a citation in running text."""
        words = citation_words()
        text = self.trich_yeu.strip()
        match = re.match(r"^(V/v|v/v|V/V|Về việc|về việc|Về|về)\s+", text)
        if match:
            return ("về việc" if match.group(1).lower() != "về" else "về"), text[match.end():]
        if text.startswith(tuple(words["khong_noi"])):
            return "", text
        return ("về việc" if self.loai in words["ve_viec"] else "về"), text

    # --- clauses ----------------------------------------------------------------------------
    def clauses(self) -> list[Clause]:
        """Every clause in order, with stable ids: items and points, then Điều, then sections."""
        out = _item_clauses(self.muc, "", "muc", "diem", {})
        for article in self.dieu:
            labels = {"dieu": article.so}
            text = article.noi_dung or article.tieu_de or ""
            out.append(Clause(f"d{article.so}", f"d{article.so}", None, text, "dieu", tuple(labels.items()),
                              tuple(article.them)))
            out += _point_clauses(article.diem, f"d{article.so}", "diem_dieu", labels)
            out += _item_clauses(article.khoan, f"d{article.so}.k", "khoan", "diem_khoan", labels)
        for section in self.phan:
            labels = {"phan": section.so}
            out.append(Clause(section.so, section.so, None, section.tieu_de, "phan", tuple(labels.items()),
                              tuple(section.mo_dau)))
            out += _item_clauses(section.muc, f"{section.so}.", "phan_muc", "phan_diem", labels)
        return out

    def clause(self, clause_id: str) -> Clause:
        wanted = normalise_clause_id(clause_id)
        for clause in self.clauses():
            if clause.id == wanted:
                return clause
        known = ", ".join(c.id for c in self.clauses())
        raise InputError(Problem(f"{self.citation.short()} không có mục/điểm '{clause_id}'. Có: {known}."))


def _claim(clause_id: str, seen: set[str]) -> None:
    if clause_id in seen:
        raise nd30_error(f"Mã '{clause_id}' bị lặp lại.")
    seen.add(clause_id)


def _check_points(points: list[Point], seen: set[str], owner: str, shown: str) -> None:
    for j, point in enumerate(points):
        letter = (point.id or f"{shown}.{point_letter(j)}").rsplit(".", 1)
        if len(letter) != 2 or letter[0] != shown or not re.fullmatch(r"[a-zđ]+", letter[1]):
            raise nd30_error(f"Mã điểm '{point.id}' phải có dạng {shown}.a, {shown}.b … (thuộc {shown}).")
        try:
            letter_index(letter[1])
        except ValueError:
            raise nd30_error(f"Mã điểm '{point.id}': '{letter[1]}' không phải chữ cái đánh điểm.") from None
        _claim(f"{owner}.{letter[1]}", seen)


def _check_items(items: list[DirectiveItem], seen: set[str], prefix: str, where: str = "") -> None:
    """Item ids are numbers and point ids "<item>.<letter>", relative to their Điều or section."""
    for i, item in enumerate(items):
        item_id = item.id or str(i + 1)
        if not re.fullmatch(r"\d+", item_id):
            raise nd30_error(f"Mã mục '{item_id}'{' của ' + where if where else ''} phải là số (1, 2, 3 …).")
        _check_points(item.diem, seen, prefix + item_id, item_id)
        _claim(prefix + item_id, seen)


def _point_clauses(points: list[Point], owner: str, kind: str, labels: dict[str, str]) -> list[Clause]:
    out = []
    for j, point in enumerate(points):
        letter = (point.id or f"x.{point_letter(j)}").rsplit(".", 1)[1]
        out.append(Clause(f"{owner}.{letter}", owner, letter, point.noi_dung, kind,
                          tuple((labels | {"diem": letter}).items()), tuple(point.them)))
    return out


def _item_clauses(items: list[DirectiveItem], prefix: str, kind: str, point_kind: str,
                  labels: dict[str, str]) -> list[Clause]:
    out = []
    key = "muc" if kind == "phan_muc" else "khoan"
    for i, item in enumerate(items):
        item_id = item.id or str(i + 1)
        own = labels | {key: item_id}
        out.append(Clause(prefix + item_id, prefix + item_id, None, item.noi_dung, kind,
                          tuple(own.items()) if labels else (), tuple(item.them)))
        points = _point_clauses(item.diem, prefix + item_id, point_kind, own)
        out += points if labels else [Clause(p.id, p.item, p.letter, p.text, p.kind, (), p.extra) for p in points]
    return out


@cache
def citation_words() -> dict:
    """``trich_yeu`` of data/cascade.yaml: the words between a citation and the cited trích yếu."""
    path = DATA_DIR / "cascade.yaml"
    return load_yaml_text(path.read_text(encoding="utf-8"), source=str(path)).data["trich_yeu"]


# --- loading ---------------------------------------------------------------------------------

def directive_from_loaded(loaded: Loaded) -> Directive:
    try:
        return Directive.model_validate(loaded.data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, loaded)) from None


def load_directive(path: str | Path) -> Directive:
    """Read and validate one directive YAML file."""
    return directive_from_loaded(load_yaml_file(path))


def library_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    """Folders searched, in order: ``--library`` folders, ``DRAFTGEN_LIBRARY``, then the bundled library."""
    folders = [Path(p) for p in extra]
    env = os.environ.get(ENV_LIBRARY, "")
    folders += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    for folder in folders:
        if not folder.is_dir():
            raise InputError(Problem(f"Thư mục thư viện văn bản '{folder}' không tồn tại."))
    return folders + [BUNDLED_DIR]


def _directive_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml")
                  if p.suffix in {".yaml", ".yml"} and not p.name.startswith("corrections"))


@dataclass(frozen=True)
class Entry:
    directive: Directive
    path: Path


class Library:
    """Directives by id; a user folder listed earlier hides a later (or bundled) one with the same id."""

    def __init__(self, extra: Iterable[str | Path] = ()):
        self.folders = library_dirs(extra)
        self._entries: dict[str, Entry] | None = None

    def _load(self) -> dict[str, Entry]:
        if self._entries is None:
            entries: dict[str, Entry] = {}
            for folder in self.folders:
                for path in _directive_files(folder):
                    directive = load_directive(path)
                    entries.setdefault(directive.id, Entry(directive, path))
            self._entries = entries
        return self._entries

    def entries(self) -> list[Entry]:
        return list(self._load().values())

    def get(self, ref: str) -> Directive:
        """Find a directive by "968/CĐ-TTg" or "Công điện số 968/CĐ-TTg"."""
        citation = parse_reference(ref)
        entry = self._load().get(citation.number)
        if entry is None:
            known = ", ".join(sorted(self._load())) or "(trống)"
            raise InputError(Problem(f"Thư viện không có văn bản '{ref}'. Hiện có: {known}. "
                                     "Nhập văn bản bằng 'draftgen directives import' rồi thêm --library."))
        return entry.directive

    def path_of(self, ref: str) -> Path:
        self.get(ref)
        return self._load()[parse_reference(ref).number].path
