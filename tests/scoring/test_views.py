"""Every scoring page: who may do what (a role matrix per page), and what they see."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scoring import services
from scoring.models import ItemScore, RecusalRequest, ScoreSheet, SheetItem
from stations.models import Assignment, Role
from tests import factories as f
from tests.scoring.conftest import sheet_of

ROLES = ["coordinator", "expert", "buyer", "supervision", "bureau", "station_staff"]
OUTSIDERS = ["far_bureau", "unassigned_expert", "nobody"]


def matrix(allowed: dict[str, int], default: int = 403) -> list[tuple[str, int]]:
    """Expected status per user: ``allowed`` for some roles, ``default`` for the other roles,
    404 for outsiders, a redirect to log in for anonymous users."""
    return [
        *((who, allowed.get(who, default)) for who in ROLES),
        *((who, 404) for who in OUTSIDERS),
        ("anonymous", 302),
    ]


def _expert_sheet_url(panel):
    return reverse("scoring:sheet", args=[panel.evaluation.pk, sheet_of(panel, "expert").pk])


@pytest.mark.parametrize(
    ("who", "status"), matrix({"coordinator": 200, "bureau": 200, "station_staff": 200})
)
def test_panel_page(panel, who, status):
    response = panel.client(who).get(reverse("scoring:panel", args=[panel.evaluation.pk]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert str(panel.users["expert"]) in page  # the panel is listed
        assert ('id="assign"' in page) == (who == "coordinator")
        assert ('id="request-recusal"' in page) == (who == "station_staff")


@pytest.mark.parametrize(("who", "status"), matrix({"coordinator": 200, "bureau": 200}))
def test_results_page(panel, who, status):
    response = panel.client(who).get(reverse("scoring:results", args=[panel.evaluation.pk]))
    assert response.status_code == status
    if status == 200:
        assert 'id="provisional"' in response.content.decode()


@pytest.mark.parametrize(("who", "status"), matrix({"coordinator": 200, "bureau": 200}))
def test_panel_scores_page(panel, who, status):
    url = reverse("scoring:panel_scores", args=[panel.evaluation.pk])
    response = panel.client(who).get(url)
    assert response.status_code == status
    if status == 200:  # no expert has submitted yet: the page says so
        assert "尚无专家提交评分表" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), matrix({"coordinator": 200, "expert": 200}))
def test_expert_sheet_page(panel, who, status):
    response = panel.client(who).get(_expert_sheet_url(panel))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "人员配置与管理" in page
        # The owner edits; the coordinator reads, with the history.
        assert ('name="action" value="submit"' in page) == (who == "expert")
        assert ('id="history"' in page) == (who == "coordinator")


@pytest.mark.parametrize(("who", "status"), matrix({"expert": 302}))
def test_posting_to_the_expert_sheet(panel, who, status):
    sheet = sheet_of(panel, "expert")
    item = SheetItem.objects.filter(
        scheme=sheet.evaluation.scheme, party="third_party", max_points__isnull=False
    ).first()
    response = panel.client(who).post(
        _expert_sheet_url(panel), {"version": 1, "action": "save", f"points_{item.pk}": "5"}
    )
    assert response.status_code == status
    stored = ItemScore.objects.get(sheet=sheet, item=item).points
    assert stored == (D(5) if who == "expert" else None)


@pytest.mark.parametrize(("who", "status"), matrix({"coordinator": 302}))
def test_assigning(panel, who, status):
    newcomer = f.MembershipFactory(role=Role.EXPERT, organisation=panel.evaluation.agency).user
    response = panel.client(who).post(
        reverse("scoring:assignment_add", args=[panel.evaluation.pk]),
        {"member": f"{Role.EXPERT}:{newcomer.pk}"},
    )
    assert response.status_code == status
    assert Assignment.objects.filter(user=newcomer).exists() == (who == "coordinator")


def test_the_panel_offers_each_person_only_in_the_roles_they_may_hold(panel):
    expert = f.MembershipFactory(role=Role.EXPERT, organisation=panel.evaluation.agency).user
    page = panel.client("coordinator").get(reverse("scoring:panel", args=[panel.evaluation.pk]))
    form = page.context["assign_form"]
    groups = {
        str(label): [value for value, _text in options]
        for label, options in form.fields["member"].choices[1:]
    }
    assert f"expert:{expert.pk}" in groups["评估专家"]
    assert all(value.startswith("expert:") for value in groups["评估专家"])
    assert all(value.startswith("bureau:") for value in groups["区民政局代表"])
    assert not any(f"bureau:{expert.pk}" in values for values in groups.values())


def test_assigning_a_person_in_a_role_they_do_not_hold_is_refused_and_writes_nothing(panel):
    expert = f.MembershipFactory(role=Role.EXPERT, organisation=panel.evaluation.agency).user
    before = Assignment.objects.count()
    response = panel.client("coordinator").post(
        reverse("scoring:assignment_add", args=[panel.evaluation.pk]),
        {"member": f"{Role.BUREAU}:{expert.pk}"},
    )
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()
    assert Assignment.objects.count() == before


@pytest.mark.parametrize(("who", "status"), matrix({"coordinator": 302}))
def test_withdrawing(panel, who, status):
    assignment = panel.evaluation.assignments.get(role=Role.BUYER)
    response = panel.client(who).post(
        reverse("scoring:assignment_withdraw", args=[panel.evaluation.pk, assignment.pk]),
        {"reason": "更换代表"},
    )
    assert response.status_code == status
    assignment.refresh_from_db()
    expected = Assignment.Status.WITHDRAWN if who == "coordinator" else Assignment.Status.ACTIVE
    assert assignment.status == expected


@pytest.mark.parametrize(("who", "status"), matrix({"station_staff": 302}))
def test_requesting_a_recusal(panel, who, status):
    assignment = panel.evaluation.assignments.get(role=Role.EXPERT)
    response = panel.client(who).post(
        reverse("scoring:recusal_request", args=[panel.evaluation.pk]),
        {"assignment": assignment.pk, "reason": "评估前曾单独接触"},
    )
    assert response.status_code == status
    assert RecusalRequest.objects.exists() == (who == "station_staff")


@pytest.mark.parametrize(("who", "status"), matrix({"coordinator": 302}))
def test_deciding_a_recusal(panel, who, status):
    request = services.recusal_request(
        assignment=panel.evaluation.assignments.get(role=Role.EXPERT),
        by=panel.users["station_staff"],
        reason="理由",
    )
    response = panel.client(who).post(
        reverse("scoring:recusal_decide", args=[panel.evaluation.pk, request.pk]),
        {"uphold": "yes", "note": "属实"},
    )
    assert response.status_code == status
    request.refresh_from_db()
    assert (request.decision == RecusalRequest.Decision.UPHELD) == (who == "coordinator")


@pytest.mark.parametrize(("who", "status"), matrix({"coordinator": 302}))
def test_reopening(panel, who, status):
    sheet = sheet_of(panel, "expert")
    items = SheetItem.objects.filter(
        scheme=sheet.evaluation.scheme, party="third_party", max_points__isnull=False
    )
    services.sheet_save(
        sheet=sheet,
        by=panel.users["expert"],
        version=1,
        entries={i.pk: services.Entry(i.max_points) for i in items},
        submit=True,
    )
    response = panel.client(who).post(
        reverse("scoring:sheet_reopen", args=[panel.evaluation.pk, sheet.pk]), {"reason": "复核"}
    )
    assert response.status_code == status
    sheet.refresh_from_db()
    assert sheet.is_submitted == (who != "coordinator")


@pytest.mark.parametrize(
    ("who", "status"), [("expert", 200), ("coordinator", 403), ("bureau", 403), ("far_bureau", 404)]
)
def test_accept_page(panel, who, status):
    pending = Assignment.objects.filter(user=panel.users["expert"]).get()
    pending.status = Assignment.Status.PENDING
    pending.save()
    url = reverse("scoring:assignment_accept", args=[panel.evaluation.pk, pending.pk])
    response = panel.client(who).get(url)
    assert response.status_code == status
    if status == 200:  # the expert is asked to declare any tie
        assert 'name="has_conflict"' in response.content.decode()


def test_a_sheet_of_another_evaluation_is_not_found(panel):
    other = f.AssignmentFactory(
        evaluation=panel.neighbour_evaluation, user=panel.users["expert"], role=Role.EXPERT
    )
    other_sheet = services.sheet_ensure(assignment=other)
    url = reverse("scoring:sheet", args=[panel.evaluation.pk, other_sheet.pk])
    assert panel.client("expert").get(url).status_code == 404


def test_entering_text_or_out_of_range_scores_shows_the_reason_and_keeps_the_input(panel):
    sheet = sheet_of(panel, "expert")
    first, second = SheetItem.objects.filter(
        scheme=sheet.evaluation.scheme, party="third_party", max_points__isnull=False
    )[:2]
    response = panel.client("expert").post(
        _expert_sheet_url(panel),
        {
            "version": 1,
            "action": "save",
            f"points_{first.pk}": "十二",
            f"points_{second.pk}": "9",
            f"comment_{second.pk}": "保留",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "请输入数字" in page
    assert "应在 0 到 6 之间" in page  # the second item is worth 6
    assert "十二" in page
    assert "保留" in page
    assert not ItemScore.objects.filter(sheet=sheet, points__isnull=False).exists()


def test_a_stale_page_is_told_and_keeps_what_the_user_typed(panel):
    sheet = sheet_of(panel, "expert")
    item = SheetItem.objects.filter(
        scheme=sheet.evaluation.scheme, party="third_party", max_points__isnull=False
    ).first()
    client = panel.client("expert")
    client.post(
        _expert_sheet_url(panel), {"version": 1, "action": "save", f"points_{item.pk}": "6"}
    )
    response = client.post(  # the same sheet, from a page still at version 1
        _expert_sheet_url(panel), {"version": 1, "action": "save", f"points_{item.pk}": "7.5"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="stale"' in page
    assert 'value="7.5"' in page  # the user's entry is still in the form
    assert 'name="version" value="2"' in page
    assert ItemScore.objects.get(sheet=sheet, item=item).points == D(6)
    # Saving again from that page keeps the user's entry.
    client.post(
        _expert_sheet_url(panel), {"version": 2, "action": "save", f"points_{item.pk}": "7.5"}
    )
    assert ItemScore.objects.get(sheet=sheet, item=item).points == D("7.5")


def test_submitting_in_the_browser_makes_the_sheet_read_only(panel):
    sheet = sheet_of(panel, "expert")
    items = SheetItem.objects.filter(
        scheme=sheet.evaluation.scheme, party="third_party", max_points__isnull=False
    )
    data = {
        "version": 1,
        "action": "submit",
        **{f"points_{i.pk}": str(i.max_points) for i in items},
    }
    client = panel.client("expert")
    assert client.post(_expert_sheet_url(panel), data).status_code == 302
    page = client.get(_expert_sheet_url(panel)).content.decode()
    assert "已提交" in page
    assert 'name="action"' not in page
    data["version"] = 2
    assert client.post(_expert_sheet_url(panel), data).status_code == 403


def _entry_page_queries(world, items: int) -> int:
    scheme = f.make_scheme(items=items)
    evaluation = f.EvaluationFactory(
        agency=world.evaluation.agency, scheme=scheme, status="on_site"
    )
    assignment = f.AssignmentFactory(evaluation=evaluation, user=world.users["expert"])
    sheet = services.sheet_ensure(assignment=assignment)
    client = world.client("expert")
    url = reverse("scoring:sheet", args=[evaluation.pk, sheet.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="form-control score-input') == items
    return len(ctx.captured_queries)


def test_entry_page_query_count_is_the_same_for_3_and_30_items(world):
    assert _entry_page_queries(world, 3) == _entry_page_queries(world, 30)


def test_results_page_query_count_does_not_grow_with_the_panel(panel):
    client = panel.client("coordinator")
    url = reverse("scoring:results", args=[panel.evaluation.pk])
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    before = len(ctx.captured_queries)
    for _ in range(3):
        newcomer = f.MembershipFactory(role=Role.EXPERT, organisation=panel.evaluation.agency).user
        f.AssignmentFactory(evaluation=panel.evaluation, user=newcomer)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert len(ctx.captured_queries) == before


def test_evaluation_page_links_the_scoring_pages_by_role(panel):
    url = reverse("evaluation_detail", args=[panel.evaluation.pk])
    expert_page = panel.client("expert").get(url).content.decode()
    assert _expert_sheet_url(panel) in expert_page
    bureau_page = panel.client("bureau").get(url).content.decode()
    assert reverse("scoring:results", args=[panel.evaluation.pk]) in bureau_page
    assert (
        reverse("scoring:sheet", args=[panel.evaluation.pk, sheet_of(panel, "bureau").pk])
        in bureau_page
    )
    staff_page = panel.client("station_staff").get(url).content.decode()
    assert reverse("scoring:results", args=[panel.evaluation.pk]) not in staff_page
    assert ScoreSheet.objects.count() == 4


def test_the_coordinator_reads_the_reasons_of_panel_changes(panel):
    assignment = panel.evaluation.assignments.get(role=Role.BUYER)
    services.assignment_withdraw(
        assignment=assignment, by=panel.users["coordinator"], reason="代表调岗，更换人员"
    )
    url = reverse("scoring:panel", args=[panel.evaluation.pk])
    page = panel.client("coordinator").get(url).content.decode()
    assert "代表调岗，更换人员" in page
    assert "已由评估机构撤回" in page
    assert "代表调岗，更换人员" not in panel.client("bureau").get(url).content.decode()


def test_two_tabs_changing_different_items_merge_without_loss(panel):
    sheet = sheet_of(panel, "expert")
    first, second = SheetItem.objects.filter(
        scheme=sheet.evaluation.scheme, party="third_party", max_points__isnull=False
    )[:2]
    client = panel.client("expert")
    url = _expert_sheet_url(panel)
    loaded = client.get(url).context["form"]["loaded"].value()  # both tabs open now
    client.post(url, {"version": 1, "loaded": loaded, "action": "save", f"points_{first.pk}": "6"})
    response = client.post(  # tab B changed only the second item
        url, {"version": 1, "loaded": loaded, "action": "save", f"points_{second.pk}": "4"}
    )
    assert response.status_code == 409
    form = response.context["form"]
    assert form[f"points_{first.pk}"].value() == "6"  # tab A's change, merged in
    assert form[f"points_{second.pk}"].value() == "4"  # tab B's own
    assert response.context["stale"]["conflicts"] == []
    data = {name: form[name].value() or "" for name in form.fields}
    client.post(url, {**data, "action": "save"})
    stored = dict(ItemScore.objects.filter(sheet=sheet).values_list("item_id", "points"))
    assert (stored[first.pk], stored[second.pk]) == (D(6), D(4))


def test_the_scorer_sees_why_their_sheet_was_reopened(panel):
    sheet = sheet_of(panel, "expert")
    items = SheetItem.objects.filter(
        scheme=sheet.evaluation.scheme, party="third_party", max_points__isnull=False
    )
    services.sheet_save(
        sheet=sheet,
        by=panel.users["expert"],
        version=1,
        entries={i.pk: services.Entry(i.max_points) for i in items},
        submit=True,
    )
    services.sheet_reopen(sheet=sheet, by=panel.users["coordinator"], reason="2.1 项分数需复核")
    page = panel.client("expert").get(_expert_sheet_url(panel)).content.decode()
    assert "2.1 项分数需复核" in page
    assert "退回评分表" in page


def test_the_bureau_is_not_linked_to_sheets_it_cannot_open(panel):
    url = reverse("scoring:results", args=[panel.evaluation.pk])
    sheet_url = _expert_sheet_url(panel)
    assert sheet_url not in panel.client("bureau").get(url).content.decode()
    assert sheet_url in panel.client("coordinator").get(url).content.decode()


def test_the_panel_has_no_duplicate_ids_with_several_recusal_requests(panel):
    from tests.reports.test_report_page import _duplicate_ids

    second = f.UserFactory(username="expert_two")
    f.MembershipFactory(user=second, organisation=panel.evaluation.agency, role=Role.EXPERT)
    f.AssignmentFactory(evaluation=panel.evaluation, user=second, role=Role.EXPERT)
    for assignment in panel.evaluation.assignments.filter(role=Role.EXPERT):
        services.recusal_request(
            assignment=assignment, by=panel.users["station_staff"], reason="评估前曾单独接触"
        )
    page = panel.client("coordinator").get(reverse("scoring:panel", args=[panel.evaluation.pk]))
    text = page.content.decode()
    assert text.count('name="uphold"') == 4  # two requests, two choices each
    assert _duplicate_ids(text) == []
    assert "撤出评估人员名单？" in text  # withdrawing asks first


def test_too_many_decimals_are_refused_in_plain_chinese_and_nothing_is_saved(panel):
    sheet = sheet_of(panel, "expert")
    item = SheetItem.objects.filter(
        scheme=sheet.evaluation.scheme, party="third_party", max_points__isnull=False
    ).first()
    response = panel.client("expert").post(
        _expert_sheet_url(panel), {"version": 1, "action": "save", f"points_{item.pk}": "5.555"}
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "最多保留 2 位小数。" in text
    assert "确认小数" not in text
    assert f'href="#id_points_{item.pk}"' in text  # the summary links to the item
    assert ItemScore.objects.get(sheet=sheet, item=item).points is None


def test_saving_a_draft_returns_to_the_buttons_and_an_empty_sheet_totals_nothing(panel):
    url = _expert_sheet_url(panel)
    page = panel.client("expert").get(url).content.decode()
    assert '<output id="running-total" for="sheet-form">—</output>' in page
    sheet = sheet_of(panel, "expert")
    item = SheetItem.objects.filter(
        scheme=sheet.evaluation.scheme, party="third_party", max_points__isnull=False
    ).first()
    response = panel.client("expert").post(
        url, {"version": 1, "action": "save", f"points_{item.pk}": "5"}
    )
    assert response["Location"].endswith("#sheet-actions")
