"""The expert pool in the browser, as the coordinator keeps it: the agency's experts with their
fields, ties and current load; fields saved and ties recorded or removed, each audited; a tie
recorded here keeps the expert out of that station's draw; wrong input is refused with its
reason and writes nothing; nobody but the agency's coordinator reaches it."""

from __future__ import annotations

import pytest
from django.test import Client

from scoring import draw, pool
from stations.enums import AuditAction, OrganisationKind, Role
from stations.models import AuditEntry, ExpertProfile, ExpertTie, Organisation
from tests import factories as f
from tests.seasons.pages import errors


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(world):
    return _client(world.users[Role.COORDINATOR])


def _operator(world) -> Organisation:
    return world.evaluation.contract.operator_terms.get().operator


def test_the_pool_lists_the_agency_s_experts_with_fields_ties_and_load(world, coordinator):
    expert = world.users[Role.EXPERT]
    ExpertProfile.objects.create(user=expert, expertise="社区治理、长者服务")
    ExpertTie.objects.create(user=expert, organisation=_operator(world), nature="曾任督导")
    page = coordinator.get("/setup/experts/").content.decode()
    assert "社区治理、长者服务" in page
    assert f"{_operator(world)}（曾任督导，至今）" in page
    assert "unassigned_expert" in page
    assert "far_bureau" not in page  # not an expert
    row = page[page.index(f'href="/setup/experts/{expert.pk}/"') :].split("</tr>")[0]
    assert 'data-label="进行中的评估">1<' in row  # on the panel of world.evaluation

    found = coordinator.get("/setup/experts/", {"q": "长者"}).content.decode()
    assert f"/setup/experts/{expert.pk}/" in found
    assert "unassigned_expert" not in found


def test_fields_are_saved_once_each_in_the_order_typed_and_audited(world, coordinator):
    expert = world.users[Role.EXPERT]
    url = f"/setup/experts/{expert.pk}/"
    typed = "社区治理，长者服务、社区治理\n青少年；残障服务"
    response = coordinator.post(url, {"expertise": typed, "note": ""})
    assert response.url == url
    saved = "社区治理、长者服务、青少年、残障服务"
    assert ExpertProfile.objects.get(user=expert).expertise == saved
    entry = AuditEntry.objects.get(action=AuditAction.EXPERT_PROFILE)
    assert entry.changes["expertise"] == ["", saved]
    coordinator.post(url, {"expertise": saved, "note": ""})
    assert AuditEntry.objects.filter(action=AuditAction.EXPERT_PROFILE).count() == 1  # no change


def test_a_tie_recorded_here_keeps_the_expert_out_of_that_station_s_draw(world, coordinator):
    expert = world.users["unassigned_expert"]
    response = coordinator.post(
        f"/setup/experts/{expert.pk}/ties/",
        {"organisation": _operator(world).pk, "nature": "曾任该机构督导", "ended_on": "2024-06-30"},
    )
    assert response.url == f"/setup/experts/{expert.pk}/#ties"
    members = {m.user.pk: m.candidate for m in pool.pool(world.evaluation)}
    assert draw.exclusion(members[expert.pk], limit=5) == draw.TIED
    entry = AuditEntry.objects.get(action=AuditAction.EXPERT_TIE_ADD)
    assert entry.changes["ended_on"] == "2024-06-30"
    assert entry.actor == world.users[Role.COORDINATOR]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"nature": "", "ended_on": ""}, "这个字段是必填项"),
        ({"started_on": "2024-06-30", "ended_on": "2023-01-01"}, "关联的结束日期不能早于开始日期"),
        ({"ended_on": "2024-02-30"}, "输入一个有效的日期"),
    ],
)
def test_a_wrong_tie_is_refused_with_its_reason_and_nothing_written(
    world, coordinator, data, message
):
    expert = world.users["unassigned_expert"]
    post = {"organisation": _operator(world).pk, "nature": "项目顾问", **data}
    response = coordinator.post(f"/setup/experts/{expert.pk}/ties/", post)
    assert response.status_code == 400
    assert message in errors(response)
    assert not ExpertTie.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPERT_TIE_ADD).exists()


def test_the_same_tie_twice_is_refused_and_a_tie_removed_is_kept_in_the_log(world, coordinator):
    expert = world.users["unassigned_expert"]
    post = {"organisation": _operator(world).pk, "nature": "项目顾问", "ended_on": "2024-06-30"}
    coordinator.post(f"/setup/experts/{expert.pk}/ties/", post)
    again = coordinator.post(f"/setup/experts/{expert.pk}/ties/", post)
    assert again.status_code == 400
    assert "在这段期间的关联已登记" in errors(again)
    overlapping = coordinator.post(
        f"/setup/experts/{expert.pk}/ties/", {**post, "started_on": "2023-01-01", "ended_on": ""}
    )
    assert "在这段期间的关联已登记" in errors(overlapping)  # open-ended, from before its end
    later = {**post, "started_on": "2024-07-01", "ended_on": ""}
    assert coordinator.post(f"/setup/experts/{expert.pk}/ties/", later).status_code == 302
    ExpertTie.objects.filter(started_on="2024-07-01").delete()
    tie = ExpertTie.objects.get()
    page = coordinator.get(f"/setup/experts/{expert.pk}/").content.decode()
    assert f'action="/setup/ties/{tie.pk}/remove/"' in page
    assert "只应删除误登记的关联" in page  # asked before

    coordinator.post(f"/setup/ties/{tie.pk}/remove/")
    assert not ExpertTie.objects.exists()
    removed = AuditEntry.objects.get(action=AuditAction.EXPERT_TIE_REMOVE)
    assert removed.changes["nature"] == "项目顾问"
    assert removed.changes["user"] == "unassigned_expert"
    log = coordinator.get("/setup/log/").content.decode()
    assert f"删除了 unassigned_expert 与 {_operator(world)} 的关联（项目顾问，…—2024-06-30）" in log


def test_only_the_agency_s_coordinator_reaches_its_experts(world):
    expert = world.users[Role.EXPERT]
    tie = ExpertTie.objects.create(user=expert, organisation=_operator(world), nature="曾任督导")
    other = f.UserFactory(username="other_coordinator")
    agency = Organisation.objects.filter(kind=OrganisationKind.AGENCY).exclude(
        pk=world.evaluation.agency_id
    )[0]
    f.MembershipFactory(user=other, organisation=agency, role=Role.COORDINATOR)
    outsider = _client(other)
    assert "unassigned_expert" not in outsider.get("/setup/experts/").content.decode()
    assert outsider.get(f"/setup/experts/{expert.pk}/").status_code == 404
    assert outsider.post(f"/setup/ties/{tie.pk}/remove/").status_code == 404
    post = {"organisation": _operator(world).pk, "nature": "x"}
    assert outsider.post(f"/setup/experts/{expert.pk}/ties/", post).status_code == 404
    for role in (Role.EXPERT, Role.BUREAU, Role.BUYER, Role.STATION_STAFF):
        assert _client(world.users[role]).get("/setup/experts/").status_code == 403
    assert ExpertTie.objects.get() == tie
