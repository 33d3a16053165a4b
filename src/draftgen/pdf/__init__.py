"""Pages: DOCX → PDF through LibreOffice (:mod:`.soffice`), the fonts the PDF really uses (:mod:`.fonts`),
PNG previews (:mod:`.preview`), and what this machine has for all that (:mod:`.doctor`)."""
