"""Notifications: each event tells the people who must act on it or should know it, and no one
else (never the person who did it, never an outsider); they reach the inbox, with its unread
count in the top bar, and the mail outbox in Chinese; a mail that fails is recorded and the
action stands."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from notices.models import Delivery, Notification, Webhook
from reports.models import FeedbackRound, Objection, SignOff
from scoring import services as scoring_services
from stations import services as station_services
from stations.enums import AuditAction, Role, Status
from stations.models import AuditEntry
from stations.services import audit_record
from tests import factories as f

C, X, B, S, U, T = (
    Role.COORDINATOR,
    Role.EXPERT,
    Role.BUYER,
    Role.SUPERVISION,
    Role.BUREAU,
    Role.STATION_STAFF,
)
EVERYONE = (C, X, B, S, U, T, "far_bureau", "unassigned_expert", "nobody")


@pytest.fixture
def people(world):
    for name, user in world.users.items():
        user.email = f"{name}@example.org"
        user.save()
    return world


def _told(world) -> set[str]:
    ids = set(Notification.objects.values_list("user_id", flat=True))
    return {name for name, user in world.users.items() if user.pk in ids}


def _round(world) -> FeedbackRound:
    return FeedbackRound.objects.create(
        evaluation=world.evaluation, number=1, sent_by=world.users[C]
    )


def _event(world, action, by, **changes) -> None:
    audit_record(actor=world.users[by], action=action, evaluation=world.evaluation, changes=changes)


@pytest.mark.parametrize(
    ("what", "told"),
    [
        ("draft sent", {B, S, U, T}),
        ("objection raised", {C}),
        ("objection answered", {T}),
        ("report issued", {X, B, S, U, T}),  # the coordinator issued it
        ("rectification reported done", {U}),
        ("rectification reported in progress", set()),
        ("rectification reviewed", {T}),
        ("figures uploaded", {C, X}),
        ("recusal requested", {C}),
        ("recusal decided", {X, T}),  # the expert concerned and the station that asked
        ("a sheet saved", set()),  # asks nothing of anyone
    ],
)
def test_each_event_tells_the_right_people_and_no_one_else(
    people, django_capture_on_commit_callbacks, what, told
):
    world = people
    with django_capture_on_commit_callbacks(execute=True):
        if what == "draft sent":
            _event(
                world, AuditAction.EVALUATION_STATUS, C, status=[Status.DRAFTING, Status.FEEDBACK]
            )
        elif what == "objection raised":
            _event(world, AuditAction.OBJECTION_RAISE, T, party="station")
        elif what == "objection answered":
            objection = Objection.objects.create(
                round=_round(world), party="station", raised_by=world.users[T], reason="数字有误"
            )
            _event(
                world, AuditAction.OBJECTION_ANSWER, C, objection=objection.pk, answer="rejected"
            )
        elif what == "report issued":
            _event(world, AuditAction.REPORT_ISSUE, C, status=[Status.FEEDBACK, Status.ISSUED])
        elif what == "rectification reported done":
            _event(world, AuditAction.RECTIFICATION_UPDATE, T, item=1, status="done")
        elif what == "rectification reported in progress":
            _event(world, AuditAction.RECTIFICATION_UPDATE, T, item=1, status="in_progress")
        elif what == "rectification reviewed":
            _event(world, AuditAction.RECTIFICATION_REVIEW, U, item=1, review="returned")
        elif what == "figures uploaded":
            _event(world, AuditAction.SELF_ASSESSMENT_APPLY, T, upload=1)
        elif what == "recusal requested":
            _event(world, AuditAction.RECUSAL_REQUEST, T, expert="专家")
        elif what == "recusal decided":
            expert = world.users[X]
            _event(world, AuditAction.RECUSAL_DECIDE, C, expert_pk=expert.pk, decision="granted")
        else:
            _event(world, AuditAction.SHEET_SAVE, X, sheet=1)
    assert _told(world) == told
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"{name}@example.org" for name in told)


def test_an_assignment_tells_the_assigned_expert(people, django_capture_on_commit_callbacks):
    world = people
    with django_capture_on_commit_callbacks(execute=True):
        scoring_services.assignment_create(
            evaluation=world.evaluation,
            user=world.users["unassigned_expert"],
            role=Role.EXPERT,
            by=world.users[C],
        )
    assert _told(world) == {"unassigned_expert"}
    [message] = mail.outbox
    assert message.subject == "社工站评估平台：官洲街社工服务站（中期）有新动态"
    # The panel page is the coordinator's: the expert is sent to the evaluation, where they accept.
    assert f"/evaluations/{world.evaluation.pk}/\n" in message.body


def test_the_coordinator_is_told_once_every_party_has_signed_off(people):
    world = people
    round_ = _round(world)
    parties = [("bureau", U), ("buyer", B), ("station", T), ("supervision", S)]
    for n, (party, role) in enumerate(parties, start=1):
        SignOff.objects.create(round=round_, party=party, user=world.users[role])
        _event(world, AuditAction.FEEDBACK_SIGN_OFF, role, party=party, round=1)
        assert _told(world) == ({C} if n == len(parties) else set())


def test_the_inbox_shows_what_happened_counts_the_unread_and_opening_one_reads_it(people):
    world = people
    status = [Status.DRAFTING, Status.FEEDBACK]
    _event(world, AuditAction.EVALUATION_STATUS, C, status=status, round=1)
    staff = Client()
    staff.force_login(world.users[T])
    home = staff.get("/").content.decode()
    assert '<span class="badge text-bg-danger" id="unread">1</span>' in home
    assert "1 条新消息" in home  # beside the menu button, for a phone
    inbox = staff.get("/inbox/").content.decode()
    assert f"{world.users[C]}将报告初稿发出征求意见（第 1 轮）。" in inbox
    assert 'data-read="0"' in inbox  # shown as new
    notification = Notification.objects.get(user=world.users[T])
    opened = staff.get(f"/inbox/{notification.pk}/")
    assert opened.url == f"/evaluations/{world.evaluation.pk}/report/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert 'id="unread"' not in staff.get("/").content.decode()
    other = Client()
    other.force_login(world.users[B])
    assert other.get(f"/inbox/{notification.pk}/").status_code == 404  # not theirs


def test_a_message_leads_only_to_a_page_its_reader_may_open(people):
    """The street office is told it was assigned; the panel page is the coordinator's."""
    world = people
    audit_record(
        actor=world.users[C],
        action=AuditAction.ASSIGNMENT_CREATE,
        evaluation=world.evaluation,
        changes={"user": "buyer", "user_pk": world.users[B].pk, "role": Role.BUYER},
    )
    buyer = Client()
    buyer.force_login(world.users[B])
    notification = Notification.objects.get(user=world.users[B])
    assert buyer.get(f"/inbox/{notification.pk}/").url == f"/evaluations/{world.evaluation.pk}/"


def test_a_mail_that_fails_is_recorded_and_the_action_stands(
    people, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notices.failing.Backend"
    world = people
    with django_capture_on_commit_callbacks(execute=True):
        _event(world, AuditAction.OBJECTION_RAISE, T, party="station")
    notification = Notification.objects.get()
    assert notification.mailed_at is None
    assert "连接被拒绝" in notification.mail_error
    assert notification.mail_attempts == 1
    assert notification.next_mail_at > notification.created_at  # tried again after a pause
    assert AuditEntry.objects.filter(action=AuditAction.OBJECTION_RAISE).exists()
    # The server is back; once the pause is over the retry sends it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("retry_deliveries", stdout=StringIO())
    assert mail.outbox == []  # its pause is not over
    Notification.objects.update(next_mail_at=notification.created_at)
    out = StringIO()
    call_command("retry_deliveries", stdout=out)
    assert "1 封邮件" in out.getvalue()
    [message] = mail.outbox
    assert message.to == ["coordinator@example.org"]
    notification.refresh_from_db()
    assert notification.mailed_at is not None
    assert notification.mail_attempts == 2


def test_an_outsider_is_never_told(people):
    world = people
    f.MembershipFactory(
        user=f.UserFactory(username="far_staff"),
        organisation=f.OperatorFactory(),
        role=Role.STATION_STAFF,
        station=world.far,
    )
    _event(world, AuditAction.REPORT_ISSUE, C, status=[Status.FEEDBACK, Status.ISSUED])
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert not told & {"far_bureau", "unassigned_expert", "nobody", "far_staff", "coordinator"}


def test_a_new_account_finds_its_welcome_in_the_inbox(people, django_capture_on_commit_callbacks):
    world = people
    office = world.users[B].memberships.get().organisation
    with django_capture_on_commit_callbacks(execute=True):
        created = station_services.account_create(
            username="newbuyer",
            full_name="陈新",
            email="chen@example.org",
            organisation=office,
            role=Role.BUYER,
            by=world.users[C],
        )
    created.set_password("设置好的密码-2025")
    created.save()
    client = Client()
    client.force_login(created)
    inbox = client.get("/inbox/").content.decode()
    assert "开设了账号 newbuyer" in inbox
    assert [m.subject for m in mail.outbox] == ["社工站评估平台：请设置您的密码"]  # only the link


def test_an_account_opened_in_an_organisation_with_a_group_posts_nothing_there(
    people, django_capture_on_commit_callbacks
):
    world = people
    office = world.users[B].memberships.get().organisation
    Webhook.objects.create(organisation=office, url="http://127.0.0.1:9/none")
    with django_capture_on_commit_callbacks(execute=True):
        station_services.account_create(
            username="newbuyer",
            full_name="陈新",
            email="chen@example.org",
            organisation=office,
            role=Role.BUYER,
            by=world.users[C],
        )
    assert Notification.objects.filter(user__username="newbuyer").exists()
    assert not Delivery.objects.exists()  # the group hears of its evaluations' events only
