"""The set-up pages make the same number of queries however many rows they show."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stations.enums import Role, Stage
from stations.models import ExpertProfile, ExpertTie, Season
from tests import factories as f


def _queries(client: Client, url: str, data: dict | None = None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def _coordinator(world) -> Client:
    client = Client()
    client.force_login(world.users[Role.COORDINATOR])
    return client


def _station(world, n: int):
    station = f.StationFactory(street=world.station.street, name=f"新站{n}")
    area = f.ServiceAreaFactory(station=station, name=f"片区{n}")
    f.CommunityFactory(service_area=area, name=f"社区{n}")
    evaluation = f.EvaluationFactory(
        contract__station=station,
        contract__start_date=dt.date(2024, 7, 1),
        contract__end_date=dt.date(2025, 6, 30),
        agency=world.evaluation.agency,
    )
    f.OperatorTermFactory(contract=evaluation.contract, operator=f.OperatorFactory())
    f.ContractIndicatorFactory(contract=evaluation.contract)
    return station, evaluation


def test_the_station_list_and_season_start_query_the_same_for_1_and_3_stations(world):
    client = _coordinator(world)
    district = world.station.street.district
    scope = {"district": district.pk, "stage": Stage.FINAL, "year": 2024}
    one = _queries(client, "/setup/stations/")[0]
    start_one = _queries(client, "/setup/seasons/new/", scope)[0]
    for n in range(2):
        _station(world, n)
    three, page = _queries(client, "/setup/stations/")
    start_three, offered = _queries(client, "/setup/seasons/new/", scope)
    assert "新站0" in page
    assert "新站1" in page
    assert "新站1" in offered
    assert one == three
    assert start_one == start_three


def test_a_station_s_page_queries_the_same_for_1_and_3_contracts_and_areas(world):
    client = _coordinator(world)
    url = f"/setup/stations/{world.station.pk}/"
    one = _queries(client, url)[0]
    for n in range(2):
        area = f.ServiceAreaFactory(station=world.station, name=f"片区{n}")
        f.CommunityFactory(service_area=area, name=f"社区{n}")
        contract = f.ContractFactory(
            station=world.station,
            start_date=dt.date(2020 + n, 7, 1),
            end_date=dt.date(2021 + n, 6, 30),
        )
        f.OperatorTermFactory(contract=contract, operator=f.OperatorFactory())
        f.ContractIndicatorFactory(contract=contract)
    three, page = _queries(client, url)
    assert "片区1" in page
    assert one == three


def test_a_season_s_page_queries_the_same_for_1_and_3_evaluations(world):
    client = _coordinator(world)
    season = Season.objects.create(
        agency=world.evaluation.agency,
        district=world.station.street.district,
        stage=Stage.MIDTERM,
        year=2024,
        on_site_from=dt.date(2025, 3, 14),
        on_site_until=dt.date(2025, 3, 20),
    )
    world.evaluation.season = season
    world.evaluation.save()
    url = f"/setup/seasons/{season.pk}/"
    one = _queries(client, url)[0]
    for n in range(2):
        _, evaluation = _station(world, n)
        evaluation.season = season
        evaluation.save()
    three, page = _queries(client, url)
    assert "新站1" in page
    assert one == three


def test_the_account_list_queries_the_same_for_1_and_3_more_accounts(world):
    client = _coordinator(world)
    one = _queries(client, "/setup/accounts/")[0]
    agency = world.evaluation.agency
    for n in range(2):
        user = f.UserFactory(username=f"pool{n}")
        f.MembershipFactory(user=user, organisation=agency, role=Role.EXPERT)
    three, page = _queries(client, "/setup/accounts/")
    assert "pool1" in page
    assert one == three


def test_the_expert_pool_queries_the_same_for_1_and_3_more_experts(world):
    client = _coordinator(world)
    one = _queries(client, "/setup/experts/")[0]
    page_one = _queries(client, f"/setup/experts/{world.users[Role.EXPERT].pk}/")[0]
    agency = world.evaluation.agency
    operator = world.evaluation.contract.operator_terms.get().operator
    for n in range(2):
        user = f.UserFactory(username=f"pool{n}")
        f.MembershipFactory(user=user, organisation=agency, role=Role.EXPERT)
        ExpertProfile.objects.create(user=user, expertise="社区治理")
        ExpertTie.objects.create(user=user, organisation=operator, nature=f"顾问{n}")
        ExpertTie.objects.create(
            user=world.users[Role.EXPERT], organisation=operator, nature=f"督导{n}"
        )
        f.AssignmentFactory(evaluation=world.neighbour_evaluation, user=user, role=Role.EXPERT)
    three, page = _queries(client, "/setup/experts/")
    page_three, expert_page = _queries(client, f"/setup/experts/{world.users[Role.EXPERT].pk}/")
    assert "顾问1" in page
    assert "督导1" in expert_page
    assert one == three
    assert page_one == page_three
