"""The report's pages run a pinned number of queries in every stage of the demo season: the
figures and the scores are read once however many checks and printings need them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from stations.models import Evaluation, Status, User

# (status, coordinator's report page, bureau's report page, preview); the pages count the
# unread messages of the top bar
PINNED = [
    (Status.SETUP, 11, 11, 30),
    (Status.SELF_ASSESSMENT, 11, 11, 28),
    (Status.ON_SITE, 11, 11, 28),
    (Status.DRAFTING, 16, 11, 28),
    (Status.FEEDBACK, 25, 25, 30),
    (Status.ISSUED, 14, 14, 30),
    (Status.RECTIFICATION, 14, 14, 30),
    (Status.CLOSED, 14, 14, 30),
]


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize(("status", "coordinator", "bureau", "preview"), PINNED)
def test_the_report_pages_run_a_pinned_number_of_queries(
    season, django_assert_num_queries, status, coordinator, bureau, preview
):
    evaluation = Evaluation.objects.get(status=status)
    workflow = reverse("reports:workflow", args=[evaluation.pk])
    for username, expected in (("coordinator", coordinator), ("bureau", bureau)):
        client = _client(username)
        client.get(workflow)  # the session is read once before counting
        with django_assert_num_queries(expected):
            response = client.get(workflow)
        assert evaluation.contract.station.name in response.content.decode()
    client = _client("coordinator")
    client.get(reverse("reports:preview", args=[evaluation.pk]))
    with django_assert_num_queries(preview):
        response = client.get(reverse("reports:preview", args=[evaluation.pk]))
    assert "评估报告" in response.content.decode()


def test_the_coordinators_checks_in_feedback_are_all_on_the_page(season):
    """Reading the figures once, the page still shows everything that blocks issuing."""
    evaluation = Evaluation.objects.get(status=Status.FEEDBACK)
    response = _client("coordinator").get(reverse("reports:workflow", args=[evaluation.pk]))
    assert response.context["issue_problems"] == [
        "尚未给出意见：街道办事处、社工站。",
        "有异议尚未答复。",
    ]
    page = response.content.decode()
    assert "尚未给出意见：街道办事处、社工站。" in page
    assert "有异议尚未答复。" in page
