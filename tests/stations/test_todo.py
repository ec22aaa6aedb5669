"""待办 on the home page: each demo user of the demo season sees exactly what waits for them,
linking to the page where it is done, with its due date; done items disappear; the coordinator
sees what is late across the agency's evaluations; the queries do not grow with the evaluations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from evalportal import todo
from reports.models import Rectification, SignOff
from stations.models import User
from tests import factories as f

pytestmark = pytest.mark.django_db

# The day the demo's mid-term visits are long past (its dates are of 2025).
LATER = dt.date(2025, 6, 1)
SHORT = {
    "南洲街社工服务站（示例）": "南洲",
    "琶洲街社工服务站（示例）": "琶洲",
    "华洲街社工服务站（示例）": "华洲",
    "赤岗街社工服务站（示例）": "赤岗",
    "新港街社工服务站（示例）": "新港",
    "江海街社工服务站（示例）": "江海",
    "官洲街社工服务站": "官洲",
}


def _todo(username: str) -> list[tuple[str, str, str]]:
    items = todo.todos(User.objects.get(username=username), today=LATER)
    return sorted(
        (t.kind.value, SHORT[t.evaluation.contract.station.name], t.detail) for t in items
    )


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        # 筹备: expert1 has not accepted 南洲 yet; the sheets are open from self-assessment on.
        (
            "expert1",
            [
                ("accept", "南洲", ""),
                ("sheet", "华洲", "第三方评估机构"),
                ("sheet", "琶洲", "第三方评估机构"),
            ],
        ),
        ("expert5", [("sheet", "华洲", "第三方评估机构")]),
        ("expert3", [("sheet", "琶洲", "第三方评估机构")]),
        ("buyer_pazhou", [("sheet", "琶洲", "街道办事处")]),
        ("buyer_huazhou", []),  # its sheet of 华洲 is submitted
        ("buyer", []),  # 官洲 is issued: the street office has nothing left to do
        # 报告反馈: the station's objection waits for the coordinator's answer.
        ("coordinator", [("objections", "新港", "1 条异议")]),
        ("buyer_xingang", [("feedback", "新港", "街道办事处")]),
        # Its objection waits for the coordinator's answer: nothing to do until then.
        ("staff_xingang", []),
        ("staff_pazhou", []),  # its workbook is applied
        ("staff_nanzhou", []),  # set-up: nothing is open to the station yet
        ("staff_ruibao", []),  # closed
        ("staff", [("rectify", "官洲", "26 项")]),
        # Of its ten items one is accepted and one waits for the bureau; the returned one is back.
        ("staff_jianghai", [("rectify", "江海", "8 项")]),
        ("supervision", [("sheet", "华洲", "督导中心"), ("sheet", "琶洲", "督导中心")]),
        (
            "bureau",
            [
                ("review", "江海", "1 项"),
                ("sheet", "华洲", "区民政局"),
                ("sheet", "琶洲", "区民政局"),
                ("sheet", "赤岗", "区民政局"),
            ],
        ),
    ],
)
def test_each_demo_user_sees_what_waits_for_them(season, username, expected):
    assert _todo(username) == expected
    if username == "staff_jianghai":
        items = Rectification.objects.filter(evaluation__contract__station__name__startswith="江海")
        assert items.count() == 10


def test_a_sheet_is_late_only_once_the_visit_has_begun(season):
    items = todo.todos(User.objects.get(username="expert1"), today=LATER)
    late = {
        SHORT[t.evaluation.contract.station.name]: t.overdue for t in items if t.kind == "sheet"
    }
    assert late == {"华洲": True, "琶洲": False}  # 琶洲 is still in self-assessment


def test_the_home_page_links_each_item_and_marks_it_overdue(season):
    client = Client()
    client.force_login(User.objects.get(username="expert1"))
    html = client.get("/").content.decode()
    section = html[html.index('id="todo"') : html.index("</section>")]
    nanzhou = section[section.index('data-kind="accept"') :].split("</li>")[0]
    assert "确认分配并声明利益关系" in nanzhou
    assert "/panel/" in nanzhou
    assert "/accept/" in nanzhou
    assert "逾期" in nanzhou.split("截止 2025-03-31")[1]  # long past today
    assert section.count('data-kind="sheet"') == 2
    assert section.count("逾期") == 2  # 南洲's acceptance and 华洲's sheet, not 琶洲's


def test_a_done_item_disappears(season):
    coordinator = User.objects.get(username="coordinator")
    assert ("feedback", "新港", "街道办事处") in _todo("buyer_xingang")
    evaluation = todo.todos(coordinator, today=LATER)[0].evaluation
    round_ = evaluation.feedback_rounds.order_by("-number").first()
    SignOff.objects.create(
        round=round_, party="buyer", user=User.objects.get(username="buyer_xingang")
    )
    assert _todo("buyer_xingang") == []


def test_the_coordinator_sees_what_is_late_and_how_late(season):
    late = todo.late(User.objects.get(username="coordinator"), today=LATER)
    rows = {
        (item.kind.value, SHORT[item.evaluation.contract.station.name], item.who) for item in late
    }
    assert ("accept", "南洲", "评估专家1（演示）") in rows
    assert ("sheet", "华洲", "评估专家5（演示）") in rows
    assert ("feedback", "新港", "街道办事处") not in rows  # the draft went out today
    days = {item.days for item in late if item.kind == todo.Kind.ACCEPT}
    assert days == {(LATER - dt.date(2025, 3, 31)).days}
    assert late == sorted(late, key=lambda item: -item.days)
    assert todo.late(User.objects.get(username="expert1"), today=LATER) == []
    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    page = client.get("/").content.decode()
    table = page[page.index('id="late-list"') :].split("</table>")[0]
    assert "评估专家1（演示）" in table  # today is later still than LATER
    assert "确认分配并声明利益关系（截止 2025-03-31）" in table


def test_the_to_do_queries_the_same_for_1_and_30_evaluations(world):
    expert = world.users["expert"]
    staff = world.users["station_staff"]

    def count(user) -> int:
        fresh = User.objects.get(pk=user.pk)  # its standing read anew, as in a new request
        with CaptureQueriesContext(connection) as ctx:
            todo.todos(fresh, today=LATER)
            todo.late(fresh, today=LATER)
        return len(ctx.captured_queries)

    coordinator = world.users["coordinator"]
    world.evaluation.status = "self_assessment"
    world.evaluation.acceptance_due = dt.date(2025, 3, 1)
    world.evaluation.save()
    world.evaluation.assignments.update(status="pending")
    one = (count(expert), count(staff), count(coordinator))
    for n in range(29):
        e = f.EvaluationFactory(
            contract__station=world.station if n % 2 else world.neighbour,
            contract__start_date=dt.date(1990 + n, 1, 1),
            contract__end_date=dt.date(1990 + n, 12, 31),
            agency=world.evaluation.agency,
            status="self_assessment",
            acceptance_due=dt.date(2025, 3, 1),
        )
        f.AssignmentFactory(evaluation=e, user=expert, status="pending")
    thirty = (count(expert), count(staff), count(coordinator))
    assert len(todo.todos(User.objects.get(pk=expert.pk), today=LATER)) == 30
    assert one == thirty
