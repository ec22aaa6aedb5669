"""Drawing a panel from the agency's pool: who is set aside and why, what is kept, the audit,
redraws, and the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scoring import draw, services
from scoring.models import PanelDraw
from stations.models import (
    Assignment,
    AuditEntry,
    ExpertTie,
    Organisation,
    OrganisationKind,
    Role,
    Season,
    Status,
    User,
)
from tests import factories as f


@pytest.fixture
def pool(world):
    """Six more experts of the agency: one tied to the station's operator until a year before
    the visit, one whose tie to its street office ended three years before, one who declared a
    conflict with this station in an earlier evaluation."""
    agency = world.evaluation.agency
    experts = {}
    for name in ["甲", "乙", "丙", "丁", "戊", "己"]:
        user = f.UserFactory(username=f"pool-{name}", full_name=f"专家{name}")
        f.MembershipFactory(user=user, organisation=agency, role=Role.EXPERT)
        experts[name] = user
    operator = world.evaluation.contract.operator_terms.first().operator
    ExpertTie.objects.create(
        user=experts["甲"], organisation=operator, nature="曾任督导", ended_on=dt.date(2024, 3, 1)
    )
    office = Organisation.objects.get(
        kind=OrganisationKind.STREET_OFFICE, street=world.station.street
    )
    ExpertTie.objects.create(
        user=experts["乙"], organisation=office, nature="项目顾问", ended_on=dt.date(2022, 3, 1)
    )
    earlier = f.EvaluationFactory(
        contract=f.ContractFactory(
            station=world.station, start_date="2022-06-09", end_date="2023-06-08"
        ),
        agency=agency,
        on_site_date=dt.date(2023, 3, 1),
        data_cutoff_date=dt.date(2023, 2, 28),
    )
    f.AssignmentFactory(evaluation=earlier, user=experts["丙"], role=Role.EXPERT, status="conflict")
    return experts


def _draw(world, n=3, **kwargs):
    return services.panel_draw(
        evaluation=world.evaluation,
        by=world.users[Role.COORDINATOR],
        experts=n,
        load_limit=kwargs.pop("load_limit", 5),
        **kwargs,
    )


def test_a_draw_sets_aside_ties_and_conflicts_and_assigns_the_drawn(world, pool):
    record = _draw(world, 3, seed="fixed")
    excluded = {c["name"]: c["excluded"] for c in record.candidates}
    assert excluded["专家甲"] == draw.TIED
    assert excluded["专家丙"] == draw.CONFLICT
    assert excluded["专家乙"] == ""  # the tie ended more than two years before the visit
    assert "expert" not in {c["name"] for c in record.candidates}  # already on the panel
    drawn_users = {pool[n].pk for n in ["乙", "丁", "戊", "己"]} | {
        world.users["unassigned_expert"].pk
    }
    assert set(record.chosen) <= drawn_users
    assert len(record.chosen) == 3
    assigned = Assignment.objects.filter(
        evaluation=world.evaluation, user_id__in=record.chosen, role=Role.EXPERT
    )
    assert sorted(a.status for a in assigned) == ["pending"] * 3
    entry = AuditEntry.objects.get(action="panel.draw")
    assert entry.changes["seed"] == "fixed"
    assert entry.changes["drawn"] == [str(User.objects.get(pk=u)) for u in record.chosen]
    assert (entry.changes["candidates"], entry.changes["excluded"]) == (7, 2)


def test_a_stored_draw_replays_to_the_same_panel(world, pool):
    record = _draw(world, 3)
    candidates = [
        draw.Candidate(c["user"], c["load"], c["tied"], c["conflict"]) for c in record.candidates
    ]
    replay = draw.draw(candidates, record.asked, seed=record.seed, limit=record.load_limit)
    assert list(replay.chosen) == record.chosen


def test_a_redraw_needs_a_reason_and_replaces_who_has_not_accepted(world, pool):
    first = _draw(world, 2, seed="one")
    with pytest.raises(ValidationError) as refused:
        _draw(world, 2, seed="two")
    assert refused.value.error_dict["reason"][0].code == "reason"
    assert PanelDraw.objects.count() == 1
    accepted = Assignment.objects.get(evaluation=world.evaluation, user_id=first.chosen[0])
    services.assignment_accept(
        assignment=accepted, by=accepted.user, has_conflict=False, declaration=""
    )
    second = _draw(world, 1, seed="two", reason="专家出差，无法参加")
    assert second.reason == "专家出差，无法参加"
    statuses = dict(
        Assignment.objects.filter(
            evaluation=world.evaluation, user_id__in=first.chosen
        ).values_list("user_id", "status")
    )
    assert statuses == {first.chosen[0]: "active", first.chosen[1]: "withdrawn"}
    assert not set(second.chosen) & set(first.chosen)  # who left is not drawn again
    assert AuditEntry.objects.filter(action="assignment.withdraw").get().note == (
        "专家出差，无法参加"
    )


def test_the_load_limit_sets_aside_who_has_enough_this_season(world, pool):
    for _ in range(4):  # 专家丁 already has 4 evaluations of this stage this year
        other = f.EvaluationFactory(agency=world.evaluation.agency)
        f.AssignmentFactory(evaluation=other, user=pool["丁"], role=Role.EXPERT, status="active")
    record = _draw(world, 2, load_limit=4)
    assert {c["name"]: c["excluded"] for c in record.candidates}["专家丁"] == draw.AT_LIMIT
    assert {c["name"]: c["load"] for c in record.candidates}["专家丁"] == 4


def test_in_a_season_the_load_is_that_season_s_assignments_only(world, pool):
    agency, district = world.evaluation.agency, world.station.street.district
    seasons = [
        Season.objects.create(
            agency=agency,
            district=district,
            stage=world.evaluation.stage,
            year=year,
            on_site_from=dt.date(2025, 3, 1),
            on_site_until=dt.date(2025, 3, 31),
        )
        for year in (2024, 2023)  # the same on-site year: a late season of an earlier contract
    ]
    world.evaluation.season = seasons[0]
    world.evaluation.save()
    for season, count in zip(seasons, (1, 3), strict=True):
        for _ in range(count):
            other = f.EvaluationFactory(agency=agency, season=season)
            f.AssignmentFactory(evaluation=other, user=pool["丁"], role=Role.EXPERT)
    record = _draw(world, 2, load_limit=4)
    assert {c["name"]: c["load"] for c in record.candidates}["专家丁"] == 1
    assert {c["name"]: c["excluded"] for c in record.candidates}["专家丁"] != draw.AT_LIMIT


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"n": 0}, "experts", "experts"),
        ({"n": 16}, "experts", "experts"),
        ({"load_limit": 0}, "load_limit", "limit"),
    ],
)
def test_a_bad_number_is_refused_and_nothing_is_written(world, pool, kwargs, field, code):
    with pytest.raises(ValidationError) as refused:
        _draw(world, **kwargs)
    assert refused.value.error_dict[field][0].code == code
    assert not PanelDraw.objects.exists()
    assert not AuditEntry.objects.filter(action="panel.draw").exists()


def test_no_draw_once_the_panel_is_closed(world, pool):
    world.evaluation.status = Status.FEEDBACK
    world.evaluation.save()
    with pytest.raises(ValidationError) as refused:
        _draw(world)
    assert refused.value.code == "closed"
    assert not PanelDraw.objects.exists()


def test_a_pool_with_nobody_eligible_is_refused(world):
    world.users["unassigned_expert"].is_active = False
    world.users["unassigned_expert"].save()
    with pytest.raises(ValidationError) as refused:
        _draw(world)
    assert refused.value.code == "nobody"
    assert not Assignment.objects.filter(evaluation=world.evaluation, status="pending").exists()


def test_the_coordinator_draws_on_the_panel_page_and_sees_who_was_set_aside(world, pool):
    client = world.client(Role.COORDINATOR)
    url = reverse("scoring:panel_draw", args=[world.evaluation.pk])
    response = client.post(url, {"experts": 2, "load_limit": 5})
    assert response.status_code == 302
    assert response.url.endswith("#draws")
    page = client.get(response.url).content.decode()
    assert "专家甲（与承办机构或街道两年内有关联）" in page
    assert "专家丙（曾声明与本站存在利益冲突）" in page
    record = PanelDraw.objects.get()
    assert record.seed in page
    again = client.post(url, {"experts": 2, "load_limit": 5})
    assert again.status_code == 400
    assert "已抽取过专家" in again.content.decode()
    assert PanelDraw.objects.count() == 1
