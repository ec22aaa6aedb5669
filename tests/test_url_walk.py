"""The stage × role walk: every URL pattern of the project, requested as every role, an outsider
and an anonymous user, for an evaluation in every status of the lifecycle.

The evaluations are the demo season's (``loaddemo``: one evaluation per status, each worked
through the services as its users would), built once (tests/layers.py). Every request runs in a
savepoint that is rolled back, so no request changes what the next one sees. The patterns come
from the URLconf: a pattern, status or role without an expectation fails the test."""

from __future__ import annotations

import os

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from evalportal.demo.examples import station_users
from stations.models import Evaluation, Role, Status, User
from tests import factories as f
from tests.layers import layer
from tests.walk import parameters, patterns, walked

# Who walks: the demo user holding each role in the walked evaluation, an outsider (the bureau
# of another district) and an anonymous visitor.
ROLES = [
    Role.COORDINATOR,
    Role.EXPERT,
    Role.BUYER,
    Role.SUPERVISION,
    Role.BUREAU,
    Role.STATION_STAFF,
]
EVERYONE = [*ROLES, "outsider", "anonymous"]
C, X, B, S, U, T = ROLES  # coordinator, expert, buyer, supervision, bureau (监督方), staff

ALL = tuple(Status.values)
SETUP, SELF, SITE, DRAFT, FEED, ISSUED, RECT, CLOSED = ALL
AFTER_ISSUE = (ISSUED, RECT, CLOSED)


def only(allowed: dict[str, int], *, others: int = 403, outsider: int = 404, anonymous: int = 302):
    return {
        **{who: allowed.get(who, others) for who in ROLES},
        "outsider": outsider,
        "anonymous": anonymous,
    }


def each(code: int) -> dict[str, int]:
    return only(dict.fromkeys(ROLES, code))


PARTIES_200 = each(200)

# url name → (method, {statuses: expected status per walker}). Each pattern's statuses cover
# the lifecycle exactly once. POSTs carry no data: they show what a forged or empty request
# meets (refused by the form or the service, or by access).
EXPECTED: dict[str, tuple[str, dict[tuple[str, ...], dict[str, int]]]] = {
    "healthz": ("get", {ALL: dict.fromkeys(EVERYONE, 200)}),
    "set_language": ("post", {ALL: dict.fromkeys(EVERYONE, 302)}),
    "scoring:panel": ("get", {ALL: only({X: 403, B: 403, S: 403}, others=200)}),
    "scoring:assignment_add": ("post", {ALL: only({C: 400})}),
    "scoring:panel_draw": ("post", {ALL: only({C: 400})}),
    "scoring:assignment_withdraw": ("post", {ALL: only({C: 302})}),
    "scoring:assignment_accept": ("get", {ALL: only({X: 200})}),
    "scoring:recusal_request": ("post", {ALL: only({T: 400})}),
    "scoring:recusal_decide": (
        "post",
        {(SETUP, SITE, DRAFT, FEED, ISSUED, RECT, CLOSED): only({C: 404}), (SELF,): only({C: 302})},
    ),
    "scoring:sheet": (
        "get",
        {
            (SETUP,): only({}, others=404),
            (SELF, SITE, DRAFT, FEED, ISSUED, RECT, CLOSED): only({C: 200, X: 200}),
        },
    ),
    "scoring:sheet_reopen": (
        "post",
        {
            (SETUP,): only({}, others=404),
            (SELF, SITE, DRAFT, FEED, ISSUED, RECT, CLOSED): only({C: 302}),
        },
    ),
    "scoring:results": ("get", {ALL: only({C: 200, U: 200})}),
    "scoring:panel_scores": ("get", {ALL: only({C: 200, U: 200})}),
    "indicators:indicator_page": ("get", {ALL: only({}, others=200)}),
    "indicators:staffing_page": ("get", {ALL: only({}, others=200)}),
    "indicators:annex": ("get", {ALL: only({}, others=200)}),
    "indicators:self_assessment": ("get", {ALL: only({C: 200, T: 200})}),
    "indicators:template": ("get", {ALL: only({C: 200, T: 200})}),
    "indicators:upload_preview": (
        "get",
        {
            (SETUP,): only({C: 404, T: 404}),
            (SELF, SITE, DRAFT, FEED, ISSUED, RECT, CLOSED): only({C: 200, T: 200}),
        },
    ),
    "indicators:upload_file": (
        "get",
        {
            (SETUP,): only({C: 404, T: 404}),
            (SELF, SITE, DRAFT, FEED, ISSUED, RECT, CLOSED): only({C: 200, T: 200}),
        },
    ),
    "reports:final_reports": ("get", {ALL: only({}, others=200, outsider=200)}),
    "seasons:index": ("get", {ALL: only({C: 200}, outsider=403)}),
    "seasons:season": ("get", {ALL: only({C: 200}, outsider=403)}),
    "seasons:template": ("get", {ALL: only({C: 200}, outsider=403)}),
    "seasons:upload": ("post", {ALL: only({C: 302}, outsider=403)}),
    "seasons:confirm": ("post", {ALL: only({C: 404}, outsider=403)}),
    "seasons:season_new": [
        ("get", {ALL: only({C: 200}, outsider=403)}),
        ("post", {ALL: only({C: 400}, outsider=403)}),
    ],
    "seasons:season_draw": ("post", {ALL: only({C: 302}, outsider=403)}),
    "seasons:season_add": ("post", {ALL: only({C: 400}, outsider=403)}),
    "seasons:dates": [("get", {ALL: only({C: 200})}), ("post", {ALL: only({C: 400})})],
    "seasons:stations": ("get", {ALL: only({C: 200}, outsider=403)}),
    "seasons:station_new": [
        ("get", {ALL: only({C: 200}, outsider=403)}),
        ("post", {ALL: only({C: 400}, outsider=403)}),
    ],
    "seasons:station": ("get", {ALL: only({C: 200}, outsider=403)}),
    "seasons:station_edit": ("post", {ALL: only({C: 400}, outsider=403)}),
    "seasons:area_add": ("post", {ALL: only({C: 400}, outsider=403)}),
    "seasons:contract_new": [
        ("get", {ALL: only({C: 200}, outsider=403)}),
        ("post", {ALL: only({C: 400}, outsider=403)}),
    ],
    "seasons:targets": [
        ("get", {ALL: only({C: 200}, outsider=403)}),
        ("post", {ALL: only({C: 400}, outsider=403)}),
    ],
    # The outsider, a bureau of another district, manages its own district's accounts.
    "seasons:accounts": ("get", {ALL: only({C: 200, U: 200}, outsider=200)}),
    "seasons:account_new": [
        ("get", {ALL: only({C: 200, U: 200}, outsider=200)}),
        ("post", {ALL: only({C: 400, U: 400}, outsider=400)}),
    ],
    "seasons:account_active": ("post", {ALL: only({C: 400, U: 400})}),
    "notices:inbox": ("get", {ALL: only({}, others=200, outsider=200)}),
    "notices:open": ("get", {ALL: only({}, others=404, outsider=404)}),
    "notices:read_all": ("post", {ALL: only({}, others=302, outsider=302)}),
    "notices:preferences": [
        ("get", {ALL: only({}, others=200, outsider=200)}),
        ("post", {ALL: only({}, others=302, outsider=302)}),
    ],
    "notices:webhooks": [
        ("get", {ALL: only({C: 200, U: 200}, outsider=200)}),
        ("post", {ALL: only({C: 400, U: 400}, outsider=400)}),
    ],
    "seasons:experts": ("get", {ALL: only({C: 200}, outsider=403)}),
    "seasons:log": ("get", {ALL: only({C: 200, U: 200}, outsider=200)}),
    "seasons:expert": [
        ("get", {ALL: only({C: 200}, outsider=403)}),
        ("post", {ALL: only({C: 302}, outsider=403)}),
    ],
    "seasons:tie_add": ("post", {ALL: only({C: 400}, outsider=403)}),
    "seasons:tie_remove": ("post", {ALL: only({C: 302}, outsider=403)}),
    "reports:workflow": ("get", {ALL: only({}, others=200)}),
    "reports:preview": (
        "get",
        {
            (SETUP, SELF): only({C: 200, X: 200}),
            (SITE, DRAFT): only({T: 403}, others=200),
            (FEED,): only({}, others=200),
            (ISSUED, RECT, CLOSED): only({C: 200}),
        },
    ),
    "reports:render_draft": (
        "post",
        {
            (SETUP, SELF): only({C: 302, X: 302}),
            (SITE, DRAFT): only({T: 403}, others=302),
            (FEED,): only({}, others=302),
            (ISSUED, RECT, CLOSED): only({C: 302}),
        },
    ),
    "reports:draft_pdf": (
        "get",
        {
            (SETUP, SELF): only({C: 404, X: 404}),
            (SITE, DRAFT): only({T: 403}, others=404),
            (FEED,): only({}, others=200),
            (ISSUED, RECT, CLOSED): only({C: 404}),
        },
    ),
    "reports:findings": (
        "get",
        {
            (SETUP, SELF, SITE, DRAFT, ISSUED, RECT, CLOSED): only({T: 403}, others=200),
            (FEED,): only({}, others=200),
        },
    ),
    "reports:finding_edit": (
        "get",
        {
            (SETUP, SELF, SITE): only({}, others=404),
            (DRAFT,): only({C: 200, X: 200}),
            (FEED,): only({C: 200}),
            (ISSUED, RECT, CLOSED): only({}),
        },
    ),
    "reports:finding_action": (
        "post",
        {
            (SETUP, SELF, SITE): only({}, others=404),
            (DRAFT,): only({C: 404, X: 404}),
            (FEED,): only({C: 404}),
            (ISSUED, RECT, CLOSED): only({}),
        },
    ),
    # The demo's examples cite an evidence file from drafting on (the seed's findings do not).
    "reports:finding_evidence": (
        "get",
        {
            (SETUP, SELF): only({C: 404, X: 404}),
            (SITE,): only({T: 403}, others=404),
            (DRAFT,): only({T: 403}, others=200),
            (FEED,): only({}, others=200),
            (ISSUED,): only({C: 404}),
            (RECT, CLOSED): only({C: 200}),
        },
    ),
    "reports:mask_add": (
        "post",
        {
            (SETUP, SELF, FEED, ISSUED, RECT, CLOSED): only({C: 302}),
            (SITE, DRAFT): only({T: 403}, others=302),
        },
    ),
    "reports:recommendation_add": ("post", {ALL: only({C: 302})}),
    "reports:recommendation_edit": (
        "post",
        {(SETUP, SELF, SITE): only({C: 404}), (DRAFT, FEED, ISSUED, RECT, CLOSED): only({C: 302})},
    ),
    "reports:feedback_send": ("post", {ALL: only({C: 302})}),
    "reports:objection_raise": ("post", {ALL: only({C: 403, X: 403}, others=302)}),
    "reports:objection_answer": (
        "post",
        {(SETUP, SELF, SITE, DRAFT, ISSUED, RECT, CLOSED): only({C: 404}), (FEED,): only({C: 302})},
    ),
    "reports:sign_off": ("post", {ALL: only({C: 403, X: 403}, others=302)}),
    # Issuing: a confirmation page (GET) and the issue itself (POST, refused without the
    # confirmation); once issued, both send the coordinator back to the final report.
    "reports:issue": [
        ("get", {(SETUP, SELF, SITE, DRAFT, FEED): only({C: 200}), AFTER_ISSUE: only({C: 302})}),
        ("post", {(SETUP, SELF, SITE, DRAFT, FEED): only({C: 400}), AFTER_ISSUE: only({C: 302})}),
    ],
    # The list of renderings, polled while one runs: whoever sees the draft box.
    "reports:render_status": (
        "get",
        {
            (SETUP, SELF): only({C: 200, X: 200}),
            (SITE, DRAFT): only({T: 403}, others=200),
            (FEED,): only({}, others=200),
            AFTER_ISSUE: only({C: 200}),
        },
    ),
    "reports:recommendation_action": ("post", {ALL: only({C: 404})}),
    "reports:final_pdf": (
        "get",
        {
            (SETUP, SELF, SITE, DRAFT, FEED): only({X: 403, S: 403}, others=404),
            (ISSUED, RECT, CLOSED): only({X: 403, S: 403}, others=200),
        },
    ),
    "reports:rectification": ("get", {ALL: only({X: 403, S: 403}, others=200)}),
    "reports:rectification_update": (
        "post",
        {
            (SETUP, SELF, SITE, DRAFT, FEED): only({}, others=404),
            (ISSUED, RECT, CLOSED): only({T: 302}),
        },
    ),
    "home": ("get", {ALL: only({}, others=200, outsider=200)}),
    "login": ("get", {ALL: only({}, others=302, outsider=302, anonymous=200)}),
    "station_detail": ("get", {ALL: only({}, others=200)}),
    "evaluation_detail": ("get", {ALL: only({}, others=200)}),
    "evaluation_log": ("get", {ALL: only({C: 200, U: 200})}),
    "evaluation_log_xlsx": ("get", {ALL: only({C: 200, U: 200})}),
    # Accounts: one's own password for anyone logged in; a forgotten one for anyone at all.
    "password_change": ("get", {ALL: only({}, others=200, outsider=200)}),
    "password_change_done": ("get", {ALL: only({}, others=200, outsider=200)}),
    "password_reset": ("get", {ALL: dict.fromkeys(EVERYONE, 200)}),
    "password_reset_done": ("get", {ALL: dict.fromkeys(EVERYONE, 200)}),
    "password_reset_confirm": ("get", {ALL: dict.fromkeys(EVERYONE, 200)}),
    "password_reset_complete": ("get", {ALL: dict.fromkeys(EVERYONE, 200)}),
    "evaluation_change_status": ("post", {ALL: only({C: 400})}),
    "logout": ("post", {ALL: dict.fromkeys(EVERYONE, 302)}),
}


# Discovering (WALK_DISCOVER=folder) writes what each walker meets, to review before it becomes
# an expectation; a pattern not in EXPECTED yet is walked with GET unless it is listed here.
DISCOVER_POSTS = {"reports:recommendation_action"}


def methods_of(name: str) -> list[tuple[str, dict]]:
    """A pattern's (method, table) pairs: one, or a list of them when GET and POST differ."""
    entry = EXPECTED[name]
    return entry if isinstance(entry, list) else [entry]


def expected_for(name: str, status: str, method: str | None = None) -> dict[str, int]:
    [table] = [t for m, t in methods_of(name) if method in (None, m)][:1] or [{}]
    cells = [codes for statuses, codes in table.items() if status in statuses]
    assert len(cells) == 1, f"{name} {method}: {len(cells)} expectations for {status}"
    return cells[0]


@layer(parent="season")
def walks(_season):
    """One walk per status: the season's evaluation in it and the demo user of each role."""
    far = f.BureauFactory()
    f.MembershipFactory(user=f.UserFactory(username="outsider"), organisation=far, role="bureau")
    staff_and_buyer = station_users()
    walks = {}
    for evaluation in Evaluation.objects.with_station():
        staff, buyer = staff_and_buyer[evaluation.contract.station.name]
        users = {
            Role.COORDINATOR: "coordinator",
            Role.EXPERT: "expert1",
            Role.BUYER: buyer,
            Role.SUPERVISION: "supervision",
            Role.BUREAU: "bureau",
            Role.STATION_STAFF: staff,
            "outsider": "outsider",
        }
        walks.setdefault(evaluation.status, walked(evaluation, users))
    return walks


def test_the_walk_knows_every_pattern_status_and_role():
    found = {name for name, _route, _p in patterns() if not name.startswith("admin:")}
    assert sorted(found - set(EXPECTED)) == [], "add these URL names to EXPECTED"
    assert sorted(set(EXPECTED) - found) == [], "EXPECTED names no URL any more"
    assert set(ROLES) == set(Role.values), "a role the walk does not walk"
    for name in EXPECTED:
        for method, _table in methods_of(name):
            for status in Status.values:
                codes = expected_for(name, status, method)
                assert set(codes) == set(EVERYONE), (name, method, status)


def _request(client: Client, method: str, url: str):
    with transaction.atomic():
        response = getattr(client, method)(url)
        if response.streaming:  # read a download to its end: closing it ends the request
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return response


# The walks share one database (the season's, every request rolled back), so a URL that names
# no evaluation (home, log-in, the final-report list) answers the same user the same in every
# walk: it is requested once per user, and the other walks check its answer. Keyed by the walks'
# build, so a rebuilt layer asks again.
_ANSWERED: dict[tuple[int, str, str, str], int] = {}


def _status_code(walks, walk, clients, who: str, method: str, url: str, names_evaluation: bool):
    if names_evaluation or who == "anonymous":
        return _request(clients[who], method, url).status_code
    key = (id(walks), walk.users[who], method, url)
    if key not in _ANSWERED:
        _ANSWERED[key] = _request(clients[who], method, url).status_code
    return _ANSWERED[key]


def _clients(walk) -> dict[str, Client]:
    clients = {}
    for who in EVERYONE:
        client = Client(raise_request_exception=False)  # a 500 is a cell like any other
        if who != "anonymous":
            client.force_login(User.objects.get(username=walk.users[who]))
        clients[who] = client
    return clients


@pytest.mark.slow
@pytest.mark.parametrize("status", Status.values)
def test_every_pattern_for_every_role_in_every_status(walks, status):
    walk = walks[status]
    assert walk.evaluation.status == status
    clients = _clients(walk)
    discover = os.environ.get("WALK_DISCOVER")
    wrong, seen = [], {}
    for name, _route, pattern in sorted(patterns(), key=lambda p: p[0] == "logout"):
        if name.startswith("admin:"):
            continue
        kwargs = {key: walk.kwargs[key] for key in parameters(pattern)}
        names_evaluation = bool(kwargs)
        if name == "station_detail":  # the one pattern whose pk is not an evaluation's
            kwargs["pk"] = walk.kwargs["station"]
        url = reverse(name, kwargs=kwargs)
        if name in EXPECTED:
            pairs = methods_of(name)
        else:  # discovering a new pattern: guess its method
            pairs = [("post" if name in DISCOVER_POSTS else "get", {})]
        for method, _table in pairs:
            expected = {} if discover else expected_for(name, status, method)
            got = seen.setdefault(f"{name} {method}", {})
            for who in EVERYONE:
                code = _status_code(walks, walk, clients, who, method, url, names_evaluation)
                got[who] = code
                if code >= 500 or (not discover and code != expected[who]):
                    wrong.append(
                        f"{name} {who}: {method.upper()} {url} → {code}, "
                        f"expected {expected.get(who)}"
                    )
    if discover:  # WALK_DISCOVER=folder: write what each walker met, to review
        with open(f"{discover}/{status}.txt", "w") as out:
            for name, got in seen.items():
                out.write(f"{name}: {' '.join(f'{w}={c}' for w, c in got.items())}\n")
    assert wrong == [], "\n".join(wrong)


def test_the_admin_sends_every_walker_to_its_log_in(walks):
    walk = walks[Status.ISSUED]
    clients = _clients(walk)
    wrong = []
    for name, _route, pattern in patterns():
        if not name.startswith("admin:"):
            continue
        url = reverse(name, kwargs={key: walk.kwargs[key] for key in parameters(pattern)})
        expected = 200 if name == "admin:login" else 302
        for who in EVERYONE:
            response = _request(clients[who], "get", url)
            if response.status_code != expected:
                wrong.append((name, who, response.status_code))
    assert wrong == []
