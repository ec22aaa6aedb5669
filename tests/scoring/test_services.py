"""The panel and the score sheets, through their services."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from scoring import selectors, services
from scoring.models import ItemScore, RecusalRequest, ScoreChange, ScoreSheet, SheetItem
from stations.models import Assignment, AuditEntry, Role, Status
from tests import factories as f
from tests.scoring.conftest import sheet_of


def _items(sheet):
    return list(
        SheetItem.objects.filter(
            scheme_id=sheet.evaluation.scheme_id, party=sheet.party, max_points__isnull=False
        )
    )


def _fill(sheet, user, value_for=lambda item: item.max_points, submit=False):
    return services.sheet_save(
        sheet=sheet,
        by=user,
        version=sheet.version,
        entries={i.pk: services.Entry(value_for(i)) for i in _items(sheet)},
        submit=submit,
    )


# --- Assignments and recusal --------------------------------------------------------------------


def test_an_expert_of_another_agency_cannot_be_assigned(panel):
    outsider = f.MembershipFactory(role=Role.EXPERT, organisation=f.AgencyFactory()).user
    with pytest.raises(ValidationError) as exc:
        services.assignment_create(
            evaluation=panel.evaluation,
            user=outsider,
            role=Role.EXPERT,
            by=panel.users["coordinator"],
        )
    assert exc.value.code == "ineligible"


def test_a_bureau_of_another_district_cannot_represent_the_bureau(panel):
    with pytest.raises(ValidationError) as exc:
        services.assignment_create(
            evaluation=panel.evaluation,
            user=panel.users["far_bureau"],
            role=Role.BUREAU,
            by=panel.users["coordinator"],
        )
    assert exc.value.code == "ineligible"


def test_a_party_has_one_current_representative(panel):
    colleague = f.MembershipFactory(
        role=Role.BUYER, organisation=panel.users["buyer"].memberships.get().organisation
    ).user
    with pytest.raises(ValidationError, match="该评估方已有代表，请先撤回原代表"):
        services.assignment_create(
            evaluation=panel.evaluation,
            user=colleague,
            role=Role.BUYER,
            by=panel.users["coordinator"],
        )
    # After withdrawing the first, the colleague can replace them.
    first = panel.evaluation.assignments.get(role=Role.BUYER)
    services.assignment_withdraw(assignment=first, by=panel.users["coordinator"], reason="换人")
    replacement = services.assignment_create(
        evaluation=panel.evaluation, user=colleague, role=Role.BUYER, by=panel.users["coordinator"]
    )
    assert replacement.status == Assignment.Status.ACTIVE
    assert ScoreSheet.objects.filter(assignment=replacement).exists()


def test_an_expert_accepts_with_no_tie_and_gets_a_sheet(panel):
    new_expert = f.MembershipFactory(role=Role.EXPERT, organisation=panel.evaluation.agency).user
    assignment = services.assignment_create(
        evaluation=panel.evaluation,
        user=new_expert,
        role=Role.EXPERT,
        by=panel.users["coordinator"],
    )
    assert assignment.status == Assignment.Status.PENDING
    assert not ScoreSheet.objects.filter(assignment=assignment).exists()
    services.assignment_accept(
        assignment=assignment, by=new_expert, has_conflict=False, declaration=""
    )
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ACTIVE
    assert assignment.declaration
    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert sheet.scores.count() == len(_items(sheet_of(panel, "expert")))


def test_a_declared_conflict_removes_the_expert_and_is_logged(panel):
    new_expert = f.MembershipFactory(role=Role.EXPERT, organisation=panel.evaluation.agency).user
    assignment = services.assignment_create(
        evaluation=panel.evaluation,
        user=new_expert,
        role=Role.EXPERT,
        by=panel.users["coordinator"],
    )
    with pytest.raises(ValidationError, match="请说明与该社工站或其承办机构的利益关系"):
        services.assignment_accept(
            assignment=assignment, by=new_expert, has_conflict=True, declaration=" "
        )
    services.assignment_accept(
        assignment=assignment, by=new_expert, has_conflict=True, declaration="曾在承办机构任职"
    )
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.CONFLICT
    assert not ScoreSheet.objects.filter(assignment=assignment).exists()
    entry = AuditEntry.objects.get(action="assignment.conflict")
    assert entry.note == "曾在承办机构任职"
    assert entry.actor == new_expert


def test_only_the_assigned_expert_answers(panel):
    new_expert = f.MembershipFactory(role=Role.EXPERT, organisation=panel.evaluation.agency).user
    assignment = services.assignment_create(
        evaluation=panel.evaluation,
        user=new_expert,
        role=Role.EXPERT,
        by=panel.users["coordinator"],
    )
    with pytest.raises(ValidationError) as exc:
        services.assignment_accept(
            assignment=assignment, by=panel.users["expert"], has_conflict=False, declaration=""
        )
    assert exc.value.code == "not_yours"


def test_an_upheld_recusal_request_removes_the_expert_from_scoring(panel):
    expert_assignment = panel.evaluation.assignments.get(user=panel.users["expert"])
    sheet = sheet_of(panel, "expert")
    _fill(sheet, panel.users["expert"], submit=True)
    assert selectors.evaluation_scores(panel.evaluation).parties[0].raw is not None

    request = services.recusal_request(
        assignment=expert_assignment, by=panel.users["station_staff"], reason="评估前曾单独接触"
    )
    with pytest.raises(ValidationError, match="关于该专家的回避申请正在处理中"):
        services.recusal_request(
            assignment=expert_assignment, by=panel.users["station_staff"], reason="再次申请"
        )
    services.recusal_decide(
        request=request, by=panel.users["coordinator"], uphold=True, note="情况属实"
    )
    expert_assignment.refresh_from_db()
    assert expert_assignment.status == Assignment.Status.RECUSED
    request.refresh_from_db()
    assert (request.decision, request.decided_by) == (
        RecusalRequest.Decision.UPHELD,
        panel.users["coordinator"],
    )
    summary = selectors.evaluation_scores(panel.evaluation)
    assert summary.parties[0].raw is None  # the recused expert's sheet no longer counts
    assert summary.parties[0].scorers == []
    assert [e.action for e in AuditEntry.objects.order_by("pk")][-2:] == [
        "recusal.request",
        "recusal.decide",
    ]


def test_a_rejected_recusal_request_keeps_the_expert(panel):
    expert_assignment = panel.evaluation.assignments.get(user=panel.users["expert"])
    request = services.recusal_request(
        assignment=expert_assignment, by=panel.users["station_staff"], reason="理由"
    )
    with pytest.raises(ValidationError, match="请说明决定理由"):
        services.recusal_decide(
            request=request, by=panel.users["coordinator"], uphold=False, note=""
        )
    services.recusal_decide(
        request=request, by=panel.users["coordinator"], uphold=False, note="无依据"
    )
    expert_assignment.refresh_from_db()
    assert expert_assignment.status == Assignment.Status.ACTIVE


# --- Score sheets -------------------------------------------------------------------------------


def test_saving_a_draft_records_every_change(panel):
    sheet = sheet_of(panel, "expert")
    first, second = _items(sheet)[:2]
    services.sheet_save(
        sheet=sheet,
        by=panel.users["expert"],
        version=1,
        entries={first.pk: services.Entry(D("7.5"), "良好")},
    )
    services.sheet_save(
        sheet=sheet,
        by=panel.users["expert"],
        version=2,
        entries={first.pk: services.Entry(D("8"), "良好"), second.pk: services.Entry(D("3"))},
    )
    sheet.refresh_from_db()
    assert (sheet.version, sheet.status) == (3, ScoreSheet.Status.DRAFT)
    changes = [
        (c.item_id, c.old_points, c.new_points, c.old_comment, c.new_comment)
        for c in ScoreChange.objects.order_by("pk")
    ]
    assert changes == [
        (first.pk, None, D("7.5"), "", "良好"),
        (first.pk, D("7.5"), D("8"), "良好", "良好"),
        (second.pk, None, D("3"), "", ""),
    ]
    assert all(c.changed_by == panel.users["expert"] for c in ScoreChange.objects.all())


def test_submit_needs_every_item_and_then_the_sheet_is_read_only(panel):
    sheet = sheet_of(panel, "expert")
    first = _items(sheet)[0]
    with pytest.raises(ValidationError) as exc:
        services.sheet_save(
            sheet=sheet,
            by=panel.users["expert"],
            version=1,
            entries={first.pk: services.Entry(D(5))},
            submit=True,
        )
    assert len(exc.value.message_dict) == len(_items(sheet)) - 1
    assert ItemScore.objects.get(sheet=sheet, item=first).points is None  # nothing written
    sheet = _fill(sheet, panel.users["expert"], submit=True)
    assert sheet.is_submitted
    assert sheet.submitted_at is not None
    with pytest.raises(ValidationError) as exc:
        _fill(sheet, panel.users["expert"], value_for=lambda item: D(0))
    assert exc.value.code == "submitted"


@pytest.mark.parametrize(
    ("points", "message"),
    [(D("10.5"), "0 到"), (D("-1"), "0 到"), (D("7.3"), "整数倍")],
)
def test_points_outside_the_item_or_off_the_step_are_refused(panel, points, message):
    sheet = sheet_of(panel, "expert")
    item = _items(sheet)[2]  # worth 6 in the default scheme; 10.5 and -1 are outside
    if points == D("7.3"):
        item = _items(sheet)[0]  # worth 8
    with pytest.raises(ValidationError) as exc:
        services.sheet_save(
            sheet=sheet,
            by=panel.users["expert"],
            version=1,
            entries={item.pk: services.Entry(points)},
        )
    assert message in " ".join(exc.value.message_dict[f"points_{item.pk}"])
    sheet.refresh_from_db()
    assert sheet.version == 1
    assert not ScoreChange.objects.exists()


def test_an_item_of_another_sheet_is_refused(panel):
    sheet = sheet_of(panel, "expert")
    buyer_item = _items(sheet_of(panel, "buyer"))[0]
    with pytest.raises(ValidationError) as exc:
        services.sheet_save(
            sheet=sheet,
            by=panel.users["expert"],
            version=1,
            entries={buyer_item.pk: services.Entry(D(5))},
        )
    assert exc.value.code == "foreign_item"


def test_a_save_from_a_stale_page_is_detected_and_writes_nothing(panel):
    sheet = sheet_of(panel, "expert")
    item = _items(sheet)[0]
    services.sheet_save(
        sheet=sheet, by=panel.users["expert"], version=1, entries={item.pk: services.Entry(D(6))}
    )
    with pytest.raises(services.StaleSheet) as exc:
        services.sheet_save(  # a second tab, opened at version 1
            sheet=sheet,
            by=panel.users["expert"],
            version=1,
            entries={item.pk: services.Entry(D(2))},
        )
    assert exc.value.current_version == 2
    assert exc.value.stored[item.pk].points == D(6)
    assert ItemScore.objects.get(sheet=sheet, item=item).points == D(6)


def test_only_the_owner_scores_their_sheet(panel):
    sheet = sheet_of(panel, "expert")
    with pytest.raises(ValidationError) as exc:
        _fill(sheet, panel.users["coordinator"])
    assert exc.value.code == "not_yours"


@pytest.mark.parametrize("status", [Status.SETUP, Status.FEEDBACK, Status.ISSUED])
def test_scores_cannot_change_outside_the_scoring_stages(panel, status):
    panel.evaluation.status = status
    panel.evaluation.save()
    with pytest.raises(ValidationError) as exc:
        _fill(sheet_of(panel, "expert"), panel.users["expert"])
    assert exc.value.code == "closed"


def test_the_coordinator_reopens_a_submitted_sheet_with_a_reason(panel):
    sheet = _fill(sheet_of(panel, "expert"), panel.users["expert"], submit=True)
    with pytest.raises(ValidationError, match="请说明退回修改的原因"):
        services.sheet_reopen(sheet=sheet, by=panel.users["coordinator"], reason="")
    sheet = services.sheet_reopen(
        sheet=sheet, by=panel.users["coordinator"], reason="第 3 项需复核"
    )
    assert sheet.status == ScoreSheet.Status.DRAFT
    assert sheet.submitted_at is None
    assert AuditEntry.objects.get(action="sheet.reopen").note == "第 3 项需复核"
    with pytest.raises(ValidationError) as exc:  # a draft cannot be reopened
        services.sheet_reopen(sheet=sheet, by=panel.users["coordinator"], reason="再次")
    assert exc.value.code == "draft"
    _fill(sheet, panel.users["expert"], value_for=lambda i: i.max_points - 1, submit=True)


def test_the_summary_is_provisional_until_every_party_submits(panel):
    summary = selectors.evaluation_scores(panel.evaluation)
    assert summary.provisional
    assert len(summary.missing) == 4
    for who, value in [("expert", D("0.86")), ("buyer", D("0.85")), ("supervision", D("0.83"))]:
        _fill(
            sheet_of(panel, who),
            panel.users[who],
            value_for=lambda i, v=value: _step(i.max_points * v),
            submit=True,
        )
    summary = selectors.evaluation_scores(panel.evaluation)
    assert summary.provisional
    assert summary.missing == [f"{panel.users['bureau']}（区民政局）：尚未提交"]
    _fill(
        sheet_of(panel, "bureau"),
        panel.users["bureau"],
        value_for=lambda i: _step(i.max_points * D("0.86")),
        submit=True,
    )
    summary = selectors.evaluation_scores(panel.evaluation)
    assert not summary.provisional
    assert [row.raw for row in summary.parties] == [
        sum(_step(i.max_points * D(v)) for i in _items(sheet_of(panel, who)))
        for who, v in [
            ("expert", "0.86"),
            ("buyer", "0.85"),
            ("supervision", "0.83"),
            ("bureau", "0.86"),
        ]
    ]


def _step(value):
    return (value * 2).to_integral_value() / 2


# --- Schemes ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_published_scheme_cannot_change_and_a_copy_can():
    scheme = f.make_scheme()
    item = SheetItem.objects.filter(scheme=scheme, max_points__isnull=False).first()
    item.max_points = D(20)
    with pytest.raises(ValidationError, match="已发布，不能修改；请复制为新版本后再修改"):
        item.full_clean()
    author = f.UserFactory(username="scheme-author")
    copy = services.scheme_copy(scheme=scheme, by=author)
    assert (copy.name, copy.version, copy.is_published) == (scheme.name, 2, False)
    assert copy.sheet_items.count() == scheme.sheet_items.count()
    copied = copy.sheet_items.get(code=item.code, party=item.party)
    assert copied.parent.scheme == copy
    copied.max_points = D(20)
    copied.full_clean()
    copied.save()
    copy = services.scheme_publish(scheme=copy, by=author)
    assert copy.is_published
    entries = AuditEntry.objects.order_by("pk")
    assert [(e.action, e.actor_id, e.changes["scheme"]) for e in entries] == [
        ("scheme.copy", author.pk, copy.pk),
        ("scheme.publish", author.pk, copy.pk),
    ]
    with pytest.raises(ValidationError) as again:
        services.scheme_publish(scheme=copy, by=author)
    assert again.value.code == "published"
    assert AuditEntry.objects.count() == 2


@pytest.mark.django_db
def test_a_scheme_whose_weights_do_not_sum_to_100_cannot_be_published():
    scheme = f.make_scheme(
        weights={"third_party": 55, "buyer": 20, "supervision": 15, "bureau": 5}, published=False
    )
    with pytest.raises(ValidationError) as exc:
        services.scheme_publish(scheme=scheme, by=f.UserFactory())
    assert {e.code for e in exc.value.error_list} == {"incomplete"}
    assert "95" in " ".join(exc.value.messages)
    scheme.refresh_from_db()
    assert not scheme.is_published
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_the_default_scheme_follows_the_seed():
    from scoring.default_scheme import NAME
    from scoring.models import Scheme

    scheme = Scheme.objects.get(name=NAME, version=1)
    assert services.scheme_errors(scheme) == []
    assert {w.party: w.weight for w in scheme.weights.all()} == {
        "third_party": 55,
        "buyer": 20,
        "supervision": 15,
        "bureau": 10,
    }
    assert [(b.label, b.lower) for b in scheme.bands.all()] == [
        ("优秀", 90),
        ("良好", 80),
        ("合格", 60),
        ("不合格", 0),
    ]
    third_party = scheme.sheet_items.filter(party="third_party")
    assert [i.title for i in third_party.filter(parent__isnull=True)] == [
        "项目管理",
        "服务质量",
        "服务监测",
        "服务成效",
    ]
    assert {"人员配置与管理", "行政管理", "继续教育"} <= {i.title for i in third_party}
    assert selectors.party_maxima(scheme.pk) == {
        "third_party": 100,
        "buyer": 100,
        "supervision": 100,
        "bureau": 100,
    }


E = services.Entry


@pytest.mark.parametrize(
    ("base", "mine", "theirs", "merged", "conflict"),
    [
        (E(D(5)), E(D(5)), E(D(7)), E(D(7)), False),  # only the other page changed it
        (E(D(5)), E(D(6)), E(D(5)), E(D(6)), False),  # only this page changed it
        (E(D(5)), E(D(6)), E(D(6)), E(D(6)), False),  # both to the same value
        (E(D(5)), E(D(6)), E(D(7)), E(D(6)), True),  # both, differently: keep mine, report
        (E(None, "好"), E(None, "很好"), E(None, "较好"), E(None, "很好"), True),
        (E(D(5), "好"), E(D(6), "好"), E(D(5), "较好"), E(D(6), "较好"), False),  # per field
        (None, E(D(6)), E(D(7)), E(D(6)), True),  # unknown base: any difference is a clash
    ],
)
def test_merge_after_a_stale_save(base, mine, theirs, merged, conflict):
    result, conflicts = services.merge_entries(
        base={} if base is None else {1: base}, mine={1: mine}, theirs={1: theirs}
    )
    assert result == {1: merged}
    assert [c.item_id for c in conflicts] == ([1] if conflict else [])
