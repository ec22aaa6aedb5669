"""Writes of set-up in the browser. Each validates, runs in one transaction and is audited; the
set-up workbook (seasons/importing.py) writes the same rows by their natural keys and records one
entry for the whole file."""

from seasons.services.experts import expert_profile_save, expert_tie_add, expert_tie_remove
from seasons.services.seasons import (
    DATE_FIELDS,
    Eligible,
    SeasonDrawn,
    SeasonDraws,
    eligible,
    evaluation_dates_set,
    season_add,
    season_create,
    season_draw,
)
from seasons.services.stations import (
    Target,
    area_save,
    contract_create,
    contract_targets_set,
    copy_targets,
    started,
    station_save,
)

__all__ = [
    "DATE_FIELDS",
    "Eligible",
    "SeasonDrawn",
    "SeasonDraws",
    "Target",
    "area_save",
    "contract_create",
    "contract_targets_set",
    "copy_targets",
    "eligible",
    "evaluation_dates_set",
    "expert_profile_save",
    "expert_tie_add",
    "expert_tie_remove",
    "season_add",
    "season_create",
    "season_draw",
    "started",
    "station_save",
]
