"""Writes of the schemes: publishing a version (once complete) and copying it to a new one."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scoring import rules
from scoring.models import GradeBand, Party, PartyWeight, Scheme, SheetItem
from stations import numbers
from stations.enums import AuditAction
from stations.models import User
from stations.services import audit_record


def scheme_errors(scheme: Scheme) -> list[str]:
    """Why ``scheme`` cannot be published (empty when it can)."""
    messages = []
    weights = {w.party: w.weight for w in PartyWeight.objects.filter(scheme=scheme)}
    if set(weights) != set(Party.values):
        messages.append(_("Give a weight for each of the four parties."))
    if "weights_not_100" in rules.weight_errors(weights):
        messages.append(
            _("The weights add up to %(sum)s, not 100.")
            % {"sum": numbers.plain(sum(weights.values(), Decimal(0)))}
        )
    bands = [rules.Band(b.label, b.lower) for b in GradeBand.objects.filter(scheme=scheme)]
    band_problems = rules.band_errors(bands)
    if band_problems:
        messages.append(_("The grade bands must start at 0, each at a different lower bound."))
    items = list(SheetItem.objects.filter(scheme=scheme))
    for party in Party:
        if not any(i.party == party and i.is_item for i in items):
            messages.append(
                _("The sheet of %(party)s has no item with a maximum.") % {"party": party.label}
            )
    parents = {i.parent_id for i in items}
    empty_sections = [i for i in items if not i.is_item and i.pk not in parents]
    if empty_sections:
        messages.append(
            _("Sections without items: %(codes)s.")
            % {"codes": ", ".join(f"{i.get_party_display()} {i.code}" for i in empty_sections)}
        )
    return messages


@transaction.atomic
def scheme_publish(*, scheme: Scheme, by: User) -> Scheme:
    """Publish ``scheme``: from now on evaluations may use it, and it never changes."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.is_published:
        raise ValidationError(_("This scheme is already published."), code="published")
    problems = scheme_errors(scheme)
    if problems:
        raise ValidationError([ValidationError(p, code="incomplete") for p in problems])
    scheme.published_at = timezone.now()
    scheme.save(update_fields=["published_at"])
    audit_record(
        actor=by,
        action=AuditAction.SCHEME_PUBLISH,
        changes={"scheme": scheme.pk, "name": scheme.name, "version": scheme.version},
    )
    return scheme


@transaction.atomic
def scheme_copy(*, scheme: Scheme, by: User) -> Scheme:
    """A new, unpublished version of ``scheme`` with the same weights, bands and sheets."""
    latest = Scheme.objects.filter(name=scheme.name).latest("version")
    copy = Scheme.objects.create(
        name=scheme.name,
        version=latest.version + 1,
        aggregation=scheme.aggregation,
        total_decimals=scheme.total_decimals,
        contribution_decimals=scheme.contribution_decimals,
        score_step=scheme.score_step,
        panel_tolerance=scheme.panel_tolerance,
        expected_progress_share=scheme.expected_progress_share,
        survey_minimum=scheme.survey_minimum,
    )
    PartyWeight.objects.bulk_create(
        PartyWeight(scheme=copy, party=w.party, weight=w.weight) for w in scheme.weights.all()
    )
    GradeBand.objects.bulk_create(
        GradeBand(scheme=copy, label=b.label, lower=b.lower) for b in scheme.bands.all()
    )
    new_ids: dict[int, SheetItem] = {}
    for item in SheetItem.objects.filter(scheme=scheme).order_by("party", "position"):
        new_ids[item.pk] = SheetItem.objects.create(
            scheme=copy,
            party=item.party,
            parent=None if item.parent_id is None else new_ids.get(item.parent_id),
            code=item.code,
            title=item.title,
            guidance=item.guidance,
            max_points=item.max_points,
            position=item.position,
        )
    audit_record(
        actor=by,
        action=AuditAction.SCHEME_COPY,
        changes={"scheme": copy.pk, "from": scheme.pk, "name": copy.name, "version": copy.version},
    )
    return copy
