"""`loaddemo`: the seed evaluation, loaded faithfully and idempotently."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from indicators.models import IndicatorActual, StaffingFigure
from stations.demo import DEMO_PASSWORD
from stations.models import Evaluation, Role, Station

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, list]:
    """Every row of every table of our apps, as plain values."""
    return {
        model._meta.label: sorted(map(str, model.objects.values_list()))
        for app in ("stations", "indicators", "scoring", "reports")
        for model in apps.get_app_config(app).get_models()
        if model._meta.label != "stations.User"
    }


def _load(**options) -> str:
    out = StringIO()
    call_command("loaddemo", stdout=out, **options)
    return out.getvalue()


def test_loaddemo_twice_leaves_the_same_data(settings):
    settings.DEBUG = True
    _load()
    first = _snapshot()
    _load()
    assert _snapshot() == first
    counts = {label: len(rows) for label, rows in first.items()}
    assert counts["stations.Station"] == 1
    assert counts["stations.ServiceArea"] == 4
    assert counts["stations.Community"] == 7
    assert counts["stations.OperatorTerm"] == 2
    assert counts["stations.Evaluation"] == 1
    assert counts["indicators.ContractIndicator"] == 15
    assert counts["scoring.ScoreSheet"] == 8  # five experts and three representatives
    assert counts["indicators.SelfAssessmentUpload"] == 1  # the seed's figures, imported once
    assert counts["indicators.Filing"] == 7


def test_loaddemo_refuses_to_run_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG is off"):
        _load()
    assert not Station.objects.exists()


def test_loaddemo_loads_the_seed_as_the_report_states_it(settings):
    settings.DEBUG = True
    output = _load()
    evaluation = Evaluation.objects.with_station().get()
    contract = evaluation.contract
    assert contract.station.name == "官洲街社工服务站"
    assert contract.station.street.district.name == "海珠区"
    assert (contract.start_date, contract.end_date) == (dt.date(2024, 6, 9), dt.date(2025, 6, 8))
    assert contract.budget == Decimal("2160000.00")
    assert contract.required_staff == 18
    assert [
        (t.operator.name, t.start_date, t.end_date)
        for t in contract.operator_terms.select_related("operator")
    ] == [
        ("广州市明心社会工作服务中心", dt.date(2024, 6, 9), dt.date(2024, 7, 8)),
        ("广州市越秀区穗青社会工作服务中心", dt.date(2024, 7, 9), dt.date(2025, 6, 8)),
    ]
    assert [
        (area.name, [c.name for c in area.communities.all()])
        for area in contract.station.service_areas.all()
    ] == [
        ("北山片区", ["北山社区"]),
        ("官洲片区", ["官洲社区"]),
        ("赤沙片区", ["赤沙东南约社区", "赤沙西北约社区", "学院社区"]),
        ("仑头片区", ["仑头东社区", "仑头西社区"]),
    ]
    assert (evaluation.on_site_date, evaluation.data_cutoff_date) == (
        dt.date(2025, 3, 14),
        dt.date(2024, 12, 31),
    )
    actuals = {
        a.indicator.label: (a.value, a.indicator.target)
        for a in IndicatorActual.objects.select_related("indicator")
    }
    assert actuals["电话访问"] == (1842, 2001)
    assert actuals["个案结案"] == (19, 60)
    assert actuals["新登记志愿者"] == (73, 200)
    staffing = [
        (s.average_staff, s.certified, s.senior, s.intermediate, s.assistant, s.uncertified)
        for s in StaffingFigure.objects.order_by("operator_term__start_date")
    ]
    assert staffing == [(17, 16, 1, 6, 9, 1), (18, 13, 0, 4, 9, 5)]
    # One demo user per role, listed with the password.
    for role in Role:
        assert str(role.label) in output
    assert DEMO_PASSWORD in output


def test_demo_station_page_shows_areas_communities_and_both_operators(settings, client):
    settings.DEBUG = True
    _load()
    client.force_login(_demo_user("bureau"))
    station = Station.objects.get()
    response = client.get(reverse("station_detail", args=[station.pk]))
    page = response.content.decode()
    assert len(response.context["service_areas"]) == 4
    assert response.context["community_count"] == 7
    for name in ["北山片区", "官洲片区", "赤沙片区", "仑头片区", "学院社区", "仑头西社区"]:
        assert name in page
    assert "广州市明心社会工作服务中心" in page and "广州市越秀区穗青社会工作服务中心" in page
    assert "共 7 个社区，划分为 4 个片区" in page
    assert "2,160,000.00 元" in page


def test_every_demo_user_can_log_in_and_sees_the_seed_evaluation(settings, client):
    settings.DEBUG = True
    _load()
    for username in ["coordinator", "expert3", "buyer", "supervision", "bureau", "staff"]:
        client.force_login(_demo_user(username))
        rows = client.get(reverse("home")).context["rows"]
        assert [r.evaluation.contract.station.name for r in rows] == ["官洲街社工服务站"], username


def _demo_user(username: str):
    """A demo user, whose password is the published one."""
    from stations.models import User

    user = User.objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD), username
    return user
