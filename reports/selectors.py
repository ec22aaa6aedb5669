"""Reads of the reports app, shaped for its pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reports import access as report_access
from reports import checks, content
from reports.models import (
    FeedbackParty,
    FinalReport,
    Finding,
    Objection,
    Polarity,
    RenderJob,
    Section,
)
from reports.text import mask_name
from stations import access, lifecycle
from stations.access import Action
from stations.models import Evaluation, Status, User


@dataclass(frozen=True)
class ObjectionRow:
    objection: Objection
    finding_text: str  # the finding objected to, as the report prints it
    unrevised: bool  # accepted (or partly) but the finding was not edited after the answer


ACCEPTING = (Objection.Answer.ACCEPTED, Objection.Answer.PARTLY)


def is_unrevised(objection: Objection) -> bool:
    """An objection answered 采纳 or 部分采纳 whose finding has not changed since the answer."""
    finding = objection.finding
    return (
        objection.answer in ACCEPTING
        and finding is not None
        and objection.answered_at is not None
        and finding.updated_at <= objection.answered_at
    )


def unrevised_objections(evaluation: Evaluation) -> list[Objection]:
    """Objections answered 采纳/部分采纳 whose finding did not change afterwards: to check
    before issuing."""
    objections = Objection.objects.filter(
        round__evaluation=evaluation, answer__in=ACCEPTING, finding__isnull=False
    ).select_related("finding", "round")
    return [o for o in objections if is_unrevised(o)]


def workflow(evaluation: Evaluation, user: User) -> dict:
    """Everything the report's page shows ``user``: findings per section, names masked, the
    recommendations, renderings, the feedback round (while it runs, and read-only once the
    report is issued), what blocks issuing, the final report."""
    basis = checks.Basis(evaluation)  # what is read once, whoever needs it
    round_ = basis.round
    counts: dict[str, dict[str, int]] = {
        section: {Polarity.STRENGTH: 0, Polarity.CONCERN: 0} for section in Section.values
    }
    for finding in basis.findings:
        counts[finding.section][finding.polarity] += 1
    party = report_access.feedback_party(user, evaluation)
    can_manage = access.can(user, Action.MANAGE_REPORT, evaluation)
    in_feedback = evaluation.status == Status.FEEDBACK
    report = (  # only an issued evaluation has one
        FinalReport.objects.filter(evaluation=evaluation).first()
        if evaluation.status in lifecycle.ISSUED_STATUSES
        else None
    )
    show_round = round_ is not None and (in_feedback or report is not None)
    sign_offs = basis.sign_offs if show_round else []
    objections = basis.objections
    if not can_manage:
        objections = [o for o in objections if party and o.party == party]
    feedback_form = in_feedback and party is not None
    needs_printing = feedback_form or any(o.finding for o in objections)
    printed = basis.printer() if needs_printing else str
    jobs = list(RenderJob.objects.filter(evaluation=evaluation).order_by("-requested_at")[:5])
    writable = report_access.writable_sections(user, evaluation)
    signed_off = party is not None and any(s.party == party for s in sign_offs)
    context: dict[str, Any] = {  # the page's template context
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
        "writable": writable,
        "can_view_draft": report is None and report_access.can_view_draft(user, evaluation),
        "can_manage": can_manage,
        "can_mask": report is None and (can_manage or bool(writable)),
        "masks": [(name if can_manage else "", mask_name(name)) for name in basis.masks],
        "recommendations": basis.recommendations,
        "jobs": jobs,
        "rendering": any(job.active for job in jobs),
        "round": round_ if show_round else None,
        "in_feedback": in_feedback,
        "party": party if show_round else None,
        "party_label": FeedbackParty(party).label if party else "",
        "signed_off": signed_off,
        "own_unanswered": in_feedback
        and any(o.party == party and not o.answer for o in objections if o.round == round_),
        "sign_offs": sign_offs,
        "pending_parties": [
            p.label
            for p in FeedbackParty
            if show_round and p.value not in {s.party for s in sign_offs}
        ],
        "objections": [
            ObjectionRow(
                objection=o,
                finding_text=printed(o.finding.text) if o.finding else "",
                unrevised=is_unrevised(o),
            )
            for o in objections
        ],
        "findings_qs": Finding.objects.filter(evaluation=evaluation),
        "printed": printed,  # for the objection form's choices (not for templates)
        "report": report,
        "can_download_final": report is not None
        and access.can(user, Action.DOWNLOAD_FINAL, evaluation),
        "can_view_rectification": report is not None
        and access.can(user, Action.VIEW_RECTIFICATION, evaluation),
    }
    context["open"] = report is None
    if can_manage and evaluation.status == Status.DRAFTING:
        context["send_problems"] = checks.draft_problems(evaluation, basis)
    if can_manage and in_feedback:
        context["issue_problems"] = checks.issue_problems(evaluation, basis)
        context["typed_numbers"] = checks.report_typed_numbers(evaluation, basis)
        context["unrevised"] = [row.objection for row in context["objections"] if row.unrevised]
    return context


@dataclass(frozen=True)
class FindingLine:
    finding: Finding
    text: str  # as written (with figure tokens) for its writers; as printed for readers
    author: str  # shown to the writers and the coordinator only


def findings_page(evaluation: Evaluation, section: str, *, writer: bool) -> dict:
    """The findings of ``section`` in the report's order. Writers see what they wrote, tokens
    and all, and who wrote each; readers see what the report will print (figures filled in,
    marked names masked) and no authorship."""
    # Per service area, strengths first.
    order: dict[str, int] = {Polarity.STRENGTH: 0, Polarity.CONCERN: 1}
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
    basis = checks.Basis(evaluation)
    values, printed = basis.values, basis.printer()
    return {
        "evaluation": evaluation,
        "station": evaluation.contract.station,
        "section": Section(section),
        "findings": [
            FindingLine(
                finding=f,
                text=f.text if writer else printed(f.text),
                author=str(f.author) if writer else "",
            )
            for f in findings
        ],
        "figure_names": sorted(values.items()) if writer else [],
    }


def issue_confirmation(evaluation: Evaluation) -> dict:
    """What the coordinator reads once more before issuing: the report as it will print, what
    blocks issuing, and what to check."""
    return {
        "evaluation": evaluation,
        "station": evaluation.contract.station,
        "r": content.build(evaluation),
        "problems": checks.issue_problems(evaluation),
        "typed_numbers": checks.report_typed_numbers(evaluation),
        "unrevised": unrevised_objections(evaluation),
    }


def final_reports(user: User) -> list[tuple[Evaluation, FinalReport]]:
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
