"""The set-up workbook's sheets and columns (pure): what ``export_setup_template`` writes and
``import_setup`` reads. Row 1 holds the headings; each row below is one record."""

from __future__ import annotations

from dataclasses import dataclass

README = "说明"


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str  # text, date, money, count, stage
    required: bool = True
    width: int = 14


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    max_rows: int = 2000

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(c.heading for c in self.columns)


STATIONS = Sheet(
    "社工站",
    (
        Column("区", "text", width=10),
        Column("街道", "text", width=10),
        Column("社工站", "text", width=24),
        Column("简称", "text", required=False, width=18),
        Column("地址", "text", required=False, width=30),
        Column("承办机构", "text", width=30),
        Column("协议开始日期", "date"),
        Column("协议结束日期", "date"),
        Column("服务经费（元）", "money"),
        Column("配置社工数", "count"),
        Column("其中持证社工数", "count", required=False),
    ),
)
TARGETS = Sheet(
    "协议指标",
    (
        Column("社工站", "text", width=24),
        Column("类别", "text", width=12),
        Column("指标", "text", width=14),
        Column("单位", "text", width=8),
        Column("协议指标量", "count"),
    ),
)
AREAS = Sheet(
    "服务片区",
    (Column("社工站", "text", width=24), Column("片区", "text"), Column("社区", "text")),
)
EVALUATIONS = Sheet(
    "评估",
    (
        Column("社工站", "text", width=24),
        Column("协议开始日期", "date"),
        Column("阶段", "stage", width=8),
        Column("实地评估日期", "date"),
        Column("数据截止日期", "date", required=False),
    ),
)
PEOPLE = Sheet(
    "人员",
    (
        Column("用户名", "text"),
        Column("姓名", "text"),
        Column("电子邮箱", "text", width=26),
        Column("单位", "text", width=30),
        Column("角色", "text", width=12),
        Column("社工站", "text", required=False, width=24),
    ),
)
SHEETS = (STATIONS, TARGETS, AREAS, EVALUATIONS, PEOPLE)
STAGES = {"中期": "midterm", "末期": "final"}
ROLES = {  # 人员!角色 → stations.enums.Role
    "评估机构工作人员": "coordinator",
    "评估专家": "expert",
    "街道办事处": "buyer",
    "督导中心": "supervision",
    "区民政局": "bureau",
    "社工站工作人员": "station_staff",
}
