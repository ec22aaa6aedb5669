"""Writes of set-up in the browser: seasons and their evaluations, a season's draw of panels,
and an evaluation's dates. Each validates, runs in one transaction and is audited."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from scoring.models import PanelDraw, Scheme
from scoring.services.draws import panel_draw, why_short
from scoring.services.panel import assignment_create
from seasons.selectors import experts_now
from seasons.services.stations import copy_targets
from stations import deadlines, lifecycle
from stations.enums import REPRESENTATIVE_ROLES, AuditAction, Status
from stations.models import (
    Assignment,
    Contract,
    District,
    Evaluation,
    Organisation,
    Season,
    Station,
    User,
)
from stations.services import audit_record

# Seasons and their evaluations


@dataclass(frozen=True)
class Eligible:
    """A station of a district, for a season: its contract of the year, or why it cannot be in."""

    station: Station
    contract: Contract | None
    reason: str = ""


def eligible(*, district: District, stage: str, year: int) -> list[Eligible]:
    """The stations of ``district`` with whether each can join a season of ``stage`` and
    ``year``: it needs a contract starting that year, without an evaluation of that stage."""
    result = []
    contracts = Contract.objects.filter(start_date__year=year).annotate(
        staged=Exists(Evaluation.objects.filter(contract=OuterRef("pk"), stage=stage))
    )
    stations = (
        Station.objects.filter(street__district=district)
        .select_related("street")
        .prefetch_related(Prefetch("contracts", queryset=contracts.order_by("start_date")))
    )
    for station in stations.order_by("street__name", "name"):
        contract = next(iter(station.contracts.all()), None)
        if contract is None:
            reason = _("No contract starting in %(year)s.") % {"year": year}
        elif getattr(contract, "staged", False):  # annotated above
            reason = _("Already has an evaluation of this stage.")
        else:
            reason = ""
        result.append(Eligible(station=station, contract=contract, reason=reason))
    return result


LATEST_VISIT = dt.timedelta(days=92)  # a final-term visit may follow the contract's end


def _check_visit(contract: Contract, on_site: dt.date) -> None:
    """A visit falls within its contract, or up to three months after it ends (a final-term
    visit may follow the contract's end)."""
    if not contract.start_date <= on_site <= contract.end_date + LATEST_VISIT:
        message = _(
            "%(station)s: a visit on %(day)s is outside its contract (%(start)s to %(end)s, "
            "or up to three months after)."
        ) % {
            "station": contract.station,
            "day": on_site.isoformat(),
            "start": contract.start_date.isoformat(),
            "end": contract.end_date.isoformat(),
        }
        raise ValidationError({"on_site_from": ValidationError(message, code="visit")})


def _evaluation_for(
    season: Season,
    station: Station,
    contract: Contract,
    scheme: Scheme,
    by: User,
    on_site: dt.date,
) -> Evaluation:
    _check_visit(contract, on_site)
    evaluation = Evaluation(
        contract=contract,
        agency=season.agency,
        stage=season.stage,
        on_site_date=on_site,
        data_cutoff_date=min(on_site - dt.timedelta(days=1), contract.end_date),
        scheme=scheme,
        season=season,
        **deadlines.due_dates(season.defaults, on_site),
    )
    evaluation.full_clean()
    evaluation.save()
    previous = (
        Evaluation.objects.filter(contract__station=station, on_site_date__lt=on_site)
        .exclude(pk=evaluation.pk)
        .order_by("-on_site_date")
        .first()
    )
    if previous is not None:
        if previous.contract_id != contract.pk:
            copy_targets(previous.contract, contract)
        for kept in Assignment.objects.current().filter(
            evaluation=previous, role__in=REPRESENTATIVE_ROLES, user__is_active=True
        ):
            # Someone no longer of the party (moved on) is assigned by hand instead.
            with contextlib.suppress(ValidationError):
                assignment_create(evaluation=evaluation, user=kept.user, role=kept.role, by=by)
    return evaluation


def _scheme() -> Scheme:
    scheme = Scheme.objects.filter(published_at__isnull=False).order_by("-published_at").first()
    if scheme is None:
        raise ValidationError(_("No scoring scheme is published yet."), code="scheme")
    return scheme


@transaction.atomic
def season_create(
    *,
    agency: Organisation,
    district: District,
    stage: str,
    year: int,
    on_site_from: dt.date,
    on_site_until: dt.date,
    stations: list[Station],
    by: User,
    scheme: Scheme | None = None,
    **offsets: int,
) -> Season:
    """Create a season and, in one step, an evaluation of each of ``stations`` (copying what
    stays the same from each station's previous evaluation: its party representatives and, for
    a new contract without targets, the previous contract's as a starting point)."""
    if not stations:
        raise ValidationError(
            {"stations": ValidationError(_("Choose the stations of the season."), code="empty")}
        )
    season = Season(
        agency=agency,
        district=district,
        stage=stage,
        year=year,
        on_site_from=on_site_from,
        on_site_until=on_site_until,
        created_by=by,
        **offsets,
    )
    season.full_clean()
    season.save()
    audit_record(actor=by, action=AuditAction.SEASON_CREATE, changes={"season": str(season)})
    season_add(season=season, stations=stations, by=by, scheme=scheme)
    return season


@transaction.atomic
def season_add(
    *, season: Season, stations: list[Station], by: User, scheme: Scheme | None = None
) -> list[Evaluation]:
    """Add an evaluation of each of ``stations`` to ``season``, their visits spread over the
    season's working days in the order given."""
    scheme = scheme or _scheme()
    found = {
        e.station.pk: e.contract
        for e in eligible(district=season.district, stage=season.stage, year=season.year)
        if not e.reason
    }
    stations = list(
        Station.objects.filter(pk__in=[s.pk for s in stations])
        .select_related("street")
        .order_by("street__name", "name")
    )
    evaluations = []
    days = deadlines.spread(season.on_site_from, season.on_site_until, max(len(stations), 1))
    for station, on_site in zip(stations, days, strict=False):
        contract = found.get(station.pk)
        if contract is None:
            raise ValidationError(
                {
                    "stations": ValidationError(
                        _("%(station)s cannot join this season.") % {"station": station},
                        code="ineligible",
                    )
                }
            )
        evaluations.append(_evaluation_for(season, station, contract, scheme, by, on_site))
    audit_record(
        actor=by,
        action=AuditAction.SEASON_ADD,
        changes={"season": str(season), "stations": [s.name for s in stations]},
    )
    return evaluations


DATE_FIELDS = (
    "on_site_date",
    "self_assessment_due",
    "acceptance_due",
    "scores_due",
    "feedback_working_days",
    "rectification_days",
)


@transaction.atomic
def evaluation_dates_set(*, evaluation: Evaluation, by: User, **values: object) -> Evaluation:
    """Change an evaluation's on-site date (only in set-up) and its due dates."""
    unknown = set(values) - set(DATE_FIELDS)
    if unknown:
        raise TypeError(f"not a date of an evaluation: {sorted(unknown)}")
    current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if (
        "on_site_date" in values
        and values["on_site_date"] != current.on_site_date
        and current.status != Status.SETUP
    ):
        message = _("The on-site date can only change while the evaluation is being set up.")
        raise ValidationError({"on_site_date": ValidationError(message, code="started")})
    if "on_site_date" in values and values["on_site_date"] != current.on_site_date:
        try:
            _check_visit(current.contract, cast(dt.date, values["on_site_date"]))
        except ValidationError as exc:
            raise ValidationError({"on_site_date": exc.messages}) from exc
    changes = {
        key: [str(getattr(current, key)), str(value)]
        for key, value in values.items()
        if getattr(current, key) != value
    }
    if not changes:
        return current
    for key, value in values.items():
        setattr(current, key, value)
    if "on_site_date" in changes:
        current.data_cutoff_date = min(
            current.data_cutoff_date, current.on_site_date - dt.timedelta(days=1)
        )
    current.full_clean()
    current.save()
    audit_record(
        actor=by, action=AuditAction.EVALUATION_DEADLINES, evaluation=current, changes=changes
    )
    return current


@dataclass(frozen=True)
class SeasonDrawn:
    evaluation: Evaluation
    needed: int
    drawn: int
    problem: str = ""  # why fewer than needed were drawn


@dataclass(frozen=True)
class SeasonDraws:
    rows: list[SeasonDrawn]
    full: int  # evaluations whose panel had its experts already
    drawn_before: int  # evaluations drawn before (a redraw is the panel page's, with a reason)


def season_draw(*, season: Season, experts: int, load_limit: int, by: User) -> SeasonDraws:
    """Complete the panel of each evaluation of ``season`` still open for it to ``experts``
    experts, drawing in the order of the visits, so the load each draw counts includes the
    draws before it. An evaluation drawn before or whose panel is full is left as it is. Each
    draw stands on its own (and is audited): one that finds nobody does not undo the others."""
    rows = []
    full = drawn_before = 0
    evaluations = (
        season.evaluations.with_station()
        .annotate(
            experts_now=experts_now(),
            drawn=Exists(PanelDraw.objects.filter(evaluation=OuterRef("pk"))),
        )
        .order_by("on_site_date", "pk")
    )
    for evaluation in evaluations:
        if not lifecycle.allows(evaluation, lifecycle.Activity.PANEL):
            continue
        if getattr(evaluation, "drawn", False):
            drawn_before += 1
            continue
        needed = experts - getattr(evaluation, "experts_now", 0)
        if needed <= 0:
            full += 1
            continue
        try:
            record = panel_draw(evaluation=evaluation, by=by, experts=needed, load_limit=load_limit)
        except ValidationError as exc:
            rows.append(SeasonDrawn(evaluation, needed, 0, " ".join(exc.messages)))
            continue
        problem = ""
        if len(record.chosen) < needed:
            excluded = [c["excluded"] for c in record.candidates if c["excluded"]]
            problem = why_short(evaluation, excluded, len(record.candidates), record.chosen)
        rows.append(SeasonDrawn(evaluation, needed, len(record.chosen), problem))
    return SeasonDraws(rows=rows, full=full, drawn_before=drawn_before)
