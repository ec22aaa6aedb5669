"""The lifecycle of an evaluation as data: which status may follow which, by hand.

Set-up → self-assessment → on-site → drafting → (feedback) → (report issued) → rectification →
closed. The coordinator moves an evaluation along by hand, and may step back one stage with a
reason. Two steps are not manual: sending the draft for feedback (the report service checks the
draft is ready and opens a feedback round) and issuing the final report (once every party has
signed off).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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


# Stages in which the panel may be changed and in which score sheets may be filled in. Once the
# draft report is out for feedback, scores no longer change.
ASSIGNING_OPEN: frozenset[str] = frozenset(
    {Status.SETUP, Status.SELF_ASSESSMENT, Status.ON_SITE, Status.DRAFTING}
)
SCORING_OPEN: frozenset[str] = frozenset({Status.SELF_ASSESSMENT, Status.ON_SITE, Status.DRAFTING})
# Findings (and masked names, recommendations) change while the report is written; during
# feedback only the coordinator revises them.
FINDINGS_OPEN: frozenset[str] = frozenset({Status.ON_SITE, Status.DRAFTING, Status.FEEDBACK})
# Once the final report is issued, its result is published to every party.
ISSUED_STATUSES: frozenset[str] = frozenset({Status.ISSUED, Status.RECTIFICATION, Status.CLOSED})
# The station reports on its rectification items, and the bureau reviews them, until closed.
RECTIFICATION_OPEN: frozenset[str] = frozenset({Status.ISSUED, Status.RECTIFICATION})
# The station's figures (the self-assessment upload) may change in the same stages.
FIGURES_OPEN: frozenset[str] = SCORING_OPEN


def require_findings_open(evaluation: Evaluation) -> None:
    """Refuse a change of the report's text outside the stages that allow it."""
    if evaluation.status not in FINDINGS_OPEN:
        raise ValidationError(
            _("Findings cannot change while the evaluation is in “%(status)s”.")
            % {"status": evaluation.get_status_display()},
            code="closed",
        )
