"""Reads of the reports app, shaped for its pages."""

from __future__ import annotations

from indicators.selectors import evaluation_figures
from reports import content, services
from reports.models import (
    FeedbackParty,
    FinalReport,
    Finding,
    MaskedName,
    Objection,
    Polarity,
    Recommendation,
    RenderJob,
    Section,
    SignOff,
)
from reports.text import mask_name
from scoring.selectors import evaluation_scores
from stations import access
from stations.access import Action
from stations.models import Evaluation, Status


def workflow(evaluation: Evaluation, user) -> dict:
    """Everything the report's page shows ``user``: findings per section, names masked, the
    recommendations, renderings, the feedback round, what blocks issuing, the final report."""
    round_ = services.current_round(evaluation)
    counts = {section: {Polarity.STRENGTH: 0, Polarity.CONCERN: 0} for section in Section.values}
    for finding in Finding.objects.filter(evaluation=evaluation).only("section", "polarity"):
        counts[finding.section][finding.polarity] += 1
    party = access.feedback_party(user, evaluation)
    can_manage = access.can(user, Action.MANAGE_REPORT, evaluation)
    sign_offs = list(SignOff.objects.filter(round=round_).select_related("user")) if round_ else []
    objections = (
        Objection.objects.filter(round__evaluation=evaluation)
        .select_related("finding", "raised_by", "answered_by", "round")
        .order_by("round__number", "raised_at")
    )
    if not can_manage:
        objections = objections.filter(party=party) if party else objections.none()
    jobs = list(RenderJob.objects.filter(evaluation=evaluation).order_by("-requested_at")[:5])
    report = FinalReport.objects.filter(evaluation=evaluation).first()
    in_feedback = evaluation.status == Status.FEEDBACK
    context = {
        "evaluation": evaluation,
        "station": evaluation.contract.station,
        "sections": [
            (
                section,
                counts[section.value][Polarity.STRENGTH],
                counts[section.value][Polarity.CONCERN],
            )
            for section in Section
        ],
        "writable": access.writable_sections(user, evaluation),
        "can_view_draft": access.can_view_draft(user, evaluation),
        "can_manage": can_manage,
        "can_mask": report is None
        and (can_manage or bool(access.writable_sections(user, evaluation))),
        "masks": [
            (m.name if can_manage else "", mask_name(m.name))
            for m in MaskedName.objects.filter(evaluation=evaluation)
        ],
        "recommendations": list(Recommendation.objects.filter(evaluation=evaluation)),
        "jobs": jobs,
        "rendering": any(job.active for job in jobs),
        "round": round_ if in_feedback else None,
        "party": party if in_feedback else None,
        "party_label": FeedbackParty(party).label if party else "",
        "signed_off": party is not None and any(s.party == party for s in sign_offs),
        "sign_offs": sign_offs,
        "pending_parties": [
            p.label for p in FeedbackParty if round_ and p.value not in {s.party for s in sign_offs}
        ],
        "objections": list(objections),
        "findings_qs": Finding.objects.filter(evaluation=evaluation),
        "report": report,
        "can_download_final": report is not None
        and access.can(user, Action.DOWNLOAD_FINAL, evaluation),
        "can_view_rectification": report is not None
        and access.can(user, Action.VIEW_RECTIFICATION, evaluation),
    }
    context["open"] = report is None
    if can_manage and evaluation.status == Status.DRAFTING:
        context["send_problems"] = services.draft_problems(evaluation)
    if can_manage and in_feedback:
        context["issue_problems"] = services.issue_problems(evaluation)
        context["typed_numbers"] = services.report_typed_numbers(evaluation)
    return context


def findings_page(evaluation: Evaluation, section: str) -> dict:
    order = {Polarity.STRENGTH: 0, Polarity.CONCERN: 1}  # as the report: strengths first
    findings = sorted(
        Finding.objects.filter(evaluation=evaluation, section=section).select_related(
            "author", "service_area"
        ),
        key=lambda f: (
            f.service_area.position if f.service_area else 0,
            order[f.polarity],
            f.position,
        ),
    )
    values = content.figure_values(
        evaluation, evaluation_figures(evaluation), evaluation_scores(evaluation)
    )
    return {
        "evaluation": evaluation,
        "station": evaluation.contract.station,
        "section": Section(section),
        "findings": findings,
        "figure_names": sorted(values.items()),
    }


def final_reports(user) -> list[tuple[Evaluation, FinalReport]]:
    """The final reports ``user`` may download (for a bureau: every one of its district),
    newest first, in one query."""
    evaluations = (
        access.visible_evaluations(user, Evaluation.objects.with_station())
        .filter(final_report__isnull=False)
        .select_related("final_report")
        .order_by("-final_report__issued_at")
    )
    return [
        (evaluation, evaluation.final_report)
        for evaluation in evaluations
        if access.can(user, Action.DOWNLOAD_FINAL, evaluation)
    ]
