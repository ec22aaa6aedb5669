"""Writes of the expert pool (专家库): an expert's fields of expertise and note, and their ties
to organisations (what the draw sets aside). Each validates, runs in one transaction and is
audited."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stations.enums import AuditAction
from stations.models import ExpertProfile, ExpertTie, Organisation, User
from stations.services import audit_record


def _fields(expertise: str) -> str:
    """The fields as one “、”-separated line, each once, in the order typed."""
    seen: list[str] = []
    for part in re.split(r"[、,，;；\n]", expertise):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return "、".join(seen)


def _overlap(a: ExpertTie, b: ExpertTie) -> bool:
    """Whether two ties' periods meet (an empty start or end is open)."""
    return (a.started_on or dt.date.min) <= (b.ended_on or dt.date.max) and (
        b.started_on or dt.date.min
    ) <= (a.ended_on or dt.date.max)


@transaction.atomic
def expert_profile_save(*, expert: User, expertise: str, note: str = "", by: User) -> ExpertProfile:
    """Set ``expert``'s fields of expertise (separated by 、, commas or lines) and note."""
    profile, _created = ExpertProfile.objects.get_or_create(user=expert)
    before = {"expertise": profile.expertise, "note": profile.note}
    profile.expertise = _fields(expertise)
    profile.note = note.strip()
    profile.full_clean()
    profile.save()
    after = {"expertise": profile.expertise, "note": profile.note}
    if after != before:
        audit_record(
            actor=by,
            action=AuditAction.EXPERT_PROFILE,
            changes={"user": expert.username, **{k: [before[k], after[k]] for k in after}},
        )
    return profile


@transaction.atomic
def expert_tie_add(
    *,
    expert: User,
    organisation: Organisation,
    nature: str,
    started_on: dt.date | None = None,
    ended_on: dt.date | None = None,
    by: User,
) -> ExpertTie:
    """Record that ``expert`` worked for or with ``organisation`` (open while ``ended_on`` is
    empty). The same tie twice is refused."""
    tie = ExpertTie(
        user=expert,
        organisation=organisation,
        nature=nature.strip(),
        started_on=started_on,
        ended_on=ended_on,
    )
    tie.full_clean()
    for other in ExpertTie.objects.filter(user=expert, organisation=organisation):
        if _overlap(other, tie):
            raise ValidationError(
                _("A tie to %(organisation)s over that time is already recorded.")
                % {"organisation": organisation},
                code="duplicate",
            )
    tie.save()
    audit_record(
        actor=by,
        action=AuditAction.EXPERT_TIE_ADD,
        changes={
            "user": expert.username,
            "organisation": str(organisation),
            "nature": tie.nature,
            "started_on": str(started_on or ""),
            "ended_on": str(ended_on or ""),
        },
    )
    return tie


@transaction.atomic
def expert_tie_remove(*, tie: ExpertTie, by: User) -> None:
    """Remove a tie recorded by mistake (the audit keeps what it was)."""
    audit_record(
        actor=by,
        action=AuditAction.EXPERT_TIE_REMOVE,
        changes={
            "user": tie.user.username,
            "organisation": str(tie.organisation),
            "nature": tie.nature,
            "started_on": str(tie.started_on or ""),
            "ended_on": str(tie.ended_on or ""),
        },
    )
    tie.delete()
