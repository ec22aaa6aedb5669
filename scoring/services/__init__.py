"""Writes of scoring, by part: ``panel`` (assignments, acceptance, recusal), ``sheets`` (score
sheets) and ``schemes``. What a scorer enters and the merge after a stale save are pure rules
(``scoring.rules``), named here too for the callers of ``sheet_save``."""

from scoring.rules import Conflict, Entry, merge_entries
from scoring.services.draws import MAX_PANEL, panel_draw
from scoring.services.panel import (
    assignment_accept,
    assignment_create,
    assignment_withdraw,
    recusal_decide,
    recusal_request,
)
from scoring.services.schemes import scheme_copy, scheme_errors, scheme_publish
from scoring.services.sheets import (
    StaleSheet,
    check_points,
    sheet_ensure,
    sheet_reopen,
    sheet_save,
)

__all__ = [
    "MAX_PANEL",
    "Conflict",
    "Entry",
    "StaleSheet",
    "assignment_accept",
    "assignment_create",
    "assignment_withdraw",
    "check_points",
    "merge_entries",
    "panel_draw",
    "recusal_decide",
    "recusal_request",
    "scheme_copy",
    "scheme_errors",
    "scheme_publish",
    "sheet_ensure",
    "sheet_reopen",
    "sheet_save",
]
