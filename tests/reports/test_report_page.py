"""The report's page and the pages around it, as each party uses them in each stage: the defects
found by walking a live evaluation (each test failed before its fix)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import jobs, services
from reports.models import FinalReport, Finding, Objection, Recommendation, RenderJob
from stations.models import AuditEntry, Status, User
from tests.reports.conftest import sign_all
from tests.reports.test_workflow import client


def _page(who: str, name: str, *args) -> str:
    response = client(who).get(reverse(name, args=args))
    assert response.status_code == 200, (who, name)
    return response.content.decode()


@pytest.mark.parametrize(
    ("who", "section"),
    [
        ("expert1", "project_management"),
        ("buyer", "buyer"),
        ("supervision", "supervision"),
        ("bureau", "bureau"),
    ],
)
def test_each_writer_reaches_their_section_from_the_report_page_while_drafting(
    written, who, section
):
    page = _page(who, "reports:workflow", written.evaluation.pk)
    link = reverse("reports:findings", args=[written.evaluation.pk, section])
    assert f'<a href="{link}">撰写</a>' in page
    assert 'id="masks"' in page
    assert 'name="name"' in page


def test_an_objection_is_answered_adopted_partly_or_not_adopted_never_a_recusal_word(
    in_feedback,
):
    finding = Finding.objects.filter(evaluation=in_feedback.evaluation).first()
    services.objection_raise(
        evaluation=in_feedback.evaluation,
        party="station",
        by=User.objects.get(username="staff"),
        finding=finding,
        reason="请核对",
    )
    page = _page("coordinator", "reports:workflow", in_feedback.evaluation.pk)
    for label in ("采纳", "部分采纳", "不予采纳"):
        assert f">{label}</option>" in page
    assert "回避" not in page


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.ids += [value for name, value in attrs if name == "id"]


def _duplicate_ids(page: str) -> list[str]:
    parser = _Ids()
    parser.feed(page)
    return sorted({i for i in parser.ids if parser.ids.count(i) > 1})


def test_the_report_page_has_no_duplicate_ids_with_several_objections(in_feedback):
    evaluation = in_feedback.evaluation
    for party, username in (("station", "staff"), ("bureau", "bureau")):
        services.objection_raise(
            evaluation=evaluation,
            party=party,
            by=User.objects.get(username=username),
            subject="持证率",
            reason="请核对",
        )
    page = _page("coordinator", "reports:workflow", evaluation.pk)
    assert page.count('name="answer"') == 2
    assert _duplicate_ids(page) == []


def test_the_panel_page_has_no_duplicate_ids(in_feedback):
    assert _duplicate_ids(_page("coordinator", "scoring:panel", in_feedback.evaluation.pk)) == []


def _object(evaluation, finding, *, party="station", username="staff"):
    return services.objection_raise(
        evaluation=evaluation,
        party=party,
        by=User.objects.get(username=username),
        finding=finding,
        reason="持证人数有误",
    )


def test_an_objection_shows_its_finding_as_printed_with_an_edit_link(in_feedback):
    evaluation = in_feedback.evaluation
    finding = Finding.objects.get(
        evaluation=evaluation, section="project_management", polarity="strength", position=1
    )
    objection = _object(evaluation, finding)
    page = _page("coordinator", "reports:workflow", evaluation.pk)
    edit = reverse("reports:finding_edit", args=[evaluation.pk, finding.pk]) + "?from=report"
    assert f'href="{edit}"' in page
    assert f'id="objection-{objection.pk}"' in page
    assert "持证社工 13 人" in page
    assert "【持证社工】" not in page
    staff_page = _page("staff", "reports:workflow", evaluation.pk)
    assert "持证社工 13 人" in staff_page
    assert f'href="{edit}"' not in staff_page


def test_an_objection_accepted_but_its_finding_left_unchanged_is_flagged_until_revised(
    in_feedback,
):
    evaluation = in_feedback.evaluation
    coordinator = User.objects.get(username="coordinator")
    finding = Finding.objects.filter(evaluation=evaluation, section="bureau").first()
    objection = _object(evaluation, finding)
    services.objection_answer(objection=objection, by=coordinator, answer="accepted", text="已改")
    sign_all(in_feedback)
    page = _page("coordinator", "reports:workflow", evaluation.pk)
    assert 'id="unrevised"' in page
    assert "回复后对应的评估发现未修改" in page
    assert 'id="unrevised"' in _page("coordinator", "reports:issue", evaluation.pk)
    services.finding_save(
        evaluation=evaluation,
        by=coordinator,
        section=finding.section,
        polarity=finding.polarity,
        text="完善服务档案，补齐服务跟进记录。",
        finding=finding,
    )
    assert 'id="unrevised"' not in _page("coordinator", "reports:workflow", evaluation.pk)


def test_issuing_shows_the_final_text_and_needs_a_confirmation(
    in_feedback, django_capture_on_commit_callbacks
):
    evaluation = in_feedback.evaluation
    sign_all(in_feedback)
    url = reverse("reports:issue", args=[evaluation.pk])
    page = _page("coordinator", "reports:issue", evaluation.pk)
    assert "本次中期评估的分数为：85.4，本次中期评估的等级为：良好。" in page
    assert "持证社工 13 人" in page
    assert "邱*茵" in page
    assert "邱慧茵" not in page
    assert 'name="confirm"' in page
    assert "data-confirm=" in page
    # Without the confirmation nothing is issued, and nothing is queued.
    with django_capture_on_commit_callbacks(execute=True):
        refused = client("coordinator").post(url, {})
    assert refused.status_code == 400
    assert "请先确认已核对报告全文" in refused.content.decode()
    assert not FinalReport.objects.exists()
    assert not RenderJob.objects.exists()
    evaluation.refresh_from_db()
    assert evaluation.status == Status.FEEDBACK
    with django_capture_on_commit_callbacks(execute=True):
        done = client("coordinator").post(url, {"confirm": "on"})
    assert done.status_code == 302
    assert FinalReport.objects.filter(evaluation=evaluation).exists()


def test_the_report_page_links_to_the_confirmation_instead_of_issuing_in_one_click(in_feedback):
    sign_all(in_feedback)
    page = _page("coordinator", "reports:workflow", in_feedback.evaluation.pk)
    assert f'href="{reverse("reports:issue", args=[in_feedback.evaluation.pk])}"' in page
    assert 'action="' + reverse("reports:issue", args=[in_feedback.evaluation.pk]) not in page


@pytest.fixture
def issued_with_objection(in_feedback):
    evaluation = in_feedback.evaluation
    coordinator = User.objects.get(username="coordinator")
    objection = _object(evaluation, Finding.objects.filter(evaluation=evaluation).first())
    services.objection_answer(objection=objection, by=coordinator, answer="rejected", text="有据")
    sign_all(in_feedback)
    job = RenderJob.objects.create(
        evaluation=evaluation, kind="final", status="done", requested_by=coordinator
    )
    jobs.issue(job, b"%PDF-1.7 stand-in")
    evaluation.refresh_from_db()
    assert evaluation.status == Status.ISSUED
    return in_feedback


def test_after_issue_the_feedback_round_stays_readable_and_the_draft_box_goes(
    issued_with_objection,
):
    evaluation = issued_with_objection.evaluation
    page = _page("coordinator", "reports:workflow", evaluation.pk)
    assert 'id="feedback"' in page
    assert "已结束" in page
    assert "持证人数有误" in page
    assert "不予采纳——有据" in page
    for party in (
        "区民政局 · 无异议",
        "街道办事处 · 无异议",
        "社工站 · 无异议",
        "督导中心 · 无异议",
    ):
        assert party in page
    assert 'id="draft"' not in page
    assert 'name="answer"' not in page
    station = _page("staff", "reports:workflow", evaluation.pk)
    assert "持证人数有误" in station
    assert 'name="reason"' not in station


def test_the_status_history_shows_the_step_to_issued(issued_with_objection):
    evaluation = issued_with_objection.evaluation
    page = _page("coordinator", "evaluation_detail", evaluation.pk)
    assert "报告反馈 → 已出具报告" in page


def test_a_party_with_an_unanswered_objection_is_not_offered_the_sign_off(in_feedback):
    evaluation = in_feedback.evaluation
    _object(evaluation, Finding.objects.filter(evaluation=evaluation).first())
    page = _page("staff", "reports:workflow", evaluation.pk)
    assert 'name="decision"' not in page
    assert 'id="sign-off-waits"' in page
    assert 'name="decision"' in _page("bureau", "reports:workflow", evaluation.pk)


def test_readers_of_the_findings_see_what_the_report_prints_writers_see_what_they_wrote(
    in_feedback,
):
    pk = in_feedback.evaluation.pk
    for reader in ("staff", "buyer", "bureau"):
        page = _page(reader, "reports:findings", pk, "service_monitoring")
        assert "邱*茵" in page, reader
        assert "邱慧茵" not in page, reader
        assert "【满意度调查人数】" not in page, reader
        assert "完成对 100 名服务对象" in page, reader
        assert "评估专家3（演示）" not in page, reader  # no authorship
        assert "可引用的数字" not in page, reader
    writer = _page("coordinator", "reports:findings", pk, "service_monitoring")
    assert "【满意度调查人数】" in writer
    assert "评估专家3（演示）" in writer


def test_recommendations_are_added_edited_reordered_and_deleted_with_a_message(written):
    evaluation = written.evaluation
    coordinator = client("coordinator")
    first, second, third = Recommendation.objects.filter(evaluation=evaluation)
    response = coordinator.post(
        reverse("reports:recommendation_edit", args=[evaluation.pk, second.pk]),
        {"text": "修改后的第二条建议。"},
        follow=True,
    )
    assert "已保存" in response.content.decode()
    second.refresh_from_db()
    assert second.text == "修改后的第二条建议。"
    action = reverse("reports:recommendation_action", args=[evaluation.pk, second.pk])
    response = coordinator.post(action, {"action": "up"})
    assert response["Location"].endswith(f"#recommendation-{second.pk}")
    assert list(Recommendation.objects.filter(evaluation=evaluation)) == [second, first, third]
    response = coordinator.post(action, {"action": "delete"}, follow=True)
    assert "建议已删除" in response.content.decode()
    assert list(Recommendation.objects.filter(evaluation=evaluation)) == [first, third]
    response = coordinator.post(
        reverse("reports:recommendation_add", args=[evaluation.pk]),
        {"text": "新增建议。"},
        follow=True,
    )
    assert "建议已添加" in response.content.decode()
    actions = set(AuditEntry.objects.filter(evaluation=evaluation).values_list("action", flat=True))
    assert {"recommendation.save", "recommendation.move", "recommendation.delete"} <= actions


def test_an_empty_recommendation_is_refused_and_nothing_is_written(written):
    evaluation = written.evaluation
    before = list(Recommendation.objects.filter(evaluation=evaluation).values_list("text"))
    response = client("coordinator").post(
        reverse("reports:recommendation_add", args=[evaluation.pk]), {"text": "   "}, follow=True
    )
    assert "请填写建议。" in response.content.decode()
    assert list(Recommendation.objects.filter(evaluation=evaluation).values_list("text")) == before


def test_saving_a_finding_brings_the_writer_back_to_it(written):
    evaluation = written.evaluation
    finding = Finding.objects.filter(evaluation=evaluation, section="project_management").first()
    response = client("expert1").post(
        reverse("reports:finding_edit", args=[evaluation.pk, finding.pk]),
        {"polarity": finding.polarity, "text": finding.text + "（补充）", "evidence_name": ""},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#finding-{finding.pk}")


def test_a_rendering_is_followed_by_polling_a_small_list_not_by_reloading_the_page(written):
    evaluation = written.evaluation
    RenderJob.objects.create(
        evaluation=evaluation, kind="draft", requested_by=User.objects.get(username="coordinator")
    )
    page = _page("coordinator", "reports:workflow", evaluation.pk)
    assert 'http-equiv="refresh"' not in page
    status_url = reverse("reports:render_status", args=[evaluation.pk])
    assert f'data-poll="{status_url}"' in page
    assert 'data-active="1"' in page
    fragment = _page("coordinator", "reports:render_status", evaluation.pk)
    assert fragment.startswith('<div id="jobs"')
    assert "排队中" in fragment
    assert "<html" not in fragment


def test_the_draft_report_says_when_its_score_is_provisional(written):
    from scoring.models import ScoreSheet

    evaluation = written.evaluation
    ScoreSheet.objects.filter(evaluation=evaluation, party="bureau").update(
        status="draft", submitted_at=None
    )
    page = client("coordinator").get(reverse("reports:preview", args=[evaluation.pk]))
    text = page.content.decode()
    assert (
        "本次中期评估的分数与等级待定：各方评分尚未全部提交，已得 76.75 分，尚缺区民政局 10 分。"
        in text
    )
    assert "本次中期评估的分数为" not in text


def test_rectification_is_reviewed_only_once_the_station_reports_an_item_done(issued):
    from reports.models import Rectification

    evaluation = issued.evaluation
    item = Rectification.objects.filter(evaluation=evaluation).first()
    page = _page("bureau", "reports:rectification", evaluation.pk)
    assert 'name="accept"' not in page
    assert "待社工站报告完成后审核" in page
    with pytest.raises(ValidationError, match="只能审核社工站已报告完成的事项") as refused:
        services.rectification_review(
            item=item, by=User.objects.get(username="bureau"), accept=False, note="退回"
        )
    assert refused.value.code == "not_done"
    item.refresh_from_db()
    assert item.review == "pending"
    services.rectification_update(
        item=item, by=User.objects.get(username="staff"), status="done", note="已完成"
    )
    assert 'name="accept"' in _page("bureau", "reports:rectification", evaluation.pk)


def test_objections_raised_are_kept_with_their_answer(in_feedback):
    evaluation = in_feedback.evaluation
    objection = _object(evaluation, Finding.objects.filter(evaluation=evaluation).first())
    response = client("coordinator").post(
        reverse("reports:objection_answer", args=[evaluation.pk, objection.pk]),
        {"answer": "partly", "text": "已补充"},
    )
    assert response["Location"].endswith(f"#objection-{objection.pk}")
    objection.refresh_from_db()
    assert (objection.answer, objection.answer_text) == (Objection.Answer.PARTLY, "已补充")


def test_reporting_an_item_done_or_returning_it_needs_words_and_nothing_is_written_without(
    issued,
):
    from reports.models import Rectification

    item = Rectification.objects.filter(evaluation=issued.evaluation).first()
    staff, bureau = User.objects.get(username="staff"), User.objects.get(username="bureau")
    with pytest.raises(ValidationError, match="请说明社工站做了哪些整改"):
        services.rectification_update(item=item, by=staff, status="done", note="  ")
    item.refresh_from_db()
    assert (item.status, item.station_note) == ("open", "")
    services.rectification_update(item=item, by=staff, status="done", note="已补签")
    with pytest.raises(ValidationError, match="退回时请说明"):
        services.rectification_review(item=item, by=bureau, accept=False, note="")
    item.refresh_from_db()
    assert (item.status, item.review) == ("done", "pending")


def test_the_finding_edit_page_from_an_objection_leads_back_to_it(in_feedback):
    evaluation = in_feedback.evaluation
    finding = Finding.objects.filter(evaluation=evaluation).first()
    _object(evaluation, finding)
    url = reverse("reports:finding_edit", args=[evaluation.pk, finding.pk]) + "?from=report"
    page = client("coordinator").get(url).content.decode()
    assert f'href="{reverse("reports:workflow", args=[evaluation.pk])}#feedback"' in page
    assert 'id="finding-objections"' in page
    assert "持证人数有误" in page


def test_another_party_sees_neither_the_objections_nor_the_notes_of_the_others(in_feedback):
    evaluation = in_feedback.evaluation
    _object(evaluation, Finding.objects.filter(evaluation=evaluation).first())
    services.sign_off(
        evaluation=evaluation,
        party="supervision",
        by=User.objects.get(username="supervision"),
        decision="no_objection",
        note="督导中心的备注",
    )
    page = _page("buyer", "reports:workflow", evaluation.pk)
    assert "持证人数有误" not in page
    assert "督导中心的备注" not in page
    assert "本方暂无异议。" in page
    assert "督导中心的备注" in _page("coordinator", "reports:workflow", evaluation.pk)
