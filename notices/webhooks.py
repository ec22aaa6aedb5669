"""Posting an event to a work-chat webhook in the format of 企业微信 group robots (an HTTP POST
of ``{"msgtype": "text", "text": {"content": …}}``), with retries: a failed post waits longer
each time (``BACKOFF``) and is given up after the last; each failure is recorded."""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request

from django.utils import timezone

from notices.models import Delivery

BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
)  # after the 1st, 2nd, 3rd and 4th failure; the 5th gives up
TIMEOUT = 10  # seconds


def post(url: str, content: str) -> None:
    """POST the text message; raise on a refused connection, an HTTP error, or a robot that
    answers with a non-zero ``errcode``."""
    data = json.dumps({"msgtype": "text", "text": {"content": content}}).encode()
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"}, method="POST"
    )
    # The address is an organisation's robot, set by its manager over https (services).
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        body = response.read(10_000)
    try:
        answer = json.loads(body or b"{}")
    except ValueError:
        return  # a robot that answers 200 with no JSON accepted the message
    if isinstance(answer, dict) and answer.get("errcode", 0) != 0:
        raise RuntimeError(f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")


def attempt(delivery: Delivery, content: str) -> bool:
    """Try ``delivery`` once; True if it was sent. A failure sets the next try (or gives up)."""
    now = timezone.now()
    delivery.attempts += 1
    try:
        post(delivery.webhook.url, content)
    except (OSError, urllib.error.URLError, RuntimeError, ValueError) as exc:
        delivery.last_error = str(exc)[:200]
        if delivery.attempts > len(BACKOFF):
            delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
        else:
            delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
        delivery.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return False
    delivery.status, delivery.sent_at, delivery.next_attempt_at = Delivery.Status.SENT, now, None
    delivery.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at"])
    return True
