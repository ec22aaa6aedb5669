"""The draft → feedback → final workflow: who may do what, and what each step changes."""

from __future__ import annotations

import hashlib
import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from reports import checks, services
from reports.models import FinalReport, Finding, Objection, Rectification, RenderJob, SignOff
from stations.models import AuditEntry, Status, User
from tests import factories as f
from tests.reports.conftest import sign_all

PEOPLE = ["coordinator", "expert1", "buyer", "supervision", "bureau", "staff"]


@pytest.fixture
def outsider(db):
    user = f.UserFactory(username="outsider")
    f.MembershipFactory(user=user, organisation=f.BureauFactory(), role="bureau")
    return user


def client(username: str) -> Client:
    c = Client()
    if username != "anonymous":
        c.force_login(User.objects.get(username=username))
    return c


def matrix(allowed: dict[str, int], default: int = 403):
    return [
        *((who, allowed.get(who, default)) for who in PEOPLE),
        ("outsider", 404),
        ("anonymous", 302),
    ]


@pytest.mark.parametrize(("who", "status"), matrix({"coordinator": 302}))
def test_sending_the_draft(written, outsider, who, status):
    response = client(who).post(reverse("reports:feedback_send", args=[written.evaluation.pk]))
    assert response.status_code == status
    written.evaluation.refresh_from_db()
    assert (written.evaluation.status == Status.FEEDBACK) == (who == "coordinator")


@pytest.mark.parametrize(
    ("who", "status"),
    matrix({"buyer": 302, "supervision": 302, "bureau": 302, "staff": 302}),
)
def test_objecting(in_feedback, outsider, who, status):
    finding = Finding.objects.filter(evaluation=in_feedback.evaluation).first()
    response = client(who).post(
        reverse("reports:objection_raise", args=[in_feedback.evaluation.pk]),
        {"finding": finding.pk, "reason": "数据有误"},
    )
    assert response.status_code == status
    assert Objection.objects.exists() == (status == 302 and who != "anonymous")


@pytest.mark.parametrize(("who", "status"), matrix({"coordinator": 302}))
def test_answering(in_feedback, outsider, who, status):
    objection = services.objection_raise(
        evaluation=in_feedback.evaluation,
        party="station",
        by=User.objects.get(username="staff"),
        subject="持证率",
        reason="应为 13 人",
    )
    response = client(who).post(
        reverse("reports:objection_answer", args=[in_feedback.evaluation.pk, objection.pk]),
        {"answer": "rejected", "text": "数据与上传一致"},
    )
    assert response.status_code == status
    objection.refresh_from_db()
    assert bool(objection.answer) == (who == "coordinator")


@pytest.mark.parametrize(
    ("who", "status"), matrix({"buyer": 302, "supervision": 302, "bureau": 302, "staff": 302})
)
def test_signing_off(in_feedback, outsider, who, status):
    response = client(who).post(
        reverse("reports:sign_off", args=[in_feedback.evaluation.pk]), {"decision": "no_objection"}
    )
    assert response.status_code == status
    assert SignOff.objects.count() == (1 if status == 302 and who != "anonymous" else 0)


@pytest.mark.parametrize(("who", "status"), matrix({"coordinator": 302}))
def test_issuing_is_the_coordinators(
    in_feedback, outsider, who, status, django_capture_on_commit_callbacks
):
    sign_all(in_feedback)
    with django_capture_on_commit_callbacks(execute=True):
        response = client(who).post(
            reverse("reports:issue", args=[in_feedback.evaluation.pk]), {"confirm": "on"}
        )
    assert response.status_code == status
    assert FinalReport.objects.exists() == (who == "coordinator")


def test_the_whole_round_with_an_objection(in_feedback, django_capture_on_commit_callbacks):
    evaluation = in_feedback.evaluation
    staff, coordinator = (
        User.objects.get(username="staff"),
        User.objects.get(username="coordinator"),
    )
    finding = Finding.objects.filter(evaluation=evaluation, section="project_management").first()
    objection = services.objection_raise(
        evaluation=evaluation, party="station", by=staff, finding=finding, reason="请核对持证人数"
    )
    # The station waits for the answer before signing off.
    with pytest.raises(ValidationError, match="请待本方异议得到答复后再给出意见") as refused:
        services.sign_off(evaluation=evaluation, party="station", by=staff, decision="no_objection")
    assert refused.value.code == "unanswered"
    assert gettext("Some objections are not answered.") in checks.issue_problems(evaluation)
    services.objection_answer(
        objection=objection, by=coordinator, answer="partly", text="已补充说明"
    )
    sign_all(in_feedback)
    assert checks.issue_problems(evaluation) == []
    with django_capture_on_commit_callbacks(execute=True):
        job = services.render_request(
            evaluation=evaluation, kind=RenderJob.Kind.FINAL, by=coordinator
        )
    job.refresh_from_db()
    assert job.status == RenderJob.Status.DONE
    evaluation.refresh_from_db()
    assert evaluation.status == Status.ISSUED
    report = FinalReport.objects.get(evaluation=evaluation)
    with report.pdf.open("rb") as handle:
        stored = handle.read()
    assert hashlib.sha256(stored).hexdigest() == report.sha256
    assert report.size == len(stored)
    # The concerns became rectification items.
    concerns = Finding.objects.filter(evaluation=evaluation, polarity="concern").count()
    assert Rectification.objects.filter(evaluation=evaluation).count() == concerns
    assert "邱*茵" in " ".join(Rectification.objects.values_list("text", flat=True))
    actions = list(
        AuditEntry.objects.filter(evaluation=evaluation).values_list("action", flat=True)
    )
    for action in ["objection.raise", "objection.answer", "feedback.sign_off", "report.issue"]:
        assert action in actions


def test_a_final_report_cannot_change(in_feedback, django_capture_on_commit_callbacks):
    sign_all(in_feedback)
    coordinator = User.objects.get(username="coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        services.render_request(evaluation=in_feedback.evaluation, kind="final", by=coordinator)
    report = FinalReport.objects.get()
    with pytest.raises(ValueError, match="A final report never changes"):
        report.save()
    in_feedback.evaluation.refresh_from_db()
    with pytest.raises(ValidationError, match="正式报告已出具，不能再更改") as refused:
        services.render_request(evaluation=in_feedback.evaluation, kind="final", by=coordinator)
    assert refused.value.code == "issued"
    with pytest.raises(ValidationError) as exc:  # and nothing of it can be edited any more
        services.finding_save(
            evaluation=in_feedback.evaluation,
            by=coordinator,
            section="bureau",
            polarity="concern",
            text="补充",
        )
    assert exc.value.code == "closed"
    assert FinalReport.objects.count() == 1


def test_a_render_failure_leaves_the_draft_and_reports_the_error(
    in_feedback, django_capture_on_commit_callbacks
):
    evaluation = in_feedback.evaluation
    coordinator = User.objects.get(username="coordinator")
    finding = Finding.objects.filter(evaluation=evaluation).first()
    # A character no installed font has: the rendering refuses rather than print a blank box.
    services.finding_save(
        evaluation=evaluation,
        by=coordinator,
        section=finding.section,
        polarity=finding.polarity,
        service_area=finding.service_area,
        text=finding.text + "𓀀",
        finding=finding,
    )
    sign_all(in_feedback)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.render_request(evaluation=evaluation, kind="final", by=coordinator)
    job.refresh_from_db()
    assert job.status == RenderJob.Status.FAILED
    assert "glyph" in job.error.lower()
    evaluation.refresh_from_db()
    assert evaluation.status == Status.FEEDBACK
    assert not FinalReport.objects.exists()
    assert Finding.objects.filter(evaluation=evaluation).count() == 53
    page = (
        client("coordinator")
        .get(reverse("reports:workflow", args=[evaluation.pk]))
        .content.decode()
    )
    assert "MissingGlyph" in page


def test_a_second_request_while_rendering_does_not_start_another(written):
    coordinator = User.objects.get(username="coordinator")
    first = services.render_request(evaluation=written.evaluation, kind="draft", by=coordinator)
    second = services.render_request(evaluation=written.evaluation, kind="draft", by=coordinator)
    assert first == second
    assert first.status == RenderJob.Status.QUEUED
    assert RenderJob.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_backend_and_its_worker_render_the_draft(settings):
    from indicators.demo import load_seed_figures
    from scoring.demo import load_seed_scores
    from stations.demo import load_seed_station

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    seed = load_seed_station()
    load_seed_figures(seed)
    load_seed_scores(seed)
    coordinator = User.objects.get(username="coordinator")
    job = services.render_request(evaluation=seed.evaluation, kind="draft", by=coordinator)
    job.refresh_from_db()
    assert job.status == RenderJob.Status.QUEUED  # queued, not run in the request
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == RenderJob.Status.DONE
    assert job.pdf.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("who", "status"),
    matrix({"coordinator": 200, "bureau": 200, "buyer": 200, "staff": 200}),
)
def test_downloading_the_final_report(issued, outsider, who, status):
    in_feedback = issued
    response = client(who).get(reverse("reports:final_pdf", args=[in_feedback.evaluation.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert AuditEntry.objects.filter(action="report.download", actor__username=who).exists()


def test_the_bureau_lists_the_final_reports_of_its_district(issued, outsider):
    in_feedback = issued
    page = client("bureau").get(reverse("reports:final_reports")).content.decode()
    assert "官洲街社工服务站" in page
    assert reverse("reports:final_pdf", args=[in_feedback.evaluation.pk]) in page
    assert (
        "官洲街社工服务站"
        not in client("outsider").get(reverse("reports:final_reports")).content.decode()
    )


# While the draft is written, its writers read it: the coordinator, the experts, and the
# representatives who write their party's section; the station reads it once it is sent.
@pytest.mark.parametrize(
    ("who", "status"),
    matrix({"coordinator": 200, "expert1": 200, "buyer": 200, "supervision": 200, "bureau": 200}),
)
def test_reading_the_draft_while_it_is_written(written, outsider, who, status):
    response = client(who).get(reverse("reports:preview", args=[written.evaluation.pk]))
    assert response.status_code == status
    if status == 200:
        assert "分别完成协议指标量的 92.05%、77.64%" in response.content.decode()


def test_the_station_reads_the_draft_once_it_is_sent(in_feedback):
    response = client("staff").get(reverse("reports:preview", args=[in_feedback.evaluation.pk]))
    assert response.status_code == 200
    assert "初稿" in response.content.decode()


def test_writers_write_only_their_own_sections(written):
    evaluation = written.evaluation
    url = reverse("reports:findings", args=[evaluation.pk, "project_management"])
    data = {"polarity": "strength", "text": "新增发现"}
    assert client("buyer").post(url, data).status_code == 403
    assert client("expert1").post(url, data).status_code == 302
    buyer_url = reverse("reports:findings", args=[evaluation.pk, "buyer"])
    assert client("buyer").post(buyer_url, data).status_code == 302
    assert client("expert1").post(buyer_url, data).status_code == 403


def test_an_unknown_figure_name_is_refused(written):
    url = reverse("reports:findings", args=[written.evaluation.pk, "project_management"])
    response = client("expert1").post(url, {"polarity": "strength", "text": "持证率为【持证比例】"})
    assert response.status_code == 400
    assert "【持证比例】" in response.content.decode()


def test_findings_are_reordered(written):
    first, second = Finding.objects.filter(
        evaluation=written.evaluation, section="project_management", polarity="strength"
    ).order_by("position")[:2]
    url = reverse("reports:finding_action", args=[written.evaluation.pk, second.pk])
    client("expert1").post(url, {"action": "up"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.position, first.position) == (1, 2)


def test_rectification_by_the_station_and_review_by_the_bureau(issued):
    in_feedback = issued
    item = Rectification.objects.first()
    url = reverse("reports:rectification_update", args=[in_feedback.evaluation.pk, item.pk])
    assert client("bureau").post(url, {"status": "done", "note": "x"}).status_code == 403
    client("staff").post(url, {"status": "done", "note": "已补签"})
    assert client("staff").post(url, {"form": "review", "accept": "yes"}).status_code == 403
    client("bureau").post(url, {"form": "review", "accept": "yes", "note": "已核实"})
    item.refresh_from_db()
    assert (item.status, item.station_note, item.review, item.review_note) == (
        "done",
        "已补签",
        "accepted",
        "已核实",
    )
    page = client("buyer").get(reverse("reports:rectification", args=[in_feedback.evaluation.pk]))
    assert page.status_code == 200
    assert "已补签" in page.content.decode()


def test_render_report_command_writes_the_draft_pdf_and_html(written, tmp_path):
    pdf, html = tmp_path / "r.pdf", tmp_path / "r.html"
    out = StringIO()
    call_command(
        "render_report", str(written.evaluation.pk), "-o", str(pdf), "--html", str(html), stdout=out
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "分别完成协议指标量的 92.05%、77.64%" in html.read_text(encoding="utf-8")
    assert out.getvalue().startswith(f"{pdf}：当前初稿，")


def _text(html: str) -> str:
    """What a reader of the page reads: the text outside tags, styles and scripts."""
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("caller", ["english", "no catalogue"])
def test_the_report_is_chinese_whatever_the_language_of_its_caller(
    written, tmp_path, settings, caller
):
    """The report's words are its own: neither an English caller nor a machine whose
    translation catalogues were never compiled changes them."""
    html = tmp_path / "r.html"
    if caller == "no catalogue":
        settings.LOCALE_PATHS = []  # the portal's catalogue is not there
    with translation.override("en" if caller == "english" else "zh-hans"):
        call_command(
            "render_report",
            str(written.evaluation.pk),
            "-o",
            str(tmp_path / "r.pdf"),
            "--html",
            str(html),
            stdout=StringIO(),
        )
    text = _text(html.read_text(encoding="utf-8"))
    assert "2024—2025 年度海珠区官洲街社工服务站" in text
    assert "中期评估报告" in text
    assert re.findall(r"[A-Za-z]{2,}", text) == []  # not a word of English


def test_a_reviewed_item_changed_by_the_station_needs_a_new_review(issued):
    item = Rectification.objects.first()
    staff, bureau = User.objects.get(username="staff"), User.objects.get(username="bureau")
    services.rectification_update(item=item, by=staff, status="done", note="已补签")
    services.rectification_review(item=item, by=bureau, accept=True, note="已核实")
    services.rectification_update(item=item, by=staff, status="in_progress", note="发现遗漏")
    item.refresh_from_db()
    assert (item.status, item.review) == ("in_progress", "pending")
    # And it cannot be accepted until it is done again.
    with pytest.raises(ValidationError, match="只能审核社工站已报告完成的事项") as refused:
        services.rectification_review(item=item, by=bureau, accept=True, note="")
    assert refused.value.code == "not_done"


def test_nothing_of_the_report_changes_after_issue(issued):
    coordinator = User.objects.get(username="coordinator")
    evaluation = issued.evaluation
    with pytest.raises(ValidationError) as exc:
        services.masked_name_add(evaluation=evaluation, name="王小明", by=coordinator)
    assert exc.value.code == "closed"
    with pytest.raises(ValidationError) as exc:
        services.recommendation_save(evaluation=evaluation, by=coordinator, text="再加一条")
    assert exc.value.code == "closed"
    with pytest.raises(ValidationError, match="正式报告已出具，不能再更改") as refused:
        services.render_request(evaluation=evaluation, kind="draft", by=coordinator)
    assert refused.value.code == "issued"
    page = client("coordinator").get(reverse("reports:workflow", args=[evaluation.pk])).content
    assert b'id="masks"' not in page
    assert b"render/" not in page
