"""One finding of the template lint: a rule id, where (part, paragraph, cell), a snippet, the message."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class LintFinding:
    rule: str
    part: str
    message: str
    paragraph: int | None = None
    cell: tuple[int, int, int] | None = None
    snippet: str | None = None
    fixable: bool = False

    def where(self) -> str:
        text = self.part
        if self.paragraph is not None:
            text += f", đoạn {self.paragraph}"
        if self.cell:
            text += f" (bảng {self.cell[0]}, dòng {self.cell[1]}, cột {self.cell[2]})"
        return text

    def text(self) -> str:
        shown = f" «{self.snippet}»" if self.snippet else ""
        return f"{self.where()}: [{self.rule}] {self.message}{shown}"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["cell"] = list(self.cell) if self.cell else None
        return data
