"""``draftgen check``: an ND30 linter for any DOCX (ours, Word's, another tool's).

reader   safe opening (zip limits, parts, hardened lxml parse)
props    effective run/paragraph properties with provenance (direct → character style → paragraph
         style chain → table style → docDefaults)
model    the flattened document: paragraphs (also inside table cells), tables, section, headers
locate   finds the components of a Công văn by content and position
doctype  the document's type: --loai, the tên loại line, the V/v line or the ký hiệu (names and abbreviations
         from data/doc_types.yaml); a file that is no administrative document gets one ND30-NOT-ADMIN
locate_typed  the parts of a typed document: tên loại, trích yếu and its rule, căn cứ, "QUYẾT ĐỊNH:", Điều,
         Mục I., a Công điện's "… điện:", a Biên bản's two signatures
typeprofile  the elements and element checks of each family (profile types.<family>, check.families)
pages    a cheap estimate of the document's length (page numbers are due from page 2)
rules/   one module per rule family; the registry of Rule(id, severity, basis, description)
engine   tells the type, then runs the families; a rule that raises becomes an ND30-CHECK-FAILED finding
report   plain text and JSON output
command  the click command ``check_command``
"""

from __future__ import annotations

from typing import Any

__all__ = ["Finding", "Findings", "check_bytes", "check_path"]


def __getattr__(name: str) -> Any:
    """The package's names, imported on first use: ``draftgen.check.command`` loads without the checker."""
    if name in ("check_bytes", "check_path"):
        from draftgen.check import engine

        return getattr(engine, name)
    if name in ("Finding", "Findings"):
        from draftgen.check import findings

        return getattr(findings, name)
    raise AttributeError(f"module 'draftgen.check' has no attribute {name!r}")
