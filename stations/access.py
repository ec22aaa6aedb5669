"""Who may see and do what. Every access decision of the portal is made here.

A user sees only what their organisation is party to:

* the coordinator: the evaluations of their agency;
* an expert: the evaluations they are assigned to;
* a street office: the stations of its street;
* a bureau and a supervision centre: the stations of their district;
* station staff: their own station.

Seeing a station lets a user see its evaluations (and the reverse for the agency's people).
What a user may *do* depends on their roles in that evaluation (``PERMISSIONS``). Views turn
"cannot see" into 404 and "can see but may not do" into 403 (``evaluation_for``,
``station_for``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from stations.models import (
    Assignment,
    Evaluation,
    Membership,
    Role,
    Station,
    User,
)


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required``: its user is signed in (for type checking;
    Django's ``HttpRequest.user`` may be anonymous)."""

    user: User


class Action(enum.StrEnum):
    VIEW = "view"
    CHANGE_STATUS = "change_status"
    VIEW_AUDIT = "view_audit"
    MANAGE_PANEL = "manage_panel"  # assign experts and representatives, decide recusals
    VIEW_PANEL = "view_panel"  # see who is on the panel (the station may ask for a recusal)
    SCORE = "score"  # fill in one's own sheet (the sheet's owner is checked in `sheet_for`)
    READ_SHEETS = "read_sheets"  # read anyone's sheet and its history, reopen it
    VIEW_RESULTS = "view_results"  # the weighted total and the panel's item scores
    REQUEST_RECUSAL = "request_recusal"
    UPLOAD_SELF_ASSESSMENT = "upload_self_assessment"
    READ_UPLOADS = "read_uploads"  # the self-assessment template and the files uploaded
    MANAGE_REPORT = "manage_report"  # masks, recommendations, send, answer, issue, render
    GIVE_FEEDBACK = "give_feedback"  # object to the draft, sign off
    DOWNLOAD_FINAL = "download_final"
    VIEW_RECTIFICATION = "view_rectification"
    RECTIFY = "rectify"  # report what the station did
    REVIEW_RECTIFICATION = "review_rectification"


PERMISSIONS: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset(Role.values),
    Action.CHANGE_STATUS: frozenset({Role.COORDINATOR}),
    Action.VIEW_AUDIT: frozenset({Role.COORDINATOR, Role.BUREAU}),
    Action.MANAGE_PANEL: frozenset({Role.COORDINATOR}),
    Action.VIEW_PANEL: frozenset({Role.COORDINATOR, Role.BUREAU, Role.STATION_STAFF}),
    Action.SCORE: frozenset({Role.EXPERT, Role.BUYER, Role.SUPERVISION, Role.BUREAU}),
    Action.READ_SHEETS: frozenset({Role.COORDINATOR}),
    Action.VIEW_RESULTS: frozenset({Role.COORDINATOR, Role.BUREAU}),
    Action.REQUEST_RECUSAL: frozenset({Role.STATION_STAFF}),
    Action.UPLOAD_SELF_ASSESSMENT: frozenset({Role.STATION_STAFF}),
    Action.READ_UPLOADS: frozenset({Role.STATION_STAFF, Role.COORDINATOR}),
    Action.MANAGE_REPORT: frozenset({Role.COORDINATOR}),
    Action.GIVE_FEEDBACK: frozenset(
        {Role.BUREAU, Role.BUYER, Role.SUPERVISION, Role.STATION_STAFF}
    ),
    Action.DOWNLOAD_FINAL: frozenset(
        {Role.COORDINATOR, Role.BUREAU, Role.BUYER, Role.STATION_STAFF}
    ),
    Action.VIEW_RECTIFICATION: frozenset(
        {Role.COORDINATOR, Role.BUREAU, Role.BUYER, Role.STATION_STAFF}
    ),
    Action.RECTIFY: frozenset({Role.STATION_STAFF}),
    Action.REVIEW_RECTIFICATION: frozenset({Role.BUREAU}),
}


@dataclass(frozen=True)
class Standing:
    """Everything access depends on about one user, read once (two queries) per request."""

    is_superuser: bool
    memberships: tuple[Membership, ...]
    coordinator_agency_ids: frozenset[int]
    expert_evaluation_ids: frozenset[int]
    buyer_street_ids: frozenset[int]
    supervision_district_ids: frozenset[int]
    bureau_district_ids: frozenset[int]
    staff_station_ids: frozenset[int]

    @property
    def is_outsider(self) -> bool:
        return not (self.is_superuser or self.memberships or self.expert_evaluation_ids)


_NOBODY = Standing(False, (), *([frozenset()] * 6))
# The user object keeps its standing for the rest of the request.
_STANDING_ATTRIBUTE = "_evalportal_standing"


def standing(user: User | AnonymousUser) -> Standing:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _NOBODY
    cached = getattr(user, _STANDING_ATTRIBUTE, None)
    if cached is not None:
        return cached
    memberships = tuple(
        Membership.objects.filter(user=user).select_related("organisation", "station")
    )

    def held(role: str, pick) -> frozenset[int]:
        return frozenset(pick(m) for m in memberships if m.role == role)

    result = Standing(
        is_superuser=user.is_superuser,
        memberships=memberships,
        coordinator_agency_ids=held(Role.COORDINATOR, lambda m: m.organisation_id),
        # Only an expert of an agency can be assigned as one: no query for anyone else.
        expert_evaluation_ids=frozenset(
            Assignment.objects.current()
            .filter(user=user, role=Role.EXPERT)
            .values_list("evaluation_id", flat=True)
        )
        if any(m.role == Role.EXPERT for m in memberships)
        else frozenset(),
        buyer_street_ids=held(Role.BUYER, lambda m: m.organisation.street_id),
        supervision_district_ids=held(Role.SUPERVISION, lambda m: m.organisation.district_id),
        bureau_district_ids=held(Role.BUREAU, lambda m: m.organisation.district_id),
        staff_station_ids=held(Role.STATION_STAFF, lambda m: m.station_id),
    )
    setattr(user, _STANDING_ATTRIBUTE, result)
    return result


def _station_q(s: Standing, prefix: str = "") -> Q:
    """Stations seen through street, district or staff membership."""
    return (
        Q(**{f"{prefix}street_id__in": s.buyer_street_ids})
        | Q(
            **{
                f"{prefix}street__district_id__in": s.supervision_district_ids
                | s.bureau_district_ids
            }
        )
        | Q(**{f"{prefix}id__in": s.staff_station_ids})
    )


def visible_evaluations(
    user: User, queryset: QuerySet[Evaluation] | None = None
) -> QuerySet[Evaluation]:
    qs = Evaluation.objects.all() if queryset is None else queryset
    s = standing(user)
    if s.is_superuser:
        return qs
    if s.is_outsider:
        return qs.none()
    return qs.filter(
        Q(agency_id__in=s.coordinator_agency_ids)
        | Q(id__in=s.expert_evaluation_ids)
        | _station_q(s, prefix="contract__station__")
    )


def visible_stations(user: User, queryset: QuerySet[Station] | None = None) -> QuerySet[Station]:
    qs = Station.objects.all() if queryset is None else queryset
    s = standing(user)
    if s.is_superuser:
        return qs
    if s.is_outsider:
        return qs.none()
    through_evaluations = Evaluation.objects.filter(
        Q(agency_id__in=s.coordinator_agency_ids) | Q(id__in=s.expert_evaluation_ids)
    ).values("contract__station_id")
    return qs.filter(_station_q(s) | Q(id__in=through_evaluations))


def holds_any(user: User | AnonymousUser, action: Action) -> bool:
    """Whether ``user`` holds, in some organisation, a role that may do ``action`` in the
    evaluations it is party to (e.g. whether the final-report list can ever hold anything for
    them). Free of queries once ``standing`` is read."""
    s = standing(user)
    if s.is_superuser:
        return True
    roles = {m.role for m in s.memberships}
    if s.expert_evaluation_ids:
        roles.add(Role.EXPERT)
    return bool(roles & PERMISSIONS[action])


def roles_in(user: User, evaluation: Evaluation) -> frozenset[str]:
    """The roles ``user`` holds in ``evaluation``. Needs ``evaluation.contract.station.street``
    (``Evaluation.objects.with_station()``) to be loaded to stay free of queries."""
    s = standing(user)
    station = evaluation.contract.station
    roles = set()
    if evaluation.agency_id in s.coordinator_agency_ids:
        roles.add(Role.COORDINATOR)
    if evaluation.pk in s.expert_evaluation_ids:
        roles.add(Role.EXPERT)
    if station.street_id in s.buyer_street_ids:
        roles.add(Role.BUYER)
    if station.street.district_id in s.supervision_district_ids:
        roles.add(Role.SUPERVISION)
    if station.street.district_id in s.bureau_district_ids:
        roles.add(Role.BUREAU)
    if station.pk in s.staff_station_ids:
        roles.add(Role.STATION_STAFF)
    return frozenset(roles)


def can(user: User, action: Action, evaluation: Evaluation) -> bool:
    if standing(user).is_superuser:
        return True
    return bool(roles_in(user, evaluation) & PERMISSIONS[action])


def evaluation_for(user: User, pk: int, action: Action = Action.VIEW) -> Evaluation:
    """The evaluation ``pk`` if ``user`` may do ``action`` on it; 404 if they cannot see it,
    403 if they can see it but may not do this."""
    evaluation = visible_evaluations(user, Evaluation.objects.with_station()).filter(pk=pk).first()
    if evaluation is None:
        raise Http404("No such evaluation")
    if not can(user, action, evaluation):
        raise PermissionDenied
    return evaluation


def station_for(user: User, pk: int) -> Station:
    station = (
        visible_stations(user, Station.objects.select_related("street__district"))
        .filter(pk=pk)
        .first()
    )
    if station is None:
        raise Http404("No such station")
    return station
