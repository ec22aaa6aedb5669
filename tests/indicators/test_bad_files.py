"""Each file of the corpus is refused with its message, and nothing is written."""

from __future__ import annotations

import pytest
from django.apps import apps

from indicators import services
from indicators.models import SelfAssessmentUpload
from tests.corpus import make_corpus

FILES = make_corpus.FILES


def _rows() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("indicators").get_models()
    }


@pytest.mark.parametrize(("name", "message"), sorted(make_corpus.CASES.items()))
def test_a_bad_file_is_refused_with_its_reason_and_nothing_changes(seeded, name, message):
    before = _rows()
    content = (FILES / name).read_bytes()
    with pytest.raises(services.Invalid) as exc:
        services.upload_create(evaluation=seeded.evaluation, content=content, name=name, by=None)
    assert any(message in m for m in exc.value.messages), exc.value.messages
    assert _rows() == before
    assert not SelfAssessmentUpload.objects.filter(original_name=name).exists()


def test_big_bad_files_are_refused_quickly_and_nothing_changes(seeded, settings):
    before = _rows()
    for name, (content, message) in make_corpus.big_cases(
        settings.SELF_ASSESSMENT_MAX_BYTES
    ).items():
        with pytest.raises(services.Invalid) as exc:
            services.upload_create(
                evaluation=seeded.evaluation, content=content, name=name, by=None
            )
        assert any(message in m for m in exc.value.messages), (name, exc.value.messages)
    assert _rows() == before


def test_a_file_lists_every_problem_at_once(seeded):
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO((FILES / "text_for_a_number.xlsx").read_bytes()))
    workbook["协议指标"]["C4"] = -1
    workbook["到岗情况"]["E9"] = "半"
    out = BytesIO()
    workbook.save(out)
    with pytest.raises(services.Invalid) as exc:
        services.self_assessment_check(evaluation=seeded.evaluation, content=out.getvalue())
    assert exc.value.messages == [
        "协议指标!C4：应为非负整数，实为“-1”",
        "协议指标!C7：应为非负整数，实为“十二”",
        "到岗情况!E9：应为 0.5 的整数倍的非负数，实为“半”",
    ]


def test_the_corpus_covers_every_case():
    assert sorted(p.name for p in FILES.iterdir()) == sorted(make_corpus.CASES)
