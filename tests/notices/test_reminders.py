"""Reminders and the daily digest (``send_reminders``, run with a frozen clock through its
``--date``): a step is reminded of N days before its day and on the day it becomes late, once;
a person who chose the daily e-mail gets the day's messages in one mail, once; one who chose the
inbox only gets no mail."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from notices.models import Channel, Notification, Preference
from stations.enums import AuditAction, Role, Status
from stations.services import audit_record

DUE = dt.date(2025, 3, 10)


@pytest.fixture
def pending(world, settings):
    """The panel's expert has not accepted 官洲街 yet; the answer is due on 10 March."""
    settings.REMINDER_DAYS_BEFORE = 2
    for name, user in world.users.items():
        user.email = f"{name}@example.org"
        user.save()
    world.evaluation.status = Status.SELF_ASSESSMENT
    world.evaluation.acceptance_due = DUE
    world.evaluation.save()
    world.evaluation.assignments.update(status="pending")
    return world


def _run(day: dt.date) -> str:
    out = StringIO()
    call_command("send_reminders", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


def test_a_step_is_reminded_before_its_day_and_on_becoming_late_once_each(pending):
    assert "0 条提醒" in _run(DUE - dt.timedelta(days=3))
    assert mail.outbox == []
    assert "1 条提醒" in _run(DUE - dt.timedelta(days=2))
    [before] = mail.outbox
    assert before.to == ["expert@example.org"]
    assert before.subject == "社工站评估平台：待办提醒"
    assert "官洲街社工服务站（中期）：确认分配并声明利益关系，将于 2025-03-10 到期" in before.body
    assert "/accept/" in before.body
    assert "0 条提醒" in _run(DUE - dt.timedelta(days=2))  # the same day again: nothing twice
    assert len(mail.outbox) == 1
    assert "0 条提醒" in _run(DUE)
    _run(DUE + dt.timedelta(days=1))
    assert "已于 2025-03-10 到期，现已逾期" in mail.outbox[-1].body
    _run(DUE + dt.timedelta(days=1))
    _run(DUE + dt.timedelta(days=5))
    assert len(mail.outbox) == 2


def test_the_daily_digest_gathers_the_messages_of_those_who_chose_it(
    pending, django_capture_on_commit_callbacks
):
    world = pending
    staff, buyer = world.users[Role.STATION_STAFF], world.users[Role.BUYER]
    action = AuditAction.EVALUATION_STATUS
    Preference.objects.create(user=staff, action=action, channel=Channel.DIGEST)
    Preference.objects.create(user=buyer, action=action, channel=Channel.INBOX)
    with django_capture_on_commit_callbacks(execute=True):
        audit_record(
            actor=world.users[Role.COORDINATOR],
            action=action,
            evaluation=world.evaluation,
            changes={"status": [Status.DRAFTING, Status.FEEDBACK], "round": 1},
        )
    mailed = sorted(m.to[0] for m in mail.outbox)
    assert mailed == ["bureau@example.org", "supervision@example.org"]  # at once
    assert Notification.objects.filter(user__in=[staff, buyer]).count() == 2  # in the inbox
    mail.outbox.clear()
    out = _run(DUE + dt.timedelta(days=30))
    assert "1 份每日动态" in out
    [digest] = [m for m in mail.outbox if m.subject == "社工站评估平台：今日动态"]
    assert digest.to == ["station_staff@example.org"]
    assert "将报告初稿发出征求意见（第 1 轮）" in digest.body
    assert "0 份每日动态" in _run(DUE + dt.timedelta(days=30))  # not twice
    assert not [m for m in mail.outbox if "buyer@" in m.to[0]]  # inbox only: no mail


def test_a_bad_date_is_refused(pending):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "2025-02-30", stdout=StringIO())


def test_a_person_chooses_how_they_hear_of_each_kind(pending):
    client = Client()
    staff = pending.users[Role.STATION_STAFF]
    client.force_login(staff)
    page = client.get("/inbox/preferences/").content.decode()
    assert "报告初稿发出征求意见" in page
    response = client.post("/inbox/preferences/", {AuditAction.REPORT_ISSUE.value: "digest"})
    assert response.url == "/inbox/preferences/"
    assert list(Preference.objects.filter(user=staff).values_list("action", "channel")) == [
        (AuditAction.REPORT_ISSUE.value, "digest")
    ]
    refused = client.post("/inbox/preferences/", {AuditAction.REPORT_ISSUE.value: "pigeon"})
    assert refused.status_code == 400
    assert Preference.objects.get(user=staff).channel == "digest"
