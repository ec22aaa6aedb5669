"""Rectification: the station reports on each concern of the final report, the bureau reviews
what it did."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reports.models import Rectification
from stations import lifecycle
from stations.enums import AuditAction
from stations.models import User
from stations.services import audit_record


@transaction.atomic
def rectification_update(*, item: Rectification, by: User, status: str, note: str) -> Rectification:
    lifecycle.require(item.evaluation, lifecycle.Activity.RECTIFICATION)
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
        action=AuditAction.RECTIFICATION_UPDATE,
        evaluation=item.evaluation,
        changes={"item": item.pk, "status": status},
        note=item.station_note,
    )
    return item


@transaction.atomic
def rectification_review(
    *, item: Rectification, by: User, accept: bool, note: str
) -> Rectification:
    lifecycle.require(item.evaluation, lifecycle.Activity.RECTIFICATION)
    if item.status != Rectification.Status.DONE:
        raise ValidationError(
            _("Only an item the station reports done can be reviewed."), code="not_done"
        )
    if not accept and not note.strip():
        raise ValidationError({"note": _("Say what the station still has to do.")})
    item.review = Rectification.Review.ACCEPTED if accept else Rectification.Review.RETURNED
    item.review_note = note.strip()
    if not accept:  # returned: the station works on it again
        item.status = Rectification.Status.IN_PROGRESS
    item.save()
    audit_record(
        actor=by,
        action=AuditAction.RECTIFICATION_REVIEW,
        evaluation=item.evaluation,
        changes={"item": item.pk, "review": item.review},
        note=item.review_note,
    )
    return item
