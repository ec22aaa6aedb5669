"""The work-chat channel: an organisation's group robot receives what its people are told, in
the 企业微信 format, from a real HTTP server on 127.0.0.1; a server that fails twice gets the
message on the third try, after growing pauses; a webhook is set by whoever manages the
organisation's accounts, over https, and audited."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from notices.models import Delivery, Webhook
from notices.tasks import send_webhook
from stations.enums import AuditAction, Role, Status
from stations.models import AuditEntry, Organisation
from stations.services import audit_record


class Robot:
    """A group robot on 127.0.0.1 that answers 500 to its first ``fail`` posts."""

    def __init__(self, fail: int = 0) -> None:
        self.received: list[dict] = []
        self.fail = fail
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if robot.fail > 0:
                    robot.fail -= 1
                    self.send_response(500)
                    self.end_headers()
                    return
                robot.received.append(json.loads(body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"errcode": 0, "errmsg": "ok"}')

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/cgi-bin/webhook/send?key=k"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot():
    made: list[Robot] = []

    def make(fail: int = 0) -> Robot:
        made.append(Robot(fail))
        return made[-1]

    yield make
    for r in made:
        r.close()


def _draft_sent(world) -> None:
    audit_record(
        actor=world.users[Role.COORDINATOR],
        action=AuditAction.EVALUATION_STATUS,
        evaluation=world.evaluation,
        changes={"status": [Status.DRAFTING, Status.FEEDBACK], "round": 1},
    )


def _office(world) -> Organisation:
    return Organisation.objects.get(street=world.station.street)


def test_the_street_office_s_group_hears_the_draft_was_sent(
    world, robot, django_capture_on_commit_callbacks
):
    group = robot()
    Webhook.objects.create(organisation=_office(world), url=group.url)
    with django_capture_on_commit_callbacks(execute=True):
        _draft_sent(world)
    [message] = group.received
    assert message["msgtype"] == "text"
    text = message["text"]["content"]
    assert text.startswith("【社工站评估平台】官洲街社工服务站（中期）：")
    assert "将报告初稿发出征求意见（第 1 轮）" in text
    assert f"/evaluations/{world.evaluation.pk}/report/" in text
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_a_group_that_fails_twice_gets_the_message_on_the_third_try(
    world, robot, django_capture_on_commit_callbacks
):
    group = robot(fail=2)
    Webhook.objects.create(organisation=_office(world), url=group.url)
    with django_capture_on_commit_callbacks(execute=True):
        _draft_sent(world)  # the action stands whatever the group answers
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, 1)
    assert "500" in delivery.last_error
    first_pause = delivery.next_attempt_at - AuditEntry.objects.latest("pk").at
    out = StringIO()
    call_command("retry_deliveries", stdout=out)
    assert Delivery.objects.get().attempts == 1  # its pause is not over: not tried
    assert "重试 0 条工作群消息" in out.getvalue()
    for _ in range(2):
        Delivery.objects.update(next_attempt_at=delivery.next_attempt_at.replace(year=2000))
        out = StringIO()
        call_command("retry_deliveries", stdout=out)
        assert "重试 1 条工作群消息" in out.getvalue()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 3)
    assert len(group.received) == 1
    assert 50 <= first_pause.total_seconds() <= 70  # a minute after the first failure


def test_a_group_that_never_answers_is_given_up_after_five_tries(world, robot):
    Webhook.objects.create(organisation=_office(world), url="http://127.0.0.1:9/none")
    _draft_sent(world)
    delivery = Delivery.objects.get()
    for _ in range(5):
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=None)
        send_webhook.call(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 5)
    assert delivery.last_error


def test_a_webhook_is_set_by_who_manages_the_organisation_over_https(world, settings):
    settings.WEBHOOK_ALLOW_HTTP = False
    bureau = Client()
    bureau.force_login(world.users[Role.BUREAU])
    office = _office(world)
    plain = bureau.post("/inbox/webhooks/", {"organisation": office.pk, "url": "http://x.cn/"})
    assert plain.status_code == 400
    assert "以 https:// 开头" in plain.content.decode()
    ftp = bureau.post("/inbox/webhooks/", {"organisation": office.pk, "url": "ftp://x.cn/"})
    assert ftp.status_code == 400
    assert not Webhook.objects.exists()
    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret"
    bureau.post("/inbox/webhooks/", {"organisation": office.pk, "url": url})
    assert Webhook.objects.get().url == url
    listing = bureau.get("/inbox/webhooks/").content.decode()
    assert "qyapi.weixin.qq.com/cgi-bin/webhook/send?…" in listing
    assert "secret" not in listing  # the robot's key is not shown again
    entry = AuditEntry.objects.get(action=AuditAction.WEBHOOK_SET)
    assert "secret" not in json.dumps(entry.changes)  # the robot's key stays out of the log
    far = Client()
    far.force_login(world.users["far_bureau"])
    refused = far.post("/inbox/webhooks/", {"organisation": office.pk, "url": url})
    assert refused.status_code == 400  # not an organisation of its district
    cleared = bureau.post(
        "/inbox/webhooks/", {"organisation": office.pk, "url": ""}, follow=True
    ).content.decode()
    assert "工作群机器人已删除" in cleared
    assert not Webhook.objects.exists()
    staff = Client()
    staff.force_login(world.users[Role.STATION_STAFF])
    assert staff.get("/inbox/webhooks/").status_code == 403
