"""Writes of the score sheets: creating a scorer's sheet, saving and submitting it (with a
three-way merge after a stale save, in ``rules.merge_entries``), and reopening it."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from scoring import rules
from scoring.models import ROLE_PARTY, ItemScore, ScoreChange, ScoreSheet, SheetItem
from scoring.rules import Entry
from stations import lifecycle, numbers
from stations.enums import AuditAction
from stations.models import Assignment, User
from stations.services import audit_record


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


class StaleSheet(Exception):
    """The sheet was saved from elsewhere since this page was loaded; nothing was written."""

    def __init__(self, current_version: int, stored: dict[int, Entry]) -> None:
        super().__init__("stale sheet")
        self.current_version = current_version
        self.stored = stored


def check_points(points: Decimal, *, maximum: Decimal, step: Decimal) -> str | None:
    """Why ``points`` is not a valid score for an item worth ``maximum`` (None when it is)."""
    problem = rules.points_problem(points, maximum=maximum, step=step)
    if problem == "range":
        return _("Must be between 0 and %(max)s.") % {"max": numbers.plain(maximum)}
    if problem == "step":
        return _("Must be a multiple of %(step)s.") % {"step": numbers.plain(step)}
    return None


def _claim(sheet: ScoreSheet, version: int) -> dict[int, ItemScore]:
    """Take the sheet's next version if the page showed ``version`` and the sheet is a draft;
    the sheet's scores by item. Raises when it is submitted or was saved since."""
    claimed = ScoreSheet.objects.filter(
        pk=sheet.pk, version=version, status=ScoreSheet.Status.DRAFT
    ).update(version=F("version") + 1, updated_at=timezone.now())
    scores = {s.item_id: s for s in ItemScore.objects.filter(sheet=sheet).select_related("item")}
    if not claimed:
        current = ScoreSheet.objects.get(pk=sheet.pk)
        if current.is_submitted:
            raise ValidationError(_("This sheet was submitted and is read-only."), code="submitted")
        raise StaleSheet(
            current.version, {item_id: Entry(s.points, s.comment) for item_id, s in scores.items()}
        )
    return scores


def _changes(
    *,
    sheet: ScoreSheet,
    by: User,
    scores: dict[int, ItemScore],
    entries: dict[int, Entry],
    step: Decimal,
    errors: dict[str, list[str]],
) -> list[ScoreChange]:
    """The changes ``entries`` make to ``scores`` (applied to them), in sheet order; an entry
    that is not a valid score goes to ``errors`` instead."""
    changes = []
    now = timezone.now()
    for item_id, entry in sorted(entries.items(), key=lambda e: scores[e[0]].item.position):
        score = scores[item_id]
        if entry.points is not None:
            maximum = score.item.max_points
            assert maximum is not None  # only items are scored, and an item has a maximum
            problem = check_points(entry.points, maximum=maximum, step=step)
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
    return changes


def sheet_save(
    *,
    sheet: ScoreSheet,
    by: User,
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
    lifecycle.require(evaluation, lifecycle.Activity.SCORES)
    step = evaluation.scheme.score_step
    with transaction.atomic():
        scores = _claim(sheet, version)
        unknown = set(entries) - set(scores)
        if unknown:
            raise ValidationError(
                _("These items are not on this sheet: %(items)s.")
                % {"items": ", ".join(map(str, sorted(unknown)))},
                code="foreign_item",
            )
        errors: dict[str, list[str]] = {}
        changes = _changes(
            sheet=sheet, by=by, scores=scores, entries=entries, step=step, errors=errors
        )
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
                action=AuditAction.SHEET_SAVE,
                evaluation=evaluation,
                changes={"sheet": sheet.pk, "party": sheet.party, "items": len(changes)},
            )
        if submit:
            ScoreSheet.objects.filter(pk=sheet.pk).update(
                status=ScoreSheet.Status.SUBMITTED, submitted_at=timezone.now()
            )
            audit_record(
                actor=by,
                action=AuditAction.SHEET_SUBMIT,
                evaluation=evaluation,
                changes={"sheet": sheet.pk, "party": sheet.party},
            )
    sheet.refresh_from_db(fields=["version", "status", "submitted_at", "updated_at"])
    return sheet


@transaction.atomic
def sheet_reopen(*, sheet: ScoreSheet, by: User, reason: str) -> ScoreSheet:
    """The coordinator reopens a submitted sheet for its scorer, saying why."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    lifecycle.require(sheet.evaluation, lifecycle.Activity.SCORES)
    reopened = ScoreSheet.objects.filter(pk=sheet.pk, status=ScoreSheet.Status.SUBMITTED).update(
        status=ScoreSheet.Status.DRAFT, submitted_at=None, version=F("version") + 1
    )
    if not reopened:
        raise ValidationError(_("Only a submitted sheet can be reopened."), code="draft")
    audit_record(
        actor=by,
        action=AuditAction.SHEET_REOPEN,
        evaluation=sheet.evaluation,
        changes={"sheet": sheet.pk, "party": sheet.party, "scorer": str(sheet.assignment.user)},
        note=reason,
    )
    sheet.refresh_from_db(fields=["version", "status", "submitted_at"])
    return sheet
