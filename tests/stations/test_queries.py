"""Pages make the same number of queries however many rows they show."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_home_query_count_is_the_same_for_1_and_3_evaluations(world):
    client = world.client("bureau")
    url = reverse("home")
    one = _queries(client, url)
    for _ in range(2):
        f.EvaluationFactory(
            contract__station=f.StationFactory(street=world.station.street),
            agency=world.evaluation.agency,
        )
    three = _queries(client, url)
    assert len(client.get(url).context["rows"]) == 4  # the 3 of this street + the neighbour's
    assert one == three


def test_station_page_query_count_is_the_same_for_1_and_3_areas_and_terms(world):
    client = world.client("coordinator")
    url = reverse("station_detail", args=[world.station.pk])
    one = _queries(client, url)
    for _n in range(2):
        area = f.ServiceAreaFactory(station=world.station)
        f.CommunityFactory(service_area=area)
        f.ContractIndicatorFactory(contract=world.evaluation.contract)
    f.ContractFactory(station=world.station, start_date="2022-06-09", end_date="2023-06-08")
    three = _queries(client, url)
    assert one == three
