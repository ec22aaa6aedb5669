from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from indicators.demo import FIXTURE
from indicators.models import IndicatorActual, SelfAssessmentUpload
from tests.corpus.make_corpus import FILES


def test_export_writes_the_evaluations_template(seed, tmp_path):
    target = tmp_path / "template.xlsx"
    call_command(
        "export_self_assessment_template",
        str(seed.evaluation.pk),
        "-o",
        str(target),
        stdout=StringIO(),
    )
    wb = load_workbook(target)
    assert wb["_evalportal"]["B3"].value == "官洲街社工服务站|2024-06-09|midterm"


def test_import_dry_run_previews_and_writes_nothing(seed):
    out = StringIO()
    call_command(
        "import_self_assessment", str(seed.evaluation.pk), str(FIXTURE), "--dry-run", stdout=out
    )
    assert "协议指标\t电话访问\t— → 1842" in out.getvalue()
    assert "检查通过；将有 79 项数据变化（仅预览，未应用）。" in out.getvalue()
    assert not IndicatorActual.objects.exists()
    assert not SelfAssessmentUpload.objects.exists()


def test_import_applies_and_records_the_upload(seed):
    out = StringIO()
    call_command(
        "import_self_assessment", str(seed.evaluation.pk), str(FIXTURE), "--as", "staff", stdout=out
    )
    upload = SelfAssessmentUpload.objects.get()
    assert (upload.status, upload.uploaded_by.username) == ("applied", "staff")
    assert IndicatorActual.objects.count() == 15


def test_import_of_a_bad_file_fails_listing_the_cells(seed):
    err = StringIO()
    with pytest.raises(CommandError, match="未通过检查"):
        call_command(
            "import_self_assessment",
            str(seed.evaluation.pk),
            str(FILES / "text_for_a_number.xlsx"),
            stdout=StringIO(),
            stderr=err,
        )
    assert "协议指标!C7：应为非负整数，实为“十二”" in err.getvalue()
    assert not IndicatorActual.objects.exists()


@pytest.mark.django_db
def test_import_into_an_unknown_evaluation_fails():
    with pytest.raises(CommandError, match="没有编号为 999 的评估"):
        call_command("import_self_assessment", "999", str(FIXTURE), stdout=StringIO())
