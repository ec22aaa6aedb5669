"""The seed evaluation as demo data: 2024—2025 年度海珠区官洲街社工服务站 中期评估.

Everything here is taken from the seed report (../shared/seed/) except what it does not say,
which is marked ILLUSTRATIVE: the supervision centre's name, the contract's required certified
staff (inferred from 持证社工应到岗 54 人次 = 9 × 6 months) and the demo users.

Every write is an update-or-create on a natural key, so loading twice leaves the same data.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import get_hashers, make_password
from django.db import transaction

from stations.models import (
    Assignment,
    Community,
    Contract,
    District,
    Evaluation,
    Membership,
    OperatorTerm,
    Organisation,
    OrganisationKind,
    Role,
    ServiceArea,
    Stage,
    Station,
    Status,
    Street,
    User,
)

DEMO_PASSWORD = "demo-2025"


def demo_password_hash() -> str:
    """The demo password, hashed once per process (and hasher) with a fixed salt: every demo
    account shares one published password, so they may share its hash, and loading again
    compares strings instead of hashing once per user (a quarter of a second each)."""
    return _hash(get_hashers()[0].algorithm)


@functools.cache
def _hash(algorithm: str) -> str:
    return make_password(DEMO_PASSWORD, salt="evalportaldemo", hasher=algorithm)


def set_demo_password(user: User) -> None:
    if user.password != demo_password_hash():
        user.password = demo_password_hash()


SERVICE_AREAS: list[tuple[str, list[str]]] = [
    ("北山片区", ["北山社区"]),
    ("官洲片区", ["官洲社区"]),
    ("赤沙片区", ["赤沙东南约社区", "赤沙西北约社区", "学院社区"]),
    ("仑头片区", ["仑头东社区", "仑头西社区"]),
]

OPERATOR_TERMS: list[tuple[str, str, dt.date, dt.date]] = [
    ("广州市明心社会工作服务中心", "明心", dt.date(2024, 6, 9), dt.date(2024, 7, 8)),
    ("广州市越秀区穗青社会工作服务中心", "穗青", dt.date(2024, 7, 9), dt.date(2025, 6, 8)),
]

CURRENT_OPERATOR = OPERATOR_TERMS[-1][0]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str | None  # None: the portal's administrator (a superuser, no party)
    organisation: str | None


DEMO_USERS: list[DemoUser] = [
    DemoUser("admin", "系统管理员（演示）", None, None),
    DemoUser("coordinator", "评估机构工作人员（演示）", Role.COORDINATOR, "广州市社会组织联合会"),
    *(
        DemoUser(f"expert{n}", f"评估专家{n}（演示）", Role.EXPERT, "广州市社会组织联合会")
        for n in range(1, 6)
    ),
    DemoUser("buyer", "官洲街道办事处代表（演示）", Role.BUYER, "广州市海珠区官洲街道办事处"),
    DemoUser("supervision", "督导中心代表（演示）", Role.SUPERVISION, "海珠区社会工作督导中心"),
    DemoUser("bureau", "海珠区民政局代表（演示）", Role.BUREAU, "广州市海珠区民政局"),
    DemoUser("staff", "官洲街社工站工作人员（演示）", Role.STATION_STAFF, CURRENT_OPERATOR),
]


def default_scheme():
    """The scheme the demo evaluates with: the first published, which the scoring app's data
    migration installs. Reached through ``Evaluation.scheme`` (the one link from this app up to
    scoring) rather than by importing scoring."""
    scheme = Evaluation._meta.get_field("scheme").related_model
    return (
        scheme._default_manager.filter(published_at__isnull=False)
        .order_by("published_at", "pk")
        .first()
    )


@dataclass(frozen=True)
class DemoSeed:
    station: Station
    contract: Contract
    evaluation: Evaluation
    users: list[DemoUser]


def upsert(model, lookup: dict, values: dict | None = None):
    """Create or update the row found by ``lookup``, validated like any other write."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in (values or {}).items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def load_seed_station() -> DemoSeed:
    district = upsert(District, {"city": "广州市", "name": "海珠区"})
    street = upsert(Street, {"district": district, "name": "官洲街"})
    station = upsert(
        Station,
        {"street": street, "name": "官洲街社工服务站"},
        {"short_name": "官洲街社工站", "address": "官洲街北山村北大街 19 号二楼"},
    )
    for area_position, (area_name, communities) in enumerate(SERVICE_AREAS, start=1):
        area = upsert(
            ServiceArea, {"station": station, "name": area_name}, {"position": area_position}
        )
        for position, name in enumerate(communities, start=1):
            upsert(Community, {"service_area": area, "name": name}, {"position": position})

    organisations = {
        "广州市社会组织联合会": upsert(
            Organisation,
            {"kind": OrganisationKind.AGENCY, "name": "广州市社会组织联合会"},
            {"short_name": "市社会组织联合会"},
        ),
        "广州市海珠区民政局": upsert(
            Organisation,
            {"kind": OrganisationKind.BUREAU, "name": "广州市海珠区民政局"},
            {"short_name": "海珠区民政局", "district": district},
        ),
        "广州市海珠区官洲街道办事处": upsert(
            Organisation,
            {"kind": OrganisationKind.STREET_OFFICE, "name": "广州市海珠区官洲街道办事处"},
            {"short_name": "官洲街道办事处", "street": street},
        ),
        # ILLUSTRATIVE: the seed names the supervision centre only as 督导中心.
        "海珠区社会工作督导中心": upsert(
            Organisation,
            {"kind": OrganisationKind.SUPERVISION, "name": "海珠区社会工作督导中心"},
            {"short_name": "督导中心", "district": district},
        ),
    }
    for name, short_name, _start, _end in OPERATOR_TERMS:
        organisations[name] = upsert(
            Organisation,
            {"kind": OrganisationKind.OPERATOR, "name": name},
            {"short_name": short_name},
        )

    contract = upsert(
        Contract,
        {"station": station, "start_date": dt.date(2024, 6, 9)},
        {
            "end_date": dt.date(2025, 6, 8),
            "budget": Decimal("2160000.00"),
            "required_staff": 18,
            "required_certified_staff": 9,  # ILLUSTRATIVE: inferred from 应到岗 54 = 9 × 6
        },
    )
    for name, _short, start, end in OPERATOR_TERMS:
        upsert(
            OperatorTerm,
            {"contract": contract, "start_date": start},
            {"operator": organisations[name], "end_date": end},
        )

    existing = Evaluation.objects.filter(contract=contract, stage=Stage.MIDTERM).first()
    evaluation = upsert(
        Evaluation,
        {"contract": contract, "stage": Stage.MIDTERM},
        {
            "agency": organisations["广州市社会组织联合会"],
            "scheme": default_scheme(),
            "on_site_date": dt.date(2025, 3, 14),
            "data_cutoff_date": dt.date(2024, 12, 31),
            # Later steps of the demo move it on (the report is issued); loading again keeps it.
            "status": existing.status if existing else Status.DRAFTING,
        },
    )

    for demo in DEMO_USERS:
        user = User.objects.filter(username=demo.username).first() or User(username=demo.username)
        user.full_name = demo.full_name
        user.is_active = True
        user.is_staff = user.is_superuser = demo.role is None
        set_demo_password(user)
        user.full_clean()
        user.save()
        if demo.role is None or demo.organisation is None:
            continue
        upsert(
            Membership,
            {
                "user": user,
                "organisation": organisations[demo.organisation],
                "role": demo.role,
                "station": station if demo.role == Role.STATION_STAFF else None,
            },
        )
        if demo.role == Role.EXPERT:
            upsert(
                Assignment,
                {"evaluation": evaluation, "user": user, "role": Role.EXPERT},
                {"status": Assignment.Status.ACTIVE, "declaration": "无"},
            )

    return DemoSeed(station=station, contract=contract, evaluation=evaluation, users=DEMO_USERS)
