"""Who judges and how much: ``schemes`` (versioned data: weights, bands, sheets) and ``sheets``
(the parties' score sheets, every change to them, recusal requests)."""

from scoring.enums import ROLE_PARTY, Aggregation, Party
from scoring.models.draws import PanelDraw
from scoring.models.schemes import GradeBand, PartyWeight, Scheme, SchemePart, SheetItem
from scoring.models.sheets import ItemScore, RecusalRequest, ScoreChange, ScoreSheet

__all__ = [
    "ROLE_PARTY",
    "Aggregation",
    "GradeBand",
    "ItemScore",
    "PanelDraw",
    "Party",
    "PartyWeight",
    "RecusalRequest",
    "Scheme",
    "SchemePart",
    "ScoreChange",
    "ScoreSheet",
    "SheetItem",
]
