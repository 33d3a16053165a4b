"""Rule families. Each module registers its rules in ``REGISTRY`` and exposes ``check(ctx)``
(and optionally ``CHECKS``: (rule ids, function) pairs the engine guards one by one).

``language`` runs first, on its own: a text without Vietnamese diacritics gets its one diagnosis
and only the ``LAYOUT_FREE`` families, which do not need the located components.
"""

from draftgen.check.rules import (
    body,
    dates,
    elements,
    fonts,
    header,
    language,
    numbering,
    page,
    quyet_dinh,
    recipients,
    reform,
    signature,
    special,
    typed,
)

FAMILIES = (page, fonts, header, numbering, dates, elements, body, recipients, signature, reform, typed, quyet_dinh,
            special)
LAYOUT_FREE = (page, fonts)

__all__ = ["FAMILIES", "LAYOUT_FREE", "language"]
