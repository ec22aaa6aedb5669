"""The users' journeys in a real browser. They share one server and run in this order: the
feedback journey issues the mid-term report that the bureau then downloads."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

# One server for the module, the journeys in order: one worker runs them all (pytest-xdist's
# --dist loadgroup, in pyproject.toml).
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_an_expert_scores_every_item_saves_a_draft_submits_and_sees_it_read_only(person):
    expert = person("expert1")
    page = expert.page
    expert.shot("expert", "1-home")
    page.click("#evaluations a:text('末期')")
    page.click("#scoring a:has-text('我的评分表')")
    inputs = page.locator("input.score-input")
    count = inputs.count()
    assert count == 15
    total = Decimal(0)
    for n in range(count):
        field = inputs.nth(n)
        value = Decimal(field.get_attribute("data-item-max")) - Decimal("0.5")
        field.fill(str(value))
        total += value
    # The running total follows what is typed.
    assert Decimal(page.locator("#running-total").inner_text()) == total
    expert.shot("expert", "2-filled")
    page.click("button[value=save]")
    page.wait_for_selector(".alert-success:has-text('草稿已保存')")
    assert page.locator("#sheet-status").inner_text() == "草稿"
    page.click("button[value=submit]")
    page.wait_for_selector(".alert-success:has-text('已提交')")
    assert page.locator("#sheet-status").inner_text() == "已提交"
    assert expert.dialogs == ["确定提交评分表？提交后只读，只有评估机构可以退回修改。"]
    assert page.locator("input.score-input").count() == 0  # read-only now
    assert page.locator(".score-value").count() == 15
    # The submitted sheet's total is the server's (no script recounts an empty form to 0).
    assert Decimal(page.locator("#running-total").inner_text()) == total
    expert.shot("expert", "3-submitted")


def _rows(ws, key_column: int):
    """The rows of a sheet the template lists (their key cell holds a label)."""
    return (row for row in range(4, ws.max_row + 1) if ws.cell(row=row, column=key_column).value)


def _fill(workbook_path: Path, **overrides) -> bytes:
    """Fill every cell of the template the station fills, valid throughout."""
    wb = load_workbook(workbook_path)
    for row in _rows(wb["协议指标"], 2):
        wb["协议指标"].cell(row=row, column=3, value=20 + row)
    for sheet, key_column, first_column, values in (
        ("人员配置", 1, 4, [18, 0, 4, 9, 5, 12, 11]),
        ("到岗情况", 1, 4, [13, 5]),
        ("建档情况", 2, 3, [30, 30, 35, 35]),
    ):
        for row in _rows(wb[sheet], key_column):
            for column, value in enumerate(values, start=first_column):
                wb[sheet].cell(row=row, column=column, value=value)
    for sheet, values in {
        "继续教育": [648, 700],
        "满意度调查": [486, 100, 96.5],
        "资源链接": [1000, 2000.5, 300],
    }.items():
        for row, value in enumerate(values, start=4):
            wb[sheet].cell(row=row, column=2, value=value)
    ws = wb["自评报告"]
    for row in range(4, 8):
        ws.cell(row=row, column=2, value="本期自评（浏览器测试）")
    for coordinate, value in overrides.items():
        sheet, cell = coordinate.split("!")
        wb[sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_station_downloads_the_template_uploads_a_wrong_then_a_right_file(person, tmp_path):
    staff = person("staff")
    page = staff.page
    page.click("#evaluations a:text('末期')")
    page.click("#figures a:has-text('自我评审')")
    with page.expect_download() as download:
        page.click("#template-link")
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    staff.shot("station", "1-self-assessment")

    wrong = tmp_path / "wrong.xlsx"
    wrong.write_bytes(_fill(template, **{"协议指标!C7": "十二"}))
    page.set_input_files("input[name=file]", str(wrong))
    page.click("#upload button[type=submit]")
    errors = page.locator("#upload-errors")
    errors.wait_for()
    assert "协议指标!C7：应为非负整数，实为“十二”" in errors.inner_text()
    staff.shot("station", "2-cell-named")

    right = tmp_path / "right.xlsx"
    right.write_bytes(_fill(template))
    page.set_input_files("input[name=file]", str(right))
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#changes")
    assert "电话访问" in page.locator("#changes").inner_text()
    staff.shot("station", "3-preview")
    page.click("button[value=apply]")
    page.wait_for_selector("#indicators")
    table = page.locator("#indicators").inner_text()
    assert "24 个" in table  # 电话访问: the value of row 4
    assert re.search(r"1\.2%", table)  # 24 / 2001
    staff.shot("station", "4-new-figures")


def _report_page(someone) -> None:
    someone.page.click("#evaluations a:text('中期')")
    someone.page.click("#report a")


def test_the_feedback_round_an_objection_answered_sign_offs_and_the_issue(person):
    coordinator = person("coordinator")
    _report_page(coordinator)
    coordinator.page.click("#send button")
    coordinator.page.wait_for_selector(".alert-success:has-text('已发出征求意见')")
    coordinator.shot("feedback", "1-sent")

    # The station hears of it: a message in the top bar and the inbox, an item on its to-do.
    staff = person("staff")
    assert staff.page.locator("#unread").inner_text() == "1"
    staff.page.click("#inbox-link")
    assert "将报告初稿发出征求意见（第 1 轮）" in staff.page.locator("#inbox").inner_text()
    staff.shot("feedback", "2-inbox")
    staff.page.click("#inbox a")  # to the draft; the message is read
    staff.page.wait_for_selector("#feedback")
    staff.go("/")
    assert staff.page.locator("#unread").count() == 0
    item = staff.page.locator("#todo [data-kind=feedback]")
    assert "回复报告初稿" in item.inner_text()
    item.locator("a").click()
    staff.page.wait_for_selector("#feedback")
    staff.page.select_option("#id_finding", index=1)
    staff.page.fill("#id_reason", "第一条的持证人数请再核对。")
    staff.page.click("#feedback form[action$='objections/'] button")
    staff.page.wait_for_selector(".alert-success:has-text('异议已提交')")
    staff.shot("feedback", "3-objection")

    coordinator.page.reload()
    coordinator.page.select_option("#objections select[name=answer]", "partly")
    coordinator.page.fill("#objections textarea[name=text]", "已核对，补充说明。")
    coordinator.page.click("#objections button")
    coordinator.page.wait_for_selector("#objections .text-success")
    coordinator.shot("feedback", "4-answered")

    for username in ["staff", "bureau", "buyer", "supervision"]:
        party = staff if username == "staff" else person(username)
        if username != "staff":
            _report_page(party)
        else:
            party.page.reload()
        party.page.check("input[name=decision][value=no_objection]")
        party.page.click("#feedback form[action$='sign-off/'] button")
        party.page.wait_for_selector(".alert-success:has-text('已记录本方意见')")
    coordinator.go("/")
    assert coordinator.page.locator("#todo [data-kind=issue]").count() == 1
    coordinator.shot("feedback", "5-to-issue")
    _report_page(coordinator)
    # Issuing: the report as it will print, once more, and a confirmation.
    coordinator.page.click("#issue-link")
    coordinator.page.wait_for_selector("#final-text")
    assert "本次中期评估的等级为：良好" in coordinator.page.locator("#final-grade").inner_text()
    coordinator.shot("feedback", "6-confirm")
    coordinator.page.check("#id_confirm")
    coordinator.page.click("#confirm-issue button")
    coordinator.page.wait_for_selector("#final")
    assert coordinator.dialogs[-1] == "现在出具正式报告？出具后不能再修改。"
    assert "正式报告已出具" in coordinator.page.locator("#final").inner_text()
    coordinator.shot("feedback", "7-issued")
    coordinator.go("/")
    assert coordinator.page.locator("#todo [data-kind=issue]").count() == 0  # done: gone


def test_the_bureau_finds_the_final_report_in_its_district_list_and_downloads_it(person):
    bureau = person("bureau")
    page = bureau.page
    page.click("nav a:has-text('正式报告')")
    row = page.locator("#final-reports tbody tr", has_text="官洲街社工服务站")
    assert row.count() == 1
    bureau.shot("bureau", "1-district-list")
    with page.expect_download() as download:
        row.locator("a:has-text('下载')").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "官洲街社工服务站" in re.sub(r"\s+", "", text)


def test_the_language_switcher_turns_a_page_english_and_back(person):
    someone = person("bureau")
    page = someone.page
    assert page.locator("nav a.nav-link").first.inner_text() == "我的评估"
    page.click("nav button[value=en]")
    page.wait_for_selector("nav a.nav-link:text('My evaluations')")
    assert page.locator("#todo h2").inner_text().startswith("To do")
    assert page.locator("h2", has_text="Evaluations").count() == 1
    someone.shot("language", "1-english")
    page.click("nav button[value=zh-hans]")
    page.wait_for_selector("nav a.nav-link:text('我的评估')")
    someone.shot("language", "2-chinese")


PHONE = 390


def _fits(someone, *selectors: str) -> None:
    """The page is no wider than the phone, and each key element is in view across."""
    page = someone.page
    # A click before this may still be navigating: wait for the new page's key element.
    page.locator(selectors[0]).first.wait_for()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, page.url
    for selector in selectors:
        element = page.locator(selector).first
        box = element.bounding_box()
        assert box is not None, selector
        assert box["x"] >= 0, (selector, box)
        assert box["x"] + box["width"] <= PHONE, (selector, box)


def test_the_main_pages_fit_a_phone(person):
    """At 390 px wide: the lists' links, the score inputs and the completion rates are in view
    without sideways scrolling. (It runs after the feedback journey, which issues the report
    the bureau's final-reports list shows.)"""
    bureau = person("bureau", width=PHONE)
    _fits(bureau, "#evaluations tbody tr a[href*='/evaluations/']")
    bureau.shot("phone", "1-home")
    bureau.go("/reports/")
    _fits(bureau, "#final-reports a:has-text('下载')")
    bureau.shot("phone", "2-final-reports")
    bureau.page.click("#final-reports tbody tr a")  # the evaluation
    bureau.page.click("#figures a:has-text('协议指标')")
    _fits(bureau, "#indicators td[data-label='完成率']")
    bureau.shot("phone", "3-indicators")

    expert = person("expert1", width=PHONE)
    expert.page.click("#evaluations a:text('末期')")
    expert.page.click("#scoring a:has-text('我的评分表')")
    _fits(expert, "#sheet td[data-label='得分']", "#running-total")
    expert.shot("phone", "4-sheet")


def test_the_coordinator_sets_up_a_station_a_season_of_three_and_draws_its_panels(person):
    """As the coordinator (no superuser): a new station with its service area and
    communities, contract and targets; a season of it and two stations already entered; a
    panel drawn for each evaluation and assigned (each expert still to accept)."""
    coordinator = person("coordinator")
    page = coordinator.page
    page.click("nav a:has-text('评估设置')")
    page.click("#stations-link")
    page.click("#station-new")
    page.select_option("#id_street", label="海珠区琶洲街")
    page.fill("#id_name", "琶洲街社工服务站")
    page.fill("#id_address", "琶洲大道1号")
    coordinator.shot("setup", "1-station")
    page.click("#station-form button[type=submit]")
    page.wait_for_selector(".alert-success:has-text('已新增社工站 琶洲街社工服务站')")

    page.fill("#area-form #id_name", "琶洲片区")
    page.fill("#area-form #id_communities", "琶洲社区\n黄埔村社区")
    page.click("#area-form button[type=submit]")
    page.wait_for_selector("#area-list:has-text('琶洲社区、黄埔村社区')")

    page.click("#contract-new")
    page.fill("#id_start_date", "2024-07-01")
    page.fill("#id_end_date", "2025-06-30")
    page.fill("#id_operator_name", "广州市琶洲社会工作服务中心")
    page.fill("#id_budget", "1800000")
    page.fill("#id_required_staff", "15")
    page.fill("#id_required_certified_staff", "19")  # more certified than staff: refused
    page.click("#contract-form button[type=submit]")
    page.wait_for_selector("text=协议规定持证社工数不能超过配置人员总数")
    page.fill("#id_required_certified_staff", "8")
    page.click("#contract-form button[type=submit]")
    page.wait_for_selector(".alert-success:has-text('协议已录入')")
    for row, (category, name, unit, target) in enumerate(
        [("个案", "结案", "个", "60"), ("小组", "服务节数", "节", "120")]
    ):
        for field, value in (("category", category), ("name", name), ("unit", unit)):
            page.fill(f"#id_targets-{row}-{field}", value)
        page.fill(f"#id_targets-{row}-target", target)
    coordinator.shot("setup", "2-targets")
    page.click("#targets-form button[type=submit]")
    page.wait_for_selector(".alert-success:has-text('协议指标已保存（2 处修改）')")
    assert "2 项协议指标" in page.locator(".contract").inner_text()

    page.click("nav a:has-text('评估设置')")
    page.click("#season-new")
    page.select_option("#id_district", label="海珠区")
    page.select_option("#id_stage", label="中期")
    page.fill("#id_year", "2024")
    page.click("#season-scope button[type=submit]")
    stations = page.locator("#season-stations input[name=stations]")
    assert stations.count() == 3  # 官洲街 already has its mid-term: offered, not tickable
    assert page.locator("#season-stations:has-text('已有这一阶段的评估')").count() == 1
    page.fill("#id_on_site_from", "2025-03-10")
    page.fill("#id_on_site_until", "2025-03-21")
    coordinator.shot("setup", "3-season")
    page.click("#season-form button[type=submit]")
    page.wait_for_selector(".alert-success:has-text('共 3 个评估')")
    rows = page.locator("#season-evaluations tbody tr")
    assert rows.count() == 3
    assert "2025-03-03" in rows.first.inner_text()  # the self-assessment is due 7 days before

    page.fill("#season-draw-form #id_experts", "2")
    page.fill("#season-draw-form #id_load_limit", "2")
    page.click("#season-draw-form button[type=submit]")
    page.wait_for_selector(".alert-success:has-text('已为 3 个评估抽取专家')")
    assert (
        coordinator.dialogs[-1] == "确定通过抽取补足这些评估的专家小组？抽中的专家会收到确认邀请。"
    )
    coordinator.shot("setup", "4-drawn")
    page.click("#season-evaluations a:has-text('评估小组') >> nth=0")
    assert page.locator("#assignments td:has-text('待确认')").count() == 2
    coordinator.shot("setup", "5-panel")
