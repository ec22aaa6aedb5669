"""Each step's due date on an evaluation (stations.selectors.due_of): when it is done, when it
is overdue, and where the dates of the draft's sending and the report's issue come from."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stations import selectors
from stations.enums import AssignmentStatus, AuditAction, Role, Status, Step
from stations.models import AuditEntry
from tests import factories as f

D = dt.date
SA, ACC, SC, FB, RE = (
    Step.SELF_ASSESSMENT,
    Step.ACCEPTANCE,
    Step.SCORES,
    Step.FEEDBACK,
    Step.RECTIFICATION,
)


def _evaluation(status: str):
    return f.EvaluationFactory(
        status=status,
        self_assessment_due=D(2025, 3, 1),
        acceptance_due=D(2025, 3, 7),
        scores_due=D(2025, 3, 21),
        feedback_working_days=5,
        rectification_days=30,
    )


def _entered(evaluation, status: str, on: dt.datetime) -> None:
    entry = AuditEntry.objects.create(
        evaluation=evaluation,
        action=AuditAction.EVALUATION_STATUS,
        changes={"status": ["x", status]},
    )
    AuditEntry.objects.filter(pk=entry.pk).update(at=on)


@pytest.mark.parametrize(
    ("status", "done"),
    [
        (Status.SETUP, set()),
        (Status.SELF_ASSESSMENT, set()),
        (Status.ON_SITE, {SA}),
        (Status.DRAFTING, {SA, ACC}),  # a sheet can still be submitted
        (Status.FEEDBACK, {SA, ACC, SC}),
        (Status.ISSUED, {SA, ACC, SC, FB}),
        (Status.RECTIFICATION, {SA, ACC, SC, FB}),
        (Status.CLOSED, {SA, ACC, SC, FB, RE}),
    ],
)
@pytest.mark.django_db
def test_a_step_is_done_once_the_evaluation_is_past_it(status, done):
    evaluation = _evaluation(status)
    dues = selectors.dues(evaluation, today=D(2025, 1, 1))
    assert [d.step for d in dues] == list(Step)
    assert {d.step for d in dues if d.done} == done
    assert not any(d.overdue for d in dues)  # nothing is late on 1 January


@pytest.mark.django_db
def test_a_step_not_done_after_its_day_is_overdue_and_a_done_one_never():
    evaluation = _evaluation(Status.SELF_ASSESSMENT)
    dues = {d.step: d for d in selectors.dues(evaluation, today=D(2025, 3, 10))}
    assert dues[SA].overdue  # due 1 March, not uploaded
    assert dues[ACC].overdue  # due 7 March, no expert has answered
    assert not dues[SC].overdue  # due 21 March
    assert dues[FB].on is None  # the draft is not sent: its day is not known
    assert dues[RE].on is None

    evaluation.status = Status.ON_SITE
    assert not selectors.due_of(evaluation, SA, today=D(2025, 3, 10)).overdue


@pytest.mark.django_db
def test_the_acceptance_is_done_when_every_expert_has_answered():
    evaluation = _evaluation(Status.SELF_ASSESSMENT)
    f.AssignmentFactory(evaluation=evaluation, role=Role.EXPERT)  # taking part
    pending = f.AssignmentFactory(
        evaluation=evaluation, role=Role.EXPERT, status=AssignmentStatus.PENDING
    )
    assert not selectors.due_of(evaluation, ACC, today=D(2025, 3, 10)).done
    pending.status = AssignmentStatus.ACTIVE
    pending.save()
    assert selectors.due_of(evaluation, ACC, today=D(2025, 3, 10)).done


@pytest.mark.django_db
def test_feedback_counts_working_days_from_the_latest_sending_and_rectification_days_from_issue(
    django_assert_num_queries,
):
    evaluation = _evaluation(Status.RECTIFICATION)
    tz = timezone.get_current_timezone()
    _entered(evaluation, Status.FEEDBACK, dt.datetime(2025, 4, 1, 10, tzinfo=tz))
    _entered(evaluation, Status.DRAFTING, dt.datetime(2025, 4, 2, 10, tzinfo=tz))
    _entered(evaluation, Status.FEEDBACK, dt.datetime(2025, 4, 30, 23, 30, tzinfo=tz))  # resent
    _entered(evaluation, Status.ISSUED, dt.datetime(2025, 5, 20, 9, tzinfo=tz))

    feedback = selectors.due_of(evaluation, FB, today=D(2025, 6, 1))
    # Wednesday 30 April 2025, then the Labour Day holiday 1-5 May: the 5th working day is 12 May
    # (Sunday 27 April was the adjusted working day, before the sending).
    assert feedback.on == D(2025, 5, 12)
    assert feedback.done
    rectification = selectors.due_of(evaluation, RE, today=D(2025, 6, 20))
    assert rectification.on == D(2025, 6, 19)
    assert rectification.overdue

    with django_assert_num_queries(0):  # a page that knows the issue passes it
        given = selectors.due_of(
            evaluation, RE, today=D(2025, 6, 1), since=dt.datetime(2025, 5, 1, 8, tzinfo=tz)
        )
    assert given.on == D(2025, 5, 31)


@pytest.mark.django_db
def test_a_step_not_open_yet_is_never_overdue_and_an_applied_workbook_is_done():
    evaluation = _evaluation(Status.SETUP)
    late = D(2025, 4, 1)  # past the self-assessment's day and the score sheets'
    assert not selectors.due_of(evaluation, SA, today=late).overdue  # not open in set-up
    evaluation.status = Status.SELF_ASSESSMENT
    assert selectors.due_of(evaluation, SA, today=late).overdue
    assert not selectors.due_of(evaluation, SC, today=late).overdue  # sheets: from the visit
    assert selectors.due_of(evaluation, SC, today=late, done=True).done  # mine is submitted
    AuditEntry.objects.create(evaluation=evaluation, action=AuditAction.SELF_ASSESSMENT_APPLY)
    applied = selectors.due_of(evaluation, SA, today=late)
    assert applied.done
    assert not applied.overdue
    evaluation.status = Status.ON_SITE
    assert selectors.due_of(evaluation, SC, today=late).overdue


@pytest.mark.django_db
def test_the_evaluation_page_marks_the_score_sheets_done_for_a_reader_who_submitted():
    evaluation = _evaluation(Status.ON_SITE)
    mine = {d.step: d for d in selectors.evaluation_detail(evaluation, scores_done=True)["dues"]}
    theirs = {d.step: d for d in selectors.evaluation_detail(evaluation)["dues"]}
    assert mine[SC].done
    assert not mine[SC].overdue
    assert not theirs[SC].done
    assert theirs[SC].overdue  # due 21 March 2025, still on site today
