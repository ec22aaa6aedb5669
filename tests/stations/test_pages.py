"""The evaluation page and the frame around every page, as each party sees them (on the demo
season)."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from stations.models import Evaluation, User

pytestmark = pytest.mark.django_db


def _get(client, username, url):
    client.force_login(User.objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200, (username, url)
    return response.content.decode()


def _of(station):
    return Evaluation.objects.get(contract__station__name=station)


def test_every_party_sees_the_published_result_once_the_report_is_issued(season, client):
    issued = _of("江海街社工服务站（示例）")
    url = reverse("evaluation_detail", args=[issued.pk])
    for username in ("staff_jianghai", "buyer_jianghai", "supervision", "expert1"):
        page = _get(client, username, url)
        assert 'id="result"' in page, username
        assert "总分 74.7" in page, username
        assert "等级 合格" in page, username
    drafting = _of("赤岗街社工服务站（示例）")
    page = _get(client, "staff_chigang", reverse("evaluation_detail", args=[drafting.pk]))
    assert 'id="result"' not in page  # not before it is published


def test_steps_that_cannot_be_undone_ask_first(season, client):
    issued = _of("江海街社工服务站（示例）")
    page = _get(client, "coordinator", reverse("evaluation_detail", args=[issued.pk]))
    assert 'value="closed"' in page
    assert "此步骤不能撤回" in page
    setup = _of("南洲街社工服务站（示例）")
    page = _get(client, "coordinator", reverse("evaluation_detail", args=[setup.pk]))
    assert 'value="self_assessment"' in page
    assert "此步骤不能撤回" not in page


@pytest.mark.parametrize(
    ("username", "shown"),
    [
        ("bureau", True),
        ("buyer", True),
        ("staff", True),
        ("coordinator", True),
        ("supervision", False),  # never downloads a final report
        ("expert1", False),
    ],
)
def test_the_final_reports_menu_is_for_those_who_can_have_any(season, client, username, shown):
    page = _get(client, username, reverse("home"))
    assert (f'href="{reverse("reports:final_reports")}"' in page) == shown


def test_the_server_error_page_has_the_portals_frame_and_a_way_back_without_a_database():
    # No database access is allowed in this test: the page must not need one.
    response = server_error(RequestFactory().get("/evaluations/1/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert 'class="navbar' in body
    assert "社工站评估平台" in body
    assert 'href="/"' in body
    assert "返回我的评估" in body
    assert "data-back" in body
    assert "Traceback" not in body


def test_a_provisional_total_is_pending_with_what_is_missing(season, client):
    drafting = _of("赤岗街社工服务站（示例）")  # every sheet in but the bureau's
    page = _get(client, "coordinator", reverse("scoring:results", args=[drafting.pk]))
    assert '<div class="display-5" id="published-total">待定</div>' in page
    assert 'id="grade"' not in page
    summary = re.search(r'<div id="pending">(.*?)</div>', page, re.S).group(1)
    assert re.fullmatch(r"已得 \d+(\.\d+)? 分，尚缺区民政局 10 分", summary.strip()), summary
    assert "待各方评分全部提交后确定" in page


def test_the_results_page_names_its_card_total_score_and_writes_bands_with_chinese_colons(
    season, client
):
    issued = _of("瑞宝街社工服务站（示例）")
    page = _get(client, "bureau", reverse("scoring:results", args=[issued.pk]))
    assert ">总分</div>" in page
    assert "优秀：≥ 90" in page
    assert "优秀:" not in page


def test_a_draft_without_figures_prints_no_raw_token(season, client):
    setup = _of("南洲街社工服务站（示例）")
    page = _get(client, "coordinator", reverse("reports:preview", args=[setup.pk]))
    assert "【" not in page
    assert "（暂缺）" in page
