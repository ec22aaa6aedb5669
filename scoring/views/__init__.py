"""The pages of scoring, by part: ``panel`` (who scores) and ``sheets`` (sheets and results)."""

from scoring.views.panel import (
    assignment_accept,
    assignment_add,
    assignment_withdraw,
    panel,
    panel_draw,
    recusal_decide,
    recusal_request,
)
from scoring.views.sheets import panel_scores, results, sheet, sheet_reopen

__all__ = [
    "assignment_accept",
    "assignment_add",
    "assignment_withdraw",
    "panel",
    "panel_draw",
    "panel_scores",
    "recusal_decide",
    "recusal_request",
    "results",
    "sheet",
    "sheet_reopen",
]
