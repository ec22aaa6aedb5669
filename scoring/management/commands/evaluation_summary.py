import json

from django.core.management.base import BaseCommand, CommandError

from scoring import rules, selectors
from stations.models import Evaluation


class Command(BaseCommand):
    help = (
        "Print an evaluation's scores: per party raw, maximum, weight, contribution; the total, "
        "published total, grade and whether it is provisional. Numbers in JSON are decimal "
        "strings, exactly as computed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("evaluation_id", type=int, help="see `manage.py evaluations`")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, evaluation_id: int, format: str, **options) -> None:
        evaluation = Evaluation.objects.with_station().filter(pk=evaluation_id).first()
        if evaluation is None:
            raise CommandError(
                f"No evaluation with id {evaluation_id} (see `manage.py evaluations`)."
            )
        summary = selectors.evaluation_scores(evaluation)
        result = summary.result
        data = {
            "evaluation": evaluation.pk,
            "station": evaluation.contract.station.name,
            "scheme": str(summary.scheme),
            "parties": [
                {
                    "party": row.party.value,
                    "raw": rules.plain(row.raw) if row.raw is not None else None,
                    "max": rules.plain(row.maximum),
                    "weight": rules.plain(row.weight),
                    "contribution": str(row.contribution),
                }
                for row in summary.parties
            ],
            "total": str(result.total),
            "published_total": str(result.published),
            "grade": result.grade.label,
            "provisional": summary.provisional,
            "missing": summary.missing,
        }
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for party in data["parties"]:
            self.stdout.write(
                f"{party['party']:<12} raw {party['raw'] or '—':>6} / {party['max']:>4}"
                f" × {party['weight']:>3}% = {party['contribution']}"
            )
        self.stdout.write(
            f"total {data['total']} → {data['published_total']} {data['grade']}"
            + (" (provisional)" if data["provisional"] else "")
        )
