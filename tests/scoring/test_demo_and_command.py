"""The demo's scores give the seed's published total, and `evaluation_summary` prints them."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from stations.demo import DEMO_PASSWORD
from stations.models import Evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(season):
    return Evaluation.objects.get(contract__station__name="官洲街社工服务站")


def _summary(evaluation_id) -> dict:
    out = StringIO()
    call_command("evaluation_summary", str(evaluation_id), "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_demo_publishes_the_seeds_total_and_grade(demo):
    data = _summary(demo.pk)
    assert [
        (p["party"], p["raw"], p["max"], p["weight"], p["contribution"]) for p in data["parties"]
    ] == [
        ("third_party", "86", "100", "55", "47.30"),
        ("buyer", "85", "100", "20", "17.00"),
        ("supervision", "83", "100", "15", "12.45"),
        ("bureau", "86", "100", "10", "8.60"),
    ]
    assert (data["total"], data["published_total"], data["grade"]) == ("85.35", "85.4", "良好")
    assert data["provisional"] is False
    assert data["missing"] == []


def test_the_demo_results_page_says_the_split_is_illustrative(demo, client):
    client.force_login(_demo_user("bureau"))
    page = client.get(reverse("scoring:results", args=[demo.pk])).content.decode()
    assert "85.4" in page
    assert "良好" in page
    assert "分数拆分为示意" in page
    assert "86 ÷ 100 × 55" in page
    assert "47.30 + 17.00 + 12.45 + 8.60 = 85.35" in page
    assert "距“优秀”还差 4.6 分" in page


def test_the_demo_panel_drops_the_highest_and_lowest_expert(demo, client):
    client.force_login(_demo_user("coordinator"))
    response = client.get(reverse("scoring:results", args=[demo.pk]))
    [third_party] = [
        row for row in response.context["summary"].parties if row.party == "third_party"
    ]
    dropped = {s.assignment.user.username: s.dropped for s in third_party.scorers if s.dropped}
    assert dropped == {"expert1": "highest", "expert5": "lowest"}


def test_summary_of_an_unknown_evaluation_fails_clearly():
    with pytest.raises(CommandError, match="没有编号为 999 的评估"):
        call_command("evaluation_summary", "999", stdout=StringIO())


def test_summary_text_format(demo):
    out = StringIO()
    call_command("evaluation_summary", str(demo.pk), stdout=out)
    assert out.getvalue().splitlines()[-1] == "总分 85.35 → 85.4 良好"


def _demo_user(username: str):
    """A demo user, whose password is the published one."""
    from stations.models import User

    user = User.objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD), username
    return user
