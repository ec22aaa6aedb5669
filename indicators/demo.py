"""The seed's contract indicators (targets implied by 二(二) and 附件1) with the actuals it
reports as of 2024-12-31, and the staffing of each operator term (二(一), 二(三))."""

from __future__ import annotations

from django.db import transaction

from indicators.models import ContractIndicator, IndicatorActual, StaffingFigure
from stations.demo import DemoSeed, upsert
from stations.models import OperatorTerm

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

# Per operator term, by its start: average staff, certified by level, uncertified, and for the
# current term the two-year and continuous-in-post counts the report gives.
STAFFING: dict[str, dict[str, int | None]] = {
    "2024-06-09": {
        "average_staff": 17,
        "senior": 1,
        "intermediate": 6,
        "assistant": 9,
        "uncertified": 1,
        "two_years_plus": None,
        "continuous_in_post": None,
    },
    "2024-07-09": {
        "average_staff": 18,
        "senior": 0,
        "intermediate": 4,
        "assistant": 9,
        "uncertified": 5,
        "two_years_plus": 12,
        "continuous_in_post": 11,
    },
}


@transaction.atomic
def load_seed_figures(seed: DemoSeed) -> None:
    for position, (category, name, unit, target, actual) in enumerate(INDICATORS, start=1):
        indicator = upsert(
            ContractIndicator,
            {"contract": seed.contract, "category": category, "name": name},
            {"unit": unit, "target": target, "position": position},
        )
        upsert(
            IndicatorActual,
            {"evaluation": seed.evaluation, "indicator": indicator},
            {"value": actual},
        )
    for term in OperatorTerm.objects.filter(contract=seed.contract):
        upsert(
            StaffingFigure,
            {"evaluation": seed.evaluation, "operator_term": term},
            STAFFING[term.start_date.isoformat()],
        )
