"""Writes of the stations app. Views, commands and tasks all change data through these."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stations import lifecycle
from stations.enums import AuditAction
from stations.models import AuditEntry, Evaluation, Status, User


def audit_record(
    *,
    actor: User | None,
    action: str,
    evaluation: Evaluation | None = None,
    changes: dict | None = None,
    note: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=str(actor) if actor is not None else "",
        evaluation=evaluation,
        action=action,
        changes=changes or {},
        note=note,
    )


def evaluation_change_status(
    *,
    evaluation: Evaluation,
    to_status: str,
    by: User,
    expected_status: str | None = None,
    note: str = "",
) -> Evaluation:
    """Move ``evaluation`` along its lifecycle by hand (see ``stations.lifecycle``).

    ``expected_status`` is the status the user saw: if someone changed it meanwhile, nothing is
    done and the user is told. Stepping back needs a reason in ``note``.
    """
    note = note.strip()
    with transaction.atomic():
        current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if expected_status is not None and current.status != expected_status:
            raise ValidationError(
                _("The status was changed to “%(status)s” meanwhile; nothing was changed.")
                % {"status": current.get_status_display()},
                code="stale",
            )
        if to_status not in lifecycle.manual_transitions(current.status):
            raise ValidationError(
                _("An evaluation in “%(from)s” cannot be moved to “%(to)s” by hand.")
                % {
                    "from": current.get_status_display(),
                    "to": Status(to_status).label if to_status in Status.values else to_status,
                },
                code="transition",
            )
        if lifecycle.is_backward(current.status, to_status) and not note:
            raise ValidationError(
                {"note": ValidationError(_("Give a reason for stepping back."), code="reason")}
            )
        old_status = current.status
        current.status = to_status
        current.full_clean()
        current.save(update_fields=["status"])
        audit_record(
            actor=by,
            action=AuditAction.EVALUATION_STATUS,
            evaluation=current,
            changes={"status": [old_status, to_status]},
            note=note,
        )
    evaluation.status = to_status
    return evaluation
