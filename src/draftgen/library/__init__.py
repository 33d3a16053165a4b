"""The template library of a văn thư office: folders of DOCX templates, each described by ``manifest.yaml``.

manifest   the pydantic model of ``manifest.yaml`` (one entry per template version), Vietnamese errors
bundled    the bundled templates of ``templates/`` exposed as a library (no files copied)
discovery  where libraries are found (``--templates DIR``, ``DRAFTGEN_TEMPLATES``, bundled) and ``id@version``
docxparts  opening a template safely and walking its parts and paragraphs with their location
tags       the Jinja tags as Word leaves them (split runs, smart quotes, field codes, text boxes) and ``--fix``
variables  the dry render with recording placeholders, compared with the type's view model
stylelint  the named ND30 styles a type needs and their sizes against the profile
lint       every check of one template, and the proof (render the sample, run ``draftgen check``)
commands   init, add, list, show: the work behind ``draftgen templates``
"""
