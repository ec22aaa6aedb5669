"""The set-up pages as the coordinator uses them: the seasons, a season's evaluations searched
and filtered, the workbook downloaded, uploaded, previewed and confirmed. A coordinator of
another agency sees none of it; nobody else may open it."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from stations.enums import AuditAction
from stations.models import AuditEntry, Evaluation, Season, Station, User
from tests import factories as f
from tests.seasons.test_setup_workbook import _new_season_file, _snapshot


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(seed):
    return _client(User.objects.get(username="coordinator"))


@pytest.fixture
def demo_season(seed):
    evaluation = seed.evaluation
    season = Season.objects.create(
        agency=evaluation.agency,
        district=seed.station.street.district,
        stage=evaluation.stage,
        year=seed.contract.start_date.year,
        on_site_from=evaluation.on_site_date,
        on_site_until=evaluation.on_site_date,
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(season=season)
    return season


def test_the_coordinator_sees_the_agency_s_seasons_and_a_season_s_evaluations(
    coordinator, demo_season
):
    page = coordinator.get("/setup/").content.decode()
    assert f'href="/setup/seasons/{demo_season.pk}/"' in page
    assert "海珠区 2024—2025 中期" in page
    season = coordinator.get(f"/setup/seasons/{demo_season.pk}/").content.decode()
    assert "官洲街社工服务站" in season
    assert (
        "官洲街社工服务站"
        not in coordinator.get(f"/setup/seasons/{demo_season.pk}/", {"q": "南洲"}).content.decode()
    )
    assert (
        "官洲街社工服务站"
        in coordinator.get(
            f"/setup/seasons/{demo_season.pk}/", {"q": "官洲", "status": "drafting"}
        ).content.decode()
        or Evaluation.objects.get(season=demo_season).status != "drafting"
    )
    filtered = coordinator.get(f"/setup/seasons/{demo_season.pk}/", {"status": "closed"})
    assert "没有符合条件的评估" in filtered.content.decode()


def test_a_coordinator_of_another_agency_sees_none_of_it(seed, demo_season):
    other = f.UserFactory(username="other_coordinator")
    f.MembershipFactory(user=other, organisation=f.AgencyFactory(), role="coordinator")
    client = _client(other)
    assert "海珠区 2024—2025 中期" not in client.get("/setup/").content.decode()
    assert client.get(f"/setup/seasons/{demo_season.pk}/").status_code == 404
    assert client.get(f"/setup/template.xlsx?season={demo_season.pk}").status_code == 404


@pytest.mark.parametrize("asked", ["", "x", "-1", "1.5", "99999"])
def test_a_workbook_of_no_such_season_is_not_found(coordinator, asked):
    response = coordinator.get("/setup/template.xlsx", {"season": asked})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")  # no workbook
    assert "未找到" in response.content.decode()


@pytest.mark.parametrize("username", ["bureau", "expert1", "buyer", "staff"])
def test_nobody_but_a_coordinator_opens_set_up(seed, username):
    client = _client(User.objects.get(username=username))
    assert client.get("/setup/").status_code == 403
    assert 'href="/setup/"' not in client.get("/").content.decode()


def test_the_district_s_workbook_holds_its_stations(coordinator, demo_season):
    response = coordinator.get(f"/setup/template.xlsx?season={demo_season.pk}")
    assert (
        "海珠区设置表.xlsx" in response["Content-Disposition"]
        or "filename*=" in response["Content-Disposition"]
    )
    book = load_workbook(BytesIO(b"".join([response.content])))
    assert [c.value for c in book["社工站"][2]][:3] == ["海珠区", "官洲街", "官洲街社工服务站"]


def test_an_upload_is_previewed_then_written_on_confirmation(coordinator, seed):
    upload = BytesIO(_new_season_file())
    upload.name = "海珠区.xlsx"
    before = _snapshot()
    preview = coordinator.post("/setup/import/", {"file": upload})
    page = preview.content.decode()
    assert "新增社工站 海珠区官洲街官洲街第二社工服务站" in page
    assert _snapshot() == before  # the preview wrote nothing
    token = page.split('action="/setup/import/')[1].split("/")[0]
    done = coordinator.post(f"/setup/import/{token}/", follow=True)
    assert "已导入" in done.content.decode()
    assert Station.objects.filter(name="官洲街第二社工服务站").exists()
    assert AuditEntry.objects.filter(action=AuditAction.SETUP_IMPORT).count() == 1
    # The same confirmation again finds nothing to write.
    assert coordinator.post(f"/setup/import/{token}/").status_code == 404


def test_a_bad_upload_lists_its_problems_and_writes_nothing(coordinator, seed):
    upload = BytesIO(b"PK not really")
    upload.name = "x.xlsx"
    before = _snapshot()
    response = coordinator.post("/setup/import/", {"file": upload})
    assert response.status_code == 400
    assert "文件已损坏" in response.content.decode()
    assert 'action="/setup/import/' not in response.content.decode()
    assert _snapshot() == before
