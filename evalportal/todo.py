"""待办: what each person has to do, computed from the data (nothing is stored by hand), each
item linking to the page where it is done, with its due date; and, for the coordinator, what is
late across the agency's evaluations (who, what, how many days).

It reads every app (sheets, uploads, findings, the feedback round, rectification), so it sits at
the top beside the URLconf, like the audit log's sentences; the home page shows it. A fixed
number of queries however many evaluations a person is party to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reports import access as report_access
from reports.models import FeedbackRound, Rectification
from scoring.models import ScoreSheet
from stations import access, deadlines, lifecycle
from stations import selectors as station_selectors
from stations.enums import Step
from stations.lifecycle import OPEN, Activity
from stations.models import Assignment, Evaluation, Role, Status, User


class Kind(models.TextChoices):
    """What a to-do asks, in the order of an evaluation's life."""

    ACCEPT = "accept", _("Accept the assignment and declare any tie")
    SELF_ASSESSMENT = "self_assessment", _("Upload the self-assessment workbook")
    SHEET = "sheet", _("Fill in and submit the score sheet")
    SECTION = "section", _("Write the findings of the report's section")
    FEEDBACK = "feedback", _("Answer the draft report: object or sign off")
    OBJECTIONS = "objections", _("Answer the objections to the draft")
    ISSUE = "issue", _("Every party has signed off: issue the final report")
    RECTIFY = "rectify", _("Report on the rectification items")
    REVIEW = "review", _("Review the rectification items reported done")


@dataclass(frozen=True)
class Todo:
    kind: Kind
    evaluation: Evaluation
    link: str
    due: dt.date | None = None
    detail: str = ""  # e.g. the section, the number of objections
    today: dt.date | None = None
    opened: bool = True  # a step not open yet is not late (sheets before the visit)

    @property
    def overdue(self) -> bool:
        return (
            self.opened
            and self.due is not None
            and self.today is not None
            and self.today > self.due
        )

    @property
    def days_late(self) -> int:
        return (self.today - self.due).days if self.overdue and self.due and self.today else 0


@dataclass(frozen=True)
class Late:
    """Something late across the coordinator's evaluations: who, what, since when."""

    evaluation: Evaluation
    who: str
    kind: Kind
    due: dt.date
    days: int
    link: str


def _evaluations(user: User) -> QuerySet[Evaluation]:
    """The user's evaluations that can still ask something of anyone, with what the to-do reads."""
    rounds = FeedbackRound.objects.order_by("-number").prefetch_related("sign_offs", "objections")
    return (
        access.visible_evaluations(user, Evaluation.objects.with_station())
        .exclude(status__in=[Status.SETUP, Status.CLOSED])
        .select_related("final_report")
        .annotate(applied=station_selectors.self_assessment_applied())
        .prefetch_related(
            Prefetch("feedback_rounds", queryset=rounds),
            Prefetch("rectifications", queryset=Rectification.objects.order_by("pk")),
            Prefetch("findings"),
        )
        .order_by("on_site_date", "pk")
    )


def _latest_round(evaluation: Evaluation) -> FeedbackRound | None:
    rounds = list(evaluation.feedback_rounds.all())  # newest first (prefetched)
    return rounds[0] if rounds else None


def _feedback_due(evaluation: Evaluation, round_: FeedbackRound | None) -> dt.date | None:
    if round_ is None:
        return None
    sent = timezone.localdate(round_.sent_at)
    return deadlines.feedback_due(sent, evaluation.feedback_working_days)


def _rectification_due(evaluation: Evaluation) -> dt.date | None:
    final = getattr(evaluation, "final_report", None)
    if final is None:
        return None
    issued = timezone.localdate(final.issued_at)
    return deadlines.rectification_due(issued, evaluation.rectification_days)


def todos(user: User, *, today: dt.date | None = None) -> list[Todo]:
    """What ``user`` has to do now, soonest due first (items without a day last)."""
    today = today or timezone.localdate()
    items: list[Todo] = []

    for a in Assignment.objects.filter(
        user=user,
        status=Assignment.Status.PENDING,
        evaluation__status__in=OPEN[Activity.PANEL],
    ).select_related("evaluation__contract__station"):
        e = a.evaluation
        link = reverse("scoring:assignment_accept", args=[e.pk, a.pk])
        items.append(Todo(Kind.ACCEPT, e, link, e.acceptance_due, today=today))

    for sheet in (
        ScoreSheet.objects.filter(
            assignment__user=user,
            assignment__status=Assignment.Status.ACTIVE,
            evaluation__status__in=OPEN[Activity.SCORES],
        )
        .exclude(status=ScoreSheet.Status.SUBMITTED)
        .select_related("evaluation__contract__station")
    ):
        e = sheet.evaluation
        link = reverse("scoring:sheet", args=[e.pk, sheet.pk])
        opened = station_selectors.step_open(e, Step.SCORES)  # due after the visit
        party = sheet.get_party_display()
        items.append(Todo(Kind.SHEET, e, link, e.scores_due, party, today=today, opened=opened))

    for e in _evaluations(user):
        items.extend(_evaluation_todos(user, e, today))
    return sorted(items, key=lambda t: (t.due is None, t.due or today, t.evaluation.pk))


def _evaluation_todos(user: User, e: Evaluation, today: dt.date) -> list[Todo]:
    roles = access.roles_in(user, e)
    found: list[Todo] = []
    if (
        Role.STATION_STAFF in roles
        and e.status == Status.SELF_ASSESSMENT
        and not getattr(e, "applied", False)
    ):
        link = reverse("indicators:self_assessment", args=[e.pk])
        found.append(Todo(Kind.SELF_ASSESSMENT, e, link, e.self_assessment_due, today=today))
    if e.status == Status.DRAFTING:
        written = {f.section for f in e.findings.all()}
        for section, writers in report_access.SECTION_WRITERS.items():
            if roles & writers and section not in written:
                link = reverse("reports:findings", args=[e.pk, section.value])
                found.append(Todo(Kind.SECTION, e, link, detail=str(section.label), today=today))
    if e.status == Status.FEEDBACK:
        found.extend(_feedback_todos(e, roles, today))
    if lifecycle.allows(e, Activity.RECTIFICATION):
        found.extend(_rectification_todos(e, roles, today))
    return found


def _feedback_todos(e: Evaluation, roles: frozenset[str], today: dt.date) -> list[Todo]:
    """Answer the draft (each party once per round); for the coordinator, answer the
    objections, then issue once every party has signed off."""
    found = []
    round_ = _latest_round(e)
    due = _feedback_due(e, round_)
    signed = {s.party for s in round_.sign_offs.all()} if round_ else set()
    workflow = reverse("reports:workflow", args=[e.pk])
    party = next((p for role, p in report_access.FEEDBACK_PARTY.items() if role in roles), None)
    open_ = [o for o in round_.objections.all() if not o.answer] if round_ else []
    waiting = party is not None and any(o.party == party for o in open_)  # on the coordinator
    if party is not None and party not in signed and not waiting:
        link = workflow + "#feedback"
        found.append(Todo(Kind.FEEDBACK, e, link, due, str(party.label), today=today))
    if Role.COORDINATOR in roles and round_ is not None:
        if open_:
            link = workflow + "#objections"
            detail = ngettext("%(n)s objection", "%(n)s objections", len(open_)) % {"n": len(open_)}
            found.append(Todo(Kind.OBJECTIONS, e, link, due, detail, today=today))
        elif len(signed) == len(report_access.FEEDBACK_PARTY):
            found.append(Todo(Kind.ISSUE, e, workflow + "#issue", today=today))
    return found


def _items(n: int) -> str:
    return ngettext("%(n)s item", "%(n)s items", n) % {"n": n}


def _rectification_todos(e: Evaluation, roles: frozenset[str], today: dt.date) -> list[Todo]:
    """Report on the items not done or returned (the station); review those reported done
    (the bureau)."""
    found = []
    due = _rectification_due(e)
    link = reverse("reports:rectification", args=[e.pk])
    items = list(e.rectifications.all())
    to_report = [
        r
        for r in items
        if r.status != Rectification.Status.DONE or r.review == Rectification.Review.RETURNED
    ]
    to_review = [
        r
        for r in items
        if r.status == Rectification.Status.DONE and r.review == Rectification.Review.PENDING
    ]
    if Role.STATION_STAFF in roles and to_report:
        found.append(Todo(Kind.RECTIFY, e, link, due, _items(len(to_report)), today=today))
    if Role.BUREAU in roles and to_review:
        found.append(Todo(Kind.REVIEW, e, link, due, _items(len(to_review)), today=today))
    return found


def late(user: User, *, today: dt.date | None = None) -> list[Late]:
    """For a coordinator: what is overdue across the agency's evaluations, most days late
    first: experts who have not answered, score sheets not submitted, self-assessments not
    uploaded, parties that have not answered the draft, rectification items not reported."""
    today = today or timezone.localdate()
    agencies = access.standing(user).coordinator_agency_ids
    if not agencies:
        return []
    result: list[Late] = []

    def add(e: Evaluation, who: str, kind: Kind, due: dt.date | None, link: str) -> None:
        if due is not None and today > due:
            result.append(Late(e, who, kind, due, (today - due).days, link))

    for a in Assignment.objects.filter(
        evaluation__agency_id__in=agencies,
        status=Assignment.Status.PENDING,
        evaluation__status__in=OPEN[Activity.PANEL],
        evaluation__acceptance_due__lt=today,
    ).select_related("user", "evaluation__contract__station"):
        e = a.evaluation
        add(e, str(a.user), Kind.ACCEPT, e.acceptance_due, reverse("scoring:panel", args=[e.pk]))
    for sheet in (
        ScoreSheet.objects.filter(
            evaluation__agency_id__in=agencies,
            assignment__status=Assignment.Status.ACTIVE,
            evaluation__status__in=[Status.ON_SITE, Status.DRAFTING],
            evaluation__scores_due__lt=today,
        )
        .exclude(status=ScoreSheet.Status.SUBMITTED)
        .select_related("assignment__user", "evaluation__contract__station")
    ):
        e = sheet.evaluation
        link = reverse("scoring:results", args=[e.pk])
        add(e, str(sheet.assignment.user), Kind.SHEET, e.scores_due, link)
    for e in _evaluations(user).filter(agency_id__in=agencies):
        station = str(e.contract.station)
        if e.status == Status.SELF_ASSESSMENT and not getattr(e, "applied", False):
            link = reverse("indicators:self_assessment", args=[e.pk])
            add(e, station, Kind.SELF_ASSESSMENT, e.self_assessment_due, link)
        if e.status == Status.FEEDBACK:
            round_ = _latest_round(e)
            signed = {s.party for s in round_.sign_offs.all()} if round_ else set()
            for party in report_access.FEEDBACK_PARTY.values():
                if party not in signed:
                    link = reverse("reports:workflow", args=[e.pk])
                    add(e, str(party.label), Kind.FEEDBACK, _feedback_due(e, round_), link)
        if lifecycle.allows(e, Activity.RECTIFICATION) and any(
            r.status != Rectification.Status.DONE for r in e.rectifications.all()
        ):
            link = reverse("reports:rectification", args=[e.pk])
            add(e, station, Kind.RECTIFY, _rectification_due(e), link)
    return sorted(result, key=lambda item: (-item.days, item.evaluation.pk))


__all__ = ["Kind", "Late", "Todo", "late", "todos"]
