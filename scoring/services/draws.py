"""The random draw of a panel: draw from the pool, keep the draw whole, assign the drawn experts
(each still accepts, declaring any tie); a redraw says why and takes the previous draw's
experts who have not accepted yet off the panel first."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scoring import draw, pool
from scoring.models import PanelDraw
from scoring.services.panel import assignment_create, assignment_withdraw
from stations import lifecycle
from stations.enums import AssignmentStatus, AuditAction, Role
from stations.models import Assignment, Evaluation, User
from stations.services import audit_record

MAX_PANEL = 15


def why_short(
    evaluation: Evaluation, excluded: list[str], candidates: int, drawn: Sequence[int] = ()
) -> str:
    """Why fewer experts than asked could be drawn: the pool's experts set aside, by reason
    (``excluded``: the reasons of those set aside; ``candidates``: the pool's experts the draw
    chose from; ``drawn``: who it drew, on the panel now but not before)."""
    here = (
        Assignment.objects.filter(evaluation=evaluation, role=Role.EXPERT, user__is_active=True)
        .exclude(user_id__in=list(drawn))
        .values("user")
        .distinct()
        .count()
    )
    reasons = list(excluded)
    counts = [
        (_("%(n)s on this panel or taken off it"), here),
        (_("%(n)s tied to the station's operator or street office"), reasons.count(draw.TIED)),
        (_("%(n)s declared a conflict with the station before"), reasons.count(draw.CONFLICT)),
        (_("%(n)s at the load limit"), reasons.count(draw.AT_LIMIT)),
    ]
    parts = _("; ").join(label % {"n": n} for label, n in counts if n)
    return _("Of the pool's %(n)s active experts: %(parts)s.") % {
        "n": candidates + here,
        "parts": parts or "—",
    }


@transaction.atomic
def panel_draw(
    *,
    evaluation: Evaluation,
    by: User,
    experts: int,
    load_limit: int,
    reason: str = "",
    seed: str | None = None,
) -> PanelDraw:
    """Draw ``experts`` experts of the agency's pool for ``evaluation`` and assign them."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    lifecycle.require(evaluation, lifecycle.Activity.PANEL)
    reason = reason.strip()
    if not 1 <= experts <= MAX_PANEL:
        message = _("Draw between 1 and %(max)s experts.") % {"max": MAX_PANEL}
        raise ValidationError({"experts": ValidationError(message, code="experts")})
    if load_limit < 1:
        message = _("The load limit is at least 1.")
        raise ValidationError({"load_limit": ValidationError(message, code="limit")})
    previous = PanelDraw.objects.filter(evaluation=evaluation).first()
    if previous is not None and not reason:
        message = _("Experts were drawn before: say why they are drawn again.")
        raise ValidationError({"reason": ValidationError(message, code="reason")})
    if previous is not None:
        for assignment in Assignment.objects.filter(
            evaluation=evaluation,
            role=Role.EXPERT,
            user_id__in=previous.chosen,
            status=AssignmentStatus.PENDING,
        ):
            assignment_withdraw(assignment=assignment, by=by, reason=reason)
    members = pool.pool(evaluation)
    seed = seed or secrets.token_hex(8)
    result = draw.draw([m.candidate for m in members], experts, seed=seed, limit=load_limit)
    if not result.chosen:
        raise ValidationError(
            _("No expert of the pool can be drawn for this station.")
            + " "
            + why_short(evaluation, list(result.excluded.values()), len(members)),
            code="nobody",
        )
    record = PanelDraw.objects.create(
        evaluation=evaluation,
        drawn_by=by,
        asked=experts,
        load_limit=load_limit,
        seed=seed,
        candidates=[
            {
                "user": m.user.pk,
                "name": str(m.user),
                "load": m.candidate.load,
                "tied": m.candidate.tied,
                "conflict": m.candidate.conflict,
                "excluded": result.excluded.get(m.user.pk, ""),
            }
            for m in members
        ],
        chosen=list(result.chosen),
        reason=reason,
    )
    users = {m.user.pk: m.user for m in members}
    for user_id in result.chosen:
        assignment_create(evaluation=evaluation, user=users[user_id], role=Role.EXPERT, by=by)
    audit_record(
        actor=by,
        action=AuditAction.PANEL_DRAW,
        evaluation=evaluation,
        changes={
            "draw": record.pk,
            "seed": seed,
            "asked": experts,
            "drawn": [str(users[u]) for u in result.chosen],
            "candidates": len(members),
            "excluded": len(result.excluded),
            "short_by": result.short_by,
        },
        note=reason,
    )
    return record
