"""The demo season's illustrative stations: which street, how far each evaluation goes, its
panel and the totals its scorers arrive at. Everything here is made up for the demo (示例)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from stations.models import Status

REMARKS = (
    "示例数据：本评估的社工站、承办机构、各项数字、评分与评估意见均为演示而编造，并非真实评估结果。"
)
AGENCY = "广州市社会组织联合会"


@dataclass(frozen=True)
class Example:
    key: str  # pinyin of the street, for the demo user names
    street: str
    status: str  # how far the demo takes it
    operator: str
    areas: list[tuple[str, list[str]]]
    experts: list[str]
    totals: dict[str, Decimal] = field(default_factory=dict)  # scorer → sheet total
    required_staff: int = 15
    on_site: dt.date = dt.date(2025, 3, 20)

    @property
    def station_name(self) -> str:
        return f"{self.street}社工服务站（示例）"

    @property
    def staff_username(self) -> str:
        return f"staff_{self.key}"

    @property
    def buyer_username(self) -> str:
        return f"buyer_{self.key}"


def _areas(*names: str) -> list[tuple[str, list[str]]]:
    return [(f"{n}片区", [f"{n}一社区", f"{n}二社区"]) for n in names]


def _totals(experts, sheets) -> dict[str, Decimal]:
    return {
        **{e: Decimal(t) for e, t in zip(experts, sheets[:3], strict=True)},
        "buyer": Decimal(sheets[3]),
        "supervision": Decimal(sheets[4]),
        "bureau": Decimal(sheets[5]),
    }


E1, E2, E3, E4, E5 = (f"expert{n}" for n in range(1, 6))
EXAMPLES: list[Example] = [
    Example("nanzhou", "南洲街", Status.SETUP, "海珠区晨曦社会工作服务中心（示例）",
            _areas("东", "西"), [E1, E2, E3], on_site=dt.date(2025, 4, 10)),
    Example("pazhou", "琶洲街", Status.SELF_ASSESSMENT, "海珠区琶洲社会工作服务中心（示例）",
            _areas("东", "西"), [E1, E3, E4], on_site=dt.date(2025, 4, 3)),
    Example("huazhou", "华洲街", Status.ON_SITE, "海珠区启航社会工作服务中心（示例）",
            _areas("北", "南"), [E1, E2, E5],
            _totals([E1, E2, E5], ["84", "82.5", "80", "83", "81", "85"]),
            on_site=dt.date(2025, 3, 27)),
    Example("chigang", "赤岗街", Status.DRAFTING, "海珠区同心社会工作服务中心（示例）",
            _areas("东", "西", "中"), [E1, E4, E5],
            _totals([E1, E4, E5], ["78", "76.5", "74", "77", "75", "80"]),
            required_staff=18, on_site=dt.date(2025, 3, 21)),
    Example("xingang", "新港街", Status.FEEDBACK, "海珠区和悦社会工作服务中心（示例）",
            _areas("东", "西"), [E1, E2, E3],
            _totals([E1, E2, E3], ["83", "82", "80.5", "84", "81", "82"]),
            on_site=dt.date(2025, 3, 18)),
    Example("jianghai", "江海街", Status.RECTIFICATION, "海珠区明德社会工作服务中心（示例）",
            _areas("东", "西"), [E1, E3, E5],
            _totals([E1, E3, E5], ["76", "74.5", "72", "75", "73", "78"]),
            on_site=dt.date(2025, 3, 12)),
    Example("ruibao", "瑞宝街", Status.CLOSED, "海珠区瑞丰社会工作服务中心（示例）",
            _areas("东", "西"), [E1, E2, E4],
            _totals([E1, E2, E4], ["92", "91", "90.5", "93", "90", "92"]),
            on_site=dt.date(2025, 3, 7)),
]  # fmt: skip

CONTRACT_START, CONTRACT_END = dt.date(2024, 7, 1), dt.date(2025, 6, 30)
CUTOFF = dt.date(2024, 12, 31)


def station_users() -> dict[str, tuple[str, str]]:
    """Station name → the demo usernames of its station staff and of its street office."""
    return {
        "官洲街社工服务站": ("staff", "buyer"),
        **{e.station_name: (e.staff_username, e.buyer_username) for e in EXAMPLES},
    }
