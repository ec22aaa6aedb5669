"""The set-up log: each organisation reads what its own people changed in set-up, as sentences,
and nobody else's; the page's queries do not grow with its lines."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stations.enums import Role
from tests import factories as f


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _log(client: Client) -> str:
    response = client.get("/setup/log/")
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="setup-log"') :]


def test_each_organisation_reads_what_its_own_people_changed(world):
    coordinator = _client(world.users[Role.COORDINATOR])
    bureau = _client(world.users[Role.BUREAU])
    coordinator.post(
        "/setup/stations/new/",
        {"street": world.station.street.pk, "name": "官洲街第二社工服务站", "address": ""},
    )
    expert = world.users[Role.EXPERT]
    coordinator.post(f"/setup/experts/{expert.pk}/", {"expertise": "长者服务", "note": ""})
    bureau.post(f"/setup/accounts/{world.users[Role.BUYER].pk}/active/", {"active": "0"})

    mine = _log(coordinator)
    assert "新增了社工站 官洲街第二社工服务站" in mine
    assert f"修改了 {expert.username} 的专业领域" in mine
    assert "停用了账号 buyer" not in mine  # the bureau's
    theirs = _log(bureau)
    assert "停用了账号 buyer" in theirs
    assert "官洲街第二社工服务站" not in theirs

    other = f.UserFactory(username="other_coordinator")
    f.MembershipFactory(user=other, organisation=f.AgencyFactory(), role=Role.COORDINATOR)
    assert "官洲街第二社工服务站" not in _log(_client(other))
    assert _client(world.users[Role.EXPERT]).get("/setup/log/").status_code == 403


def test_the_log_queries_the_same_for_1_and_3_lines(world):
    coordinator = _client(world.users[Role.COORDINATOR])
    expert = world.users[Role.EXPERT]
    coordinator.post(f"/setup/experts/{expert.pk}/", {"expertise": "甲", "note": ""})
    with CaptureQueriesContext(connection) as one:
        coordinator.get("/setup/log/")
    for field in ("乙", "丙"):
        coordinator.post(f"/setup/experts/{expert.pk}/", {"expertise": field, "note": ""})
    with CaptureQueriesContext(connection) as three:
        html = _log(coordinator)
    assert html.count("的专业领域") == 3
    assert len(one.captured_queries) == len(three.captured_queries)
