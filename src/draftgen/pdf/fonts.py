"""Which fonts a PDF really uses, read with poppler's ``pdffonts``, and whether each face asked for in the
DOCX (Times New Roman) was replaced, by what, and whether that face keeps the line breaks (metric-compatible,
``data/fonts.yaml``)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from draftgen.faults import ExitCode, Fault
from draftgen.resources import DATA_DIR, read_bundled_yaml

_SUBSET = re.compile(r"^[A-Z]{6}\+")
_STYLE = re.compile(r"[-,](Bold|Italic|BoldItalic|Regular|Roman|Oblique|BoldOblique)$", re.I)


@cache
def _data() -> dict[str, Any]:
    return read_bundled_yaml(DATA_DIR / "fonts.yaml")


@dataclass(frozen=True)
class PdfFont:
    """One font of a PDF as ``pdffonts`` lists it: its family (subset tag and style cut off) and embedding."""

    name: str
    family: str
    embedded: bool


def family_of(name: str) -> str:
    """``ABCDEF+LiberationSerif-Bold`` → ``LiberationSerif``."""
    return _STYLE.sub("", _SUBSET.sub("", name))


def pdf_fonts(pdf: Path) -> list[PdfFont]:
    """The fonts of ``pdf`` (needs poppler-utils: ``pdffonts``)."""
    program = shutil.which("pdffonts")
    if program is None:
        raise Fault("Không tìm thấy pdffonts (poppler-utils) để đọc phông chữ trong PDF.",
                    "Cài đặt: apt-get install -y poppler-utils", ExitCode.INPUT)
    out = subprocess.run([program, str(pdf)], capture_output=True, text=True, timeout=60, check=False).stdout
    fonts = []
    for line in out.splitlines()[2:]:  # a header line and a rule line
        parts = line.split()
        if len(parts) < 5:
            continue
        # name type [encoding words] emb sub uni object ID: the three yes/no columns before "object ID"
        flags = [p for p in parts if p in {"yes", "no"}]
        fonts.append(PdfFont(name=parts[0], family=family_of(parts[0]), embedded=bool(flags) and flags[0] == "yes"))
    return fonts


def _squash(name: str) -> str:
    return re.sub(r"[\s_-]", "", name).lower()


def display_name(family: str) -> str:
    """``LiberationSerif`` → ``Liberation Serif`` when the data knows the face; else as the PDF has it."""
    for faces in _data()["metric_compatible"].values():
        for face in faces:
            if " " in face and _squash(face) == _squash(family):
                return face
    return family


def compatible_faces(wanted: str) -> list[str]:
    """The faces that draw ``wanted`` with its metrics (itself first)."""
    return list(_data()["metric_compatible"].get(wanted, [wanted]))


@dataclass(frozen=True)
class Substitution:
    """What the PDF used instead of the font the document asks for."""

    wanted: str
    used: tuple[str, ...]            # the families found in the PDF
    metric_compatible: bool          # every family used keeps the widths of ``wanted``
    exact: bool                      # the font itself was used

    def message(self) -> str:
        """The Vietnamese sentence for the clerk (empty when the font itself was used)."""
        if self.exact:
            return ""
        used = ", ".join(self.used) or "không có phông chữ nào"
        if self.metric_compatible:
            return (f"Máy này không có phông {self.wanted}; LibreOffice dùng {used}, cùng độ rộng chữ nên "
                    "dòng và trang giữ nguyên như trong Word.")
        return (f"Máy này không có phông {self.wanted}; LibreOffice dùng {used}, khác độ rộng chữ: dòng ngắt "
                f"khác và văn bản có thể dài thêm trang. Cài phông: {_data()['install']}.")


def substitution(pdf: Path, wanted: str | None = None) -> Substitution:
    """How ``wanted`` (default Times New Roman) was drawn in ``pdf``."""
    wanted = wanted or _data()["wanted"]
    families = tuple(dict.fromkeys(f.family for f in pdf_fonts(pdf)))
    faces = {_squash(face) for face in compatible_faces(wanted)}
    exact = any(_squash(f) in {_squash(wanted), _squash(wanted) + "psmt"} for f in families)
    text_families = tuple(f for f in families if not _squash(f).startswith(("opensymbol", "symbol")))
    return Substitution(wanted=wanted, used=tuple(dict.fromkeys(display_name(f) for f in text_families)),
                        metric_compatible=all(_squash(f) in faces for f in text_families),
                        exact=exact and len(text_families) == 1)


def install_advice() -> str:
    """The command that installs the metric-compatible fonts."""
    return str(_data()["install"])
