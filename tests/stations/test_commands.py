from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from stations.models import Status
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_evaluations_lists_one_per_line_starting_with_the_id():
    first = f.EvaluationFactory(contract__station__name="官洲街社工服务站")
    second = f.EvaluationFactory(
        contract__station__name="琶洲街社工服务站", status=Status.ON_SITE, stage="final"
    )
    out = StringIO()
    call_command("evaluations", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split("\t") for line in lines] == [
        [str(first.pk), "官洲街社工服务站", "2024—2025 年度", "中期", "筹备"],
        [str(second.pk), "琶洲街社工服务站", "2024—2025 年度", "末期", "实地评估"],
    ]


def test_evaluations_prints_nothing_when_there_are_none():
    out = StringIO()
    call_command("evaluations", stdout=out)
    assert out.getvalue() == ""
