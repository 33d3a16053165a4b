"""``draftgen doctor``: what this machine has for PDF and previews (LibreOffice, poppler, fonts that cover
Vietnamese), and what to install."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field

from draftgen.faults import Fault
from draftgen.pdf.fonts import compatible_faces, install_advice
from draftgen.pdf.soffice import INSTALL, find_soffice, soffice_version


@dataclass
class Report:
    """The facts, and the lines of advice (empty when everything is there)."""

    soffice: str | None = None
    soffice_version: str | None = None
    poppler: dict[str, bool] = field(default_factory=dict)
    vietnamese_fonts: list[str] = field(default_factory=list)
    times_compatible: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def vietnamese_font_families() -> list[str]:
    """The font families fontconfig says cover Vietnamese (``fc-list :lang=vi``)."""
    program = shutil.which("fc-list")
    if program is None:
        return []
    out = subprocess.run([program, ":lang=vi", "family"], capture_output=True, text=True, timeout=60).stdout
    return sorted({name.strip() for line in out.splitlines() for name in line.split(",")[:1] if name.strip()})


def examine() -> Report:
    """Look at the machine."""
    report = Report()
    try:
        report.soffice = find_soffice()
        report.soffice_version = soffice_version(report.soffice)
    except Fault as fault:
        report.advice.append(str(fault))
    report.poppler = {tool: shutil.which(tool) is not None for tool in ("pdftotext", "pdftoppm", "pdffonts")}
    if not all(report.poppler.values()):
        report.advice.append("Thiếu poppler-utils (đọc PDF, tạo ảnh trang): apt-get install -y poppler-utils")
    report.vietnamese_fonts = vietnamese_font_families()
    faces = {f.lower() for f in compatible_faces("Times New Roman")}
    report.times_compatible = [f for f in report.vietnamese_fonts if f.lower() in faces]
    if not report.times_compatible:
        report.advice.append("Không có phông cùng độ rộng với Times New Roman có chữ tiếng Việt; trang PDF sẽ "
                             f"khác bản Word. Cài đặt: {install_advice()}")
    if report.soffice is None and INSTALL not in " ".join(report.advice):
        report.advice.append(f"Cài đặt LibreOffice: {INSTALL}")
    return report
