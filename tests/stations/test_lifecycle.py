from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from stations import lifecycle, selectors, services
from stations.models import AuditEntry, Status
from tests import factories as f


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (Status.SETUP, [Status.SELF_ASSESSMENT]),
        (Status.SELF_ASSESSMENT, [Status.ON_SITE, Status.SETUP]),
        (Status.ON_SITE, [Status.DRAFTING, Status.SELF_ASSESSMENT]),
        # Sending the draft and issuing the report are the report service's steps.
        (Status.DRAFTING, [Status.ON_SITE]),
        (Status.FEEDBACK, [Status.DRAFTING]),
        (Status.ISSUED, [Status.RECTIFICATION]),
        (Status.RECTIFICATION, [Status.CLOSED]),
        (Status.CLOSED, []),
    ],
)
def test_manual_transitions(status, allowed):
    assert lifecycle.manual_transitions(status) == allowed


def test_every_status_is_in_the_order():
    assert set(lifecycle.ORDER) == set(Status.values)
    assert lifecycle.is_backward(Status.ON_SITE, Status.SETUP)
    assert not lifecycle.is_backward(Status.ON_SITE, Status.DRAFTING)


@pytest.mark.django_db
def test_status_change_is_saved_and_audited():
    evaluation = f.EvaluationFactory()
    user = f.UserFactory(full_name="王协调")
    services.evaluation_change_status(
        evaluation=evaluation, to_status=Status.SELF_ASSESSMENT, by=user, note="启动自评"
    )
    evaluation.refresh_from_db()
    assert evaluation.status == Status.SELF_ASSESSMENT
    entry = AuditEntry.objects.get(evaluation=evaluation)
    assert (entry.actor, entry.actor_name, entry.action) == (user, "王协调", "evaluation.status")
    assert entry.changes == {"status": ["setup", "self_assessment"]}
    assert entry.note == "启动自评"
    [row] = selectors.status_history(evaluation)
    assert (row["from"], row["to"], row["by"]) == (
        Status.SETUP.label,
        Status.SELF_ASSESSMENT.label,
        "王协调",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "to", "note", "code"),
    [
        (Status.SETUP, Status.ON_SITE, "", "transition"),  # skipping a stage
        (Status.FEEDBACK, Status.ISSUED, "", "transition"),  # only the report service issues
        (Status.ON_SITE, Status.SELF_ASSESSMENT, "  ", "reason"),  # back without a reason
    ],
)
def test_refused_status_changes_change_nothing(start, to, note, code):
    evaluation = f.EvaluationFactory(status=start)
    with pytest.raises(ValidationError) as exc:
        services.evaluation_change_status(
            evaluation=evaluation, to_status=to, by=f.UserFactory(), note=note
        )
    codes = (
        [e.code for errors in exc.value.error_dict.values() for e in errors]
        if hasattr(exc.value, "error_dict")
        else [exc.value.code]
    )
    assert codes == [code]
    evaluation.refresh_from_db()
    assert evaluation.status == start
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_a_change_from_a_stale_page_is_refused():
    evaluation = f.EvaluationFactory(status=Status.ON_SITE)
    with pytest.raises(ValidationError) as exc:
        services.evaluation_change_status(
            evaluation=evaluation,
            to_status=Status.ON_SITE,
            expected_status=Status.SELF_ASSESSMENT,  # what the user's page showed
            by=f.UserFactory(),
        )
    assert exc.value.code == "stale"


def test_stepping_back_without_reason_shows_the_form_error(world):
    world.evaluation.status = Status.ON_SITE
    world.evaluation.save()
    response = world.client("coordinator").post(
        f"/evaluations/{world.evaluation.pk}/status/",
        {"to_status": Status.SELF_ASSESSMENT, "expected_status": Status.ON_SITE, "note": ""},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "退回上一阶段须说明原因" in response.content.decode()
    world.evaluation.refresh_from_db()
    assert world.evaluation.status == Status.ON_SITE
