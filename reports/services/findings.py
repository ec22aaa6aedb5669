"""Writing the report: findings and their order, the names masked in them, the
recommendations of 五、结语."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from reports import checks
from reports import text as report_text
from reports.models import Finding, MaskedName, Recommendation
from stations import lifecycle
from stations.enums import AuditAction
from stations.models import Evaluation, User
from stations.services import audit_record


def finding_save(
    *,
    evaluation: Evaluation,
    by: User,
    section: str,
    polarity: str,
    text: str,
    service_area=None,
    evidence=None,
    evidence_name: str = "",
    finding: Finding | None = None,
) -> Finding:
    """Add a finding at the end of its list, or change one."""
    lifecycle.require(evaluation, lifecycle.Activity.FINDINGS)
    unknown = (
        report_text.unknown_tokens(text, checks.figure_values(evaluation))
        if report_text.TOKEN.search(text)
        else []
    )
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
            action = AuditAction.FINDING_CREATE
        else:
            action = AuditAction.FINDING_UPDATE
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
def finding_move(*, finding: Finding, by: User, up: bool) -> None:
    """Swap a finding with its neighbour in its list."""
    lifecycle.require(finding.evaluation, lifecycle.Activity.FINDINGS)
    siblings = Finding.objects.select_for_update().filter(
        evaluation_id=finding.evaluation_id,
        section=finding.section,
        polarity=finding.polarity,
        service_area_id=finding.service_area_id,
    )
    if _swap_with_neighbour(siblings, finding, up=up):
        audit_record(
            actor=by,
            action=AuditAction.FINDING_MOVE,
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
def finding_delete(*, finding: Finding, by: User) -> None:
    lifecycle.require(finding.evaluation, lifecycle.Activity.FINDINGS)
    audit_record(
        actor=by,
        action=AuditAction.FINDING_DELETE,
        evaluation=finding.evaluation,
        changes={"finding": finding.pk, "section": finding.section, "old": finding.text},
    )
    finding.delete()


@transaction.atomic
def masked_name_add(*, evaluation: Evaluation, name: str, by: User) -> MaskedName:
    lifecycle.require(evaluation, lifecycle.Activity.FINDINGS)
    name = name.strip()
    if len(name) < 2:
        raise ValidationError({"name": _("A name has at least two characters.")})
    masked = MaskedName(evaluation=evaluation, name=name, created_by=by)
    masked.full_clean()
    masked.save()
    audit_record(
        actor=by,
        action=AuditAction.MASK_ADD,
        evaluation=evaluation,
        changes={"mask": report_text.mask_name(name)},
    )
    return masked


def recommendation_save(
    *, evaluation: Evaluation, by: User, text: str, recommendation: Recommendation | None = None
) -> Recommendation:
    """Add a recommendation of 五、结语 at the end, or change one."""
    lifecycle.require(evaluation, lifecycle.Activity.FINDINGS)
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
            action=AuditAction.RECOMMENDATION_SAVE,
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
def recommendation_move(*, recommendation: Recommendation, by: User, up: bool) -> None:
    """Swap a recommendation with its neighbour."""
    evaluation = recommendation.evaluation
    lifecycle.require(evaluation, lifecycle.Activity.FINDINGS)
    siblings = Recommendation.objects.select_for_update().filter(evaluation=evaluation)
    if _swap_with_neighbour(siblings, recommendation, up=up):
        audit_record(
            actor=by,
            action=AuditAction.RECOMMENDATION_MOVE,
            evaluation=evaluation,
            changes={"recommendation": recommendation.pk, "position": recommendation.position},
        )


@transaction.atomic
def recommendation_delete(*, recommendation: Recommendation, by: User) -> None:
    evaluation = recommendation.evaluation
    lifecycle.require(evaluation, lifecycle.Activity.FINDINGS)
    audit_record(
        actor=by,
        action=AuditAction.RECOMMENDATION_DELETE,
        evaluation=evaluation,
        changes={"recommendation": recommendation.pk, "old": recommendation.text},
    )
    recommendation.delete()  # positions only order them: the report numbers them 1, 2, 3 …
