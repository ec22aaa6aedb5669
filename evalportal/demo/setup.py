"""Setting up an example as the agency and the station would: the station, its street office,
operator, contract and indicators, the example's two users, the evaluation in set-up, its
panel, and the station's figures (a filled workbook, imported)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.apps import apps

from evalportal.demo import texts
from evalportal.demo.examples import (
    AGENCY,
    CONTRACT_END,
    CONTRACT_START,
    CUTOFF,
    REMARKS,
    Example,
)
from indicators import selectors as indicator_selectors
from indicators import services as indicator_services
from indicators.demo import INDICATORS, REPORT_WORDING
from indicators.models import ContractIndicator
from indicators.selfassessment import layout, template
from scoring import default_scheme
from scoring import services as scoring_services
from stations import deadlines
from stations.demo import set_demo_password, upsert
from stations.models import (
    Community,
    Contract,
    District,
    Evaluation,
    ExpertProfile,
    ExpertTie,
    Membership,
    OperatorTerm,
    Organisation,
    OrganisationKind,
    Role,
    Season,
    ServiceArea,
    Stage,
    Station,
    Status,
    Street,
    User,
)


def _user(username: str, full_name: str) -> User:
    user = User.objects.filter(username=username).first() or User(username=username)
    user.full_name = full_name
    user.is_active = True
    set_demo_password(user)
    user.full_clean()
    user.save()
    return user


def set_up(example: Example) -> tuple[Evaluation, bool]:
    """The station, its street office and operator, the contract and its indicators, the two
    users of the example; and the evaluation, created in set-up if it is new."""
    district = District.objects.get(city="广州市", name="海珠区")
    street = upsert(Street, {"district": district, "name": example.street})
    station = upsert(
        Station,
        {"street": street, "name": example.station_name},
        {
            "short_name": f"{example.street}社工站（示例）",
            "address": f"海珠区{example.street}示例路 8 号",
        },
    )
    for area_position, (area_name, communities) in enumerate(example.areas, start=1):
        area = upsert(
            ServiceArea, {"station": station, "name": area_name}, {"position": area_position}
        )
        for position, name in enumerate(communities, start=1):
            upsert(Community, {"service_area": area, "name": name}, {"position": position})
    office = upsert(
        Organisation,
        {"kind": OrganisationKind.STREET_OFFICE, "street": street},
        {"name": f"广州市海珠区{example.street.removesuffix('街')}街道办事处"},
    )
    operator = upsert(Organisation, {"kind": OrganisationKind.OPERATOR, "name": example.operator})
    upsert(
        Membership,
        {
            "user": _user(example.buyer_username, f"{example.street}道办事处代表（演示）"),
            "organisation": office,
            "role": Role.BUYER,
            "station": None,
        },
    )
    staff = example.required_staff
    contract = upsert(
        Contract,
        {"station": station, "start_date": CONTRACT_START},
        {
            "end_date": CONTRACT_END,
            "budget": Decimal(staff * 120000),
            "required_staff": staff,
            "required_certified_staff": staff // 2,
        },
    )
    upsert(
        OperatorTerm,
        {"contract": contract, "start_date": CONTRACT_START},
        {"operator": operator, "end_date": CONTRACT_END},
    )
    upsert(  # after the term: station staff work for the station's operator
        Membership,
        {
            "user": _user(example.staff_username, f"{example.street}社工站工作人员（演示）"),
            "organisation": operator,
            "role": Role.STATION_STAFF,
            "station": station,
        },
    )
    for position, (category, name, unit, target, _actual) in enumerate(INDICATORS, start=1):
        group, phrase = REPORT_WORDING[(category, name)]
        upsert(
            ContractIndicator,
            {"contract": contract, "category": category, "name": name},
            {
                "unit": unit,
                "target": max(2, round(target * staff / 18)),
                "position": position,
                "report_group": group,
                "report_phrase": phrase,
            },
        )
    existing = Evaluation.objects.filter(contract=contract, stage=Stage.MIDTERM).first()
    if existing is not None:
        return existing, False
    evaluation = Evaluation(
        contract=contract,
        stage=Stage.MIDTERM,
        agency=Organisation.objects.get(kind=OrganisationKind.AGENCY, name=AGENCY),
        scheme=default_scheme.install(apps),
        on_site_date=example.on_site,
        data_cutoff_date=CUTOFF,
        status=Status.SETUP,
        remarks=REMARKS,
    )
    evaluation.full_clean()
    evaluation.save()
    return Evaluation.objects.with_station().get(pk=evaluation.pk), True


def panel(
    evaluation: Evaluation, example: Example, users: dict[str, User], *, accept: bool
) -> None:
    """The coordinator assigns the experts and the three parties' representatives; the experts
    accept, declaring no tie (in set-up the first expert has not answered yet)."""
    coordinator = users["coordinator"]
    for username in example.experts:
        assignment = scoring_services.assignment_create(
            evaluation=evaluation, user=users[username], role=Role.EXPERT, by=coordinator
        )
        if accept or username != example.experts[0]:
            scoring_services.assignment_accept(
                assignment=assignment, by=users[username], has_conflict=False, declaration="无"
            )
    for role, username in (
        (Role.BUYER, example.buyer_username),
        (Role.SUPERVISION, "supervision"),
        (Role.BUREAU, "bureau"),
    ):
        scoring_services.assignment_create(
            evaluation=evaluation, user=users[username], role=role, by=coordinator
        )


# --- The station's figures ---------------------------------------------------------------------


def figures_for(spec: layout.Spec, seed: str) -> layout.SelfAssessmentData:
    """Consistent, illustrative figures for every row of ``spec``."""
    rng = random.Random(seed)
    staff = spec.required_staff
    certified = max(1, round(staff * rng.uniform(0.55, 0.8)))
    staffing = {
        term.id: layout.StaffingValues(
            average_staff=staff,
            senior=0,
            intermediate=certified // 3,
            assistant=certified - certified // 3,
            uncertified=staff - certified,
            two_years_plus=rng.randint(staff // 2, staff),
            continuous_in_post=rng.randint(staff // 2, staff - 1),
        )
        for term in spec.terms
    }
    attendance = {month: (Decimal(certified), Decimal(staff - certified)) for month in spec.months}
    filings = {}
    for community in spec.communities:
        households = rng.randint(18, 60)
        persons = households + rng.randint(2, 12)
        filings[community.id] = layout.FilingValues(households, households, persons, persons)
    cash = Decimal(rng.randint(800000, 3000000)) / 100
    goods = Decimal(rng.randint(5000000, 40000000)) / 100
    return layout.SelfAssessmentData(
        actuals={i.id: max(0, round(i.target * rng.uniform(0.3, 1.3))) for i in spec.indicators},
        staffing=staffing,
        attendance=attendance,
        filings=filings,
        single={
            "training_required_hours": Decimal(staff * 36),
            "training_completed_hours": Decimal(staff * 36 + rng.randint(-40, 60)),
            "survey_roster": rng.randint(150, 480),
            "survey_surveyed": 100,
            "survey_satisfaction": Decimal(rng.randint(880, 985)) / 10,
            "resources_cash": cash,
            "resources_goods": goods,
            "charity_funds": Decimal(rng.randint(500000, 3000000)) / 100,
        },
        narratives=dict(texts.NARRATIVES),
    )


def self_assessment(evaluation: Evaluation, example: Example, staff: User) -> None:
    """The station fills in its template and uploads it; the figures are applied."""
    spec = indicator_selectors.spec_for(evaluation)
    workbook = template.build(spec, figures_for(spec, example.key))
    indicator_services.import_file(
        evaluation=evaluation, content=workbook, name=f"{example.street}自评表.xlsx", by=staff
    )


EXPERTISE = {
    "expert1": "社区治理、项目管理",
    "expert2": "长者服务、个案工作",
    "expert3": "青少年服务、小组工作",
    "expert4": "社会救助、财务审计",
    "expert5": "残障服务、志愿者管理",
}


def expert_pool() -> None:
    """The demo experts' profiles, and one tie: expert5 was a supervisor at the operator of
    南洲 until mid-2024, so a draw for 南洲 sets them aside."""
    for username, expertise in EXPERTISE.items():
        user = User.objects.filter(username=username).first()
        if user is not None:
            ExpertProfile.objects.get_or_create(user=user, defaults={"expertise": expertise})
    expert5 = User.objects.filter(username="expert5").first()
    operator = Organisation.objects.filter(
        kind=OrganisationKind.OPERATOR, name="海珠区晨曦社会工作服务中心（示例）"
    ).first()
    if expert5 is not None and operator is not None:
        ExpertTie.objects.get_or_create(
            user=expert5,
            organisation=operator,
            defaults={"nature": "曾任该机构督导", "ended_on": dt.date(2024, 6, 30)},
        )


def season(evaluations: list) -> None:
    """The demo's evaluations as one season (海珠区, mid-term, contracts of 2024) of the agency,
    each with the season's due dates where it has none."""
    first = evaluations[0]
    dates = [e.on_site_date for e in evaluations]
    found, _ = Season.objects.get_or_create(
        agency=first.agency,
        district=first.contract.station.street.district,
        stage=first.stage,
        year=first.contract.start_date.year,
        defaults={"on_site_from": min(dates), "on_site_until": max(dates)},
    )
    for evaluation in evaluations:
        if evaluation.season_id is None:
            evaluation.season = found
            for key, value in deadlines.due_dates(found.defaults, evaluation.on_site_date).items():
                setattr(evaluation, key, value)
            evaluation.save()
