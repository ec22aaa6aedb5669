"""The seed station's figures. The contract's indicators and targets are set up as the agency
would; everything the station reports is entered the way a station enters it, by importing its
filled self-assessment workbook (``fixtures/seed_self_assessment.xlsx``, made from the values
below by ``scripts/make_seed_fixture.py``).

From the seed report: the targets implied by 二(二) and the actuals as of 2024-12-31, staffing
per operator term, attendance totals, training hours, the satisfaction survey, the resources,
and the filing figures it gives. ILLUSTRATIVE, where the seed is silent: the month-by-month
split of attendance (its totals are the seed's), households or persons the report does not
give per community (仑头 says only "100% 覆盖"), the survey roster, and the narratives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from indicators import selectors, services
from indicators.enums import Section
from indicators.models import ContractIndicator
from indicators.selfassessment import layout, template
from stations.demo import OPERATOR_TERMS, SERVICE_AREAS, DemoSeed, upsert
from stations.models import User

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "seed_self_assessment.xlsx"
SEED_KEY = "官洲街社工服务站|2024-06-09|midterm"
SEED_TITLE = "2024—2025 年度 官洲街社工服务站 中期"
CUTOFF = dt.date(2024, 12, 31)

# (category, name, unit, target, actual), in the order the report lists them.
INDICATORS: list[tuple[str, str, str, int, int]] = [
    ("电话访问", "电话访问", "个", 2001, 1842),
    ("入户探访", "入户探访", "个", 1002, 778),
    ("个案", "接案", "个", 85, 38),
    ("个案", "服务节数", "节", 510, 307),
    ("个案", "结案", "个", 60, 19),
    ("小组", "个数", "个", 30, 15),
    ("小组", "节数", "节", 180, 100),
    ("小组", "服务人次", "人次", 1440, 885),
    ("大型社区活动", "次数", "次", 10, 11),
    ("大型社区活动", "服务人次", "人次", 1000, 3435),
    ("中小型社区活动", "次数", "次", 50, 49),
    ("中小型社区活动", "服务人次", "人次", 1200, 5244),
    ("志愿者", "新登记志愿者", "名", 200, 73),
    ("志愿者", "志愿者骨干", "名", 30, 20),
    ("志愿者", "志愿者队伍", "支", 2, 2),
]

# How the report words each indicator (二(二)): the clause it shares, and its phrase.
REPORT_WORDING: dict[tuple[str, str], tuple[str, str]] = {
    ("电话访问", "电话访问"): ("探访", "电话访问 {n} 个"),
    ("入户探访", "入户探访"): ("探访", "入户探访 {n} 个"),
    ("个案", "接案"): ("", "专业个案接案 {n} 个"),
    ("个案", "服务节数"): ("", "服务 {n} 节"),
    ("个案", "结案"): ("", "结案 {n} 个"),
    ("小组", "个数"): ("", "完成小组 {n} 个"),
    ("小组", "节数"): ("", "{n} 节"),
    ("小组", "服务人次"): ("", "服务 {n} 人次"),
    ("大型社区活动", "次数"): ("", "完成大型社区活动 {n} 次"),
    ("大型社区活动", "服务人次"): ("", "服务 {n} 人次"),
    ("中小型社区活动", "次数"): ("", "完成中小型社区活动 {n} 次"),
    ("中小型社区活动", "服务人次"): ("", "服务 {n} 人次"),
    ("志愿者", "新登记志愿者"): ("", "新登记志愿者 {n} 名"),
    ("志愿者", "志愿者骨干"): ("", "培育志愿者骨干 {n} 名"),
    ("志愿者", "志愿者队伍"): ("", "发展志愿者队伍 {n} 支"),
}

# Per operator term (in order): average, senior, intermediate, assistant, uncertified,
# two years or more, continuously in post.
STAFFING = [
    layout.StaffingValues(17, 1, 6, 9, 1, None, None),
    layout.StaffingValues(18, 0, 4, 9, 5, 12, 11),
]

# 2024-07 … 2024-12: (certified, uncertified) person-months; totals 77.5 and 30.5 (seed).
ATTENDANCE = [
    (Decimal("13"), Decimal("5")),
    (Decimal("13"), Decimal("5")),
    (Decimal("13"), Decimal("5")),
    (Decimal("13"), Decimal("5")),
    (Decimal("13"), Decimal("5")),
    (Decimal("12.5"), Decimal("5.5")),
]

# Per community: households to file / filed, persons to file / filed.
FILING = {
    "北山社区": layout.FilingValues(36, 36, 40, 40),  # persons from the seed
    "官洲社区": layout.FilingValues(55, 55, 61, 61),  # persons from the seed
    "赤沙东南约社区": layout.FilingValues(32, 32, 38, 38),  # households from the seed
    "赤沙西北约社区": layout.FilingValues(54, 54, 61, 61),  # households from the seed
    "学院社区": layout.FilingValues(28, 28, 38, 38),  # households from the seed; 137 persons in all
    "仑头东社区": layout.FilingValues(45, 45, 52, 52),
    "仑头西社区": layout.FilingValues(39, 39, 44, 44),
}

SINGLE: dict[str, Decimal | int] = {
    "training_required_hours": Decimal("648"),
    "training_completed_hours": Decimal("692.5"),
    "survey_roster": 486,
    "survey_surveyed": 100,
    "survey_satisfaction": Decimal("95.2"),
    "resources_cash": Decimal("20791.16"),
    "resources_goods": Decimal("571298.74"),
    "charity_funds": Decimal("25701.90"),
}

NARRATIVES: dict[str, str] = {
    Section.PROJECT_MANAGEMENT: "（示意）社工站制定了人员、行政与继续教育管理制度，"
    "定期召开工作会议，全体人员均已签订劳动合同。",
    Section.SERVICE_QUALITY: "（示意）各片区完成困难群众和特殊群体建档，落实“一户一档”“一人一案”，"
    "按计划开展个案、小组和社区活动。",
    Section.SERVICE_MONITORING: "（示意）从服务对象名册随机抽取 100 名开展满意度调查，"
    "并做好过程记录与归档。",
    Section.SERVICE_OUTCOMES: "（示意）依托“五社联动”与慈善超市链接社会资源，"
    "协助 7 个社区筹建社区慈善基金。",
}


def seed_spec_and_data() -> tuple[layout.Spec, layout.SelfAssessmentData]:
    """The seed workbook's contents. The ids only pair rows with values here: a workbook names
    its rows by their labels, so the ids of any database fit."""
    months = [dt.date(2024, m, 1) for m in range(7, 13)]
    communities = [(area, name) for area, names in SERVICE_AREAS for name in names]
    spec = layout.Spec(
        key=SEED_KEY,
        title=SEED_TITLE,
        cutoff=CUTOFF,
        required_staff=18,
        required_certified=9,
        indicators=[
            layout.IndicatorRow(n, category, name, unit, target)
            for n, (category, name, unit, target, _actual) in enumerate(INDICATORS)
        ],
        terms=[
            layout.TermRow(n, operator, start, end)
            for n, (operator, _short, start, end) in enumerate(OPERATOR_TERMS)
        ],
        months=months,
        communities=[
            layout.CommunityRow(n, area, name) for n, (area, name) in enumerate(communities)
        ],
        sections=list(layout.NARRATIVE_SECTIONS),
    )
    data = layout.SelfAssessmentData(
        actuals={n: row[4] for n, row in enumerate(INDICATORS)},
        staffing=dict(enumerate(STAFFING)),
        attendance=dict(zip(months, ATTENDANCE, strict=True)),
        filings={n: FILING[name] for n, (_area, name) in enumerate(communities)},
        single=dict(SINGLE),
        narratives=dict(NARRATIVES),
    )
    return spec, data


def seed_workbook() -> bytes:
    spec, data = seed_spec_and_data()
    return template.build(spec, data)


@transaction.atomic
def load_seed_figures(seed: DemoSeed) -> None:
    load_seed_indicators(seed)
    import_seed_workbook(seed)


def load_seed_indicators(seed: DemoSeed) -> None:
    """The contract's indicators and targets, as the agency sets them up."""
    for position, (category, name, unit, target, _actual) in enumerate(INDICATORS, start=1):
        group, phrase = REPORT_WORDING[(category, name)]
        upsert(
            ContractIndicator,
            {"contract": seed.contract, "category": category, "name": name},
            {
                "unit": unit,
                "target": target,
                "position": position,
                "report_group": group,
                "report_phrase": phrase,
            },
        )


def import_seed_workbook(seed: DemoSeed) -> None:
    """The station's figures, imported from its filled workbook unless they already are."""
    content = FIXTURE.read_bytes()
    current = selectors.latest_applied_upload(seed.evaluation)
    if current is not None and current.sha256 == hashlib.sha256(content).hexdigest():
        return
    services.import_file(
        evaluation=seed.evaluation,
        content=content,
        name=FIXTURE.name,
        by=User.objects.get(username="staff"),
    )
