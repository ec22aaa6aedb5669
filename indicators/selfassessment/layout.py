"""The self-assessment workbook: what it holds for one evaluation (``Spec``), and where each
thing sits. The template writer and the upload parser both read this, so they cannot drift."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from indicators import enums
from indicators.enums import SECTION_TITLES

TEMPLATE_VERSION = 1
MARKER_TITLE = "evalportal self-assessment"

# Sheet names as the station sees them.
INSTRUCTIONS = "填写说明"
INDICATORS = "协议指标"
STAFFING = "人员配置"
ATTENDANCE = "到岗情况"
TRAINING = "继续教育"
FILING = "建档情况"
SURVEY = "满意度调查"
RESOURCES = "资源链接"
NARRATIVE = "自评报告"
MARKER = "_evalportal"  # very hidden

DATA_SHEETS = [INDICATORS, STAFFING, ATTENDANCE, TRAINING, FILING, SURVEY, RESOURCES, NARRATIVE]

FIRST_ROW = 4  # rows 1–2: title and note, row 3: column headings

# Column headings per table sheet; the letters are fixed by position.
INDICATOR_COLUMNS = ["类别", "指标", "完成量", "单位", "协议指标量"]  # C is filled in
STAFFING_COLUMNS = [
    "承办机构",
    "起",
    "止",
    "平均配备社工",
    "高级社工师",
    "中级社工师",
    "助理社工师",
    "非持证社工",
    "从业两年及以上",
    "持续在岗",
]  # D–J are filled in (I and J may stay empty)
ATTENDANCE_COLUMNS = [
    "月份",
    "应到岗（人月）",
    "持证社工应到岗（人月）",
    "持证社工到岗（人月）",
    "非持证社工到岗（人月）",
]
FILING_COLUMNS = ["片区", "社区", "应建档户数", "实际建档户数", "应建档人数", "实际建档人数"]
NARRATIVE_COLUMNS = ["部分", "自评内容"]

# Label/value sheets: (label in column A, key) from FIRST_ROW; the value is in column B.
TRAINING_ROWS = [
    ("应完成继续教育培训时长（小时）", "training_required_hours"),
    ("实际完成继续教育培训时长（小时）", "training_completed_hours"),
]
SURVEY_ROWS = [
    ("服务对象名册人数", "survey_roster"),
    ("满意度调查人数", "survey_surveyed"),
    ("总体满意度（%）", "survey_satisfaction"),
]
# The parts of the narrative (自评报告): (section value, its title in the workbook).
NARRATIVE_SECTIONS = [(s.value, SECTION_TITLES[s]) for s in enums.NARRATIVE_SECTIONS]
RESOURCE_ROWS = [
    ("自主链接资金（元）", "resources_cash"),
    ("自主链接物资折合（元）", "resources_goods"),
    ("社区慈善基金筹集（元）", "charity_funds"),
]

# How many rows past the expected ones are read to make sure they are empty.
EXTRA_ROWS_CHECKED = 20
TEXT_MAX = 5000


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    category: str
    name: str
    unit: str
    target: int

    @property
    def label(self) -> str:
        return self.name if self.category in self.name else f"{self.category} · {self.name}"


@dataclass(frozen=True)
class TermRow:
    id: int
    operator: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class CommunityRow:
    id: int
    area: str
    name: str


@dataclass(frozen=True)
class Spec:
    """Everything the workbook of one evaluation lists, in order."""

    key: str  # identifies the evaluation across databases: station | contract start | stage
    title: str
    cutoff: dt.date
    required_staff: int
    required_certified: int
    indicators: list[IndicatorRow]
    terms: list[TermRow]
    months: list[dt.date]
    communities: list[CommunityRow]
    sections: list[tuple[str, str]]  # (value, label)


@dataclass(frozen=True)
class StaffingValues:
    average_staff: int
    senior: int
    intermediate: int
    assistant: int
    uncertified: int
    two_years_plus: int | None
    continuous_in_post: int | None


@dataclass(frozen=True)
class FilingValues:
    households_due: int
    households_filed: int
    persons_due: int
    persons_filed: int


@dataclass
class SelfAssessmentData:
    """What a valid workbook says, keyed by the ids of the evaluation's rows."""

    actuals: dict[int, int] = field(default_factory=dict)
    staffing: dict[int, StaffingValues] = field(default_factory=dict)
    attendance: dict[dt.date, tuple[Decimal, Decimal]] = field(default_factory=dict)
    filings: dict[int, FilingValues] = field(default_factory=dict)
    single: dict[str, Decimal | int] = field(default_factory=dict)  # training, survey, resources
    narratives: dict[str, str] = field(default_factory=dict)


def month_label(month: dt.date) -> str:
    return f"{month:%Y-%m}"
