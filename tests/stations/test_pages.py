"""The evaluation page and the frame around every page, as each party sees them (on the demo
season)."""

from __future__ import annotations

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
        assert 'id="result"' in page and "总分 74.7" in page and "等级 合格" in page, username
    drafting = _of("赤岗街社工服务站（示例）")
    page = _get(client, "staff_chigang", reverse("evaluation_detail", args=[drafting.pk]))
    assert 'id="result"' not in page  # not before it is published


def test_steps_that_cannot_be_undone_ask_first(season, client):
    issued = _of("江海街社工服务站（示例）")
    page = _get(client, "coordinator", reverse("evaluation_detail", args=[issued.pk]))
    assert 'value="closed"' in page and "此步骤不能撤回" in page
    setup = _of("南洲街社工服务站（示例）")
    page = _get(client, "coordinator", reverse("evaluation_detail", args=[setup.pk]))
    assert 'value="self_assessment"' in page and "此步骤不能撤回" not in page


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
    assert 'class="navbar' in body and "社工站评估平台" in body
    assert 'href="/"' in body and "返回我的评估" in body and "data-back" in body
    assert "Traceback" not in body
