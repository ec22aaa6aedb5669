"""Experts saving their own sheets at the same time never wait for each other (PostgreSQL: row
locks; SQLite serialises all writers, so this is a PostgreSQL test)."""

from __future__ import annotations

import threading
from decimal import Decimal as D

import pytest
from django.db import connection, connections, transaction

from scoring import services
from scoring.models import ItemScore, ScoreSheet
from stations.models import Role
from tests import factories as f

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row-level locking"),
]


def test_one_experts_save_does_not_wait_for_anothers_open_transaction():
    evaluation = f.EvaluationFactory(status="on_site", scheme=f.make_scheme(items=3))
    sheets = []
    for _ in range(2):
        expert = f.MembershipFactory(role=Role.EXPERT, organisation=evaluation.agency).user
        assignment = f.AssignmentFactory(evaluation=evaluation, user=expert)
        sheets.append(services.sheet_ensure(assignment=assignment))
    first, second = (
        ScoreSheet.objects.select_related("assignment__user", "evaluation__scheme").get(pk=s.pk)
        for s in sheets
    )
    items = [s.item_id for s in ItemScore.objects.filter(sheet=second)]
    items_first = [s.item_id for s in ItemScore.objects.filter(sheet=first)]

    holding = threading.Event()
    release = threading.Event()

    def hold_first_sheet():
        """The first expert's save, kept open: it holds every lock a save takes."""
        try:
            with transaction.atomic():
                services.sheet_save(
                    sheet=first,
                    by=first.assignment.user,
                    version=1,
                    entries={item: services.Entry(D(3)) for item in items_first},
                )
                holding.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold_first_sheet)
    thread.start()
    try:
        assert holding.wait(timeout=10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")  # waiting would fail the save
        services.sheet_save(
            sheet=second,
            by=second.assignment.user,
            version=1,
            entries={item: services.Entry(D(5)) for item in items},
        )
    finally:
        release.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
    assert set(ItemScore.objects.filter(sheet=second).values_list("points", flat=True)) == {D(5)}
    assert set(ItemScore.objects.filter(sheet=first).values_list("points", flat=True)) == {D(3)}


def test_a_concurrent_save_of_the_same_sheet_is_detected_not_overwritten():
    evaluation = f.EvaluationFactory(status="on_site", scheme=f.make_scheme(items=3))
    expert = f.MembershipFactory(role=Role.EXPERT, organisation=evaluation.agency).user
    sheet = services.sheet_ensure(
        assignment=f.AssignmentFactory(evaluation=evaluation, user=expert)
    )
    sheet = ScoreSheet.objects.select_related("assignment__user", "evaluation__scheme").get(
        pk=sheet.pk
    )
    item = ItemScore.objects.filter(sheet=sheet).first().item_id
    results = []
    barrier = threading.Barrier(2)

    def save(points):
        try:
            barrier.wait(timeout=10)
            services.sheet_save(
                sheet=sheet, by=expert, version=1, entries={item: services.Entry(D(points))}
            )
            results.append(("saved", points))
        except services.StaleSheet:
            results.append(("stale", points))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(p,)) for p in ("4", "6")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(kind for kind, _ in results) == ["saved", "stale"]
    [(_, winner)] = [r for r in results if r[0] == "saved"]
    assert ItemScore.objects.get(sheet=sheet, item_id=item).points == D(winner)
    sheet.refresh_from_db()
    assert sheet.version == 2
