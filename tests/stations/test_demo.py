"""`loaddemo`: the seed evaluation, loaded faithfully, and the demo season around it (an
illustrative evaluation in every status), idempotently."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.models import (
    ContractIndicator,
    Filing,
    SelfAssessmentUpload,
)
from scoring.models import ScoreSheet
from stations.models import Community, Evaluation, OperatorTerm, ServiceArea, Station

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, list]:
    """Every row of every table of our apps, as plain values."""
    return {
        model._meta.label: sorted(map(str, model.objects.values_list()))
        for app in ("stations", "indicators", "scoring", "reports")
        for model in apps.get_app_config(app).get_models()
        if model._meta.label != "stations.User"
    }


def _load(**options) -> str:
    out = StringIO()
    call_command("loaddemo", stdout=out, **options)
    return out.getvalue()


@pytest.mark.slow
def test_loaddemo_twice_leaves_the_same_data(season, settings, django_capture_on_commit_callbacks):
    # The first load is the season's (tests/conftest.py: loaddemo, its on-commit work run).
    settings.DEBUG = True
    first = _snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        _load()
    assert _snapshot() == first
    seed = Evaluation.objects.get(contract__station__name="官洲街社工服务站")
    counts = {
        model: model.objects.filter(**{path: seed}).count()
        for model, path in [
            (ServiceArea, "station__contracts__evaluations"),
            (Community, "service_area__station__contracts__evaluations"),
            (OperatorTerm, "contract__evaluations"),
            (ContractIndicator, "contract__evaluations"),
            (ScoreSheet, "evaluation"),  # five experts and three representatives
            (SelfAssessmentUpload, "evaluation"),  # the seed's figures, imported once
            (Filing, "evaluation"),
        ]
    }
    assert list(counts.values()) == [4, 7, 2, 15, 8, 1, 7]
    assert Station.objects.count() == Evaluation.objects.count() == 8


def test_loaddemo_refuses_to_run_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG 已关闭"):
        _load()
    assert not Station.objects.exists()
