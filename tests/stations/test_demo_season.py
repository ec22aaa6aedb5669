"""The demo season as `loaddemo` leaves it (loaded once for the module): the seed evaluation,
faithfully, and an illustrative evaluation in every status, each worked by its demo users."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from fontTools.ttLib import TTFont

from indicators.models import (
    IndicatorActual,
    StaffingFigure,
)
from reports.models import Finding, Objection, Rectification, Section, SignOff
from scoring.models import RecusalRequest, ScoreSheet
from stations.demo import DEMO_PASSWORD
from stations.models import Evaluation, Role, Station
from tests.conftest import STAND_IN_PDF

pytestmark = pytest.mark.django_db


def test_the_demo_season_holds_an_evaluation_in_every_status(season):
    out = StringIO()
    call_command("evaluations", stdout=out)
    lines = [line.split("\t") for line in out.getvalue().splitlines()]
    assert [(name, status) for _pk, name, _year, _stage, status in lines] == [
        ("官洲街社工服务站", "已出具报告"),
        ("南洲街社工服务站（示例）", "筹备"),
        ("琶洲街社工服务站（示例）", "自我评审"),
        ("华洲街社工服务站（示例）", "实地评估"),
        ("赤岗街社工服务站（示例）", "报告撰写"),
        ("新港街社工服务站（示例）", "报告反馈"),
        ("江海街社工服务站（示例）", "整改"),
        ("瑞宝街社工服务站（示例）", "已结束"),
    ]
    for evaluation in Evaluation.objects.exclude(contract__station__name="官洲街社工服务站"):
        assert evaluation.remarks.startswith("示例数据"), evaluation


def test_the_demo_season_is_in_the_state_each_status_shows(season):
    def of(street):
        return Evaluation.objects.get(contract__station__name=f"{street}社工服务站（示例）")

    setup = of("南洲街")
    assert sorted(setup.assignments.values_list("user__username", "status")) == [
        ("bureau", "active"),
        ("buyer_nanzhou", "active"),
        ("expert1", "pending"),  # has not accepted yet
        ("expert2", "active"),
        ("expert3", "active"),
        ("supervision", "active"),
    ]
    waiting = of("琶洲街")
    assert waiting.self_assessment_uploads.get().status == "applied"
    assert RecusalRequest.objects.get(assignment__evaluation=waiting).decision == "pending"
    on_site = of("华洲街")
    assert sorted(
        ScoreSheet.objects.filter(evaluation=on_site).values_list(
            "assignment__user__username", "status"
        )
    ) == [
        ("bureau", "draft"),
        ("buyer_huazhou", "submitted"),
        ("expert1", "draft"),
        ("expert2", "submitted"),
        ("expert5", "draft"),
        ("supervision", "draft"),
    ]
    drafting = of("赤岗街")
    assert set(Finding.objects.filter(evaluation=drafting).values_list("section", flat=True)) == {
        value for value, _label in Section.choices
    }
    assert not ScoreSheet.objects.get(evaluation=drafting, party="bureau").is_submitted
    feedback = of("新港街")
    objections = Objection.objects.filter(round__evaluation=feedback)
    assert sorted(objections.values_list("party", "answer")) == [
        ("bureau", "partly"),
        ("station", ""),  # open
    ]
    assert sorted(
        SignOff.objects.filter(round__evaluation=feedback).values_list("party", flat=True)
    ) == ["bureau", "supervision"]
    rectifying = of("江海街")
    assert sorted(
        Rectification.objects.filter(evaluation=rectifying).values_list("status", "review")
    ) == sorted(
        [("done", "accepted"), ("in_progress", "returned"), ("done", "pending")]
        + [("in_progress", "pending")]
        + [("open", "pending")] * (rectifying.rectifications.count() - 4)
    )
    closed = of("瑞宝街")
    assert set(Rectification.objects.filter(evaluation=closed).values_list("status", "review")) == {
        ("done", "accepted")
    }
    for issued in (rectifying, closed):
        with issued.final_report.pdf.open("rb") as pdf:
            assert pdf.read() == STAND_IN_PDF  # what the renderer gave


def test_every_character_of_the_season_s_reports_has_a_glyph(season):
    """The season's PDFs are stand-ins (tests/conftest.py); what WeasyPrint would meet is checked
    here: every character of every report loaddemo had rendered is in the report's fonts (the
    seed's real PDF is rendered in tests/reports/test_pdf.py)."""
    assert len(season.report_html) == 3  # the drafts and final reports loaddemo renders
    text = set("".join(_text_of(html) for html in season.report_html))
    for family in ("Noto Serif CJK SC", "Noto Sans CJK SC"):
        cmap = _cmap(family)
        missing = sorted(c for c in text - set(" \n\t\r\xa0") if ord(c) not in cmap)
        assert missing == [], (family, missing)


def _text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data) -> None:
        if not self._skip:
            self.parts.append(data)


def _cmap(family: str) -> set[int]:
    found = subprocess.run(
        ["fc-match", "-f", "%{file}\n%{index}", family], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    with TTFont(found[0], fontNumber=int(found[1]), lazy=True) as font:
        return set(font.getBestCmap())


def test_loaddemo_loads_the_seed_as_the_report_states_it(season):
    output = season.output
    evaluation = Evaluation.objects.with_station().get(contract__station__name="官洲街社工服务站")
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
        for a in IndicatorActual.objects.filter(evaluation=evaluation).select_related("indicator")
    }
    assert actuals["电话访问"] == (1842, 2001)
    assert actuals["个案结案"] == (19, 60)
    assert actuals["新登记志愿者"] == (73, 200)
    staffing = [
        (s.average_staff, s.certified, s.senior, s.intermediate, s.assistant, s.uncertified)
        for s in StaffingFigure.objects.filter(evaluation=evaluation).order_by(
            "operator_term__start_date"
        )
    ]
    assert staffing == [(17, 16, 1, 6, 9, 1), (18, 13, 0, 4, 9, 5)]
    # One demo user per role, listed with the password.
    for role in Role:
        assert str(role.label) in output
    assert DEMO_PASSWORD in output


def test_demo_station_page_shows_areas_communities_and_both_operators(season, client):
    client.force_login(_demo_user("bureau"))
    station = Station.objects.get(name="官洲街社工服务站")
    response = client.get(reverse("station_detail", args=[station.pk]))
    page = response.content.decode()
    assert len(response.context["service_areas"]) == 4
    assert response.context["community_count"] == 7
    for name in ["北山片区", "官洲片区", "赤沙片区", "仑头片区", "学院社区", "仑头西社区"]:
        assert name in page
    assert "广州市明心社会工作服务中心" in page
    assert "广州市越秀区穗青社会工作服务中心" in page
    assert "共 7 个社区，划分为 4 个片区" in page
    assert "2,160,000.00 元" in page


def test_every_demo_user_sees_the_evaluations_their_organisation_is_party_to(season, client):
    everything = set(Station.objects.values_list("name", flat=True))
    seen_by = {
        "coordinator": everything,
        "supervision": everything,
        "bureau": everything,
        "buyer": {"官洲街社工服务站"},
        "staff": {"官洲街社工服务站"},
        "staff_xingang": {"新港街社工服务站（示例）"},
        "buyer_jianghai": {"江海街社工服务站（示例）"},
        "expert4": {
            "官洲街社工服务站",
            "琶洲街社工服务站（示例）",
            "赤岗街社工服务站（示例）",
            "瑞宝街社工服务站（示例）",
        },
    }
    for username, stations in seen_by.items():
        client.force_login(_demo_user(username))
        rows = client.get(reverse("home")).context["rows"]
        assert {r.evaluation.contract.station.name for r in rows} == stations, username


def _demo_user(username: str):
    """A demo user, whose password is the published one."""
    from stations.models import User

    user = User.objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD), username
    return user
