"""The demo season: illustrative mid-term evaluations of other 海珠区 stations beside the seed's
官洲街, so that the demo holds an evaluation in every status of the lifecycle, each worked by
the demo users as their roles would, through the same services as in the browser.

Everything here is made up for the demo: the stations are named “（示例）”, their operators
too, and each evaluation's remarks say that its figures and scores are illustrative. The
figures are drawn from a random generator seeded with the station's key, so every load gives
the same numbers (``setup.figures_for``).

An example is built once, step by step up to its status, in one transaction; loading again
leaves an example that exists as it is (a visitor may have moved it on).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from evalportal.demo import setup, texts
from evalportal.demo.examples import EXAMPLES, Example
from reports import jobs
from reports import services as report_services
from reports.models import FeedbackParty, Finding, Polarity, Rectification, RenderJob
from scoring import services as scoring_services
from scoring.demo import spread
from scoring.models import ScoreSheet, SheetItem
from stations import services as station_services
from stations.models import Assignment, Evaluation, ServiceArea, Status, User


def load_season() -> list[Evaluation]:
    """Every example, built up to its status unless it exists already, and the expert pool."""
    evaluations = [load_example(example) for example in EXAMPLES]
    setup.expert_pool()
    setup.season(list(Evaluation.objects.order_by("pk")))  # the seed's and the examples'
    return evaluations


def _order(status: str) -> int:
    return Status.values.index(status)


@transaction.atomic
def load_example(example: Example) -> Evaluation:
    evaluation, created = setup.set_up(example)
    if not created:
        return evaluation
    users = {u.username: u for u in User.objects.filter(username__in=_usernames(example))}
    coordinator = users["coordinator"]
    target = _order(example.status)

    def move(to_status: str) -> None:
        station_services.evaluation_change_status(
            evaluation=evaluation, to_status=to_status, by=coordinator
        )

    setup.panel(evaluation, example, users, accept=target > _order(Status.SETUP))
    if target == _order(Status.SETUP):
        return evaluation
    move(Status.SELF_ASSESSMENT)
    setup.self_assessment(evaluation, example, users[example.staff_username])
    if target == _order(Status.SELF_ASSESSMENT):
        expert = Assignment.objects.get(evaluation=evaluation, user=users[example.experts[-1]])
        scoring_services.recusal_request(
            assignment=expert, by=users[example.staff_username], reason=texts.RECUSAL_REASON
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


def _scores(
    evaluation: Evaluation, example: Example, users: dict[str, User], *, stage: str
) -> None:
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
        maxima = [i.max_points for i in items if i.max_points is not None]  # all, as filtered
        wanted = spread(total, maxima, step, tilt=tilt)
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


def _findings(evaluation: Evaluation, example: Example, users: dict[str, User]) -> None:
    """The experts write the panel's sections (one section each, in turn), the three parties
    theirs; the coordinator marks a name to mask and writes the recommendations."""
    coordinator = users["coordinator"]
    writers = {
        texts.PM: example.experts[0],
        texts.SQ: example.experts[1],
        texts.SM: example.experts[2],
        texts.SO: example.experts[0],
        texts.BUYER: example.buyer_username,
        texts.SUPERVISION: "supervision",
        texts.BUREAU: "bureau",
    }
    report_services.masked_name_add(evaluation=evaluation, name=texts.MASKED_NAME, by=coordinator)
    for n, (section, polarity, text) in enumerate(texts.FINDINGS):
        report_services.finding_save(
            evaluation=evaluation,
            by=users[writers[section]],
            section=section,
            polarity=polarity,
            text=text,
            # The first finding cites its evidence: a named document and a file.
            evidence=ContentFile(texts.EVIDENCE_FILE, name="培训签到表（示例）.pdf")
            if n == 0
            else None,
            evidence_name="人员花名册、劳动合同（示例）" if n == 0 else "",
        )
        if section == texts.SM and polarity == texts.C:
            report_services.finding_save(
                evaluation=evaluation,
                by=users[writers[section]],
                section=section,
                polarity=polarity,
                text=texts.MASKED_FINDING,
            )
    for area in ServiceArea.objects.filter(station=evaluation.contract.station):
        for polarity, text in (
            (texts.S, texts.AREA_STRENGTH.format(area=area.name)),
            (texts.C, texts.AREA_CONCERN),
        ):
            report_services.finding_save(
                evaluation=evaluation,
                by=users[writers[texts.SQ]],
                section=texts.SQ,
                polarity=polarity,
                service_area=area,
                text=text,
            )
    for text in texts.RECOMMENDATIONS:
        report_services.recommendation_save(evaluation=evaluation, by=coordinator, text=text)


def _finding(evaluation: Evaluation, section: str, polarity: str = Polarity.CONCERN) -> Finding:
    return Finding.objects.filter(evaluation=evaluation, section=section, polarity=polarity).latest(
        "position"
    )


def _open_feedback(evaluation: Evaluation, example: Example, users: dict[str, User]) -> None:
    """The round as it stands: the bureau objected, was answered (partly accepted, the finding
    revised) and signed off; the supervision centre signed off; the station's objection waits
    for its answer; the street office has not answered yet."""
    coordinator, bureau = users["coordinator"], users["bureau"]
    concern = _finding(evaluation, texts.BUREAU)
    objection = report_services.objection_raise(
        evaluation=evaluation,
        party=FeedbackParty.BUREAU,
        by=bureau,
        finding=concern,
        reason=texts.OBJECTION_BY_BUREAU,
    )
    report_services.objection_answer(
        objection=objection, by=coordinator, answer="partly", text=texts.ANSWER_TO_BUREAU
    )
    report_services.finding_save(
        evaluation=evaluation,
        by=coordinator,
        section=concern.section,
        polarity=concern.polarity,
        text=texts.BUREAU_REVISED_CONCERN,
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
        evaluation=evaluation, section=texts.PM, polarity=Polarity.CONCERN
    ).order_by("position")[1]
    report_services.objection_raise(
        evaluation=evaluation,
        party=FeedbackParty.STATION,
        by=users[example.staff_username],
        finding=meeting,
        reason=texts.OBJECTION_BY_STATION,
    )
    job = report_services.render_request(
        evaluation=evaluation, kind=RenderJob.Kind.DRAFT, by=coordinator
    )
    jobs.render_run(job_id=job.pk)  # now, not when this transaction commits


def _issue(evaluation: Evaluation, example: Example, users: dict[str, User]) -> None:
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
    jobs.render_run(job_id=job.pk)
    evaluation.refresh_from_db()


def _rectify(
    evaluation: Evaluation, example: Example, users: dict[str, User], *, all_done: bool
) -> None:
    """The station reports on its items and the bureau reviews them: in rectification, items
    in every state; before closing, every item done and accepted."""
    staff, bureau = users[example.staff_username], users["bureau"]
    items = list(Rectification.objects.filter(evaluation=evaluation).select_related("evaluation"))
    for item in items:
        state: tuple[str, str, str, str | None, str] | None
        if all_done:
            state = (
                "",
                "done",
                texts.RECTIFICATION_CLOSED_NOTE,
                "accept",
                texts.RECTIFICATION_CLOSED_REVIEW,
            )
        else:
            state = next((s for s in texts.RECTIFICATION_STATES if s[0] in item.text), None)
            if state is None:
                continue  # not started
        _phrase, status, note, review, review_note = state
        item = report_services.rectification_update(item=item, by=staff, status=status, note=note)
        if review is not None:
            report_services.rectification_review(
                item=item, by=bureau, accept=review == "accept", note=review_note
            )
