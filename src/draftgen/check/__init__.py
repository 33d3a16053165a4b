"""``draftgen check``: an ND30 linter for any DOCX (ours, Word's, another tool's).

reader   safe opening (zip limits, parts, hardened lxml parse)
props    effective run/paragraph properties with provenance (direct → character style → paragraph
         style chain → table style → docDefaults)
model    the flattened document: paragraphs (also inside table cells), tables, section, headers
locate   finds the components of a Công văn by content and position
pages    a cheap estimate of the document's length (page numbers are due from page 2)
rules/   one module per rule family; the registry of Rule(id, severity, basis, description)
engine   runs the families; a rule that raises becomes an ND30-CHECK-FAILED finding, not a crash
report   plain text and JSON output
command  the click command ``check_command``
"""

from draftgen.check.engine import check_bytes, check_path
from draftgen.check.findings import Finding

__all__ = ["Finding", "check_bytes", "check_path"]
