"""The Django admin, in Chinese, opens every registered model's list and a change page."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from stations.models import User


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
    assert "社工站" in page and "评估方案" in page
