"""The set-up workbook: exported, filled, imported (command and service). A file with one bad
cell is refused with that cell named and nothing written; a dry run writes nothing; importing
the same file twice changes nothing; new accounts get their set-password link by e-mail."""

from __future__ import annotations

import datetime as dt
from io import BytesIO, StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import load_workbook

from seasons.exports import setup_workbook
from seasons.importing import setup_import
from stations.enums import AuditAction
from stations.models import AuditEntry, Organisation, OrganisationKind, User

NEW_STATION = (
    "海珠区",
    "官洲街",
    "官洲街第二社工服务站",
    "官洲二站",
    "官洲路 1 号",
    "广州市新承办社会工作服务中心",
    "2025-07-01",
    "2026-06-30",
    "1500000",
    "10",
    "6",
)


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in ("stations", "indicators")
        for model in apps.get_app_config(app).get_models()
        if model._meta.label not in {"stations.AuditEntry"}
    }


def _filled(rows: dict[str, list[tuple]], *, base: bytes | None = None) -> bytes:
    book = load_workbook(BytesIO(base or setup_workbook()))
    for sheet, values in rows.items():
        ws = book[sheet]
        for row in values:
            ws.append(list(row))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _new_season_file() -> bytes:
    return _filled(
        {
            "社工站": [NEW_STATION],
            "协议指标": [
                ("官洲街第二社工服务站", "个案", "接案", "个", "30"),
                ("官洲街第二社工服务站", "小组", "服务节数", "节", 40),
            ],
            "服务片区": [
                ("官洲街第二社工服务站", "北片区", "新洲社区"),
                ("官洲街第二社工服务站", "北片区", "仑头社区"),
                ("官洲街第二社工服务站", "南片区", "赤沙社区"),
            ],
            "评估": [("官洲街第二社工服务站", "2025-07-01", "中期", "2026-01-15", None)],
            "人员": [
                (
                    "staff_new",
                    "陈社工",
                    "chen@example.org",
                    "广州市新承办社会工作服务中心",
                    "社工站工作人员",
                    "官洲街第二社工服务站",
                ),
            ],
        }
    )


@pytest.fixture
def agency(seed):
    return Organisation.objects.get(kind=OrganisationKind.AGENCY, name="广州市社会组织联合会")


def test_the_template_has_every_sheet_with_its_headings_in_row_1(tmp_path):
    path = tmp_path / "海珠区.xlsx"
    call_command("export_setup_template", "-o", str(path), stdout=StringIO())
    book = load_workbook(path)
    assert book.sheetnames == ["说明", "社工站", "协议指标", "服务片区", "评估", "人员"]
    headings = [c.value for c in book["社工站"][1]]
    for heading in (
        "区",
        "街道",
        "社工站",
        "承办机构",
        "协议开始日期",
        "协议结束日期",
        "服务经费（元）",
        "配置社工数",
    ):
        assert heading in headings
    assert [c.value for c in book["协议指标"][1]][-3:] == ["指标", "单位", "协议指标量"]
    assert [c.value for c in book["评估"][1]][:4] == [
        "社工站",
        "协议开始日期",
        "阶段",
        "实地评估日期",
    ]


def test_a_filled_copy_creates_what_it_lists_and_a_second_import_changes_nothing(
    agency, tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    path = tmp_path / "filled.xlsx"
    path.write_bytes(_new_season_file())
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_setup", str(path), stdout=out)
    assert "新增社工站 海珠区官洲街官洲街第二社工服务站" in out.getvalue()
    listing = StringIO()
    call_command("evaluations", stdout=listing)
    assert "官洲街第二社工服务站\t2025—2026 年度\t中期\t筹备" in listing.getvalue()
    station = apps.get_model("stations", "Station").objects.get(name="官洲街第二社工服务站")
    contract = station.contracts.get()
    assert (contract.budget, contract.required_staff, contract.required_certified_staff) == (
        1500000,
        10,
        6,
    )
    assert contract.operator_terms.get().operator.name == "广州市新承办社会工作服务中心"
    assert sorted(contract.indicators.values_list("name", "target")) == [
        ("接案", 30),
        ("服务节数", 40),
    ]
    assert {a.name: [c.name for c in a.communities.all()] for a in station.service_areas.all()} == {
        "北片区": ["新洲社区", "仑头社区"],
        "南片区": ["赤沙社区"],
    }
    evaluation = contract.evaluations.get()
    assert (evaluation.agency, evaluation.on_site_date) == (agency, dt.date(2026, 1, 15))
    assert evaluation.data_cutoff_date == dt.date(2026, 1, 14)
    season = evaluation.season
    assert (season.district.name, season.stage, season.year) == ("海珠区", "midterm", 2025)
    assert evaluation.self_assessment_due == dt.date(2026, 1, 8)  # the season's 7 days before
    assert AuditEntry.objects.filter(action=AuditAction.SETUP_IMPORT).count() == 1
    # The new station's staff got an account and a link to choose a password.
    staff = User.objects.get(username="staff_new")
    assert not staff.has_usable_password()
    [invitation] = mailoutbox
    assert invitation.to == ["chen@example.org"]
    assert "/password/reset/" in invitation.body

    before = _snapshot()
    again = StringIO()
    call_command("import_setup", str(path), stdout=again)
    assert _snapshot() == before
    assert "已新增或修改 0 项" in again.getvalue()
    assert AuditEntry.objects.filter(action=AuditAction.SETUP_IMPORT).count() == 2


def test_a_dry_run_writes_nothing(agency, tmp_path):
    path = tmp_path / "filled.xlsx"
    path.write_bytes(_new_season_file())
    before = _snapshot()
    out = StringIO()
    call_command("import_setup", str(path), "--dry-run", stdout=out)
    assert "新增社工站 海珠区官洲街官洲街第二社工服务站" in out.getvalue()
    assert "试运行，未写入" in out.getvalue()
    assert _snapshot() == before
    assert not AuditEntry.objects.filter(action=AuditAction.SETUP_IMPORT).exists()


@pytest.mark.parametrize(
    ("sheet", "row", "problem"),
    [
        ("社工站", (*NEW_STATION[:8], "一百万", *NEW_STATION[9:]), "社工站!I2：“一百万”不是数字"),
        ("社工站", (NEW_STATION[0], "无名街", *NEW_STATION[2:]), "社工站!B2：未知街道“无名街”"),
        (
            "社工站",
            (*NEW_STATION[:6], "2025-13-01", *NEW_STATION[7:]),
            "社工站!G2：“2025-13-01”不是日期",
        ),
        ("社工站", (*NEW_STATION[:6], "2025-06-30", "2025-01-01", *NEW_STATION[8:]), "社工站!G2："),
        (
            "协议指标",
            ("官洲街第二社工服务站", "个案", "接案", "个", "-3"),
            "协议指标!E3：“-3”不是非负数",
        ),
        (
            "评估",
            ("官洲街第二社工服务站", "2025-07-01", "期中", "2026-01-15"),
            "评估!C3：“期中”不是阶段",
        ),
        (
            "人员",
            ("x", "某", "x@example.org", "没有的单位", "区民政局", None),
            "人员!D3：没有名为“没有的单位”的单位",
        ),
        (
            "服务片区",
            ("官洲街第二社工服务站", "北片区", "北山社区"),  # the seed station's, same street
            "服务片区!C3：北山社区已由官洲街社工服务站服务",
        ),
        (
            "人员",
            ("z", "某", "Y@example.org", "广州市海珠区民政局", "区民政局", None),
            "人员!C3：其他账号已使用该电子邮箱",
        ),
    ],
)
def test_one_bad_cell_is_named_and_nothing_is_written(agency, sheet, row, problem):
    good = {
        "社工站": [NEW_STATION],
        "协议指标": [("官洲街第二社工服务站", "个案", "接案", "个", 1)],
        "服务片区": [("官洲街第二社工服务站", "南片区", "赤沙社区")],
        "评估": [("官洲街第二社工服务站", "2025-07-01", "中期", "2026-01-15")],
        "人员": [("y", "某", "y@example.org", "广州市海珠区民政局", "区民政局", None)],
    }
    rows = {**good, sheet: [row] if sheet == "社工站" else [*good[sheet], row]}
    before = _snapshot()
    outcome = setup_import(data=_filled(rows), agency=agency, by=None, dry_run=False)
    assert not outcome.written
    assert any(p.startswith(problem) for p in outcome.problems), outcome.problems
    assert _snapshot() == before


def test_an_overlapping_contract_is_refused_at_its_start_date(agency, seed):
    contract = seed.contract
    overlapping = (
        "海珠区",
        "官洲街",
        seed.station.name,
        "",
        "",
        "某机构",
        str(contract.start_date + dt.timedelta(days=30)),
        str(contract.end_date + dt.timedelta(days=30)),
        "1",
        "1",
        "0",
    )
    outcome = setup_import(
        data=_filled({"社工站": [overlapping]}), agency=agency, by=None, dry_run=False
    )
    assert outcome.problems == ["社工站!G2：该期间与本社工站的另一份协议重叠。"]


def test_the_export_of_a_district_re_imports_without_a_change(agency):
    district = apps.get_model("stations", "District").objects.get(name="海珠区")
    data = setup_workbook(district=district, agency=agency)
    book = load_workbook(BytesIO(data))
    assert book["社工站"].max_row >= 2
    assert book["协议指标"].max_row >= 2
    before = _snapshot()
    outcome = setup_import(data=data, agency=agency, by=None, dry_run=False)
    assert outcome.problems == []
    assert outcome.changes == []
    assert outcome.unchanged > 10
    assert _snapshot() == before


def test_a_file_that_is_not_a_workbook_is_refused(agency):
    outcome = setup_import(data=b"not a workbook", agency=agency, by=None, dry_run=False)
    assert outcome.problems == ["这不是 Excel 工作簿（.xlsx）文件。"]
    assert not outcome.written


def test_the_command_names_the_problems_and_fails(agency, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(_filled({"社工站": [(*NEW_STATION[:9], "十", *NEW_STATION[10:])]}))
    err = StringIO()
    with pytest.raises(CommandError, match="有 1 处问题，未写入任何内容"):
        call_command("import_setup", str(path), stderr=err)
    assert "社工站!J2：“十”不是数字" in err.getvalue()


def test_an_invited_account_sets_its_password_through_the_link_before_anything_else(
    agency, mailoutbox, django_capture_on_commit_callbacks
):
    from stations import services

    bureau = Organisation.objects.get(kind=OrganisationKind.BUREAU)
    with django_capture_on_commit_callbacks(execute=True):
        user = services.account_create(
            username="lin",
            full_name="林科长",
            email="lin@example.org",
            organisation=bureau,
            role="bureau",
            by=None,
            portal_url="http://testserver",
        )
    client = Client()
    refused = client.post("/login/", {"username": "lin", "password": ""})
    assert refused.status_code == 200  # no password yet: the log-in form again
    assert "_auth_user_id" not in client.session
    [invitation] = mailoutbox
    assert invitation.subject == "社工站评估平台：请设置您的密码"
    assert "林科长，您好" in invitation.body
    assert "用户名：lin" in invitation.body
    link = next(
        line for line in invitation.body.splitlines() if line.startswith("http://testserver/")
    )
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Wuhu-2026-park", "new_password2": "Wuhu-2026-park"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.has_usable_password()
    assert user.check_password("Wuhu-2026-park")
    logged_in = Client().post("/login/", {"username": "lin", "password": "Wuhu-2026-park"})
    assert logged_in.status_code == 302
    assert logged_in["Location"] == "/"
    assert AuditEntry.objects.filter(
        action=AuditAction.ACCOUNT_CREATE, changes__user="lin"
    ).exists()
