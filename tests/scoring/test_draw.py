"""The random draw of experts, by tables: exclusions, even load, reproducibility."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from scoring import draw as d

C = d.Candidate


@pytest.mark.parametrize(
    ("ends", "on", "counts"),
    [
        ([None], dt.date(2025, 3, 1), True),  # a tie that has not ended
        ([dt.date(2023, 3, 1)], dt.date(2025, 3, 1), True),  # ended exactly two years before
        ([dt.date(2023, 2, 28)], dt.date(2025, 3, 1), False),  # longer ago
        ([dt.date(2020, 1, 1), dt.date(2024, 6, 30)], dt.date(2025, 3, 1), True),
        ([], dt.date(2025, 3, 1), False),
        ([dt.date(2022, 2, 28)], dt.date(2024, 2, 29), True),  # a leap day
        ([dt.date(2022, 2, 27)], dt.date(2024, 2, 29), False),
    ],
)
def test_a_tie_counts_for_two_years_after_it_ends(ends, on, counts):
    assert d.tie_still_counts(ends, on=on) is counts


@pytest.mark.parametrize(
    ("candidate", "why"),
    [
        (C(1), ""),
        (C(1, tied=True), d.TIED),
        (C(1, conflict=True), d.CONFLICT),
        (C(1, tied=True, conflict=True), d.CONFLICT),
        (C(1, load=3), d.AT_LIMIT),
        (C(1, load=2), ""),
    ],
)
def test_who_is_set_aside_and_why(candidate, why):
    assert d.exclusion(candidate, limit=3) == why


def test_the_excluded_are_never_drawn_and_their_reasons_are_kept():
    pool = [C(1, tied=True), C(2), C(3, conflict=True), C(4, load=5), C(5), C(6)]
    result = d.draw(pool, 3, seed="s", limit=5)
    assert sorted(result.chosen) == [2, 5, 6]
    assert result.excluded == {1: d.TIED, 3: d.CONFLICT, 4: d.AT_LIMIT}
    assert result.short_by == 0


def test_the_least_loaded_are_drawn_first():
    pool = [C(1, load=2), C(2, load=0), C(3, load=1), C(4, load=0), C(5, load=1)]
    assert set(d.draw(pool, 2, seed="any", limit=9).chosen) == {2, 4}
    assert set(d.draw(pool, 3, seed="any", limit=9).chosen[:2]) == {2, 4}
    assert d.draw(pool, 3, seed="any", limit=9).chosen[2] in {3, 5}


def test_the_same_seed_gives_the_same_panel_whatever_the_order_of_the_candidates():
    pool = [C(i) for i in range(1, 21)]
    first = d.draw(pool, 5, seed="2025-海珠-中期", limit=9)
    assert d.draw(list(reversed(pool)), 5, seed="2025-海珠-中期", limit=9) == first
    others = {d.draw(pool, 5, seed=f"seed-{k}", limit=9).chosen for k in range(20)}
    assert len(others) > 15  # another seed, another panel (almost always)


def test_too_few_candidates_say_how_many_are_missing():
    result = d.draw([C(1), C(2, tied=True)], 3, seed="s", limit=9)
    assert (result.chosen, result.short_by) == ((1,), 2)


def test_a_negative_number_is_refused():
    with pytest.raises(ValueError, match="negative"):
        d.draw([C(1)], -1, seed="s", limit=9)


def test_a_season_spreads_the_work_evenly_and_respects_the_limit():
    pool = [C(i) for i in range(1, 8)]  # 7 experts
    panels = [(evaluation_id, pool) for evaluation_id in range(100, 107)]  # 7 stations × 3
    result = d.draw_season(panels, 3, seed="season", limit=3)
    load = Counter(user for r in result.values() for user in r.chosen)
    assert sorted(load.values()) == [3] * 7  # 21 places over 7 experts: 3 each
    assert all(len(set(r.chosen)) == 3 for r in result.values())
    assert d.draw_season(panels, 3, seed="season", limit=3) == result


def test_a_season_stops_drawing_an_expert_at_the_limit():
    pool = [C(1), C(2)]
    result = d.draw_season([(1, pool), (2, pool), (3, pool)], 1, seed="s", limit=1)
    assert [r.chosen for r in result.values()][:2] in ([(1,), (2,)], [(2,), (1,)])
    assert result[3].chosen == ()
    assert result[3].short_by == 1
    assert result[3].excluded == {1: d.AT_LIMIT, 2: d.AT_LIMIT}
