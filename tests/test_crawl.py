"""Logged in as demo users, following every link from the home page never meets a 5xx: the
crawler of scripts/crawl.py, through Django's test client, over the demo season."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from stations.models import User

_spec = importlib.util.spec_from_file_location(
    "crawl", Path(settings.BASE_DIR) / "scripts" / "crawl.py"
)
crawler = importlib.util.module_from_spec(_spec)
sys.modules["crawl"] = crawler  # its dataclasses look their module up
_spec.loader.exec_module(crawler)


def _fetcher(username: str):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))

    def fetch(path: str):
        response = client.get(path)
        kind = response.get("Content-Type", "")
        if response.streaming:
            b"".join(response.streaming_content)  # read a download to its end
            return response.status_code, kind, ""
        body = response.content.decode() if kind.startswith(crawler.HTML) else ""
        return response.status_code, kind, body

    return fetch


# One user of each kind, and those with the most pages (the walk covers every pattern).
@pytest.mark.slow
@pytest.mark.parametrize(
    "username", ["coordinator", "bureau", "expert1", "staff_xingang", "buyer_chigang"]
)
def test_following_every_link_never_meets_a_server_error(season, username):
    # Every kind of page of every evaluation; of one kind (e.g. its findings), three.
    result = crawler.crawl(username, _fetcher(username), per_shape=3)
    assert result.failures == []
    assert result.visited > 10  # it did get past the home page


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "/"),
        ("/evaluations/12/", "/evaluations/12/"),
        ("/evaluations/12/report/finding/345/", "/evaluations/12/report/finding/N/"),
        ("/evaluations/7/annex/2.xlsx?page=10", "/evaluations/7/annex/N.xlsx?page=N"),
    ],
)
def test_a_page_s_shape_keeps_the_first_number_only(path, expected):
    assert crawler.shape(path) == expected


def test_the_crawler_lists_the_demo_users():
    from evalportal.demo.examples import EXAMPLES
    from stations.demo import DEMO_USERS

    expected = {u.username for u in DEMO_USERS if u.role} | {
        name for e in EXAMPLES for name in (e.staff_username, e.buyer_username)
    }
    assert set(crawler.USERS) == expected
