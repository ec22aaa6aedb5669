"""Writes of scoring: the panel (assignments, acceptance, recusal), score sheets, schemes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from scoring import rules
from scoring.models import (
    ROLE_PARTY,
    GradeBand,
    ItemScore,
    Party,
    PartyWeight,
    RecusalRequest,
    Scheme,
    ScoreChange,
    ScoreSheet,
    SheetItem,
)
from stations import lifecycle
from stations.models import (
    REPRESENTATIVE_ROLES,
    Assignment,
    Evaluation,
    Membership,
    Role,
)
from stations.services import audit_record

# --- The panel ---------------------------------------------------------------------------------


def eligible_members(*, evaluation: Evaluation, role: str):
    """The memberships whose users may be assigned to ``evaluation`` in ``role``: experts of
    the evaluating agency, the street office of the station's street, the supervision centre and
    bureau of its district."""
    station = evaluation.contract.station
    memberships = Membership.objects.filter(role=role).select_related("user", "organisation")
    if role == Role.EXPERT:
        return memberships.filter(organisation=evaluation.agency)
    if role == Role.BUYER:
        return memberships.filter(organisation__street_id=station.street_id)
    if role in (Role.SUPERVISION, Role.BUREAU):
        return memberships.filter(organisation__district_id=station.street.district_id)
    return memberships.none()


def _require_open_for_assigning(evaluation: Evaluation) -> None:
    if evaluation.status not in lifecycle.ASSIGNING_OPEN:
        raise ValidationError(
            _("The panel cannot change once the evaluation is in “%(status)s”.")
            % {"status": evaluation.get_status_display()},
            code="closed",
        )


@transaction.atomic
def assignment_create(*, evaluation: Evaluation, user, role: str, by) -> Assignment:
    """Assign ``user`` to ``evaluation``: an expert waits to accept (and declare ties); a
    representative takes part at once."""
    _require_open_for_assigning(evaluation)
    if role not in ROLE_PARTY:
        raise ValidationError(_("This role does not score."), code="role")
    if not eligible_members(evaluation=evaluation, role=role).filter(user=user).exists():
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
        action="assignment.create",
        evaluation=evaluation,
        changes={"user": str(user), "role": role, "status": assignment.status},
    )
    return assignment


@transaction.atomic
def assignment_accept(
    *, assignment: Assignment, by, has_conflict: bool, declaration: str
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
        action="assignment.conflict" if has_conflict else "assignment.accept",
        evaluation=assignment.evaluation,
        changes={"user": str(assignment.user), "status": assignment.status},
        note=assignment.declaration,
    )
    return assignment


@transaction.atomic
def assignment_withdraw(*, assignment: Assignment, by, reason: str) -> Assignment:
    """The coordinator takes someone off the panel (for instance to replace them)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why.")})
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    _require_open_for_assigning(assignment.evaluation)
    if not assignment.is_current:
        raise ValidationError(_("This person is no longer on the panel."), code="removed")
    assignment.status = Assignment.Status.WITHDRAWN
    assignment.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="assignment.withdraw",
        evaluation=assignment.evaluation,
        changes={"user": str(assignment.user), "status": assignment.status},
        note=reason,
    )
    return assignment


@transaction.atomic
def recusal_request(*, assignment: Assignment, by, reason: str) -> RecusalRequest:
    """The station asks that an expert not score it."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the request.")})
    if assignment.role != Role.EXPERT or not assignment.is_current:
        raise ValidationError(_("Recusal can be asked only of an expert on the panel."))
    request = RecusalRequest(assignment=assignment, requested_by=by, reason=reason)
    request.full_clean()
    request.save()
    audit_record(
        actor=by,
        action="recusal.request",
        evaluation=assignment.evaluation,
        changes={"expert": str(assignment.user)},
        note=reason,
    )
    return request


@transaction.atomic
def recusal_decide(*, request: RecusalRequest, by, uphold: bool, note: str) -> RecusalRequest:
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
        action="recusal.decide",
        evaluation=assignment.evaluation,
        changes={"expert": str(assignment.user), "decision": request.decision},
        note=note,
    )
    return request


# --- Score sheets ------------------------------------------------------------------------------


def sheet_ensure(*, assignment: Assignment) -> ScoreSheet:
    """The assignment's sheet, with an empty score for every item of its party's sheet."""
    party = ROLE_PARTY[assignment.role]
    sheet, created = ScoreSheet.objects.get_or_create(
        assignment=assignment, defaults={"evaluation": assignment.evaluation, "party": party}
    )
    if created:
        items = SheetItem.objects.filter(
            scheme_id=assignment.evaluation.scheme_id, party=party, max_points__isnull=False
        )
        ItemScore.objects.bulk_create(ItemScore(sheet=sheet, item=item) for item in items)
    return sheet


@dataclass(frozen=True)
class Entry:
    points: Decimal | None
    comment: str = ""


class StaleSheet(Exception):
    """The sheet was saved from elsewhere since this page was loaded; nothing was written."""

    def __init__(self, current_version: int, stored: dict[int, Entry]) -> None:
        super().__init__("stale sheet")
        self.current_version = current_version
        self.stored = stored


@dataclass(frozen=True)
class Conflict:
    item_id: int
    theirs: Entry
    mine: Entry


def merge_entries(
    *, base: dict[int, Entry], mine: dict[int, Entry], theirs: dict[int, Entry]
) -> tuple[dict[int, Entry], list[Conflict]]:
    """Three-way merge after a stale save: ``base`` is what the page loaded, ``mine`` what it
    sent, ``theirs`` what is stored now. A field only one side changed takes that side's value;
    a field both changed differently keeps ``mine`` and is reported as a conflict."""
    merged: dict[int, Entry] = {}
    conflicts = []
    for item_id, my_entry in mine.items():
        stored = theirs[item_id]
        loaded = base.get(item_id)
        fields = {}
        clash = False
        for name in ("points", "comment"):
            my_value, their_value = getattr(my_entry, name), getattr(stored, name)
            base_value = getattr(loaded, name) if loaded is not None else object()
            if my_value == their_value or their_value == base_value:
                fields[name] = my_value
            elif my_value == base_value:
                fields[name] = their_value
            else:
                fields[name] = my_value
                clash = True
        merged[item_id] = Entry(**fields)
        if clash:
            conflicts.append(Conflict(item_id, stored, my_entry))
    return merged, conflicts


def check_points(points: Decimal, *, maximum: Decimal, step: Decimal) -> str | None:
    """Why ``points`` is not a valid score for an item worth ``maximum`` (None when it is)."""
    if not 0 <= points <= maximum:
        return _("Must be between 0 and %(max)s.") % {"max": rules.plain(maximum)}
    if points % step != 0:
        return _("Must be a multiple of %(step)s.") % {"step": rules.plain(step)}
    return None


def sheet_save(
    *,
    sheet: ScoreSheet,
    by,
    version: int,
    entries: dict[int, Entry],
    submit: bool = False,
) -> ScoreSheet:
    """Save the owner's entries (item id → points and comment) on their draft sheet; with
    ``submit`` also submit it, after which it is read-only.

    ``version`` is the sheet's version the page was showing: a save from a stale page raises
    ``StaleSheet`` and writes nothing. Only this sheet's row is locked, so experts saving
    their own sheets at the same time never wait for each other.
    """
    evaluation = sheet.evaluation
    if sheet.assignment.user_id != by.pk or not sheet.assignment.is_current:
        raise ValidationError(_("Only the sheet's scorer can change it."), code="not_yours")
    if evaluation.status not in lifecycle.SCORING_OPEN:
        raise ValidationError(
            _("Scores cannot change while the evaluation is in “%(status)s”.")
            % {"status": evaluation.get_status_display()},
            code="closed",
        )
    step = evaluation.scheme.score_step
    with transaction.atomic():
        claimed = ScoreSheet.objects.filter(
            pk=sheet.pk, version=version, status=ScoreSheet.Status.DRAFT
        ).update(version=F("version") + 1, updated_at=timezone.now())
        scores = {
            s.item_id: s for s in ItemScore.objects.filter(sheet=sheet).select_related("item")
        }
        if not claimed:
            current = ScoreSheet.objects.get(pk=sheet.pk)
            if current.is_submitted:
                raise ValidationError(
                    _("This sheet was submitted and is read-only."), code="submitted"
                )
            raise StaleSheet(
                current.version,
                {item_id: Entry(s.points, s.comment) for item_id, s in scores.items()},
            )
        errors: dict[str, list[str]] = {}
        unknown = set(entries) - set(scores)
        if unknown:
            raise ValidationError(
                _("These items are not on this sheet: %(items)s.")
                % {"items": ", ".join(map(str, sorted(unknown)))},
                code="foreign_item",
            )
        changes = []
        now = timezone.now()
        for item_id, entry in sorted(entries.items(), key=lambda e: scores[e[0]].item.position):
            score = scores[item_id]
            if entry.points is not None:
                problem = check_points(entry.points, maximum=score.item.max_points, step=step)
                if problem:
                    errors[f"points_{item_id}"] = [problem]
                    continue
            comment = entry.comment.strip()
            if score.points != entry.points or score.comment != comment:
                changes.append(
                    ScoreChange(
                        sheet=sheet,
                        item_id=item_id,
                        changed_by=by,
                        old_points=score.points,
                        new_points=entry.points,
                        old_comment=score.comment,
                        new_comment=comment,
                        changed_at=now,
                    )
                )
                score.points, score.comment = entry.points, comment
        if submit:
            for item_id, score in scores.items():
                if score.points is None and f"points_{item_id}" not in errors:
                    errors[f"points_{item_id}"] = [_("Score this item before submitting.")]
        if errors:
            raise ValidationError(errors)
        ItemScore.objects.bulk_update([scores[c.item_id] for c in changes], ["points", "comment"])
        ScoreChange.objects.bulk_create(changes)
        if changes:
            audit_record(
                actor=by,
                action="sheet.save",
                evaluation=evaluation,
                changes={"sheet": sheet.pk, "party": sheet.party, "items": len(changes)},
            )
        if submit:
            ScoreSheet.objects.filter(pk=sheet.pk).update(
                status=ScoreSheet.Status.SUBMITTED, submitted_at=timezone.now()
            )
            audit_record(
                actor=by,
                action="sheet.submit",
                evaluation=evaluation,
                changes={"sheet": sheet.pk, "party": sheet.party},
            )
    sheet.refresh_from_db(fields=["version", "status", "submitted_at", "updated_at"])
    return sheet


@transaction.atomic
def sheet_reopen(*, sheet: ScoreSheet, by, reason: str) -> ScoreSheet:
    """The coordinator reopens a submitted sheet for its scorer, saying why."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    if sheet.evaluation.status not in lifecycle.SCORING_OPEN:
        raise ValidationError(
            _("Scores cannot change while the evaluation is in “%(status)s”.")
            % {"status": sheet.evaluation.get_status_display()},
            code="closed",
        )
    reopened = ScoreSheet.objects.filter(pk=sheet.pk, status=ScoreSheet.Status.SUBMITTED).update(
        status=ScoreSheet.Status.DRAFT, submitted_at=None, version=F("version") + 1
    )
    if not reopened:
        raise ValidationError(_("Only a submitted sheet can be reopened."), code="draft")
    audit_record(
        actor=by,
        action="sheet.reopen",
        evaluation=sheet.evaluation,
        changes={"sheet": sheet.pk, "party": sheet.party, "scorer": str(sheet.assignment.user)},
        note=reason,
    )
    sheet.refresh_from_db(fields=["version", "status", "submitted_at"])
    return sheet


# --- Schemes -----------------------------------------------------------------------------------


def scheme_errors(scheme: Scheme) -> list[str]:
    """Why ``scheme`` cannot be published (empty when it can)."""
    messages = []
    weights = {w.party: w.weight for w in PartyWeight.objects.filter(scheme=scheme)}
    if set(weights) != set(Party.values):
        messages.append(_("Give a weight for each of the four parties."))
    if "weights_not_100" in rules.weight_errors(weights):
        messages.append(
            _("The weights add up to %(sum)s, not 100.")
            % {"sum": rules.plain(sum(weights.values(), Decimal(0)))}
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
def scheme_publish(*, scheme: Scheme) -> Scheme:
    problems = scheme_errors(scheme)
    if problems:
        raise ValidationError(problems)
    scheme.published_at = timezone.now()
    scheme.save(update_fields=["published_at"])
    return scheme


@transaction.atomic
def scheme_copy(*, scheme: Scheme) -> Scheme:
    """A new, unpublished version of ``scheme`` with the same weights, bands and sheets."""
    latest = Scheme.objects.filter(name=scheme.name).order_by("-version").first()
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
            parent=new_ids.get(item.parent_id),
            code=item.code,
            title=item.title,
            guidance=item.guidance,
            max_points=item.max_points,
            position=item.position,
        )
    return copy
