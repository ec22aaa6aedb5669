"""The station's pages: who may do what, the upload in the browser, and what the pages show."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from indicators.demo import FIXTURE
from indicators.models import IndicatorActual, SelfAssessmentUpload
from stations.demo import DEMO_PASSWORD, DEMO_USERS
from stations.models import Status
from tests import factories as f
from tests.corpus.make_corpus import FILES

USERS = [u.username for u in DEMO_USERS if u.role] + ["outsider", "anonymous"]


@pytest.fixture
def demo(seeded):
    from stations.models import User

    outsider = f.BureauFactory()
    f.MembershipFactory(
        user=f.UserFactory(username="outsider"), organisation=outsider, role="bureau"
    )
    for user in User.objects.exclude(username="outsider"):
        user.set_password(DEMO_PASSWORD)
        user.save()
    return seeded


def client_for(username: str) -> Client:
    client = Client()
    if username != "anonymous":
        from stations.models import User

        client.force_login(User.objects.get(username=username))
    return client


def expected(allowed: set[str], default: int = 403) -> list[tuple[str, int]]:
    everyone_else = {"coordinator", "expert1", "buyer", "supervision", "bureau", "staff"}
    return [
        *((u, 200) for u in sorted(allowed)),
        *((u, default) for u in sorted(everyone_else - allowed)),
        ("outsider", 404),
        ("anonymous", 302),
    ]


ALL = {"coordinator", "expert1", "buyer", "supervision", "bureau", "staff"}


@pytest.mark.parametrize(("who", "status"), expected(ALL))
def test_indicator_page(demo, who, status):
    response = client_for(who).get(reverse("indicators:indicator_page", args=[demo.evaluation.pk]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "92.05%" in page
        assert "343.5%" in page
        assert "31.67%" in page
        assert page.count("未达预期进度</span>") == 2
        assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
        assert "预期 39.51%" in page


@pytest.mark.parametrize(("who", "status"), expected(ALL))
def test_staffing_page(demo, who, status):
    response = client_for(who).get(reverse("indicators:staffing_page", args=[demo.evaluation.pk]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        for text in [
            "72.22%",
            "12（66.67%）",
            "11（61.11%）",
            "应到岗 108，实际到岗 108",
            "持证社工应到岗 54，实际到岗 77.5",
            "非持证社工到岗 30.5",
            "106.87%",
            "95.2%",
            "592,089.90 元",
            "617,791.80 元",
        ]:
            assert text in page, text


@pytest.mark.parametrize(("who", "status"), expected({"coordinator", "staff"}))
def test_self_assessment_page(demo, who, status):
    response = client_for(who).get(reverse("indicators:self_assessment", args=[demo.evaluation.pk]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "seed_self_assessment.xlsx" in page
        assert ('id="upload"' in page) == (who == "staff")


@pytest.mark.parametrize(("who", "status"), expected({"coordinator", "staff"}))
def test_template_download(demo, who, status):
    response = client_for(who).get(reverse("indicators:template", args=[demo.evaluation.pk]))
    assert response.status_code == status
    if status == 200:
        wb = load_workbook(BytesIO(response.content))
        assert wb["协议指标"]["C4"].value == 1842  # pre-filled with the current figures
        assert "attachment" in response["Content-Disposition"]


def _upload(client, evaluation, name, content):
    return client.post(
        reverse("indicators:self_assessment", args=[evaluation.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("staff", 302),
        *((u, 403) for u in sorted(ALL - {"staff"})),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_uploading(demo, who, status):
    before = SelfAssessmentUpload.objects.count()
    response = _upload(client_for(who), demo.evaluation, "seed.xlsx", FIXTURE.read_bytes())
    assert response.status_code == status
    assert SelfAssessmentUpload.objects.count() == before + (1 if who == "staff" else 0)


def _changed_workbook(**cells) -> bytes:
    wb = load_workbook(BytesIO(FIXTURE.read_bytes()))
    for coordinate, value in cells.items():
        wb["协议指标"][coordinate] = value
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_upload_with_errors_names_the_cells_and_changes_nothing(demo):
    client = client_for("staff")
    response = _upload(
        client, demo.evaluation, "bad.xlsx", (FILES / "text_for_a_number.xlsx").read_bytes()
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "协议指标!C7：应为非负整数，实为“十二”" in page
    assert "数据未作任何更改" in page
    assert SelfAssessmentUpload.objects.count() == 1


def test_upload_preview_then_confirm_replaces_the_figures(demo):
    client = client_for("staff")
    response = _upload(client, demo.evaluation, "更新.xlsx", _changed_workbook(C4=1900, C8=20))
    upload = SelfAssessmentUpload.objects.get(original_name="更新.xlsx")
    assert response["Location"] == reverse(
        "indicators:upload_preview", args=[demo.evaluation.pk, upload.pk]
    )
    preview = client.get(response["Location"])
    changes = [(c.what, c.before, c.after) for c in preview.context["changes"]]
    assert changes == [("电话访问", "1842", "1900"), ("个案 · 结案", "19", "20")]
    assert IndicatorActual.objects.get(indicator__name="电话访问").value == 1842  # not yet
    current = preview.context["current"].pk
    response = client.post(response["Location"], {"action": "apply", "current": current})
    assert response.status_code == 302
    actual = IndicatorActual.objects.select_related("upload").get(indicator__name="电话访问")
    assert (actual.value, actual.upload) == (1900, upload)
    upload.refresh_from_db()
    assert upload.status == SelfAssessmentUpload.Status.APPLIED
    assert upload.based_on_id == current
    page = client.get(
        reverse("indicators:indicator_page", args=[demo.evaluation.pk])
    ).content.decode()
    assert "94.95%" in page  # 1900 / 2001
    # Every accepted upload is kept, with its file.
    kept = client.get(reverse("indicators:upload_file", args=[demo.evaluation.pk, upload.pk]))
    assert b"".join(kept.streaming_content) == _read(upload)


def _read(upload):
    with upload.file.open("rb") as handle:
        return handle.read()


def test_a_preview_overtaken_by_another_upload_is_not_applied(demo):
    client = client_for("staff")
    _upload(client, demo.evaluation, "a.xlsx", _changed_workbook(C4=1900))
    _upload(client, demo.evaluation, "b.xlsx", _changed_workbook(C4=1950))
    first, second = SelfAssessmentUpload.objects.filter(
        original_name__in=["a.xlsx", "b.xlsx"]
    ).order_by("pk")
    current = (
        client.get(reverse("indicators:upload_preview", args=[demo.evaluation.pk, first.pk]))
        .context["current"]
        .pk
    )
    client.post(
        reverse("indicators:upload_preview", args=[demo.evaluation.pk, second.pk]),
        {"action": "apply", "current": current},
    )
    response = client.post(
        reverse("indicators:upload_preview", args=[demo.evaluation.pk, first.pk]),
        {"action": "apply", "current": current},
        follow=True,
    )
    assert "另一份数据已生效" in response.content.decode()
    assert IndicatorActual.objects.get(indicator__name="电话访问").value == 1950
    first.refresh_from_db()
    assert first.status == SelfAssessmentUpload.Status.PENDING


def test_only_the_uploader_confirms_and_discarding_changes_nothing(demo):
    _upload(client_for("staff"), demo.evaluation, "c.xlsx", _changed_workbook(C4=1900))
    upload = SelfAssessmentUpload.objects.get(original_name="c.xlsx")
    url = reverse("indicators:upload_preview", args=[demo.evaluation.pk, upload.pk])
    assert client_for("coordinator").post(url, {"action": "apply", "current": 0}).status_code == 403
    client_for("staff").post(url, {"action": "discard"})
    upload.refresh_from_db()
    assert upload.status == SelfAssessmentUpload.Status.DISCARDED
    assert IndicatorActual.objects.get(indicator__name="电话访问").value == 1842


def test_figures_are_frozen_once_the_draft_is_out(demo):
    demo.evaluation.status = Status.FEEDBACK
    demo.evaluation.save()
    response = _upload(
        client_for("staff"), demo.evaluation, "late.xlsx", _changed_workbook(C4=1900)
    )
    assert response.status_code == 302
    assert not SelfAssessmentUpload.objects.filter(original_name="late.xlsx").exists()


@pytest.mark.parametrize("number", [1, 2])
@pytest.mark.parametrize(("who", "status"), [("bureau", 200), ("expert1", 200), ("outsider", 404)])
def test_annexes(demo, who, status, number):
    response = client_for(who).get(reverse("indicators:annex", args=[demo.evaluation.pk, number]))
    assert response.status_code == status
    if status != 200:
        return
    ws = load_workbook(BytesIO(response.content)).active
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=4)]
    if number == 1:
        assert ws["A1"].value.startswith("附件1 官洲街社工服务站")
        assert rows[0][:6] == (1, "电话访问", "电话访问", "个", 2001, 1842)
        assert round(rows[0][6], 4) == 0.9205
        assert ws["G4"].number_format == "0.00%"
        assert (round(rows[4][6], 4), rows[4][7]) == (0.3167, "未达预期进度")
    else:
        assert rows[0] == ("2024-07", 18, 18, 9, 13, 5)
        assert rows[-1] == ("合计", 108, 108, 54, 77.5, 30.5)


def test_exported_user_text_never_becomes_a_formula(demo):
    demo.contract.station.name = '=HYPERLINK("http://x")站'
    demo.contract.station.save()
    response = client_for("bureau").get(reverse("indicators:annex", args=[demo.evaluation.pk, 1]))
    cell = load_workbook(BytesIO(response.content)).active["A1"]
    assert cell.data_type == "s"


def _indicator_page_queries(world, n: int) -> int:
    evaluation = f.EvaluationFactory(
        agency=world.evaluation.agency,
        contract__station=f.StationFactory(street=world.station.street),
    )
    for _ in range(n):
        f.ContractIndicatorFactory(contract=evaluation.contract)
    client = world.client("bureau")
    url = reverse("indicators:indicator_page", args=[evaluation.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert len(response.context["figures"].indicators) == n
    return len(ctx.captured_queries)


def test_indicator_page_query_count_is_the_same_for_3_and_30_indicators(world):
    assert _indicator_page_queries(world, 3) == _indicator_page_queries(world, 30)


def test_staffing_page_query_count_does_not_grow_with_communities(world):
    client = world.client("bureau")
    url = reverse("indicators:staffing_page", args=[world.evaluation.pk])
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    before = len(ctx.captured_queries)
    for _ in range(5):
        f.CommunityFactory(service_area=f.ServiceAreaFactory(station=world.station))
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert len(ctx.captured_queries) == before
