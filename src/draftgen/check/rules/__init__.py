"""Rule families. Each module registers its rules in ``REGISTRY`` and exposes ``check(ctx)``."""

from draftgen.check.rules import (
    body,
    dates,
    elements,
    fonts,
    header,
    numbering,
    page,
    recipients,
    reform,
    signature,
)

FAMILIES = (page, fonts, header, numbering, dates, elements, body, recipients, signature, reform)

__all__ = ["FAMILIES"]
