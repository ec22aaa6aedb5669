"""The Django admin, in Chinese, opens every registered model's list and a change page."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from stations.models import Assignment, Evaluation, User


@pytest.fixture
def superuser_client(season, client):
    client.force_login(User.objects.get(username="admin"))
    return client


def test_every_admin_list_and_a_change_page_open(superuser_client):
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        first = model.objects.first()
        if first is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            assert superuser_client.get(change).status_code == 200, change


def test_the_admin_speaks_chinese(superuser_client):
    page = superuser_client.get(reverse("admin:index")).content.decode()
    assert "社工站评估平台 · 后台管理" in page
    assert "社工站" in page
    assert "评估方案" in page


def test_the_admin_names_third_party_apps_in_chinese(superuser_client):
    page = superuser_client.get(reverse("admin:index")).content.decode()
    for chinese in ("登录限制", "登录尝试记录", "登录日志", "后台任务"):
        assert chinese in page, chinese
    for english in ("Axes", "Access attempts", "Task Results", "Tasks Database Backend"):
        assert english not in page, english


def test_the_admin_shows_an_evaluations_status_and_panel_without_editing_them(superuser_client):
    evaluation = Evaluation.objects.get(contract__station__name="赤岗街社工服务站（示例）")
    url = reverse("admin:stations_evaluation_change", args=[evaluation.pk])
    page = superuser_client.get(url).content.decode()
    assert 'name="status"' not in page  # shown, not a field
    assert "报告撰写" in page
    assert 'name="assignments-0-user"' not in page
    before = list(Assignment.objects.filter(evaluation=evaluation).values_list("pk", "status"))
    form = {
        "contract": evaluation.contract_id,
        "agency": evaluation.agency_id,
        "stage": evaluation.stage,
        "on_site_date": evaluation.on_site_date.isoformat(),
        "data_cutoff_date": evaluation.data_cutoff_date.isoformat(),
        "scheme": evaluation.scheme_id,
        "remarks": evaluation.remarks,
        "status": "closed",  # forged: not a field of the form
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "0",
        "assignments-0-user": "1",
        "assignments-0-role": "expert",
    }
    superuser_client.post(url, form)
    evaluation.refresh_from_db()
    assert evaluation.status == "drafting"
    after = list(Assignment.objects.filter(evaluation=evaluation).values_list("pk", "status"))
    assert after == before


def test_an_account_with_history_cannot_be_deleted_one_without_can(superuser_client):
    expert = User.objects.get(username="expert1")  # on every panel of the demo season
    delete = reverse("admin:stations_user_delete", args=[expert.pk])
    assert superuser_client.get(delete).status_code == 403
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=expert.pk).exists()
    blank = User.objects.create_user("blank", password="x")
    page = superuser_client.get(reverse("admin:stations_user_delete", args=[blank.pk]))
    assert page.status_code == 200
    listing = superuser_client.get(reverse("admin:stations_user_changelist"))
    assert "delete_selected" not in listing.content.decode()  # no bulk deletion around the check
