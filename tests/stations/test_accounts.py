"""Accounts: logging out says so; one's password is changed in the portal, and must be when the
account was created with a temporary one; a forgotten password is reset by e-mail."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from stations.models import AuditEntry, User
from tests import factories as f

pytestmark = pytest.mark.django_db

NEW = "换一个-新密码-2026"


def test_logging_out_says_so(client):
    client.force_login(f.UserFactory(username="someone"))
    response = client.post(reverse("logout"), follow=True)
    assert "您已退出登录。" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_user_changes_their_password(client):
    user = f.UserFactory(username="someone", password="old-password-123")
    client.force_login(user)
    page = client.get(reverse("password_change")).content.decode()
    assert "修改密码" in page
    assert 'name="old_password"' in page
    response = client.post(
        reverse("password_change"),
        {"old_password": "old-password-123", "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "密码已修改。" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert AuditEntry.objects.filter(actor=user, action="account.password_change").exists()


def test_a_wrong_old_password_or_a_weak_new_one_changes_nothing(client):
    user = f.UserFactory(username="someone", password="old-password-123")
    client.force_login(user)
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200
    assert "旧密码不正确" in wrong.content.decode()
    weak = client.post(
        reverse("password_change"),
        {
            "old_password": "old-password-123",
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )
    assert "这个密码太常见了" in weak.content.decode()
    user.refresh_from_db()
    assert user.check_password("old-password-123")
    assert not AuditEntry.objects.filter(action="account.password_change").exists()


def test_an_account_with_a_temporary_password_must_change_it_first(client, world):
    user = world.users["bureau"]
    user.set_password("temporary-123")
    user.must_change_password = True
    user.save()
    client.force_login(user)
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home["Location"] == reverse("password_change")
    evaluation = client.get(reverse("evaluation_detail", args=[world.evaluation.pk]))
    assert evaluation["Location"] == reverse("password_change")
    page = client.get(reverse("password_change")).content.decode()
    assert 'id="must-change"' in page
    assert "您的账号使用的是临时密码" in page
    client.post(
        reverse("password_change"),
        {"old_password": "temporary-123", "new_password1": NEW, "new_password2": NEW},
    )
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("home")).status_code == 200


def test_a_new_account_made_in_the_admin_must_change_its_password(admin_client):
    admin_client.post(
        reverse("admin:stations_user_add"),
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": "Temp-pass-2026",
            "password2": "Temp-pass-2026",
            # the memberships inline, empty
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert User.objects.get(username="newcomer").must_change_password


def test_a_forgotten_password_is_reset_by_e_mail(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = f.UserFactory(username="someone", email="someone@example.com")
    user.must_change_password = True
    user.save()
    response = client.post(reverse("password_reset"), {"email": "someone@example.com"}, follow=True)
    assert "请查收电子邮件" in response.content.decode()
    [message] = mail.outbox
    assert message.subject == "设置社工站评估平台的新密码"
    assert "您的用户名：someone" in message.body
    link = re.search(r"http://testserver(/password/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True
    )
    assert "新密码已设置" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert not user.must_change_password
    assert "此链接已失效" in client.get(link, follow=True).content.decode()  # used once


def test_a_reset_for_an_unknown_address_tells_nothing_and_sends_nothing(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"}, follow=True)
    assert "请查收电子邮件" in response.content.decode()
    assert mail.outbox == []


def test_the_login_page_offers_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
