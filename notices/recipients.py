"""Who is told of an audit event: for each action that someone must act on or should know, the
people of the evaluation's parties in the roles concerned (never the person who did it). Keyed
by ``AuditAction``, so an action is notified by its enum, never by matching strings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports.access import FEEDBACK_PARTY
from reports.models import FeedbackRound, Objection, Rectification
from stations.enums import AuditAction, Role, Status
from stations.models import Assignment, AuditEntry, Evaluation, Membership
from stations.selectors import member_q

if TYPE_CHECKING:  # a development package: for the checker only
    from django_stubs_ext import StrPromise

PARTY_ROLE: dict[str, str] = {party.value: role for role, party in FEEDBACK_PARTY.items()}
EVERY_PARTY = frozenset(Role) - {Role.COORDINATOR}


def people(evaluation: Evaluation, roles: Iterable[str]) -> set[int]:
    """The active users holding ``roles`` in ``evaluation`` (two queries at most): the
    agency's coordinators, its panel's experts, the street office's, the district's
    supervision centre's and bureau's representatives, the station's staff."""
    roles = set(roles)
    found: set[int] = set()
    wanted = Q()
    for role in roles - {Role.EXPERT}:  # the experts told are the panel's, not the agency's
        wanted |= member_q(evaluation, role)
    if wanted:
        found |= set(
            Membership.objects.filter(wanted, user__is_active=True).values_list(
                "user_id", flat=True
            )
        )
    if Role.EXPERT in roles:
        found |= set(
            Assignment.objects.current()
            .filter(evaluation=evaluation, role=Role.EXPERT, user__is_active=True)
            .values_list("user_id", flat=True)
        )
    return found


def _draft_sent(entry: AuditEntry, evaluation: Evaluation) -> set[int]:
    _old, new = (entry.changes.get("status") or [None, None])[:2]
    return people(evaluation, PARTY_ROLE.values()) if new == Status.FEEDBACK else set()


def _objection_answered(entry: AuditEntry, evaluation: Evaluation) -> set[int]:
    objection = Objection.objects.filter(pk=entry.changes.get("objection")).first()
    if objection is None:
        return set()
    return people(evaluation, [PARTY_ROLE[objection.party]]) | {objection.raised_by_id}


def _signed_off(entry: AuditEntry, evaluation: Evaluation) -> set[int]:
    """The coordinators, once every party has answered the round."""
    round_ = FeedbackRound.objects.filter(
        evaluation=evaluation, number=entry.changes.get("round")
    ).first()
    if round_ is None or round_.sign_offs.count() < len(FEEDBACK_PARTY):
        return set()
    return people(evaluation, [Role.COORDINATOR])


def _rectified(entry: AuditEntry, evaluation: Evaluation) -> set[int]:
    done = entry.changes.get("status") == Rectification.Status.DONE
    return people(evaluation, [Role.BUREAU]) if done else set()


def _assigned(entry: AuditEntry, evaluation: Evaluation) -> set[int]:
    user = entry.changes.get("user_pk")
    return {user} if user else set()


def _recusal_decided(entry: AuditEntry, evaluation: Evaluation) -> set[int]:
    expert = entry.changes.get("expert_pk")
    return people(evaluation, [Role.STATION_STAFF]) | ({expert} if expert else set())


def _account_opened(entry: AuditEntry, evaluation: Evaluation | None) -> set[int]:
    """The new account's owner, who finds the welcome in the inbox once their password is set
    (the set-password link itself went by e-mail)."""
    user = entry.changes.get("user_pk")
    return {user} if user else set()


def _roles(*roles: str) -> Callable[[AuditEntry, Evaluation], set[int]]:
    return lambda entry, evaluation: people(evaluation, roles)


# Told without an e-mail: what the person already had mailed another way.
NO_MAIL = frozenset({AuditAction.ACCOUNT_CREATE})

RULES: dict[AuditAction, Callable[[AuditEntry, Evaluation], set[int]]] = {
    AuditAction.ACCOUNT_CREATE: _account_opened,
    AuditAction.ASSIGNMENT_CREATE: _assigned,
    AuditAction.RECUSAL_REQUEST: _roles(Role.COORDINATOR),
    AuditAction.RECUSAL_DECIDE: _recusal_decided,
    AuditAction.SELF_ASSESSMENT_APPLY: _roles(Role.COORDINATOR, Role.EXPERT),
    AuditAction.EVALUATION_STATUS: _draft_sent,
    AuditAction.OBJECTION_RAISE: _roles(Role.COORDINATOR),
    AuditAction.OBJECTION_ANSWER: _objection_answered,
    AuditAction.FEEDBACK_SIGN_OFF: _signed_off,
    AuditAction.REPORT_ISSUE: _roles(*EVERY_PARTY, Role.COORDINATOR),
    AuditAction.RECTIFICATION_UPDATE: _rectified,
    AuditAction.RECTIFICATION_REVIEW: _roles(Role.STATION_STAFF),
}


# What each notified event is called where a person chooses how to hear of it.
LABELS: dict[AuditAction, StrPromise] = {  # lazy: read in the reader's language
    AuditAction.ACCOUNT_CREATE: _("My account is opened"),
    AuditAction.ASSIGNMENT_CREATE: _("I am assigned to an evaluation"),
    AuditAction.RECUSAL_REQUEST: _("A recusal is requested"),
    AuditAction.RECUSAL_DECIDE: _("A recusal request is decided"),
    AuditAction.SELF_ASSESSMENT_APPLY: _("The station's figures are uploaded"),
    AuditAction.EVALUATION_STATUS: _("The draft report is sent for feedback"),
    AuditAction.OBJECTION_RAISE: _("An objection is raised"),
    AuditAction.OBJECTION_ANSWER: _("An objection is answered"),
    AuditAction.FEEDBACK_SIGN_OFF: _("Every party has signed off"),
    AuditAction.REPORT_ISSUE: _("The final report is issued"),
    AuditAction.RECTIFICATION_UPDATE: _("A rectification item is reported done"),
    AuditAction.RECTIFICATION_REVIEW: _("A rectification item is reviewed"),
}


def recipients(entry: AuditEntry) -> set[int]:
    """Who is told of ``entry``: nobody for an action that asks nothing of anyone, and never
    the person who did it."""
    try:
        rule = RULES.get(AuditAction(entry.action))
    except ValueError:  # an action of an earlier version
        return set()
    if rule is None:
        return set()
    if entry.evaluation_id is None:  # of no evaluation: the rule reads the entry alone
        return rule(entry, None) - {entry.actor_id}  # type: ignore[arg-type]
    evaluation = Evaluation.objects.with_station().get(pk=entry.evaluation_id)
    return rule(entry, evaluation) - {entry.actor_id}
