"""The lifecycle of an evaluation as data: which status may follow which, by hand.

Set-up → self-assessment → on-site → drafting → (feedback) → (report issued) → rectification →
closed. The coordinator moves an evaluation along by hand, and may step back one stage with a
reason. Two steps are not manual: sending the draft for feedback (the report service checks the
draft is ready and opens a feedback round) and issuing the final report (once every party has
signed off).
"""

from __future__ import annotations

import enum

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from stations.models import Evaluation, Status

ORDER: tuple[str, ...] = tuple(Status.values)

FORWARD: dict[str, str] = {
    Status.SETUP: Status.SELF_ASSESSMENT,
    Status.SELF_ASSESSMENT: Status.ON_SITE,
    Status.ON_SITE: Status.DRAFTING,
    Status.ISSUED: Status.RECTIFICATION,
    Status.RECTIFICATION: Status.CLOSED,
}

BACK: dict[str, str] = {
    Status.SELF_ASSESSMENT: Status.SETUP,
    Status.ON_SITE: Status.SELF_ASSESSMENT,
    Status.DRAFTING: Status.ON_SITE,
    Status.FEEDBACK: Status.DRAFTING,
}


def manual_transitions(status: str) -> list[str]:
    """The statuses the coordinator may move an evaluation in ``status`` to, forward first."""
    return [s for s in (FORWARD.get(status), BACK.get(status)) if s is not None]


def is_backward(from_status: str, to_status: str) -> bool:
    return ORDER.index(to_status) < ORDER.index(from_status)


def is_final_step(to_status: str) -> bool:
    """Moving to ``to_status`` cannot be undone by hand: there is no step back from it."""
    return to_status not in BACK


class Activity(enum.StrEnum):
    """What the stages open and close: each activity is allowed in the statuses of ``OPEN``."""

    PANEL = "panel"  # assign and withdraw, decide recusals
    SCORES = "scores"  # fill in, submit and reopen score sheets
    FIGURES = "figures"  # upload the station's self-assessment
    FINDINGS = "findings"  # findings, masked names, recommendations
    SEND_DRAFT = "send_draft"  # send the draft report for feedback
    FEEDBACK = "feedback"  # object, answer, sign off
    RECTIFICATION = "rectification"  # report and review rectification items


# Once the draft report is out for feedback, scores no longer change; the experts write findings
# on site and while drafting, and during feedback only the coordinator revises them; once the
# final report is issued, its result is published to every party, and the station reports on its
# rectification items, and the bureau reviews them, until closed.
ISSUED_STATUSES: frozenset[str] = frozenset({Status.ISSUED, Status.RECTIFICATION, Status.CLOSED})
OPEN: dict[Activity, frozenset[str]] = {
    Activity.PANEL: frozenset(
        {Status.SETUP, Status.SELF_ASSESSMENT, Status.ON_SITE, Status.DRAFTING}
    ),
    Activity.SCORES: frozenset({Status.SELF_ASSESSMENT, Status.ON_SITE, Status.DRAFTING}),
    Activity.FIGURES: frozenset({Status.SELF_ASSESSMENT, Status.ON_SITE, Status.DRAFTING}),
    Activity.FINDINGS: frozenset({Status.ON_SITE, Status.DRAFTING, Status.FEEDBACK}),
    Activity.SEND_DRAFT: frozenset({Status.DRAFTING}),
    Activity.FEEDBACK: frozenset({Status.FEEDBACK}),
    Activity.RECTIFICATION: frozenset({Status.ISSUED, Status.RECTIFICATION}),
}

# What a refusal says, with the evaluation's status as ``%(status)s``.
REFUSALS: dict[Activity, Promise] = {
    Activity.PANEL: gettext_lazy("The panel cannot change once the evaluation is in “%(status)s”."),
    Activity.SCORES: gettext_lazy("Scores cannot change while the evaluation is in “%(status)s”."),
    Activity.FIGURES: gettext_lazy(
        "The station's figures cannot change while the evaluation is in “%(status)s”."
    ),
    Activity.FINDINGS: gettext_lazy(
        "Findings cannot change while the evaluation is in “%(status)s”."
    ),
    Activity.SEND_DRAFT: gettext_lazy(
        "Only a draft being written can be sent for feedback (the evaluation is in “%(status)s”)."
    ),
    Activity.FEEDBACK: gettext_lazy("The draft is not out for feedback."),
    Activity.RECTIFICATION: gettext_lazy("Rectification is closed."),
}


def allows(evaluation: Evaluation, activity: Activity) -> bool:
    return evaluation.status in OPEN[activity]


def require(evaluation: Evaluation, activity: Activity) -> None:
    """Refuse ``activity`` outside the stages that allow it (code ``closed``)."""
    if not allows(evaluation, activity):
        raise ValidationError(
            str(REFUSALS[activity]) % {"status": evaluation.get_status_display()},
            code="closed",
        )
