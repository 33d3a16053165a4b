"""Which document is this? The type from ``--loai``, the tên loại line (ô 5a), the V/v line or the ký hiệu.

Every name and abbreviation is data: ``data/doc_types.yaml`` (``cong_van``, ``hanh_chinh``, ``quy_pham``, and
``drafted``: the types draftgen drafts, with their family, Kính gửi and the line before Điều 1) and the profile's
``check.type_names``; what the checker does per family is ``check.families`` of ``schemas/nd30-profile.yaml``.

Order of the evidence: ``--loai`` (the user says so; a tên loại that disagrees is reported), the tên loại line
("KẾ HOẠCH"), a "V/v" line (the mark of a Công văn), the ký hiệu ("15/KH-UBND" → Kế hoạch, "30/2020/NĐ-CP" → a
normative Nghị định, "2842/UBND-TH" → Công văn), a "Kính gửi" (Công văn). A file with none of the parts of an
administrative document (no issuer, số, tên loại or V/v: a citizen's form, a contract, a manual, an annex on
its own) is not one: it gets the single ND30-NOT-ADMIN finding.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from draftgen.check.findings import REGISTRY
from draftgen.check.locate import SO_WORD, Layout, norm
from draftgen.check.model import Document
from draftgen.doctypes.data import drafted
from draftgen.nd30.citations import administrative_types, cong_van_name, normative_types

NOT_ADMIN = "ND30-NOT-ADMIN"
REGISTRY.add(NOT_ADMIN, "checker", "Tệp không phải văn bản hành chính theo NĐ30 (không có tên cơ quan ban hành, số, "
             "ký hiệu, tên loại hay 'V/v': đơn, tờ khai, hợp đồng, tài liệu, phụ lục tách riêng …): chỉ một cảnh báo "
             "này, không kiểm tra thể thức, mã thoát 0; dùng --loai để buộc kiểm tra như văn bản hành chính",
             severity="warning")

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}       # grave, acute, tilde, hook, dot below
KY_HIEU_RE = re.compile(rf"^{SO_WORD}\s*[:：]?\s*[\d\s._…]*/\s*(?:(?P<year>\d{{2,4}})\s*/\s*)?(?P<kh>\S.*)$")
PHU_LUC_RE = re.compile(r"^phụ\s+lục\b", re.IGNORECASE)


def name_key(text: str) -> str:
    """Case- and tone-placement-insensitive key of a type name: 'GIẤY UỶ QUYỀN' == 'Giấy ủy quyền'."""
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()).upper())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES))


def slug(name: str) -> str:
    """'Quyết định' → 'quyet_dinh': the ``loai`` key of a type draftgen does not draft (yet)."""
    decomposed = unicodedata.normalize("NFD", name.lower().replace("đ", "d"))
    return "_".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


@dataclass(frozen=True)
class DocType:
    name: str                       # "Kế hoạch"
    abbr: str | None                # "KH" (None: Công văn, Thư công)
    loai: str                       # "ke_hoach"
    family: str                     # a key of check.families
    kinh_gui: bool = False          # may have a Kính gửi (Công văn; Báo cáo, Tờ trình sent upward)
    quyet: str | None = None        # the line before Điều 1 ("QUYẾT ĐỊNH:")
    normative: bool = False         # a legal normative document (number with year: 30/2020/NĐ-CP)
    normative_abbr: str | None = None   # its abbreviation in quy_pham, when it can be normative
    source: str = ""                # "loai" | "ten_loai" | "vv" | "ky_hieu" | "kinh_gui"
    evidence: str = ""              # the text it was read from

    @property
    def is_cong_van(self) -> bool:
        return self.family == "cong_van"

    @property
    def ten_loai(self) -> str:
        return self.name.upper()

    @property
    def lower(self) -> str:
        return self.name[0].lower() + self.name[1:]

    def describe(self) -> str:
        what = self.name + (", văn bản quy phạm pháp luật" if self.normative else "")
        how = {"loai": f"theo --loai {self.loai}", "ten_loai": f"theo tên loại '{self.evidence}'",
               "vv": "theo dòng 'V/v'", "ky_hieu": f"theo ký hiệu '{self.evidence}'",
               "kinh_gui": "theo dòng 'Kính gửi'"}.get(self.source, "")
        return f"{what} ({how})" if how else what

    def as_dict(self) -> dict[str, Any]:
        return {"loai": self.loai, "ten": self.name, "viet_tat": self.abbr, "family": self.family,
                "normative": self.normative, "source": self.source, "evidence": self.evidence}


@dataclass(frozen=True)
class Catalogue:
    by_key: dict[str, DocType]      # name_key(tên loại) → type
    by_abbr: dict[str, DocType]     # administrative abbreviation → type
    normative: dict[str, DocType]   # normative abbreviation → type (normative=True)
    by_loai: dict[str, DocType]
    cong_van: DocType

    @property
    def names(self) -> list[str]:
        return [t.ten_loai for t in self.by_key.values()]


def _family_of(abbr: str | None, given: str | None, families: dict[str, Any]) -> str:
    if given in families:
        return given
    for key, fam in families.items():
        if abbr and abbr in (fam or {}).get("abbreviations", []):
            return key
    return "co_ten_loai"


def build_catalogue(cfg: dict[str, Any]) -> Catalogue:
    families = cfg.get("families") or {}
    facts = {name_key(v["ten"]): (k, v) for k, v in drafted().items()}
    admin, norm_types = administrative_types(), normative_types()
    quyet = {}
    for fam in families.values():
        quyet.update((fam or {}).get("quyet") or {})

    def make(name: str, abbr: str | None, normative_only: bool = False) -> DocType:
        loai, fact = facts.get(name_key(name), (slug(name), {}))
        abbr = fact.get("viet_tat", abbr)
        return DocType(name=fact.get("ten", name), abbr=abbr, loai=loai,
                       family=_family_of(abbr, fact.get("family"), families),
                       kinh_gui=bool(fact.get("kinh_gui")), quyet=fact.get("quyet") or quyet.get(abbr),
                       normative=normative_only, normative_abbr=abbr if abbr in norm_types else None)

    cv_name = cong_van_name()
    cong_van = replace(make(cv_name, None), family="cong_van", kinh_gui=True)
    by_key = {name_key(cv_name): cong_van}
    by_abbr: dict[str, DocType] = {}
    for abbr, name in admin.items():
        by_abbr[abbr] = by_key.setdefault(name_key(name), make(name, abbr))
    normative: dict[str, DocType] = {}
    for abbr, name in norm_types.items():
        known = by_key.get(name_key(name))
        normative[abbr] = replace(known or make(name, abbr, True), normative=True, normative_abbr=abbr)
        by_key.setdefault(name_key(name), normative[abbr])
    for name in cfg.get("type_names") or []:
        by_key.setdefault(name_key(name), make(name.capitalize(), None))
    by_loai = {t.loai: t for t in by_key.values()}
    return Catalogue(by_key=by_key, by_abbr=by_abbr, normative=normative, by_loai=by_loai, cong_van=cong_van)


_CATALOGUES: dict[int, tuple[dict, Catalogue]] = {}


def catalogue(cfg: dict[str, Any]) -> Catalogue:
    """The catalogue for a profile's ``check`` section (built once per section)."""
    hit = _CATALOGUES.get(id(cfg))
    if hit is None or hit[0] is not cfg:
        hit = (cfg, build_catalogue(cfg))
        _CATALOGUES[id(cfg)] = hit
    return hit[1]


def loai_keys(cfg: dict[str, Any]) -> list[str]:
    """Every value ``--loai`` takes: the keys of ``drafted`` first, then the other types' slugs."""
    known = catalogue(cfg).by_loai
    first = [k for k in drafted() if k in known]
    return first + sorted(k for k in known if k not in first)


# ---- the ký hiệu --------------------------------------------------------------------------------
@dataclass(frozen=True)
class KyHieu:
    groups: list[str]               # "KH-UBND" → ["KH", "UBND"]
    year: str | None                # "2020" of "30/2020/NĐ-CP"
    text: str                       # the ký hiệu as written ("2020/NĐ-CP")


def parse_ky_hieu(so_text: str) -> KyHieu | None:
    m = KY_HIEU_RE.match(norm(so_text))
    if m is None:
        return None
    kh = m.group("kh").strip()
    return KyHieu(groups=kh.split("-"), year=m.group("year"), text=(f"{m.group('year')}/" if m.group("year")
                                                                     else "") + kh)


def _from_ky_hieu(kh: KyHieu, cat: Catalogue) -> DocType | None:
    first = kh.groups[0]
    if kh.year and first in cat.normative:
        return cat.normative[first]
    if first in cat.by_abbr:
        return cat.by_abbr[first]
    if first in cat.normative:                    # a normative abbreviation without its year
        return cat.normative[first]
    folded = [t for a, t in cat.by_abbr.items() if _fold(a) == _fold(first)]
    if len(folded) == 1:                          # "QD-BTC" typed without 'Đ': a Quyết định, its ký hiệu wrong
        return folded[0]
    return cat.cong_van if re.match(r"^[A-ZĐ]", first) else None


def _fold(abbr: str) -> str:
    return abbr.upper().replace("Đ", "D")


# ---- detection ----------------------------------------------------------------------------------
def is_administrative(doc: Document, lay: Layout) -> bool:
    """Has the parts only an administrative document has: an issuer beside the Quốc hiệu, a 'Số: …/…', a tên
    loại or a V/v (a Quốc hiệu, a date or a 'Kính gửi' alone are also on citizens' forms and contracts)."""
    first = next((p for p in doc.paragraphs if p.text.strip()), None)
    if first is not None and PHU_LUC_RE.match(first.text.strip()) and (
            lay.quoc_hieu is None or doc.paragraphs.index(first) < doc.paragraphs.index(lay.quoc_hieu)):
        return False
    so = lay.so is not None and "/" in lay.so.text
    return so or lay.ten_loai is not None or lay.vv is not None or (lay.quoc_hieu is not None and bool(lay.co_quan))


def not_admin_message(doc: Document) -> str:
    first = next((p for p in doc.paragraphs if p.text.strip()), None)
    start = norm(first.text)[:50] if first is not None else ""
    if first is not None and PHU_LUC_RE.match(first.text.strip()):
        what = (f"Tệp bắt đầu bằng '{start}': là phụ lục (kèm theo một văn bản), không có phần đầu của văn bản "
                "hành chính")
    else:
        what = ("Tệp không phải văn bản hành chính theo NĐ30 (không thấy tên cơ quan ban hành, số và ký hiệu, tên "
                "loại hay trích yếu 'V/v'" + (f"; đoạn đầu: '{start}'" if start else "") + "), ví dụ đơn, tờ khai, "
                "hợp đồng, tài liệu hướng dẫn")
    return (f"{what}; không kiểm tra thể thức. Nếu đây là văn bản hành chính, hãy chỉ rõ loại bằng --loai (ví dụ "
            "--loai cong_van) để kiểm tra đầy đủ.")


def detect(lay: Layout, cat: Catalogue, forced: DocType | None = None) -> DocType | None:
    """The type of the located document; None when nothing tells it."""
    kh = parse_ky_hieu(lay.so.text) if lay.so is not None else None
    normative = bool(kh and kh.year)
    if forced is not None:
        found = forced
        source, evidence = "loai", forced.loai
    elif lay.ten_loai is not None:
        found = cat.by_key[name_key(norm(lay.ten_loai.shown))]
        source, evidence = "ten_loai", norm(lay.ten_loai.shown)
    elif lay.vv is not None:
        found, source, evidence = cat.cong_van, "vv", norm(lay.vv.text)[:20]
    elif kh is not None and (found := _from_ky_hieu(kh, cat)) is not None:
        source, evidence = "ky_hieu", kh.text
    elif lay.kinh_gui is not None:
        found, source, evidence = cat.cong_van, "kinh_gui", "Kính gửi"
    else:
        return None
    if normative and kh is not None and (found.normative_abbr or found.normative):
        found = replace(found, normative=True)
    return replace(found, source=source, evidence=evidence)
