"""Pydantic input models. :class:`CongVan` is the letter a clerk writes in YAML."""

from draftgen.models.common import Issuer, Item, Luu, NoiNhanItem, PartialDate, Signer
from draftgen.models.cong_van import Body, CongVan

__all__ = ["Body", "CongVan", "Issuer", "Item", "Luu", "NoiNhanItem", "PartialDate", "Signer"]
