"""The evaluation's log, as people read it: a Chinese sentence per change with a link to what it
concerns, filtered by kind and person, paginated, and as an .xlsx (on the demo season)."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evalportal import auditlog
from stations.models import AuditEntry, Evaluation, User
from stations.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback(season):
    return Evaluation.objects.get(contract__station__name="新港街社工服务站（示例）")


def _client(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def test_the_log_is_a_chinese_sentence_per_change_linking_to_what_it_concerns(feedback, client):
    page = _client(client, "coordinator").get(reverse("evaluation_log", args=[feedback.pk]))
    text = page.content.decode()
    assert "评估机构工作人员（演示）将评估从“筹备”推进到“自我评审”。" in text
    assert "评估机构工作人员（演示）将报告初稿发出征求意见（第 1 轮）。" in text
    assert "评估机构工作人员（演示）答复一条异议：部分采纳。" in text
    assert "海珠区民政局代表（演示）代表区民政局对报告初稿签署意见：无异议。" in text
    objection = feedback.feedback_rounds.get().objections.get(party="bureau")
    assert (
        f'href="{reverse("reports:workflow", args=[feedback.pk])}#objection-{objection.pk}"' in text
    )
    # No raw keys or codes of the stored entries.
    for raw in ("party:", "decision:", "no_objection", "sha256:", "section:", "round:"):
        assert raw not in text, raw


def test_the_bureau_reads_the_log_but_sheets_are_linked_only_for_the_coordinator(feedback, client):
    sheet_links = re.compile(rf'href="/evaluations/{feedback.pk}/sheets/\d+/"')
    coordinator = _client(client, "coordinator").get(
        reverse("evaluation_log", args=[feedback.pk]), {"kind": "scores"}
    )
    assert sheet_links.search(coordinator.content.decode())
    client.logout()
    bureau = _client(client, "bureau").get(
        reverse("evaluation_log", args=[feedback.pk]), {"kind": "scores"}
    )
    assert "提交了第三方评估机构评分表" in bureau.content.decode()
    assert not sheet_links.search(bureau.content.decode())


def test_the_log_filters_by_kind_and_by_person(feedback, client):
    url = reverse("evaluation_log", args=[feedback.pk])
    coordinator = _client(client, "coordinator")
    lines = coordinator.get(url, {"kind": "feedback"}).context["log"]
    assert lines
    assert {line.kind for line in lines} == {"feedback"}
    assert (
        len(lines)
        == AuditEntry.objects.filter(
            evaluation=feedback, action__regex=r"^(objection|feedback)\."
        ).count()
    )
    by_bureau = coordinator.get(url, {"person": "海珠区民政局代表（演示）"}).context["log"]
    assert by_bureau
    assert {line.by for line in by_bureau} == {"海珠区民政局代表（演示）"}
    # A person or kind that is not offered is ignored, not an error.
    assert coordinator.get(url, {"kind": "nonsense"}).status_code == 200


def test_the_log_is_paginated(feedback, client):
    for _n in range(60):
        audit_record(actor=None, action="report.download", evaluation=feedback, changes={})
    url = reverse("evaluation_log", args=[feedback.pk])
    coordinator = _client(client, "coordinator")
    first = coordinator.get(url)
    total = AuditEntry.objects.filter(evaluation=feedback).count()
    assert len(first.context["log"]) == 50
    assert first.context["page"].paginator.count == total
    last = coordinator.get(url, {"page": first.context["page"].paginator.num_pages})
    assert len(last.context["log"]) == total - 50 * (first.context["page"].paginator.num_pages - 1)
    assert "第 2 页" in coordinator.get(url, {"page": 2}).content.decode()


def test_the_log_as_xlsx_holds_the_same_lines_and_keeps_text_as_text(feedback, client):
    audit_record(
        actor=User.objects.get(username="coordinator"),
        action="evaluation.status",
        evaluation=feedback,
        changes={"status": ["feedback", "drafting"]},
        note='=HYPERLINK("http://example.com")',
    )
    coordinator = _client(client, "coordinator")
    response = coordinator.get(
        reverse("evaluation_log_xlsx", args=[feedback.pk]), {"kind": "status"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("时间", "操作人", "类型", "事项", "原因或说明")
    page_lines = coordinator.get(
        reverse("evaluation_log", args=[feedback.pk]), {"kind": "status"}
    ).context["log"]
    assert [row[3] for row in rows[2:]] == [line.sentence for line in page_lines]
    assert rows[0][0].endswith("（仅：状态）")
    assert rows[2][3] == "评估机构工作人员（演示）将评估从“报告反馈”退回到“报告撰写”。"
    assert rows[2][4] == '=HYPERLINK("http://example.com")'
    assert sheet.cell(row=3, column=5).data_type == "s"


def test_every_action_the_services_record_reads_as_a_sentence(season):
    """No action of the demo season falls back to its raw name."""
    unknown = {
        entry.action
        for entry in AuditEntry.objects.exclude(evaluation=None)
        if not hasattr(auditlog._Describer, entry.action.replace(".", "_"))
    }
    assert unknown == set()


def test_the_status_filter_includes_the_issue_of_the_report(season, client):
    issued = Evaluation.objects.get(contract__station__name="江海街社工服务站（示例）")
    lines = (
        _client(client, "bureau")
        .get(reverse("evaluation_log", args=[issued.pk]), {"kind": "status"})
        .context["log"]
    )
    assert any("出具了正式报告" in line.sentence for line in lines)


def test_the_log_page_reads_a_fixed_number_of_queries_however_long_the_log(feedback, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("evaluation_log", args=[feedback.pk])
    coordinator = _client(client, "coordinator")
    coordinator.get(url)  # the session and the user are read once, like any later page

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert coordinator.get(url).status_code == 200
        return len(queries)

    before = count()
    for _n in range(40):
        audit_record(
            actor=None,
            action="finding.update",
            evaluation=feedback,
            changes={"finding": 1, "section": "bureau"},
        )
    assert count() == before
