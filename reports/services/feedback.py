"""The feedback round on the draft: sending it, objections and their answers, sign-offs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reports import checks
from reports.models import FeedbackRound, Finding, Objection, SignOff
from stations import lifecycle
from stations.enums import AuditAction
from stations.models import Evaluation, Status, User
from stations.services import audit_record


@transaction.atomic
def feedback_send(*, evaluation: Evaluation, by: User) -> FeedbackRound:
    """Send the draft to the bureau, the station (and through it the street office) and the
    supervision centre: a new feedback round."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    lifecycle.require(evaluation, lifecycle.Activity.SEND_DRAFT)
    problems = checks.draft_problems(evaluation)
    if problems:
        raise ValidationError(problems)
    last = FeedbackRound.objects.filter(evaluation=evaluation).aggregate(last=Max("number"))["last"]
    round_ = FeedbackRound.objects.create(evaluation=evaluation, number=(last or 0) + 1, sent_by=by)
    evaluation.status = Status.FEEDBACK
    evaluation.save(update_fields=["status"])
    audit_record(
        actor=by,
        action=AuditAction.EVALUATION_STATUS,
        evaluation=evaluation,
        changes={"status": [Status.DRAFTING, Status.FEEDBACK], "round": round_.number},
        note=_("Draft sent for feedback (round %(n)s).") % {"n": round_.number},
    )
    return round_


def _open_round(evaluation: Evaluation) -> FeedbackRound:
    lifecycle.require(evaluation, lifecycle.Activity.FEEDBACK)
    round_ = checks.current_round(evaluation)
    assert round_ is not None  # in feedback, the draft was sent: a round is open
    return round_


@transaction.atomic
def objection_raise(
    *,
    evaluation: Evaluation,
    party: str,
    by: User,
    reason: str,
    finding: Finding | None = None,
    subject: str = "",
) -> Objection:
    round_ = _open_round(evaluation)
    if SignOff.objects.filter(round=round_, party=party).exists():
        raise ValidationError(_("Your party has already signed off this round."), code="signed")
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
        action=AuditAction.OBJECTION_RAISE,
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
def objection_answer(*, objection: Objection, by: User, answer: str, text: str) -> Objection:
    objection = (
        Objection.objects.select_for_update()
        .select_related("round__evaluation")
        .get(pk=objection.pk)
    )
    evaluation = objection.round.evaluation
    lifecycle.require(evaluation, lifecycle.Activity.FEEDBACK)
    if objection.answer:
        raise ValidationError(_("This objection was already answered."), code="answered")
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
        action=AuditAction.OBJECTION_ANSWER,
        evaluation=evaluation,
        changes={"objection": objection.pk, "answer": answer},
        note=objection.answer_text,
    )
    return objection


@transaction.atomic
def sign_off(
    *, evaluation: Evaluation, party: str, by: User, decision: str, note: str = ""
) -> SignOff:
    round_ = _open_round(evaluation)
    unanswered = Objection.objects.filter(round=round_, party=party, answer="").exists()
    if unanswered:
        raise ValidationError(
            _("Wait for the answers to your party's objections before signing off."),
            code="unanswered",
        )
    if decision == SignOff.Decision.OBJECTION_REMAINS and not note.strip():
        raise ValidationError({"note": _("Say which objection remains.")})
    try:
        with transaction.atomic():
            record = SignOff.objects.create(
                round=round_, party=party, user=by, decision=decision, note=note.strip()
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Your party has already signed off this round."), code="signed"
        ) from exc
    audit_record(
        actor=by,
        action=AuditAction.FEEDBACK_SIGN_OFF,
        evaluation=evaluation,
        changes={"party": party, "decision": decision, "round": round_.number},
        note=record.note,
    )
    return record
