"""Every URL pattern of the project, for every role, an outsider and an anonymous user.

The patterns come from the URLconf, so a new view cannot escape: a pattern without an entry in
``EXPECTED`` fails the test. The demo evaluation is issued; a few objects the demo lacks (a
recusal request, an objection, a draft rendering, an evidence file) are added so that every
pattern has something to point at."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from indicators.models import SelfAssessmentUpload
from reports.models import (
    FeedbackRound,
    Finding,
    Objection,
    Recommendation,
    Rectification,
    RenderJob,
)
from scoring.models import RecusalRequest, ScoreSheet
from stations.models import Assignment, Evaluation, User
from tests import factories as f

PARTIES = ["coordinator", "expert1", "buyer", "supervision", "bureau", "staff"]
EVERYONE = [*PARTIES, "outsider", "anonymous"]


def only(allowed: dict[str, int], *, others: int = 403, outsider: int = 404, anonymous: int = 302):
    return {
        **{who: allowed.get(who, others) for who in PARTIES},
        "outsider": outsider,
        "anonymous": anonymous,
    }


ALL_PARTIES_200 = only(dict.fromkeys(PARTIES, 200))

# url name → (method, expected status per user). The demo evaluation's report is issued, so
# writes are refused by the services (a redirect with a message) where access allows them.
EXPECTED: dict[str, tuple[str, dict[str, int]]] = {
    "healthz": ("get", dict.fromkeys(EVERYONE, 200)),
    "set_language": ("post", dict.fromkeys(EVERYONE, 302)),
    "home": ("get", {**dict.fromkeys([*PARTIES, "outsider"], 200), "anonymous": 302}),
    "login": ("get", {**dict.fromkeys([*PARTIES, "outsider"], 302), "anonymous": 200}),
    "logout": ("post", dict.fromkeys(EVERYONE, 302)),
    "station_detail": ("get", ALL_PARTIES_200),
    "evaluation_detail": ("get", ALL_PARTIES_200),
    "evaluation_log": ("get", only({"coordinator": 200, "bureau": 200})),
    "evaluation_change_status": ("post", only({"coordinator": 400})),
    "scoring:panel": ("get", only({"coordinator": 200, "bureau": 200, "staff": 200})),
    "scoring:assignment_add": ("post", only({"coordinator": 400})),
    "scoring:assignment_withdraw": ("post", only({"coordinator": 302})),
    "scoring:assignment_accept": ("get", only({"expert1": 200})),
    "scoring:recusal_request": ("post", only({"staff": 400})),
    "scoring:recusal_decide": ("post", only({"coordinator": 302})),
    "scoring:sheet": ("get", only({"coordinator": 200, "expert1": 200})),
    "scoring:sheet_reopen": ("post", only({"coordinator": 302})),
    "scoring:results": ("get", only({"coordinator": 200, "bureau": 200})),
    "scoring:panel_scores": ("get", only({"coordinator": 200, "bureau": 200})),
    "indicators:indicator_page": ("get", ALL_PARTIES_200),
    "indicators:staffing_page": ("get", ALL_PARTIES_200),
    "indicators:annex": ("get", ALL_PARTIES_200),
    "indicators:self_assessment": ("get", only({"coordinator": 200, "staff": 200})),
    "indicators:template": ("get", only({"coordinator": 200, "staff": 200})),
    "indicators:upload_preview": ("get", only({"coordinator": 200, "staff": 200})),
    "indicators:upload_file": ("get", only({"coordinator": 200, "staff": 200})),
    "reports:final_reports": (
        "get",
        {**dict.fromkeys([*PARTIES, "outsider"], 200), "anonymous": 302},
    ),
    "reports:workflow": ("get", ALL_PARTIES_200),
    "reports:preview": ("get", only({"coordinator": 200})),
    "reports:render_draft": ("post", only({"coordinator": 302})),
    "reports:draft_pdf": ("get", only({"coordinator": 200})),
    "reports:findings": (
        "get",
        only(dict.fromkeys(["coordinator", "expert1", "buyer", "supervision", "bureau"], 200)),
    ),
    "reports:finding_edit": ("get", only({})),
    "reports:finding_action": ("post", only({})),
    "reports:finding_evidence": ("get", only({"coordinator": 200})),
    "reports:mask_add": ("post", only({"coordinator": 302})),
    "reports:recommendation_add": ("post", only({"coordinator": 302})),
    "reports:recommendation_edit": ("post", only({"coordinator": 302})),
    "reports:feedback_send": ("post", only({"coordinator": 302})),
    "reports:objection_raise": (
        "post",
        only(dict.fromkeys(["buyer", "supervision", "bureau", "staff"], 302)),
    ),
    "reports:objection_answer": ("post", only({"coordinator": 302})),
    "reports:sign_off": (
        "post",
        only(dict.fromkeys(["buyer", "supervision", "bureau", "staff"], 302)),
    ),
    "reports:issue": ("post", only({"coordinator": 302})),
    "reports:final_pdf": (
        "get",
        only(dict.fromkeys(["coordinator", "bureau", "buyer", "staff"], 200)),
    ),
    "reports:rectification": (
        "get",
        only(dict.fromkeys(["coordinator", "bureau", "buyer", "staff"], 200)),
    ),
    "reports:rectification_update": ("post", only({"staff": 302})),
}
# The Django admin: everyone here is sent to its log-in (none of them is staff), which shows
# its form to all.
ADMIN = dict.fromkeys(EVERYONE, 302)
ADMIN_LOGIN = dict.fromkeys(EVERYONE, 200)


def patterns(resolver: URLResolver | None = None, namespace: str = "", prefix: str = ""):
    """(qualified name, route, pattern) of every named URL pattern."""
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from patterns(item, ns, prefix + str(item.pattern))
        elif isinstance(item, URLPattern) and item.name:
            yield f"{namespace}{item.name}", prefix + str(item.pattern), item


@pytest.fixture
def demo(db, settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):  # the final report's rendering
        call_command("loaddemo", stdout=StringIO())
    settings.DEBUG = False
    evaluation = Evaluation.objects.get()
    far = f.BureauFactory()
    f.MembershipFactory(user=f.UserFactory(username="outsider"), organisation=far, role="bureau")
    coordinator = User.objects.get(username="coordinator")
    expert2 = Assignment.objects.get(evaluation=evaluation, user__username="expert2")
    finding = Finding.objects.filter(evaluation=evaluation).first()
    finding.evidence.save("签到表.pdf", ContentFile(b"%PDF-1.7 evidence"))
    job = RenderJob.objects.create(
        evaluation=evaluation, kind="draft", status="done", requested_by=coordinator
    )
    job.pdf.save("draft.pdf", ContentFile(b"%PDF-1.7 draft"))
    round_ = FeedbackRound.objects.get(evaluation=evaluation)
    return {
        "pk": evaluation.pk,
        "station": evaluation.contract.station_id,
        "sheet_pk": ScoreSheet.objects.get(
            evaluation=evaluation, assignment__user__username="expert1"
        ).pk,
        "assignment_pk": Assignment.objects.get(evaluation=evaluation, user__username="expert1").pk,
        "request_pk": RecusalRequest.objects.create(
            assignment=expert2, requested_by=User.objects.get(username="staff"), reason="理由"
        ).pk,
        "upload_pk": SelfAssessmentUpload.objects.get(evaluation=evaluation).pk,
        "number": 1,
        "section": "project_management",
        "finding_pk": finding.pk,
        "recommendation_pk": Recommendation.objects.filter(evaluation=evaluation).first().pk,
        "objection_pk": Objection.objects.create(
            round=round_,
            party="station",
            raised_by=User.objects.get(username="staff"),
            subject="持证率",
            reason="理由",
        ).pk,
        "job_pk": job.pk,
        "item_pk": Rectification.objects.filter(evaluation=evaluation).first().pk,
        # the admin's own parameters
        "app_label": "stations",
        "object_id": "1",
        "content_type_id": "1",
        "id": "1",
        "url": "x",
    }


def test_every_url_pattern_is_walked_for_every_user(demo):
    found = list(patterns())
    missing = [
        name for name, _route, _p in found if name not in EXPECTED and not name.startswith("admin:")
    ]
    assert missing == [], f"add these URL names to EXPECTED: {missing}"
    stale = set(EXPECTED) - {name for name, _r, _p in found}
    assert stale == set(), f"EXPECTED names no URL any more: {stale}"

    clients = {who: Client() for who in EVERYONE}
    for who, client in clients.items():
        if who != "anonymous":
            client.force_login(User.objects.get(username=who))

    wrong = []
    # Logging out ends the sessions the rest of the walk needs: do it last.
    for name, _route, pattern in sorted(found, key=lambda item: item[0] == "logout"):
        parameters = pattern.pattern.converters or pattern.pattern.regex.groupindex
        kwargs = {key: demo[key] for key in parameters}
        if name == "station_detail":  # the one pattern whose pk is not an evaluation's
            kwargs["pk"] = demo["station"]
        if name == "admin:login":
            method, expected = "get", ADMIN_LOGIN
        elif name.startswith("admin:"):
            method, expected = "get", ADMIN
        else:
            method, expected = EXPECTED[name]
        try:
            url = reverse(name, kwargs=kwargs)
        except Exception as exc:  # pragma: no cover - a pattern this test cannot fill
            wrong.append((name, "cannot reverse", str(exc)))
            continue
        for who in EVERYONE:
            response = getattr(clients[who], method)(url)
            if response.streaming:  # reading a download to its end closes its file
                b"".join(response.streaming_content)
            if response.status_code != expected[who]:
                wrong.append(
                    (
                        name,
                        who,
                        f"{method.upper()} {url} → {response.status_code}, "
                        f"expected {expected[who]}",
                    )
                )
    assert wrong == [], "\n".join(map(str, wrong))


def test_objects_of_another_station_street_or_district_are_never_shown(world):
    from django.urls import reverse as r

    checks = {
        "buyer": [
            r("station_detail", args=[world.neighbour.pk]),
            r("evaluation_detail", args=[world.neighbour_evaluation.pk]),
        ],
        "station_staff": [
            r("station_detail", args=[world.neighbour.pk]),
            r("indicators:indicator_page", args=[world.neighbour_evaluation.pk]),
        ],
        "bureau": [
            r("station_detail", args=[world.far.pk]),
            r("scoring:results", args=[world.far_evaluation.pk]),
        ],
        "supervision": [r("reports:workflow", args=[world.far_evaluation.pk])],
    }
    for who, urls in checks.items():
        client = world.client(who)
        for url in urls:
            assert client.get(url).status_code == 404, (who, url)
        home = client.get(r("home")).content.decode()
        assert "北京街社工服务站" not in home
