"""Submitted score sheets for the seed evaluation, entered through the same services as in the
browser. The seed publishes only the total (85.4, 良好); the split between parties and experts
is ILLUSTRATIVE, chosen so that the default scheme yields that total:

    experts 88, 86.5, 86, 85.5, 84 → trimmed mean 86 → 86 ÷ 100 × 55 = 47.30
    street office 85 → 17.00; supervision centre 83 → 12.45; bureau 86 → 8.60
    47.30 + 17.00 + 12.45 + 8.60 = 85.35 → 85.4 (rounded half up) → 良好
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from scoring import services
from scoring.models import ItemScore, ScoreSheet, SheetItem
from stations.demo import DemoSeed
from stations.models import Assignment, Role, User

REMARKS = (
    "演示数据：种子报告只公布了总分 85.4（良好），各评估方及各位专家的分数拆分为示意，"
    "按默认评估方案构造。"
)

# username → the total of their sheet.
TOTALS: dict[str, Decimal] = {
    "expert1": Decimal("88"),
    "expert2": Decimal("86.5"),
    "expert3": Decimal("86"),
    "expert4": Decimal("85.5"),
    "expert5": Decimal("84"),
    "buyer": Decimal("85"),
    "supervision": Decimal("83"),
    "bureau": Decimal("86"),
}


def spread(total: Decimal, maxima: list[Decimal], step: Decimal, *, tilt: int = 0) -> list[Decimal]:
    """Scores for items worth ``maxima`` that add up to ``total``: each item near the same
    share of its maximum, in multiples of ``step``; ``tilt`` moves a step between two items so
    that different scorers' sheets are not identical."""
    sheet_max = sum(maxima)
    scores = [(m * total / sheet_max // step) * step for m in maxima]
    index = 0
    while sum(scores) < total:
        if scores[index] + step <= maxima[index]:
            scores[index] += step
        index = (index + 1) % len(scores)
    if tilt and len(scores) > 2:
        give, take = tilt % len(scores), (tilt + 3) % len(scores)
        if scores[give] + step <= maxima[give] and scores[take] - step >= 0:
            scores[give] += step
            scores[take] -= step
    return scores


@transaction.atomic
def load_seed_scores(seed: DemoSeed) -> None:
    evaluation = seed.evaluation
    if evaluation.remarks != REMARKS:
        evaluation.remarks = REMARKS
        evaluation.save(update_fields=["remarks"])
    coordinator = User.objects.get(username="coordinator")
    for role, username in [
        (Role.BUYER, "buyer"),
        (Role.SUPERVISION, "supervision"),
        (Role.BUREAU, "bureau"),
    ]:
        user = User.objects.get(username=username)
        if not Assignment.objects.filter(evaluation=evaluation, user=user, role=role).exists():
            services.assignment_create(evaluation=evaluation, user=user, role=role, by=coordinator)
    step = evaluation.scheme.score_step
    for tilt, (username, total) in enumerate(TOTALS.items()):
        assignment = Assignment.objects.select_related("user").get(
            evaluation=evaluation, user__username=username
        )
        sheet = services.sheet_ensure(assignment=assignment)
        sheet.evaluation = evaluation
        items = list(
            SheetItem.objects.filter(
                scheme_id=evaluation.scheme_id, party=sheet.party, max_points__isnull=False
            )
        )
        maxima = [i.max_points for i in items if i.max_points is not None]  # all, as filtered
        wanted = spread(total, maxima, step, tilt=tilt)
        stored = dict(ItemScore.objects.filter(sheet=sheet).values_list("item_id", "points"))
        if sheet.is_submitted and all(
            stored[i.pk] == w for i, w in zip(items, wanted, strict=True)
        ):
            continue
        if sheet.is_submitted:
            sheet = services.sheet_reopen(sheet=sheet, by=coordinator, reason="重新载入演示数据")
        services.sheet_save(
            sheet=ScoreSheet.objects.select_related("assignment").get(pk=sheet.pk),
            by=assignment.user,
            version=ScoreSheet.objects.get(pk=sheet.pk).version,
            entries={i.pk: services.Entry(w) for i, w in zip(items, wanted, strict=True)},
            submit=True,
        )
