"""The random draw of experts (专家抽取) as a pure function of plain values: no database.

From the candidates of the agency's pool, those excluded (a tie to the station's operator or
street in the last two years, a conflict they declared with it, already at the season's load
limit) are set aside with their reason; of the rest, those with the fewest assignments in the
season come first, and among equals the order is the seeded shuffle. The same candidates and
the same seed always give the same panel, so a draw can be stored (seed and candidate list)
and replayed by anyone checking it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

TIE_YEARS = 2  # a tie that ended longer ago than this no longer excludes

# Why a candidate was set aside.
TIED = "tie"
CONFLICT = "conflict"
AT_LIMIT = "load"


@dataclass(frozen=True)
class Candidate:
    user_id: int
    load: int = 0  # assignments in the season so far
    tied: bool = False  # to the station's operator or street, within TIE_YEARS
    conflict: bool = False  # declared a conflict with the station before


@dataclass(frozen=True)
class Draw:
    chosen: tuple[int, ...]  # user ids, in the order drawn
    excluded: dict[int, str] = field(default_factory=dict)  # user id → TIED, CONFLICT, AT_LIMIT
    short_by: int = 0  # how many fewer than asked could be drawn


def tie_still_counts(tie_ends: Iterable[dt.date | None], *, on: dt.date) -> bool:
    """Whether any of a candidate's ties to the organisation still counts on ``on``: a tie
    that has not ended (None), or ended less than TIE_YEARS before."""
    try:
        limit = on.replace(year=on.year - TIE_YEARS)
    except ValueError:  # 29 February
        limit = on.replace(year=on.year - TIE_YEARS, day=28)
    return any(end is None or end >= limit for end in tie_ends)


def exclusion(candidate: Candidate, *, limit: int) -> str:
    """Why ``candidate`` cannot be drawn ("" when they can)."""
    if candidate.conflict:
        return CONFLICT
    if candidate.tied:
        return TIED
    if candidate.load >= limit:
        return AT_LIMIT
    return ""


def draw(candidates: Sequence[Candidate], n: int, *, seed: str, limit: int) -> Draw:
    """Draw ``n`` experts from ``candidates``: the least loaded first, ties broken by the
    shuffle of ``seed``."""
    if n < 0:
        raise ValueError("cannot draw a negative number of experts")
    excluded = {c.user_id: why for c in candidates if (why := exclusion(c, limit=limit))}
    eligible = sorted((c for c in candidates if c.user_id not in excluded), key=lambda c: c.user_id)
    order = list(range(len(eligible)))
    random.Random(seed).shuffle(order)
    rank = {eligible[i].user_id: position for position, i in enumerate(order)}
    ranked = sorted(eligible, key=lambda c: (c.load, rank[c.user_id]))
    chosen = tuple(c.user_id for c in ranked[:n])
    return Draw(chosen=chosen, excluded=excluded, short_by=n - len(chosen))


def draw_season(
    panels: Sequence[tuple[int, Sequence[Candidate]]], n: int, *, seed: str, limit: int
) -> dict[int, Draw]:
    """Draw a panel of ``n`` for each evaluation of a season in turn (evaluation id, its
    candidates), counting each draw in the loads of the next, so the season's work spreads
    evenly. Each evaluation's draw is seeded by the season's seed and its id."""
    drawn: dict[int, int] = {}
    result = {}
    for evaluation_id, candidates in panels:
        loaded = [
            Candidate(c.user_id, c.load + drawn.get(c.user_id, 0), c.tied, c.conflict)
            for c in candidates
        ]
        result[evaluation_id] = draw(loaded, n, seed=f"{seed}:{evaluation_id}", limit=limit)
        for user_id in result[evaluation_id].chosen:
            drawn[user_id] = drawn.get(user_id, 0) + 1
    return result
