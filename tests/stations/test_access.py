"""The access module, as one role matrix per page: who gets which status, and what they see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stations import access
from stations.models import Status

ALL = ["coordinator", "expert", "buyer", "supervision", "bureau", "station_staff"]
OUTSIDERS = ["far_bureau", "unassigned_expert", "nobody"]

# Which of the three stations' evaluations each user's home page lists.
HOME_LISTS = {
    "coordinator": {"官洲街社工服务站", "琶洲街社工服务站"},
    "expert": {"官洲街社工服务站"},
    "buyer": {"官洲街社工服务站"},
    "supervision": {"官洲街社工服务站", "琶洲街社工服务站"},
    "bureau": {"官洲街社工服务站", "琶洲街社工服务站"},
    "station_staff": {"官洲街社工服务站"},
    "far_bureau": {"北京街社工服务站"},
    "unassigned_expert": set(),
    "nobody": set(),
}
STATION_NAMES = {"官洲街社工服务站", "琶洲街社工服务站", "北京街社工服务站"}


@pytest.mark.parametrize("who", list(HOME_LISTS))
def test_home_lists_only_what_the_users_organisation_is_party_to(world, who):
    response = world.client(who).get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    listed = {name for name in STATION_NAMES if name in page}
    assert listed == HOME_LISTS[who]
    rows = response.context["rows"]
    assert {row.evaluation.contract.station.name for row in rows} == HOME_LISTS[who]


def test_home_sends_anonymous_users_to_log_in(world):
    response = world.client("anonymous").get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "status"),
    [*((who, 200) for who in ALL), *((who, 404) for who in OUTSIDERS), ("anonymous", 302)],
)
def test_station_page_role_matrix(world, who, status):
    response = world.client(who).get(reverse("station_detail", args=[world.station.pk]))
    assert response.status_code == status
    body = response.content.decode()
    if status == 200:
        assert "官洲街社工服务站" in body
        assert "北山片区" in body
        assert "北山社区" in body
    else:
        assert "北山社区" not in body


@pytest.mark.parametrize(
    ("who", "status"),
    [*((who, 200) for who in ALL), *((who, 404) for who in OUTSIDERS), ("anonymous", 302)],
)
def test_evaluation_page_role_matrix(world, who, status):
    response = world.client(who).get(reverse("evaluation_detail", args=[world.evaluation.pk]))
    assert response.status_code == status
    if status == 200:
        assert "官洲街社工服务站" in response.content.decode()
        # Only the coordinator is offered the lifecycle buttons.
        assert ("status_form" in response.context) == (who == "coordinator")
        assert ("history" in response.context) == (who in {"coordinator", "bureau"})


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 302),
        *((who, 403) for who in ALL if who != "coordinator"),
        *((who, 404) for who in OUTSIDERS),
        ("anonymous", 302),
    ],
)
def test_status_change_role_matrix(world, who, status):
    url = reverse("evaluation_change_status", args=[world.evaluation.pk])
    response = world.client(who).post(
        url, {"to_status": Status.SELF_ASSESSMENT, "expected_status": Status.SETUP}
    )
    assert response.status_code == status
    world.evaluation.refresh_from_db()
    expected = Status.SELF_ASSESSMENT if who == "coordinator" else Status.SETUP
    assert world.evaluation.status == expected


def test_status_change_by_get_is_refused(world):
    url = reverse("evaluation_change_status", args=[world.evaluation.pk])
    assert world.client("coordinator").get(url).status_code == 405


def test_other_stations_pages_are_not_found_for_a_street_office(world):
    client = world.client("buyer")
    assert client.get(reverse("station_detail", args=[world.neighbour.pk])).status_code == 404
    assert (
        client.get(reverse("evaluation_detail", args=[world.neighbour_evaluation.pk])).status_code
        == 404
    )


def test_roles_in_names_every_role_a_user_holds(world):
    evaluation = type(world.evaluation).objects.with_station().get(pk=world.evaluation.pk)
    for role in ALL:
        assert access.roles_in(world.users[role], evaluation) == {role}
    assert access.roles_in(world.users["far_bureau"], evaluation) == frozenset()


def test_inactive_users_see_nothing(world):
    user = world.users["bureau"]
    user.is_active = False
    user.save()
    assert not access.visible_evaluations(user).exists()
    assert not access.visible_stations(user).exists()


def test_superuser_sees_everything(world):
    from tests.factories import UserFactory

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert set(access.visible_stations(admin)) == {world.station, world.neighbour, world.far}


def test_objects_of_another_station_street_or_district_are_never_shown(world):
    from django.urls import reverse as r

    checks = {
        "buyer": [
            r("station_detail", args=[world.neighbour.pk]),
            r("evaluation_detail", args=[world.neighbour_evaluation.pk]),
        ],
        "station_staff": [
            r("station_detail", args=[world.neighbour.pk]),
            r("indicators:indicator_page", args=[world.neighbour_evaluation.pk]),
        ],
        "bureau": [
            r("station_detail", args=[world.far.pk]),
            r("scoring:results", args=[world.far_evaluation.pk]),
        ],
        "supervision": [r("reports:workflow", args=[world.far_evaluation.pk])],
    }
    for who, urls in checks.items():
        client = world.client(who)
        for url in urls:
            assert client.get(url).status_code == 404, (who, url)
        home = client.get(r("home")).content.decode()
        assert "北京街社工服务站" not in home


def test_every_report_section_has_writers_and_every_feedback_party_a_role():
    from reports import access as report_access
    from reports.models import FeedbackParty, Section

    assert set(report_access.SECTION_WRITERS) == set(Section)
    assert all(report_access.SECTION_WRITERS.values())
    assert set(report_access.FEEDBACK_PARTY.values()) == set(FeedbackParty)
