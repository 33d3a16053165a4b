"""Parent directives: the YAML model of a document whose clauses are carried down, and the library.

A directive file (see ``data/directives/968-CD-TTg.yaml``) holds type, số, ký hiệu, date, issuer,
trích yếu, its numbered items and lettered points with stable ids ("1", "1.a", "1.đ", "2"), its
Nơi nhận and signer. The library is the bundled folder plus user folders (``--library DIR`` and the
``DRAFTGEN_LIBRARY`` environment variable, several folders separated by ``os.pathsep``). A file whose
name starts with ``corrections`` is a corrections list, not a directive.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationError, field_validator, model_validator

from draftgen.errors import InputError, Problem
from draftgen.load import Loaded, load_yaml_file
from draftgen.messages import problems_from_validation
from draftgen.models.common import DateInput, Level, Lines, Model, Paragraphs, Text, nd30_error
from draftgen.nd30.citations import Citation, format_reference, parse_number, parse_reference
from draftgen.nd30.lettering import letter_index, point_letter
from draftgen.resources import DATA_DIR

ENV_LIBRARY = "DRAFTGEN_LIBRARY"
BUNDLED_DIR = DATA_DIR / "directives"
_ID = re.compile(r"^(\d+)(?:\.([a-zđ]+))?$")


class Point(Model):
    """A lettered point "a) …" of an item."""

    id: str | None = Field(default=None, description="Mã ổn định, ví dụ 1.a, 1.đ (mặc định theo thứ tự)")
    noi_dung: Text = Field(description="Nội dung của điểm (không ghi chữ cái)")


def _point(value: Any) -> Any:
    return {"noi_dung": value} if isinstance(value, str) else value


class DirectiveItem(Model):
    """A numbered item "1. …" with its points."""

    id: str | None = Field(default=None, description="Mã ổn định, ví dụ 1, 2 (mặc định theo thứ tự)")
    noi_dung: Text = Field(description="Nội dung dẫn của mục")
    diem: list[Annotated[Point, BeforeValidator(_point)]] = Field(default_factory=list)


def _item(value: Any) -> Any:
    return {"noi_dung": value} if isinstance(value, str) else value


class DirectiveSigner(Model):
    """Signer as printed; looser than a letter's signer (an imported document is what it is)."""

    quyen_han: str | None = None
    chuc_vu: Lines = Field(default_factory=list)
    ho_ten: Text | None = None


class Directive(Model):
    """A parent document whose clauses a letter carries down."""

    loai: Text = Field(description="Tên loại: Công điện, Chỉ thị, Công văn, Quyết định …")
    so: str | None = Field(default=None, description="Số (để trống nếu văn bản cấp trên còn là dự thảo)")
    ky_hieu: str = Field(description="Ký hiệu, ví dụ CĐ-TTg, UBND-TH, hoặc 2020/NĐ-CP cho văn bản QPPL")
    ngay: DateInput | None = Field(default=None, description="Ngày ban hành, ví dụ 16/10/2023")
    dia_danh: str | None = None
    co_quan: Text = Field(description="Cơ quan ban hành viết trong câu: Thủ tướng Chính phủ, UBND tỉnh Đắk Lắk")
    co_quan_dong: Lines = Field(default_factory=list, description="Tên cơ quan như in ở ô 2")
    cap: Level = Field(description="Cấp của cơ quan ban hành: trung_uong, tinh, xa, huyen")
    trich_yeu: Text = Field(description="Trích yếu")
    gui: Lines = Field(default_factory=list, description="Kính gửi / nơi nhận điện")
    mo_dau: Paragraphs = Field(default_factory=list)
    muc: list[Annotated[DirectiveItem, BeforeValidator(_item)]] = Field(default_factory=list)
    ket_thuc: Paragraphs = Field(default_factory=list)
    noi_nhan: Lines = Field(default_factory=list)
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
        for i, item in enumerate(self.muc):
            item_id = item.id or str(i + 1)
            if not re.fullmatch(r"\d+", item_id):
                raise nd30_error(f"Mã mục '{item_id}' phải là số (1, 2, 3 …).")
            for j, point in enumerate(item.diem):
                pid = point.id or f"{item_id}.{point_letter(j)}"
                match = _ID.match(pid)
                if not match or match.group(1) != item_id or not match.group(2):
                    raise nd30_error(f"Mã điểm '{pid}' phải có dạng {item_id}.a, {item_id}.b … (thuộc mục {item_id}).")
                try:
                    letter_index(match.group(2))
                except ValueError:
                    raise nd30_error(f"Mã điểm '{pid}': '{match.group(2)}' không phải chữ cái đánh điểm.") from None
                if pid in seen:
                    raise nd30_error(f"Mã '{pid}' bị lặp lại.")
                seen.add(pid)
            if item_id in seen:
                raise nd30_error(f"Mã '{item_id}' bị lặp lại.")
            seen.add(item_id)
        return self

    # --- identity and citation -------------------------------------------------------------
    @property
    def citation(self) -> Citation:
        return parse_number(f"{self.so or '…'}/{self.ky_hieu}", ten_loai=self.loai)

    @property
    def id(self) -> str:
        """Library id: the số, ký hiệu ("968/CĐ-TTg")."""
        return self.citation.number

    def reference(self, *, full: bool, date_style: str = "so") -> str:
        """Viện dẫn: in full the first time, short afterwards (PL1 II.6.b)."""
        date = self.ngay.complete if self.ngay else None
        return format_reference(self.citation, full=full, ngay=date, date_style=date_style,  # type: ignore[arg-type]
                                co_quan=self.co_quan, trich_yeu=self.trich_yeu)

    # --- clauses ----------------------------------------------------------------------------
    def clauses(self) -> list[Clause]:
        """Every item and point in order, with stable ids."""
        out: list[Clause] = []
        for i, item in enumerate(self.muc):
            item_id = item.id or str(i + 1)
            out.append(Clause(item_id, item_id, None, item.noi_dung))
            for j, point in enumerate(item.diem):
                out.append(Clause(point.id or f"{item_id}.{point_letter(j)}", item_id,
                                  (point.id or f"{item_id}.{point_letter(j)}").split(".", 1)[1], point.noi_dung))
        return out

    def clause(self, clause_id: str) -> Clause:
        wanted = normalise_clause_id(clause_id)
        for clause in self.clauses():
            if clause.id == wanted:
                return clause
        known = ", ".join(c.id for c in self.clauses())
        raise InputError(Problem(f"{self.citation.short()} không có mục/điểm '{clause_id}'. Có: {known}."))


@dataclass(frozen=True)
class Clause:
    """One item ("1") or point ("1.a") of a directive."""

    id: str
    item: str
    letter: str | None
    text: str

    @property
    def is_point(self) -> bool:
        return self.letter is not None


def normalise_clause_id(value: str) -> str:
    """"1a", "1.a)", "1 a", "điểm a khoản 1" → "1.a"; "2." → "2"."""
    text = value.strip().lower()
    spoken = re.fullmatch(r"điểm\s+([a-zđ]+)\s+(?:khoản|mục)\s+(\d+)", text)
    if spoken:
        return f"{spoken.group(2)}.{spoken.group(1)}"
    text = re.sub(r"^(?:khoản|mục)\s+", "", text)
    match = re.fullmatch(r"(\d+)\s*[.\s]?\s*([a-zđ]+)?\)?\.?", text)
    if not match:
        raise InputError(Problem(f"Mã '{value}' không đúng dạng: viết 1, 2 cho mục và 1.a, 1.đ cho điểm."))
    return f"{match.group(1)}.{match.group(2)}" if match.group(2) else match.group(1)


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
