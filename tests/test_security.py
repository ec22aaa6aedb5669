"""Security settings: production passes `check --deploy`, headers, no inline script, login
throttling, uploads capped, error pages that leak nothing."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_production_settings_pass_check_deploy(tmp_path):
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}},
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "evalportal.example.gov.cn",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_pages_carry_a_strict_content_security_policy(world):
    response = world.client("bureau").get(reverse("home"))
    policy = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]:
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_no_template_has_inline_script_or_style(template):
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler"
    assert not re.search(r"<style\b", text), "inline style"
    assert not re.search(r"\sstyle=", text), "inline style"


def test_logins_are_throttled(db, settings):
    from tests.factories import UserFactory

    UserFactory(username="victim", password="correct-horse-battery-staple")
    client = Client()
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "victim", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    assert client.post(url, {"username": "victim", "password": "wrong"}).status_code == 429
    # Locked out: even the right password is refused now.
    response = client.post(url, {"username": "victim", "password": "correct-horse-battery-staple"})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_session_cookie_is_http_only_and_expires(db):
    from tests.factories import UserFactory

    UserFactory(username="someone", password="correct-horse-battery-staple")
    response = Client().post(
        reverse("login"), {"username": "someone", "password": "correct-horse-battery-staple"}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_a_server_error_page_leaks_nothing():
    response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "服务器错误" in body
    assert "Traceback" not in body
    assert "settings" not in body.lower()


def test_a_missing_page_tells_nothing_of_what_exists(world):
    body = world.client("coordinator").get("/evaluations/99999/").content.decode()
    assert "No such evaluation" not in body
    assert "Traceback" not in body
    assert "未找到" in body


def test_an_upload_over_the_limit_is_refused_before_reading(world, settings):
    settings.SELF_ASSESSMENT_MAX_BYTES = 70 * 1024
    world.evaluation.status = "on_site"
    world.evaluation.save()
    big = SimpleUploadedFile("big.xlsx", b"PK" + b"\0" * (settings.SELF_ASSESSMENT_MAX_BYTES + 1))
    response = world.client("station_staff").post(
        reverse("indicators:self_assessment", args=[world.evaluation.pk]), {"file": big}
    )
    assert response.status_code == 400
    assert "文件大于" in response.content.decode()


def test_password_validators_refuse_weak_passwords(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        validate_password("12345678")
    assert {e.code for e in exc.value.error_list} == {
        "password_entirely_numeric",
        "password_too_common",
    }
    with pytest.raises(ValidationError) as exc:
        validate_password("password")
    assert [e.code for e in exc.value.error_list] == ["password_too_common"]
