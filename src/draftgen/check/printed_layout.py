"""The printed pages of a PDF as lines with positions, read from poppler's ``pdftotext -bbox-layout``
(XHTML: page › flow › block › line › word, coordinates in points from the top left)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from draftgen.faults import ExitCode, Fault

_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    """One printed line: its words joined by spaces and its box (points, y downward)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    block: int  # the index of its text block on the page: lines of one paragraph share a block

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Page:
    """One printed page: its size and lines, top to bottom."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    def find(self, text: str) -> list[Line]:
        """The lines that contain ``text`` (spaces folded)."""
        wanted = " ".join(text.split())
        return [line for line in self.lines if wanted in line.text]


def read_pages(pdf: Path) -> list[Page]:
    """The pages of ``pdf`` (needs poppler-utils)."""
    program = shutil.which("pdftotext")
    if program is None:
        raise Fault("Không tìm thấy pdftotext (poppler-utils) để đọc trang PDF.",
                    "Cài đặt: apt-get install -y poppler-utils", ExitCode.INPUT)
    out = subprocess.run([program, "-bbox-layout", str(pdf), "-"], capture_output=True, timeout=120,
                         check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for number, page in enumerate(root.iter(f"{_NS}page"), 1):
        lines = []
        for index, block in enumerate(page.iter(f"{_NS}block")):
            for line in block.iter(f"{_NS}line"):
                words = [w.text or "" for w in line.iter(f"{_NS}word")]
                box = [float(line.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")]
                lines.append(Line(" ".join(words), *box, block=index))
        lines.sort(key=lambda ln: (round(ln.y0), ln.x0))
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), tuple(lines)))
    return pages
