"""Writes of the panel: assigning experts and representatives, an expert's acceptance (with the
declaration of ties), withdrawing someone, and the station's recusal requests."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scoring import selectors
from scoring.models import ROLE_PARTY, RecusalRequest
from scoring.services.sheets import sheet_ensure
from stations import lifecycle
from stations.enums import REPRESENTATIVE_ROLES, AuditAction, Role
from stations.models import Assignment, Evaluation, User
from stations.services import audit_record


@transaction.atomic
def assignment_create(*, evaluation: Evaluation, user: User, role: str, by: User) -> Assignment:
    """Assign ``user`` to ``evaluation``: an expert waits to accept (and declare ties); a
    representative takes part at once."""
    lifecycle.require(evaluation, lifecycle.Activity.PANEL)
    if role not in ROLE_PARTY:
        raise ValidationError(_("This role does not score."), code="role")
    if not selectors.eligible_members(evaluation=evaluation, role=role).filter(user=user).exists():
        raise ValidationError(
            _("%(user)s cannot take part in this evaluation as %(role)s.")
            % {"user": user, "role": Role(role).label},
            code="ineligible",
        )
    existing = Assignment.objects.filter(evaluation=evaluation, user=user, role=role).first()
    if existing is not None:
        raise ValidationError(
            _("%(user)s was already assigned (%(status)s).")
            % {"user": user, "status": existing.get_status_display()},
            code="duplicate",
        )
    assignment = Assignment(
        evaluation=evaluation,
        user=user,
        role=role,
        status=Assignment.Status.ACTIVE
        if role in REPRESENTATIVE_ROLES
        else Assignment.Status.PENDING,
    )
    assignment.full_clean()
    assignment.save()
    if assignment.status == Assignment.Status.ACTIVE:
        sheet_ensure(assignment=assignment)
    audit_record(
        actor=by,
        action=AuditAction.ASSIGNMENT_CREATE,
        evaluation=evaluation,
        changes={
            "user": str(user),
            "user_pk": user.pk,
            "role": role,
            "status": assignment.status,
        },
    )
    return assignment


@transaction.atomic
def assignment_accept(
    *, assignment: Assignment, by: User, has_conflict: bool, declaration: str
) -> Assignment:
    """The expert answers their assignment, declaring any tie to the station or its operator.
    A declared conflict withdraws them (回避原则)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.user_id != by.pk:
        raise ValidationError(_("Only the assigned expert can answer."), code="not_yours")
    if assignment.status != Assignment.Status.PENDING:
        raise ValidationError(
            _("This assignment was already answered (%(status)s).")
            % {"status": assignment.get_status_display()},
            code="answered",
        )
    declaration = declaration.strip()
    if has_conflict and not declaration:
        raise ValidationError(
            {"declaration": _("Describe the tie to the station or its operator.")},
        )
    assignment.status = Assignment.Status.CONFLICT if has_conflict else Assignment.Status.ACTIVE
    assignment.declaration = declaration or _("No tie to the station or its operator.")
    assignment.responded_at = timezone.now()
    assignment.full_clean()
    assignment.save()
    if not has_conflict:
        sheet_ensure(assignment=assignment)
    audit_record(
        actor=by,
        action=AuditAction.ASSIGNMENT_CONFLICT if has_conflict else AuditAction.ASSIGNMENT_ACCEPT,
        evaluation=assignment.evaluation,
        changes={"user": str(assignment.user), "status": assignment.status},
        note=assignment.declaration,
    )
    return assignment


@transaction.atomic
def assignment_withdraw(*, assignment: Assignment, by: User, reason: str) -> Assignment:
    """The coordinator takes someone off the panel (for instance to replace them)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why.")})
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    lifecycle.require(assignment.evaluation, lifecycle.Activity.PANEL)
    if not assignment.is_current:
        raise ValidationError(_("This person is no longer on the panel."), code="removed")
    assignment.status = Assignment.Status.WITHDRAWN
    assignment.save(update_fields=["status"])
    audit_record(
        actor=by,
        action=AuditAction.ASSIGNMENT_WITHDRAW,
        evaluation=assignment.evaluation,
        changes={"user": str(assignment.user), "status": assignment.status},
        note=reason,
    )
    return assignment


@transaction.atomic
def recusal_request(*, assignment: Assignment, by: User, reason: str) -> RecusalRequest:
    """The station asks that an expert not score it."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the request.")})
    if assignment.role != Role.EXPERT or not assignment.is_current:
        raise ValidationError(
            _("Recusal can be asked only of an expert on the panel."), code="not_on_panel"
        )
    request = RecusalRequest(assignment=assignment, requested_by=by, reason=reason)
    request.full_clean()
    request.save()
    audit_record(
        actor=by,
        action=AuditAction.RECUSAL_REQUEST,
        evaluation=assignment.evaluation,
        changes={"expert": str(assignment.user)},
        note=reason,
    )
    return request


@transaction.atomic
def recusal_decide(*, request: RecusalRequest, by: User, uphold: bool, note: str) -> RecusalRequest:
    """The coordinator upholds the request (the expert stops scoring) or rejects it, and says
    why either way."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Give the reason for the decision.")})
    request = (
        RecusalRequest.objects.select_for_update().select_related("assignment").get(pk=request.pk)
    )
    if request.decision != RecusalRequest.Decision.PENDING:
        raise ValidationError(_("This request was already decided."), code="decided")
    request.decision = (
        RecusalRequest.Decision.UPHELD if uphold else RecusalRequest.Decision.REJECTED
    )
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save()
    assignment = request.assignment
    if uphold and assignment.is_current:
        assignment.status = Assignment.Status.RECUSED
        assignment.save(update_fields=["status"])
    audit_record(
        actor=by,
        action=AuditAction.RECUSAL_DECIDE,
        evaluation=assignment.evaluation,
        changes={
            "expert": str(assignment.user),
            "expert_pk": assignment.user_id,
            "decision": request.decision,
        },
        note=note,
    )
    return request
