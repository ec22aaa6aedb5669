"""Who writes, reads and answers the report, on top of ``stations.access`` (who sees an
evaluation and in which roles): the writers of each section, the party a role answers the draft
for, and who reads the draft and the findings in each stage."""

from __future__ import annotations

from reports.models import FeedbackParty, Section
from stations import access, lifecycle
from stations.access import Action
from stations.models import Evaluation, Role, Status, User

# Who writes the findings of each section; the coordinator writes and revises all of them.
SECTION_WRITERS: dict[Section, frozenset[str]] = {
    Section.PROJECT_MANAGEMENT: frozenset({Role.EXPERT}),
    Section.SERVICE_QUALITY: frozenset({Role.EXPERT}),
    Section.SERVICE_MONITORING: frozenset({Role.EXPERT}),
    Section.SERVICE_OUTCOMES: frozenset({Role.EXPERT}),
    Section.BUYER: frozenset({Role.BUYER}),
    Section.SUPERVISION: frozenset({Role.SUPERVISION}),
    Section.BUREAU: frozenset({Role.BUREAU}),
}

# The party a role answers the draft for.
FEEDBACK_PARTY: dict[str, FeedbackParty] = {
    Role.BUREAU: FeedbackParty.BUREAU,
    Role.BUYER: FeedbackParty.BUYER,
    Role.STATION_STAFF: FeedbackParty.STATION,
    Role.SUPERVISION: FeedbackParty.SUPERVISION,
}

# Stages in which the writers write their sections (during feedback only the coordinator).
WRITING = frozenset({Status.ON_SITE, Status.DRAFTING})


def writable_sections(user: User, evaluation: Evaluation) -> list[str]:
    """The report sections whose findings ``user`` may write now. Experts and representatives
    write theirs while the report is being written; during feedback only the coordinator
    revises."""
    roles = access.roles_in(user, evaluation)
    coordinator = Role.COORDINATOR in roles or access.standing(user).is_superuser
    if evaluation.status == Status.FEEDBACK:
        return [s.value for s in SECTION_WRITERS] if coordinator else []
    if evaluation.status not in WRITING:
        return []
    return [
        section.value
        for section, writers in SECTION_WRITERS.items()
        if coordinator or roles & writers
    ]


def feedback_party(user: User, evaluation: Evaluation) -> str | None:
    """The party ``user`` answers the draft for, if any."""
    roles = access.roles_in(user, evaluation)
    for role, party in FEEDBACK_PARTY.items():
        if role in roles:
            return party.value
    return None


def can_view_draft(user: User, evaluation: Evaluation) -> bool:
    """The coordinator and the writers read the draft as it is written; the parties asked for
    feedback read it while it is out to them."""
    if evaluation.status in lifecycle.ISSUED_STATUSES:
        return access.can(user, Action.MANAGE_REPORT, evaluation)
    if access.can(user, Action.MANAGE_REPORT, evaluation) or writable_sections(user, evaluation):
        return True
    if Role.EXPERT in access.roles_in(user, evaluation):
        return True
    return evaluation.status == Status.FEEDBACK and feedback_party(user, evaluation) is not None


def can_read_findings(user: User, evaluation: Evaluation) -> bool:
    """Those who may read the draft, and, once the report is issued, everyone who wrote or
    scored for it (the coordinator, the experts, the parties' representatives)."""
    readers = {Role.COORDINATOR, Role.EXPERT, Role.BUYER, Role.SUPERVISION, Role.BUREAU}
    return can_view_draft(user, evaluation) or bool(access.roles_in(user, evaluation) & readers)
