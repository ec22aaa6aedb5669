"""Writes of the report: findings and their order, masked names, recommendations, the feedback
round, rendering in the background, issuing the final report, and rectification."""

from __future__ import annotations

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.selectors import evaluation_figures
from reports import content, rendering
from reports import text as T
from reports.models import (
    FeedbackParty,
    FeedbackRound,
    FinalReport,
    Finding,
    MaskedName,
    Objection,
    Polarity,
    Recommendation,
    Rectification,
    RenderJob,
    SignOff,
)
from scoring.selectors import evaluation_scores
from stations import lifecycle
from stations.models import Evaluation, Status
from stations.services import audit_record

logger = logging.getLogger(__name__)

# Findings may change while the report is being written; during feedback only the coordinator
# revises them.
FINDINGS_OPEN = frozenset({Status.ON_SITE, Status.DRAFTING, Status.FEEDBACK})


def _figure_values(evaluation: Evaluation) -> dict[str, str]:
    return content.figure_values(
        evaluation, evaluation_figures(evaluation), evaluation_scores(evaluation)
    )


def _require(evaluation: Evaluation, statuses, message: str) -> None:
    if evaluation.status not in statuses:
        raise ValidationError(message % {"status": evaluation.get_status_display()}, code="closed")


# --- Findings ----------------------------------------------------------------------------------


def finding_save(
    *,
    evaluation: Evaluation,
    by,
    section: str,
    polarity: str,
    text: str,
    service_area=None,
    evidence=None,
    evidence_name: str = "",
    finding: Finding | None = None,
) -> Finding:
    """Add a finding at the end of its list, or change one."""
    _require(
        evaluation,
        FINDINGS_OPEN,
        _("Findings cannot change while the evaluation is in “%(status)s”."),
    )
    unknown = T.unknown_tokens(text, _figure_values(evaluation)) if T.TOKEN.search(text) else []
    if unknown:
        raise ValidationError(
            {
                "text": _("Unknown figures: %(names)s. Use the names listed beside the form.")
                % {"names": "、".join(f"【{n}】" for n in unknown)}
            }
        )
    with transaction.atomic():
        if finding is None:
            last = Finding.objects.filter(
                evaluation=evaluation,
                section=section,
                polarity=polarity,
                service_area=service_area,
            ).aggregate(last=Max("position"))["last"]
            finding = Finding(
                evaluation=evaluation,
                section=section,
                polarity=polarity,
                service_area=service_area,
                position=(last or 0) + 1,
                author=by,
            )
            action = "finding.create"
        else:
            action = "finding.update"
        old_text = finding.text
        finding.text = text.strip()
        finding.evidence_name = evidence_name.strip()
        if evidence is not None:
            finding.evidence = evidence
        finding.full_clean()
        finding.save()
        audit_record(
            actor=by,
            action=action,
            evaluation=evaluation,
            changes={
                "finding": finding.pk,
                "section": section,
                "old": old_text,
                "new": finding.text,
            },
        )
    return finding


@transaction.atomic
def finding_move(*, finding: Finding, by, up: bool) -> None:
    """Swap a finding with its neighbour in its list."""
    _require(
        finding.evaluation,
        FINDINGS_OPEN,
        _("Findings cannot change while the evaluation is in “%(status)s”."),
    )
    siblings = Finding.objects.select_for_update().filter(
        evaluation_id=finding.evaluation_id,
        section=finding.section,
        polarity=finding.polarity,
        service_area_id=finding.service_area_id,
    )
    if _swap_with_neighbour(siblings, finding, up=up):
        audit_record(
            actor=by,
            action="finding.move",
            evaluation=finding.evaluation,
            changes={"finding": finding.pk, "section": finding.section},
        )


def _swap_with_neighbour(siblings, item, *, up: bool) -> bool:
    """Swap ``item``'s position with the one before (``up``) or after it among ``siblings``;
    False when it is first (or last) already."""
    neighbour = (
        siblings.filter(position__lt=item.position).order_by("-position").first()
        if up
        else siblings.filter(position__gt=item.position).order_by("position").first()
    )
    if neighbour is None:
        return False
    item.position, neighbour.position = neighbour.position, item.position
    type(item).objects.bulk_update([item, neighbour], ["position"])
    return True


@transaction.atomic
def finding_delete(*, finding: Finding, by) -> None:
    _require(
        finding.evaluation,
        FINDINGS_OPEN,
        _("Findings cannot change while the evaluation is in “%(status)s”."),
    )
    audit_record(
        actor=by,
        action="finding.delete",
        evaluation=finding.evaluation,
        changes={"finding": finding.pk, "section": finding.section, "old": finding.text},
    )
    finding.delete()


def masked_name_add(*, evaluation: Evaluation, name: str, by) -> MaskedName:
    _require(
        evaluation,
        FINDINGS_OPEN,
        _("Findings cannot change while the evaluation is in “%(status)s”."),
    )
    name = name.strip()
    if len(name) < 2:
        raise ValidationError({"name": _("A name has at least two characters.")})
    masked = MaskedName(evaluation=evaluation, name=name, created_by=by)
    masked.full_clean()
    masked.save()
    audit_record(
        actor=by, action="mask.add", evaluation=evaluation, changes={"mask": T.mask_name(name)}
    )
    return masked


def recommendation_save(
    *, evaluation: Evaluation, by, text: str, recommendation: Recommendation | None = None
) -> Recommendation:
    """Add a recommendation of 五、结语 at the end, or change one."""
    _require(
        evaluation,
        FINDINGS_OPEN,
        _("Findings cannot change while the evaluation is in “%(status)s”."),
    )
    if not text.strip():
        raise ValidationError({"text": _("Write the recommendation.")})
    with transaction.atomic():
        created = recommendation is None
        if recommendation is None:
            last = Recommendation.objects.filter(evaluation=evaluation).aggregate(
                last=Max("position")
            )["last"]
            recommendation = Recommendation(
                evaluation=evaluation, position=(last or 0) + 1, author=by
            )
        old_text = recommendation.text
        recommendation.text = text.strip()
        recommendation.full_clean()
        recommendation.save()
        audit_record(
            actor=by,
            action="recommendation.save",
            evaluation=evaluation,
            changes={
                "recommendation": recommendation.pk,
                "created": created,
                "old": old_text,
                "new": recommendation.text,
            },
        )
    return recommendation


@transaction.atomic
def recommendation_move(*, recommendation: Recommendation, by, up: bool) -> None:
    """Swap a recommendation with its neighbour."""
    evaluation = recommendation.evaluation
    _require(
        evaluation,
        FINDINGS_OPEN,
        _("Findings cannot change while the evaluation is in “%(status)s”."),
    )
    siblings = Recommendation.objects.select_for_update().filter(evaluation=evaluation)
    if _swap_with_neighbour(siblings, recommendation, up=up):
        audit_record(
            actor=by,
            action="recommendation.move",
            evaluation=evaluation,
            changes={"recommendation": recommendation.pk, "position": recommendation.position},
        )


@transaction.atomic
def recommendation_delete(*, recommendation: Recommendation, by) -> None:
    evaluation = recommendation.evaluation
    _require(
        evaluation,
        FINDINGS_OPEN,
        _("Findings cannot change while the evaluation is in “%(status)s”."),
    )
    audit_record(
        actor=by,
        action="recommendation.delete",
        evaluation=evaluation,
        changes={"recommendation": recommendation.pk, "old": recommendation.text},
    )
    recommendation.delete()  # positions only order them: the report numbers them 1, 2, 3 …


# --- The feedback round -------------------------------------------------------------------------


def draft_problems(evaluation: Evaluation) -> list[str]:
    """Why the draft cannot go out yet (empty when it can)."""
    problems = []
    if evaluation_scores(evaluation).provisional:
        problems.append(_("Not every score sheet is submitted."))
    if not evaluation.self_assessment_uploads.filter(status="applied").exists():
        problems.append(_("The station's figures have not been uploaded."))
    if not Finding.objects.filter(evaluation=evaluation).exists():
        problems.append(_("No finding has been written."))
    return problems


@transaction.atomic
def feedback_send(*, evaluation: Evaluation, by) -> FeedbackRound:
    """Send the draft to the bureau, the station (and through it the street office) and the
    supervision centre: a new feedback round."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.status != Status.DRAFTING:
        raise ValidationError(
            _(
                "Only a draft being written can be sent for feedback (the evaluation is in "
                "“%(status)s”)."
            )
            % {"status": evaluation.get_status_display()}
        )
    problems = draft_problems(evaluation)
    if problems:
        raise ValidationError(problems)
    last = FeedbackRound.objects.filter(evaluation=evaluation).aggregate(last=Max("number"))["last"]
    round_ = FeedbackRound.objects.create(evaluation=evaluation, number=(last or 0) + 1, sent_by=by)
    evaluation.status = Status.FEEDBACK
    evaluation.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="evaluation.status",
        evaluation=evaluation,
        changes={"status": [Status.DRAFTING, Status.FEEDBACK], "round": round_.number},
        note=_("Draft sent for feedback (round %(n)s).") % {"n": round_.number},
    )
    return round_


def current_round(evaluation: Evaluation) -> FeedbackRound | None:
    return FeedbackRound.objects.filter(evaluation=evaluation).order_by("-number").first()


def _open_round(evaluation: Evaluation) -> FeedbackRound:
    if evaluation.status != Status.FEEDBACK:
        raise ValidationError(_("The draft is not out for feedback."), code="closed")
    return current_round(evaluation)


@transaction.atomic
def objection_raise(
    *,
    evaluation: Evaluation,
    party: str,
    by,
    reason: str,
    finding: Finding | None = None,
    subject: str = "",
) -> Objection:
    round_ = _open_round(evaluation)
    if SignOff.objects.filter(round=round_, party=party).exists():
        raise ValidationError(_("Your party has already signed off this round."))
    if finding is not None and finding.evaluation_id != evaluation.pk:
        raise ValidationError({"finding": _("This finding is not of this evaluation.")})
    if finding is None and not subject.strip():
        raise ValidationError({"subject": _("Say which figure or passage you object to.")})
    objection = Objection(
        round=round_,
        party=party,
        raised_by=by,
        finding=finding,
        subject=subject.strip(),
        reason=reason.strip(),
    )
    objection.full_clean()
    objection.save()
    audit_record(
        actor=by,
        action="objection.raise",
        evaluation=evaluation,
        changes={
            "objection": objection.pk,
            "party": party,
            "finding": finding.pk if finding else None,
        },
        note=objection.reason,
    )
    return objection


@transaction.atomic
def objection_answer(*, objection: Objection, by, answer: str, text: str) -> Objection:
    objection = (
        Objection.objects.select_for_update()
        .select_related("round__evaluation")
        .get(pk=objection.pk)
    )
    evaluation = objection.round.evaluation
    if evaluation.status != Status.FEEDBACK:
        raise ValidationError(_("The draft is not out for feedback."), code="closed")
    if objection.answer:
        raise ValidationError(_("This objection was already answered."))
    if answer not in Objection.Answer.values:
        raise ValidationError({"answer": _("Choose an answer.")})
    if not text.strip():
        raise ValidationError({"text": _("Give the reason for the answer.")})
    objection.answer = answer
    objection.answer_text = text.strip()
    objection.answered_by = by
    objection.answered_at = timezone.now()
    objection.save()
    audit_record(
        actor=by,
        action="objection.answer",
        evaluation=evaluation,
        changes={"objection": objection.pk, "answer": answer},
        note=objection.answer_text,
    )
    return objection


@transaction.atomic
def sign_off(*, evaluation: Evaluation, party: str, by, decision: str, note: str = "") -> SignOff:
    round_ = _open_round(evaluation)
    unanswered = Objection.objects.filter(round=round_, party=party, answer="").exists()
    if unanswered:
        raise ValidationError(
            _("Wait for the answers to your party's objections before signing off.")
        )
    if decision == SignOff.Decision.OBJECTION_REMAINS and not note.strip():
        raise ValidationError({"note": _("Say which objection remains.")})
    try:
        with transaction.atomic():
            record = SignOff.objects.create(
                round=round_, party=party, user=by, decision=decision, note=note.strip()
            )
    except IntegrityError as exc:
        raise ValidationError(_("Your party has already signed off this round.")) from exc
    audit_record(
        actor=by,
        action="feedback.sign_off",
        evaluation=evaluation,
        changes={"party": party, "decision": decision, "round": round_.number},
        note=record.note,
    )
    return record


# --- Issuing -----------------------------------------------------------------------------------


def issue_problems(evaluation: Evaluation) -> list[str]:
    """Why the final report cannot be issued yet (empty when it can)."""
    if evaluation.status != Status.FEEDBACK:
        return [_("The draft must be out for feedback before the final report is issued.")]
    problems = draft_problems(evaluation)
    round_ = current_round(evaluation)
    signed = set(SignOff.objects.filter(round=round_).values_list("party", flat=True))
    missing = [str(FeedbackParty(p).label) for p in FeedbackParty.values if p not in signed]
    if missing:
        problems.append(_("Not signed off yet: %(parties)s.") % {"parties": "、".join(missing)})
    if Objection.objects.filter(round__evaluation=evaluation, answer="").exists():
        problems.append(_("Some objections are not answered."))
    unknown = report_unknown_tokens(evaluation)
    if unknown:
        problems.append(
            _("Findings cite unknown figures: %(names)s.") % {"names": "、".join(unknown)}
        )
    return problems


def report_unknown_tokens(evaluation: Evaluation) -> list[str]:
    values = _figure_values(evaluation)
    texts = list(Finding.objects.filter(evaluation=evaluation).values_list("text", flat=True))
    texts += list(
        Recommendation.objects.filter(evaluation=evaluation).values_list("text", flat=True)
    )
    return sorted({f"【{n}】" for t in texts for n in T.unknown_tokens(t, values)})


def report_typed_numbers(evaluation: Evaluation) -> list[tuple[Finding, list[str]]]:
    """Findings with numbers typed by hand that match none of the figures: to check before
    issuing (a typo, or a figure that should be cited as 【name】)."""
    values = _figure_values(evaluation)
    result = []
    for finding in Finding.objects.filter(evaluation=evaluation):
        numbers = T.typed_numbers(finding.text, values)
        if numbers:
            result.append((finding, numbers))
    return result


@transaction.atomic
def render_request(*, evaluation: Evaluation, kind: str, by) -> RenderJob:
    """Render the report in the background. While a rendering of this kind is queued or under
    way, asking again returns it instead of starting another."""
    Evaluation.objects.select_for_update().filter(pk=evaluation.pk).first()
    active = RenderJob.objects.filter(
        evaluation=evaluation,
        kind=kind,
        status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RUNNING],
    ).first()
    if active is not None:
        return active
    if FinalReport.objects.filter(evaluation=evaluation).exists():
        raise ValidationError(_("The final report was already issued; it never changes."))
    if kind == RenderJob.Kind.FINAL:
        problems = issue_problems(evaluation)
        if problems:
            raise ValidationError(problems)
    job = RenderJob.objects.create(evaluation=evaluation, kind=kind, requested_by=by)
    audit_record(
        actor=by,
        action="report.render_requested",
        evaluation=evaluation,
        changes={"job": job.pk, "kind": kind},
    )
    from reports.tasks import render_report

    transaction.on_commit(lambda: render_report.enqueue(job.pk))
    return job


def render_run(*, job_id: int) -> RenderJob:
    """Render one job (the background task calls this). A failure is recorded on the job and
    leaves the draft and its data as they were."""
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().select_related("evaluation").get(pk=job_id)
        if job.status != RenderJob.Status.QUEUED:
            return job
        job.status = RenderJob.Status.RUNNING
        job.save(update_fields=["status"])
    evaluation = Evaluation.objects.with_station().get(pk=job.evaluation_id)
    try:
        data = content.build(evaluation)
        watermark = "" if job.kind == RenderJob.Kind.FINAL else "初稿"
        pdf = rendering.pdf(rendering.html(data, watermark=watermark))
        with transaction.atomic():
            if job.kind == RenderJob.Kind.DRAFT:  # a final PDF is kept by the final report
                job.pdf.save(f"draft-{job.pk}.pdf", ContentFile(pdf), save=False)
            job.status = RenderJob.Status.DONE
            job.finished_at = timezone.now()
            job.save(update_fields=["pdf", "status", "finished_at"])
            if job.kind == RenderJob.Kind.FINAL:
                _issue(job, pdf)
    except Exception as exc:  # the job records any failure; the data stay as they were
        logger.exception("Rendering job %s failed", job_id)
        RenderJob.objects.filter(pk=job.pk).update(
            status=RenderJob.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        job.refresh_from_db()
    return job


def _issue(job: RenderJob, pdf: bytes) -> FinalReport:
    """Store the final PDF once, with its checksum; move the evaluation on; open rectification
    items for the concerns."""
    evaluation = Evaluation.objects.select_for_update().get(pk=job.evaluation_id)
    problems = issue_problems(evaluation)
    if problems:
        raise ValidationError(problems)
    report = FinalReport(
        evaluation=evaluation,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        issued_by=job.requested_by,
    )
    report.pdf.save(f"final-{evaluation.pk}.pdf", ContentFile(pdf), save=False)
    report.save()
    evaluation.status = Status.ISSUED
    evaluation.save(update_fields=["status"])
    printed = content.printer(
        _figure_values(evaluation), list(evaluation.masked_names.values_list("name", flat=True))
    )
    concerns = Finding.objects.filter(evaluation=evaluation, polarity=Polarity.CONCERN)
    Rectification.objects.bulk_create(
        Rectification(evaluation=evaluation, finding=finding, text=printed(finding.text))
        for finding in concerns
    )
    audit_record(
        actor=job.requested_by,
        action="report.issue",
        evaluation=evaluation,
        changes={
            "status": [Status.FEEDBACK, Status.ISSUED],
            "sha256": report.sha256,
            "size": report.size,
        },
    )
    return report


def final_report_downloaded(*, report: FinalReport, by) -> None:
    audit_record(
        actor=by,
        action="report.download",
        evaluation=report.evaluation,
        changes={"sha256": report.sha256},
    )


# --- Rectification -----------------------------------------------------------------------------


def rectification_update(*, item: Rectification, by, status: str, note: str) -> Rectification:
    if item.evaluation.status not in lifecycle.RECTIFICATION_OPEN:
        raise ValidationError(_("Rectification is closed."), code="closed")
    if status not in Rectification.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    if status == Rectification.Status.DONE and not note.strip():
        raise ValidationError({"note": _("Say what the station did before reporting it done.")})
    changed = (status, note.strip()) != (item.status, item.station_note)
    item.status = status
    item.station_note = note.strip()
    if changed:  # whatever the bureau reviewed is no longer what it would review now
        item.review = Rectification.Review.PENDING
    item.save()
    audit_record(
        actor=by,
        action="rectification.update",
        evaluation=item.evaluation,
        changes={"item": item.pk, "status": status},
        note=item.station_note,
    )
    return item


def rectification_review(*, item: Rectification, by, accept: bool, note: str) -> Rectification:
    if item.evaluation.status not in lifecycle.RECTIFICATION_OPEN:
        raise ValidationError(_("Rectification is closed."), code="closed")
    if item.status != Rectification.Status.DONE:
        raise ValidationError(_("Only an item the station reports done can be reviewed."))
    if not accept and not note.strip():
        raise ValidationError({"note": _("Say what the station still has to do.")})
    item.review = Rectification.Review.ACCEPTED if accept else Rectification.Review.RETURNED
    item.review_note = note.strip()
    if not accept:  # returned: the station works on it again
        item.status = Rectification.Status.IN_PROGRESS
    item.save()
    audit_record(
        actor=by,
        action="rectification.review",
        evaluation=item.evaluation,
        changes={"item": item.pk, "review": item.review},
        note=item.review_note,
    )
    return item
