"""The scoring rules as pure functions of plain values: no database, no Django.

Total = Σ contribution(party) = Σ raw / sheet maximum × weight, each contribution rounded half up
to the scheme's contribution precision; the published total is that sum rounded half up to the
total precision; the grade is read from the published total, so the printed number and the
printed grade always agree. All arithmetic is Decimal: 57.45 publishes as 57.5.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
# The note of a trimmed mean that fell back to the plain mean (fewer than three values).
TOO_FEW_TO_TRIM = "too_few_to_trim"
# Which end of the panel a trimmed sheet was.
LOWEST, HIGHEST = "lowest", "highest"


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --- The panel ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelResult:
    value: Decimal | None
    used: tuple[int, ...]  # indexes of the values that count
    dropped: tuple[int, ...]  # indexes dropped by trimming: (lowest, highest)
    note: str = ""  # set when the method could not be applied as asked


def aggregate(values: Sequence[Decimal], method: str) -> PanelResult:
    """Combine the experts' sheet totals: ``mean``, ``median`` or ``trimmed_mean`` (drop one
    highest and one lowest, then the mean). Trimming needs at least three sheets; with fewer
    the plain mean is used and ``note`` says so."""
    if not values:
        return PanelResult(None, (), ())
    indexes = tuple(range(len(values)))
    if method == "mean":
        return PanelResult(_mean(values), indexes, ())
    if method == "median":
        return PanelResult(Decimal(statistics.median(values)), indexes, ())
    if method == "trimmed_mean":
        if len(values) < 3:
            return PanelResult(_mean(values), indexes, (), note=TOO_FEW_TO_TRIM)
        order = sorted(indexes, key=lambda i: (values[i], i))
        lowest, highest = order[0], order[-1]
        used = tuple(i for i in indexes if i not in (lowest, highest))
        return PanelResult(_mean([values[i] for i in used]), used, (lowest, highest))
    raise ValueError(f"unknown aggregation method {method!r}")


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def median(values: Sequence[Decimal]) -> Decimal:
    return Decimal(statistics.median(values))


def outliers(values: Mapping[int, Decimal], maximum: Decimal, tolerance_pct: Decimal) -> set[int]:
    """Keys whose value is further from the panel median than ``tolerance_pct`` % of the item
    maximum."""
    if len(values) < 2:
        return set()
    middle = median(list(values.values()))
    limit = maximum * tolerance_pct / HUNDRED
    return {key for key, value in values.items() if abs(value - middle) > limit}


# --- Weights and bands -------------------------------------------------------------------------


def weight_errors(weights: Mapping[str, Decimal]) -> list[str]:
    """What is wrong with a set of party weights, as message keys (empty when they are fine)."""
    errors = []
    if any(w < 0 for w in weights.values()):
        errors.append("negative_weight")
    if sum(weights.values(), Decimal(0)) != HUNDRED:
        errors.append("weights_not_100")
    return errors


@dataclass(frozen=True)
class Band:
    label: str
    lower: Decimal  # inclusive; the band runs up to the next band's lower bound, exclusive


def band_errors(bands: Iterable[Band]) -> list[str]:
    lowers = [band.lower for band in bands]
    errors = []
    if not lowers:
        return ["no_bands"]
    if len(set(lowers)) != len(lowers):
        errors.append("duplicate_lower_bound")
    if min(lowers) != 0:
        errors.append("lowest_band_not_at_0")
    return errors


def grade(published_total: Decimal, bands: Iterable[Band]) -> Band:
    """The band whose half-open interval [lower, next lower) holds ``published_total``."""
    for band in sorted(bands, key=lambda b: b.lower, reverse=True):
        if published_total >= band.lower:
            return band
    raise ValueError(f"no band holds {published_total}")


@dataclass(frozen=True)
class BoundaryDistance:
    next_band: Band | None  # the band above, if any
    points_to_next: Decimal | None  # how far its lower bound is above the total
    above_lower_by: Decimal  # how far the total is above its own band's lower bound


def boundary_distance(published_total: Decimal, bands: Iterable[Band]) -> BoundaryDistance:
    ordered = sorted(bands, key=lambda b: b.lower)
    current = grade(published_total, ordered)
    higher = [b for b in ordered if b.lower > current.lower]
    next_band = higher[0] if higher else None
    return BoundaryDistance(
        next_band=next_band,
        points_to_next=None if next_band is None else next_band.lower - published_total,
        above_lower_by=published_total - current.lower,
    )


# --- The total ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyInput:
    party: str
    weight: Decimal
    maximum: Decimal
    raw: Decimal | None  # None: the party's sheet is missing


@dataclass(frozen=True)
class PartyResult:
    party: str
    weight: Decimal
    maximum: Decimal
    raw: Decimal | None
    contribution: Decimal  # 0 when missing


@dataclass(frozen=True)
class Total:
    parties: tuple[PartyResult, ...]
    total: Decimal  # sum of the rounded contributions
    published: Decimal
    grade: Band
    distance: BoundaryDistance
    missing: tuple[str, ...] = field(default=())

    @property
    def provisional(self) -> bool:
        return bool(self.missing)


def contribution(raw: Decimal, maximum: Decimal, weight: Decimal, places: int) -> Decimal:
    if maximum <= 0:
        raise ValueError("a sheet maximum is positive")
    if not 0 <= raw <= maximum:
        raise ValueError(f"raw score {raw} outside 0..{maximum}")
    return round_half_up(raw / maximum * weight, places)


def compute_total(
    parties: Sequence[PartyInput],
    bands: Sequence[Band],
    *,
    contribution_places: int = 2,
    total_places: int = 1,
) -> Total:
    """The weighted total of the parties' raw scores, published and graded. A party without a
    score contributes nothing and makes the total provisional."""
    errors = weight_errors({p.party: p.weight for p in parties})
    if errors:
        raise ValueError(", ".join(errors))
    results = tuple(
        PartyResult(
            party=p.party,
            weight=p.weight,
            maximum=p.maximum,
            raw=p.raw,
            contribution=(
                Decimal(0)
                if p.raw is None
                else contribution(p.raw, p.maximum, p.weight, contribution_places)
            ),
        )
        for p in parties
    )
    total = sum((r.contribution for r in results), Decimal(0))
    published = round_half_up(total, total_places)
    return Total(
        parties=results,
        total=total,
        published=published,
        grade=grade(published, bands),
        distance=boundary_distance(published, bands),
        missing=tuple(p.party for p in parties if p.raw is None),
    )


# --- Score sheets ------------------------------------------------------------------------------


def points_problem(points: Decimal, *, maximum: Decimal, step: Decimal) -> str | None:
    """Why ``points`` is not a valid score of an item worth ``maximum`` in steps of ``step``:
    ``range`` (not within 0 … maximum), ``step`` (not a multiple of it), or None."""
    if not 0 <= points <= maximum:
        return "range"
    if points % step != 0:
        return "step"
    return None


@dataclass(frozen=True)
class Entry:
    """What a scorer enters for one item."""

    points: Decimal | None
    comment: str = ""


@dataclass(frozen=True)
class Conflict:
    item_id: int
    theirs: Entry
    mine: Entry


def merge_entries(
    *, base: dict[int, Entry], mine: dict[int, Entry], theirs: dict[int, Entry]
) -> tuple[dict[int, Entry], list[Conflict]]:
    """Three-way merge after a stale save: ``base`` is what the page loaded, ``mine`` what it
    sent, ``theirs`` what is stored now. A field only one side changed takes that side's value;
    a field both changed differently keeps ``mine`` and is reported as a conflict."""
    merged: dict[int, Entry] = {}
    conflicts = []
    for item_id, my_entry in mine.items():
        stored = theirs[item_id]
        loaded = base.get(item_id)
        fields = {}
        clash = False
        for name in ("points", "comment"):
            my_value, their_value = getattr(my_entry, name), getattr(stored, name)
            base_value = getattr(loaded, name) if loaded is not None else object()
            if my_value == their_value or their_value == base_value:
                fields[name] = my_value
            elif my_value == base_value:
                fields[name] = their_value
            else:
                fields[name] = my_value
                clash = True
        merged[item_id] = Entry(**fields)
        if clash:
            conflicts.append(Conflict(item_id, stored, my_entry))
    return merged, conflicts
