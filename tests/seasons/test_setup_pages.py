"""Set-up in the browser, as the coordinator does it: a station, its service areas and
communities, a contract and its targets, a season of stations (each evaluation starting from the
station's previous one), its panels drawn, an evaluation's dates. Every refusal names its reason
and writes nothing; a coordinator of another agency sees none of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from indicators.models import ContractIndicator
from scoring.models import PanelDraw
from seasons.views import stations as station_views
from stations.enums import AuditAction, Role, Stage, Status
from stations.models import (
    Assignment,
    AuditEntry,
    Community,
    Contract,
    Evaluation,
    Organisation,
    Season,
    ServiceArea,
    Station,
    Street,
)
from tests import factories as f
from tests.seasons.pages import errors


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(world):
    return _client(world.users[Role.COORDINATOR])


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Station,
            ServiceArea,
            Community,
            Contract,
            Organisation,
            ContractIndicator,
            Season,
            Evaluation,
            AuditEntry,
        )
    )


def test_a_new_station_is_set_up_by_the_agency_and_audited(world, coordinator):
    street = Street.objects.get(name="琶洲街")
    response = coordinator.post(
        "/setup/stations/new/",
        {"street": street.pk, "name": "新港街社工服务站", "address": "新港路1号"},
    )
    station = Station.objects.get(name="新港街社工服务站")
    assert response.url == f"/setup/stations/{station.pk}/"
    assert station.short_name == "新港街社工站"  # 服务站 → 站 when none is given
    assert station.set_up_by == world.evaluation.agency
    entry = AuditEntry.objects.get(action=AuditAction.STATION_CREATE)
    assert entry.actor == world.users[Role.COORDINATOR]
    assert entry.changes["station"] == "新港街社工服务站"
    assert "新港街社工服务站" in coordinator.get("/setup/stations/").content.decode()


def test_a_station_named_twice_in_one_street_is_refused_and_nothing_written(world, coordinator):
    before = _counts()
    response = coordinator.post(
        "/setup/stations/new/", {"street": world.station.street_id, "name": world.station.name}
    )
    assert response.status_code == 400
    assert "官洲街已有名为“官洲街社工服务站”的社工站" in errors(response)
    assert _counts() == before


def test_service_areas_take_their_communities_one_per_line(world, coordinator):
    url = f"/setup/stations/{world.station.pk}/areas/"
    coordinator.post(url, {"name": "南区片区", "communities": "南区社区\n东区社区、南区社区\n"})
    area = ServiceArea.objects.get(station=world.station, name="南区片区")
    assert [c.name for c in area.communities.all()] == ["南区社区", "东区社区"]
    page = coordinator.get(f"/setup/stations/{world.station.pk}/").content.decode()
    assert "南区社区、东区社区" in page


def test_a_community_already_in_another_area_is_refused_and_nothing_written(world, coordinator):
    before = _counts()
    response = coordinator.post(
        f"/setup/stations/{world.station.pk}/areas/", {"name": "新片区", "communities": "北山社区"}
    )
    assert response.status_code == 400
    assert "北山片区" in errors(response)
    assert "北山社区" in errors(response)
    assert _counts() == before  # not even the new area


def test_a_community_served_by_another_station_of_the_street_is_refused(world, coordinator):
    second = f.StationFactory(street=world.station.street, name="官洲街第二社工服务站")
    before = _counts()
    response = coordinator.post(
        f"/setup/stations/{second.pk}/areas/", {"name": "南片区", "communities": "新社区\n北山社区"}
    )
    assert response.status_code == 400
    assert "北山社区已由官洲街社工服务站服务" in errors(response)
    assert _counts() == before
    # In another street the name is another community.
    coordinator.post(
        f"/setup/stations/{world.neighbour.pk}/areas/",
        {"name": "北片区", "communities": "北山社区"},
    )
    assert Community.objects.filter(name="北山社区").count() == 2


def _contract(**overrides) -> dict:
    return {
        "start_date": "2025-06-09",
        "end_date": "2026-06-08",
        "operator_name": "广州市新港社会工作服务中心",
        "budget": "2160000",
        "required_staff": "18",
        "required_certified_staff": "9",
        **overrides,
    }


def test_a_contract_is_entered_with_its_operator_then_its_targets(world, coordinator):
    response = coordinator.post(f"/setup/stations/{world.station.pk}/contracts/new/", _contract())
    contract = Contract.objects.get(station=world.station, start_date=dt.date(2025, 6, 9))
    assert response.url == f"/setup/contracts/{contract.pk}/targets/"
    assert [t.operator.name for t in contract.operator_terms.all()] == [
        "广州市新港社会工作服务中心"
    ]
    data = {
        "targets-TOTAL_FORMS": "3",
        "targets-INITIAL_FORMS": "0",
        "targets-0-category": "个案",
        "targets-0-name": "结案",
        "targets-0-unit": "个",
        "targets-0-target": "60",
        "targets-1-category": "小组",
        "targets-1-name": "节数",
        "targets-1-unit": "节",
        "targets-1-target": "120",
    }
    coordinator.post(response.url, data)
    assert [(i.name, i.target) for i in contract.indicators.all()] == [("结案", 60), ("节数", 120)]
    # Again, the first row removed and the second changed.
    data.update(
        {
            "targets-TOTAL_FORMS": "2",
            "targets-INITIAL_FORMS": "2",
            "targets-0-DELETE": "on",
            "targets-1-target": "100",
        }
    )
    coordinator.post(response.url, data)
    assert [(i.name, i.target) for i in contract.indicators.all()] == [("节数", 100)]
    assert AuditEntry.objects.filter(action=AuditAction.CONTRACT_TARGETS).count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start_date": "2024-12-01"}, "该期间与本社工站的另一份协议重叠"),
        ({"end_date": "2025-01-01"}, "协议的结束日期应晚于开始日期"),
        ({"required_certified_staff": "19"}, "持证社工数不能超过配置人员总数"),
        ({"budget": "-1"}, "大于或等于0"),
        ({"operator_name": " "}, "这个字段是必填项"),
    ],
)
def test_a_wrong_contract_is_refused_with_its_reason_and_nothing_written(
    world, coordinator, overrides, message
):
    before = _counts()
    response = coordinator.post(
        f"/setup/stations/{world.station.pk}/contracts/new/", _contract(**overrides)
    )
    assert response.status_code == 400
    assert message in errors(response)
    assert _counts() == before


def test_targets_listed_twice_are_refused_and_a_started_contract_s_stand(world, coordinator):
    contract = world.evaluation.contract
    url = f"/setup/contracts/{contract.pk}/targets/"
    twice = {
        "targets-TOTAL_FORMS": "2",
        "targets-INITIAL_FORMS": "0",
        **{
            f"targets-{n}-{k}": v
            for n in (0, 1)
            for k, v in {"category": "个案", "name": "结案", "unit": "个", "target": "6"}.items()
        },
    }
    before = _counts()
    response = coordinator.post(url, twice)
    assert response.status_code == 400
    assert "个案 · 结案" in errors(response)
    Evaluation.objects.filter(pk=world.evaluation.pk).update(status=Status.ON_SITE)
    twice["targets-TOTAL_FORMS"] = "1"
    response = coordinator.post(url, twice)
    assert "评估已开始" in errors(response)
    assert _counts() == before


def test_a_season_of_stations_starts_each_from_its_previous_evaluation(world, coordinator):
    """The final-term season of 2024: both 海珠区 stations' contracts start then; the
    evaluation of 官洲街 keeps its bureau representative; 北京街 (越秀区) is not offered."""
    bureau = world.users[Role.BUREAU]
    f.AssignmentFactory(evaluation=world.evaluation, user=bureau, role=Role.BUREAU)
    district = world.station.street.district
    scope = {"district": district.pk, "stage": Stage.FINAL, "year": 2024}
    step_two = coordinator.get("/setup/seasons/new/", scope).content.decode()
    assert "官洲街社工服务站" in step_two
    assert "琶洲街社工服务站" in step_two
    assert "北京街社工服务站" not in step_two
    response = coordinator.post(
        "/setup/seasons/new/",
        {
            **scope,
            "on_site_from": "2025-05-20",
            "on_site_until": "2025-05-30",
            "scheme": world.evaluation.scheme_id,
            "stations": [world.station.pk, world.neighbour.pk],
            "self_assessment_days": 7,
            "acceptance_days": 10,
            "scores_days": 3,
            "feedback_working_days": 5,
            "rectification_days": 30,
        },
    )
    season = Season.objects.get(stage=Stage.FINAL)
    assert response.url == f"/setup/seasons/{season.pk}/"
    finals = Evaluation.objects.filter(season=season).order_by("contract__station__name")
    assert [e.station.name for e in finals] == ["官洲街社工服务站", "琶洲街社工服务站"]
    final = finals.get(contract__station=world.station)
    assert final.self_assessment_due == dt.date(2025, 5, 13)
    assert final.scores_due == dt.date(2025, 5, 23)
    assert list(
        Assignment.objects.filter(evaluation=final).values_list("user__username", "role")
    ) == [("bureau", Role.BUREAU)]
    assert {e.action for e in AuditEntry.objects.filter(changes__season=str(season))} == {
        AuditAction.SEASON_CREATE,
        AuditAction.SEASON_ADD,
    }
    # A second season of the same scope leads to this one, where stations are added.
    again = coordinator.get("/setup/seasons/new/", scope).content.decode()
    assert "本机构已有该评估批次" in again
    assert f'href="/setup/seasons/{season.pk}/#season-add"' in again
    assert 'id="season-form"' not in again
    # Now both have their final: the season's page has no station left to add.
    page = coordinator.get(f"/setup/seasons/{season.pk}/").content.decode()
    assert "本区所有该年度开始协议的社工站都已在本批次中" in page


def test_a_season_without_stations_or_with_visits_ending_first_is_refused(world, coordinator):
    district = world.station.street.district
    before = _counts()
    base = {
        "district": district.pk,
        "stage": Stage.FINAL,
        "year": 2024,
        "scheme": world.evaluation.scheme_id,
        "self_assessment_days": 7,
        "acceptance_days": 10,
        "scores_days": 3,
        "feedback_working_days": 5,
        "rectification_days": 30,
    }
    empty = coordinator.post(
        "/setup/seasons/new/", {**base, "on_site_from": "2025-05-20", "on_site_until": "2025-05-30"}
    )
    assert empty.status_code == 400
    assert "请至少勾选一个社工站" in errors(empty)
    backwards = coordinator.post(
        "/setup/seasons/new/",
        {
            **base,
            "on_site_from": "2025-05-20",
            "on_site_until": "2025-05-01",
            "stations": [world.station.pk],
        },
    )
    assert "实地评估的结束日期不能早于开始日期" in errors(backwards)
    assert _counts() == before


def _final_season(coordinator, world, stations, on_site_from="2025-05-20", until="2025-05-30"):
    return coordinator.post(
        "/setup/seasons/new/",
        {
            "district": world.station.street.district.pk,
            "stage": Stage.FINAL,
            "year": 2024,
            "scheme": world.evaluation.scheme_id,
            "self_assessment_days": 7,
            "acceptance_days": 10,
            "scores_days": 3,
            "feedback_working_days": 5,
            "rectification_days": 30,
            "on_site_from": on_site_from,
            "on_site_until": until,
            "stations": [s.pk for s in stations],
        },
    )


def test_a_visit_outside_the_contract_is_refused_and_nothing_written(world, coordinator):
    """The contracts run 2024-06-09 to 2025-06-08: a visit in January 2026 is too late."""
    before = _counts()
    response = _final_season(coordinator, world, [world.station], "2026-01-05", "2026-01-20")
    assert response.status_code == 400
    assert "官洲街社工服务站：2026-01-05 的实地评估不在其协议期内" in errors(response)
    assert _counts() == before  # not even the season


def test_stations_are_added_to_a_season_their_visits_spread_over_its_working_days(
    world, coordinator
):
    third = f.EvaluationFactory(
        contract__station=f.StationFactory(
            street=world.station.street, name="官洲街第三社工服务站"
        ),
        agency=world.evaluation.agency,
    ).contract.station
    _final_season(coordinator, world, [world.station])
    season = Season.objects.get(stage=Stage.FINAL)
    page = coordinator.get(f"/setup/seasons/{season.pk}/").content.decode()
    assert "官洲街第三社工服务站" in page[page.index('id="season-add-form"') :]
    empty = coordinator.post(f"/setup/seasons/{season.pk}/add/", {})
    assert "请勾选要加入的社工站" in errors(empty)

    response = coordinator.post(
        f"/setup/seasons/{season.pk}/add/", {"stations": [world.neighbour.pk, third.pk]}
    )
    assert response.url == f"/setup/seasons/{season.pk}/"
    visits = dict(
        Evaluation.objects.filter(season=season).values_list(
            "contract__station__name", "on_site_date"
        )
    )
    assert visits == {
        "官洲街社工服务站": dt.date(2025, 5, 20),
        # added together, in street order, over the nine working days of 20-30 May
        "官洲街第三社工服务站": dt.date(2025, 5, 20),
        "琶洲街社工服务站": dt.date(2025, 5, 26),
    }
    entry = AuditEntry.objects.filter(action=AuditAction.SEASON_ADD).latest("pk")
    assert entry.changes["stations"] == ["官洲街第三社工服务站", "琶洲街社工服务站"]
    outsider = f.StationFactory(street=world.far.street, name="越秀的站")
    refused = coordinator.post(f"/setup/seasons/{season.pk}/add/", {"stations": [outsider.pk]})
    assert refused.status_code == 400
    assert Evaluation.objects.filter(season=season).count() == 3


def test_the_season_draw_completes_each_panel_once_and_says_why_one_is_short(world, coordinator):
    """官洲街 has one expert already, 琶洲街 none: two experts per panel draws one for the first
    and two for the second; a third evaluation finds the pool spent and says why."""
    agency = world.evaluation.agency
    for n in range(2):
        f.MembershipFactory(
            user=f.UserFactory(username=f"pool{n}"), organisation=agency, role=Role.EXPERT
        )
    season = Season.objects.create(
        agency=agency,
        district=world.station.street.district,
        stage=Stage.MIDTERM,
        year=2024,
        on_site_from=dt.date(2025, 3, 14),
        on_site_until=dt.date(2025, 3, 14),
    )
    third = f.EvaluationFactory(
        contract__station=f.StationFactory(street=world.station.street, name="第三站"),
        agency=agency,
    )
    Evaluation.objects.filter(
        pk__in=[world.evaluation.pk, world.neighbour_evaluation.pk, third.pk]
    ).update(season=season)
    url = f"/setup/seasons/{season.pk}/draw/"
    response = coordinator.post(url, {"experts": 2, "load_limit": 1}, follow=True)
    draws = {d.evaluation_id: d for d in PanelDraw.objects.filter(evaluation__season=season)}
    assert draws[world.evaluation.pk].asked == 1
    assert draws[world.neighbour_evaluation.pk].asked == 2
    chosen = [user for d in draws.values() for user in d.chosen]
    assert len(chosen) == len(set(chosen)) == 3  # a load limit of one: nobody twice
    panels = Assignment.objects.current().filter(role=Role.EXPERT)
    assert panels.filter(evaluation=world.evaluation).count() == 2
    assert panels.filter(evaluation=world.neighbour_evaluation).count() == 2
    assert not panels.filter(evaluation=third).exists()
    page = response.content.decode()
    assert "第三站：需要 2 名专家，抽取了 0 名" in page
    assert "4 名已达工作量上限" in page
    assert AuditEntry.objects.filter(action=AuditAction.PANEL_DRAW).count() == 2

    again = coordinator.post(url, {"experts": 2, "load_limit": 5}, follow=True)
    assert "2 个之前已抽取过" in again.content.decode()
    assert PanelDraw.objects.filter(evaluation__season=season).count() == 3  # the third's


def test_an_evaluation_s_dates_change_and_its_visit_only_in_set_up(world, coordinator):
    url = f"/setup/evaluations/{world.evaluation.pk}/dates/"
    dates = {
        "on_site_date": "2025-03-20",
        "self_assessment_due": "2025-03-13",
        "acceptance_due": "2025-03-10",
        "scores_due": "2025-03-23",
        "feedback_working_days": 5,
        "rectification_days": 30,
    }
    coordinator.post(url, dates)
    evaluation = Evaluation.objects.get(pk=world.evaluation.pk)
    assert evaluation.on_site_date == dt.date(2025, 3, 20)
    assert evaluation.scores_due == dt.date(2025, 3, 23)
    entry = AuditEntry.objects.get(action=AuditAction.EVALUATION_DEADLINES)
    assert entry.changes["on_site_date"] == ["2025-03-14", "2025-03-20"]
    late = coordinator.post(
        url, {**dates, "on_site_date": "2025-09-09", "scores_due": "2025-09-12"}
    )
    assert "2025-09-09 的实地评估不在其协议期内（2024-06-09 至 2025-06-08" in errors(late)
    assert Evaluation.objects.get(pk=evaluation.pk).on_site_date == dt.date(2025, 3, 20)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=Status.SELF_ASSESSMENT)
    before = _counts()
    moved = coordinator.post(url, {**dates, "on_site_date": "2025-03-21"})
    assert moved.status_code == 400
    assert "实地评估日期只能在筹备阶段修改" in errors(moved)
    early = coordinator.post(url, {**dates, "scores_due": "2025-03-01"})
    assert "评分表的截止日期不能早于实地评估日期" in errors(early)
    assert _counts() == before


def test_a_coordinator_of_another_agency_reaches_none_of_the_set_up(world):
    other = f.UserFactory(username="other_coordinator")
    f.MembershipFactory(user=other, organisation=f.AgencyFactory(), role=Role.COORDINATOR)
    client = _client(other)
    assert "官洲街社工服务站" not in client.get("/setup/stations/").content.decode()
    for url in (
        f"/setup/stations/{world.station.pk}/",
        f"/setup/stations/{world.station.pk}/contracts/new/",
        f"/setup/contracts/{world.evaluation.contract_id}/targets/",
        f"/setup/evaluations/{world.evaluation.pk}/dates/",
    ):
        assert client.get(url).status_code == 404, url
    before = _counts()
    assert (
        client.post(
            f"/setup/stations/{world.station.pk}/areas/", {"name": "X", "communities": "Y"}
        ).status_code
        == 404
    )
    assert _counts() == before


def test_a_long_list_pages_keeping_its_search(world, coordinator, monkeypatch):
    monkeypatch.setattr(station_views, "PAGE_SIZE", 1)
    page = coordinator.get("/setup/stations/", {"q": "社工服务站"}).content.decode()
    assert "1 / 2" in page  # 官洲街 and 琶洲街 of the agency's district (北京街 is another's)
    assert 'href="?q=%E7%A4%BE%E5%B7%A5%E6%9C%8D%E5%8A%A1%E7%AB%99&amp;page=2"' in page
    second = coordinator.get("/setup/stations/", {"q": "社工服务站", "page": 2}).content.decode()
    assert "琶洲街社工服务站" in second
    assert "官洲街社工服务站" not in second
