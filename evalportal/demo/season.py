"""The demo season: illustrative mid-term evaluations of other 海珠区 stations beside the seed's
官洲街, so that the demo holds an evaluation in every status of the lifecycle, each worked by
the demo users as their roles would, through the same services as in the browser.

Everything here is made up for the demo: the stations are named “（示例）”, their operators
too, and each evaluation's remarks say that its figures and scores are illustrative. The
figures are drawn from a random generator seeded with the station's key, so every load gives
the same numbers.

An example is built once, step by step up to its status, in one transaction; loading again
leaves an example that exists as it is (a visitor may have moved it on).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction

from evalportal.demo import texts as T
from indicators import selectors as indicator_selectors
from indicators import services as indicator_services
from indicators.demo import INDICATORS, REPORT_WORDING
from indicators.models import ContractIndicator
from indicators.selfassessment import layout as L
from indicators.selfassessment import template
from reports import services as report_services
from reports.models import FeedbackParty, Finding, Polarity, Rectification, RenderJob
from scoring import default_scheme
from scoring import services as scoring_services
from scoring.demo import spread
from scoring.models import ScoreSheet, SheetItem
from stations import services as station_services
from stations.demo import set_demo_password, upsert
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


def load_season() -> list[Evaluation]:
    """Every example, built up to its status unless it exists already."""
    return [load_example(example) for example in EXAMPLES]


def _order(status: str) -> int:
    return Status.values.index(status)


@transaction.atomic
def load_example(example: Example) -> Evaluation:
    evaluation, created = _set_up(example)
    if not created:
        return evaluation
    users = {u.username: u for u in User.objects.filter(username__in=_usernames(example))}
    coordinator = users["coordinator"]
    target = _order(example.status)

    def move(to_status: str) -> None:
        station_services.evaluation_change_status(
            evaluation=evaluation, to_status=to_status, by=coordinator
        )

    _panel(evaluation, example, users, accept=target > _order(Status.SETUP))
    if target == _order(Status.SETUP):
        return evaluation
    move(Status.SELF_ASSESSMENT)
    _self_assessment(evaluation, example, users[example.staff_username])
    if target == _order(Status.SELF_ASSESSMENT):
        expert = Assignment.objects.get(evaluation=evaluation, user=users[example.experts[-1]])
        scoring_services.recusal_request(
            assignment=expert, by=users[example.staff_username], reason=T.RECUSAL_REASON
        )
        return evaluation
    move(Status.ON_SITE)
    if target == _order(Status.ON_SITE):
        _scores(evaluation, example, users, stage="on_site")
        return evaluation
    _scores(
        evaluation,
        example,
        users,
        stage="drafting" if target == _order(Status.DRAFTING) else "complete",
    )
    move(Status.DRAFTING)
    _findings(evaluation, example, users)
    if target == _order(Status.DRAFTING):
        return evaluation
    report_services.feedback_send(evaluation=evaluation, by=coordinator)
    evaluation.refresh_from_db()
    if target == _order(Status.FEEDBACK):
        _open_feedback(evaluation, example, users)
        return evaluation
    _issue(evaluation, example, users)
    if target >= _order(Status.RECTIFICATION):
        move(Status.RECTIFICATION)
        _rectify(evaluation, example, users, all_done=example.status == Status.CLOSED)
    if target == _order(Status.CLOSED):
        move(Status.CLOSED)
    return evaluation


def _usernames(example: Example) -> list[str]:
    return [
        "coordinator",
        "supervision",
        "bureau",
        *example.experts,
        example.staff_username,
        example.buyer_username,
    ]


# --- Set-up ------------------------------------------------------------------------------------


def _user(username: str, full_name: str) -> User:
    user = User.objects.filter(username=username).first() or User(username=username)
    user.full_name = full_name
    user.is_active = True
    set_demo_password(user)
    user.full_clean()
    user.save()
    return user


def _set_up(example: Example) -> tuple[Evaluation, bool]:
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
    upsert(
        Membership,
        {
            "user": _user(example.staff_username, f"{example.street}社工站工作人员（演示）"),
            "organisation": operator,
            "role": Role.STATION_STAFF,
            "station": station,
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


def _panel(evaluation: Evaluation, example: Example, users, *, accept: bool) -> None:
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


def figures_for(spec: L.Spec, seed: str) -> L.SelfAssessmentData:
    """Consistent, illustrative figures for every row of ``spec``."""
    rng = random.Random(seed)
    staff = spec.required_staff
    certified = max(1, round(staff * rng.uniform(0.55, 0.8)))
    staffing = {
        term.id: L.StaffingValues(
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
        filings[community.id] = L.FilingValues(households, households, persons, persons)
    cash = Decimal(rng.randint(800000, 3000000)) / 100
    goods = Decimal(rng.randint(5000000, 40000000)) / 100
    return L.SelfAssessmentData(
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
        narratives=dict(T.NARRATIVES),
    )


def _self_assessment(evaluation: Evaluation, example: Example, staff: User) -> None:
    """The station fills in its template and uploads it; the figures are applied."""
    spec = indicator_selectors.spec_for(evaluation)
    workbook = template.build(spec, figures_for(spec, example.key))
    indicator_services.import_file(
        evaluation=evaluation, content=workbook, name=f"{example.street}自评表.xlsx", by=staff
    )


# --- Scores, findings, feedback, issue, rectification ------------------------------------------


def _scores(evaluation: Evaluation, example: Example, users, *, stage: str) -> None:
    """Each scorer fills in their sheet to the example's total. On site (``stage``
    "on_site"), sheets are half filled and some are not started; while the report is drafted
    ("drafting") every sheet is submitted but the bureau's; later ("complete") all are."""
    scorers = [*example.experts, example.buyer_username, "supervision", "bureau"]
    totals = [example.totals[e] for e in [*example.experts, "buyer", "supervision", "bureau"]]
    step = evaluation.scheme.score_step
    for tilt, (username, total) in enumerate(zip(scorers, totals, strict=True)):
        sheet = (
            ScoreSheet.objects.select_related("assignment", "evaluation__scheme")
            .filter(evaluation=evaluation, assignment__user__username=username)
            .get()
        )
        items = list(
            SheetItem.objects.filter(
                scheme_id=evaluation.scheme_id, party=sheet.party, max_points__isnull=False
            )
        )
        wanted = spread(total, [i.max_points for i in items], step, tilt=tilt)
        entries = {i.pk: scoring_services.Entry(w) for i, w in zip(items, wanted, strict=True)}
        if stage == "on_site":
            plan = ["half", "submit", "none", "submit", "half", "none"][tilt]
            if plan == "none":
                continue
            if plan == "half":
                entries = dict(list(entries.items())[: len(entries) // 2])
            submit = plan == "submit"
        else:
            submit = stage == "complete" or username != "bureau"
            if not submit:  # the bureau has saved a draft and not yet submitted
                entries = dict(list(entries.items())[:-1])
        version = ScoreSheet.objects.get(pk=sheet.pk).version
        scoring_services.sheet_save(
            sheet=sheet, by=users[username], version=version, entries=entries, submit=submit
        )


def _findings(evaluation: Evaluation, example: Example, users) -> None:
    """The experts write the panel's sections (one section each, in turn), the three parties
    theirs; the coordinator marks a name to mask and writes the recommendations."""
    coordinator = users["coordinator"]
    writers = {
        T.PM: example.experts[0],
        T.SQ: example.experts[1],
        T.SM: example.experts[2],
        T.SO: example.experts[0],
        T.BUYER: example.buyer_username,
        T.SUPERVISION: "supervision",
        T.BUREAU: "bureau",
    }
    report_services.masked_name_add(evaluation=evaluation, name=T.MASKED_NAME, by=coordinator)
    for n, (section, polarity, text) in enumerate(T.FINDINGS):
        report_services.finding_save(
            evaluation=evaluation,
            by=users[writers[section]],
            section=section,
            polarity=polarity,
            text=text,
            # The first finding cites its evidence: a named document and a file.
            evidence=ContentFile(T.EVIDENCE_FILE, name="培训签到表（示例）.pdf")
            if n == 0
            else None,
            evidence_name="人员花名册、劳动合同（示例）" if n == 0 else "",
        )
        if section == T.SM and polarity == T.C:
            report_services.finding_save(
                evaluation=evaluation,
                by=users[writers[section]],
                section=section,
                polarity=polarity,
                text=T.MASKED_FINDING,
            )
    for area in ServiceArea.objects.filter(station=evaluation.contract.station):
        for polarity, text in (
            (T.S, T.AREA_STRENGTH.format(area=area.name)),
            (T.C, T.AREA_CONCERN),
        ):
            report_services.finding_save(
                evaluation=evaluation,
                by=users[writers[T.SQ]],
                section=T.SQ,
                polarity=polarity,
                service_area=area,
                text=text,
            )
    for text in T.RECOMMENDATIONS:
        report_services.recommendation_save(evaluation=evaluation, by=coordinator, text=text)


def _finding(evaluation: Evaluation, section: str, polarity: str = Polarity.CONCERN) -> Finding:
    return (
        Finding.objects.filter(evaluation=evaluation, section=section, polarity=polarity)
        .order_by("position")
        .last()
    )


def _open_feedback(evaluation: Evaluation, example: Example, users) -> None:
    """The round as it stands: the bureau objected, was answered (partly accepted, the finding
    revised) and signed off; the supervision centre signed off; the station's objection waits
    for its answer; the street office has not answered yet."""
    coordinator, bureau = users["coordinator"], users["bureau"]
    concern = _finding(evaluation, T.BUREAU)
    objection = report_services.objection_raise(
        evaluation=evaluation,
        party=FeedbackParty.BUREAU,
        by=bureau,
        finding=concern,
        reason=T.OBJECTION_BY_BUREAU,
    )
    report_services.objection_answer(
        objection=objection, by=coordinator, answer="partly", text=T.ANSWER_TO_BUREAU
    )
    report_services.finding_save(
        evaluation=evaluation,
        by=coordinator,
        section=concern.section,
        polarity=concern.polarity,
        text=T.BUREAU_REVISED_CONCERN,
        finding=concern,
    )
    report_services.sign_off(
        evaluation=evaluation, party=FeedbackParty.BUREAU, by=bureau, decision="no_objection"
    )
    report_services.sign_off(
        evaluation=evaluation,
        party=FeedbackParty.SUPERVISION,
        by=users["supervision"],
        decision="no_objection",
    )
    meeting = Finding.objects.filter(
        evaluation=evaluation, section=T.PM, polarity=Polarity.CONCERN
    ).order_by("position")[1]
    report_services.objection_raise(
        evaluation=evaluation,
        party=FeedbackParty.STATION,
        by=users[example.staff_username],
        finding=meeting,
        reason=T.OBJECTION_BY_STATION,
    )
    job = report_services.render_request(
        evaluation=evaluation, kind=RenderJob.Kind.DRAFT, by=coordinator
    )
    report_services.render_run(job_id=job.pk)  # now, not when this transaction commits


def _issue(evaluation: Evaluation, example: Example, users) -> None:
    signers = {
        FeedbackParty.BUREAU: "bureau",
        FeedbackParty.BUYER: example.buyer_username,
        FeedbackParty.STATION: example.staff_username,
        FeedbackParty.SUPERVISION: "supervision",
    }
    for party, username in signers.items():
        report_services.sign_off(
            evaluation=evaluation, party=party, by=users[username], decision="no_objection"
        )
    job = report_services.render_request(
        evaluation=evaluation, kind=RenderJob.Kind.FINAL, by=users["coordinator"]
    )
    # The immediate backend renders on commit; inside this transaction, render now.
    report_services.render_run(job_id=job.pk)
    evaluation.refresh_from_db()


def _rectify(evaluation: Evaluation, example: Example, users, *, all_done: bool) -> None:
    """The station reports on its items and the bureau reviews them: in rectification, items
    in every state; before closing, every item done and accepted."""
    staff, bureau = users[example.staff_username], users["bureau"]
    items = list(Rectification.objects.filter(evaluation=evaluation).select_related("evaluation"))
    for item in items:
        if all_done:
            state = (
                "",
                "done",
                T.RECTIFICATION_CLOSED_NOTE,
                "accept",
                T.RECTIFICATION_CLOSED_REVIEW,
            )
        else:
            state = next((s for s in T.RECTIFICATION_STATES if s[0] in item.text), None)
            if state is None:
                continue  # not started
        _phrase, status, note, review, review_note = state
        item = report_services.rectification_update(item=item, by=staff, status=status, note=note)
        if review is not None:
            report_services.rectification_review(
                item=item, by=bureau, accept=review == "accept", note=review_note
            )


def station_users() -> dict[str, tuple[str, str]]:
    """Station name → the demo usernames of its station staff and of its street office."""
    return {
        "官洲街社工服务站": ("staff", "buyer"),
        **{e.station_name: (e.staff_username, e.buyer_username) for e in EXAMPLES},
    }
