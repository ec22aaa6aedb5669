"""Saving a full expert sheet and recomputing the evaluation, against a bare bulk save of the
same rows, in the same process and database.

Ours: `services.sheet_save` (version check, validation of every item, change history) followed
by `selectors.evaluation_scores` (the weighted total from all sheets). Baseline: one
`bulk_update` of the sheet's item scores. Each call alternates between two sets of values so
that every save really changes every row."""

from __future__ import annotations

from decimal import Decimal

from common import line, median_seconds, setup_django


def main() -> None:
    setup_django()
    from scoring import selectors, services
    from scoring.models import ItemScore, ScoreSheet
    from stations.models import Evaluation

    evaluation = Evaluation.objects.get(contract__station__name="官洲街社工服务站")
    # The demo's report is issued, which closes scoring; in this throw-away database put the
    # evaluation back to drafting so that sheets can be saved.
    Evaluation.objects.filter(pk=evaluation.pk).update(status="drafting")
    evaluation.refresh_from_db()
    services.sheet_reopen(
        sheet=ScoreSheet.objects.select_related("assignment").get(
            assignment__user__username="expert3"
        ),
        by=evaluation.assignments.first().user,
        reason="benchmark",
    )
    sheet = ScoreSheet.objects.select_related("assignment__user").get(
        assignment__user__username="expert3"
    )
    scores = list(ItemScore.objects.filter(sheet=sheet).select_related("item"))
    sheets = ScoreSheet.objects.filter(evaluation=evaluation).count()
    flip = {"value": False}

    def values() -> dict[int, Decimal]:
        flip["value"] = not flip["value"]
        return {
            s.item_id: s.item.max_points - (Decimal("0.5") if flip["value"] else Decimal(0))
            for s in scores
        }

    def ours() -> None:
        current = ScoreSheet.objects.select_related("assignment__user", "evaluation__scheme").get(
            pk=sheet.pk
        )
        services.sheet_save(
            sheet=current,
            by=sheet.assignment.user,
            version=current.version,
            entries={item: services.Entry(points) for item, points in values().items()},
        )
        selectors.evaluation_scores(evaluation)

    def baseline() -> None:
        wanted = values()
        for s in scores:
            s.points = wanted[s.item_id]
        ItemScore.objects.bulk_update(scores, ["points", "comment"])

    ours_time = median_seconds(ours)
    baseline_time = median_seconds(baseline)
    print(
        line(
            "scoring_save_sheet_and_recompute",
            ours_time,
            baseline_time,
            f"{len(scores)} items, {sheets} sheets",
        )
    )


if __name__ == "__main__":
    main()
