import json
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from scoring import selectors
from stations import numbers
from stations.management.common import add_evaluation_argument, evaluation_or_error


class Command(BaseCommand):
    help = _(
        "Print an evaluation's scores: per party raw, maximum, weight, contribution; the total, "
        "published total, grade and whether it is provisional. Numbers in JSON are decimal "
        "strings, exactly as computed."
    )

    def add_arguments(self, parser) -> None:
        add_evaluation_argument(parser)
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, evaluation_id: int, format: str, **options) -> None:
        evaluation = evaluation_or_error(evaluation_id)
        summary = selectors.evaluation_scores(evaluation)
        result = summary.result
        data: dict[str, Any] = {  # the JSON document
            "evaluation": evaluation.pk,
            "station": evaluation.contract.station.name,
            "scheme": str(summary.scheme),
            "parties": [
                {
                    "party": row.party.value,
                    "raw": numbers.plain(row.raw) if row.raw is not None else None,
                    "max": numbers.plain(row.maximum),
                    "weight": numbers.plain(row.weight),
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
        for row, party in zip(summary.parties, data["parties"], strict=True):
            self.stdout.write(
                _("%(party)s: raw %(raw)s / %(max)s × %(weight)s%% = %(contribution)s")
                % {
                    "party": row.party.label,
                    "raw": party["raw"] or "—",
                    "max": party["max"],
                    "weight": party["weight"],
                    "contribution": party["contribution"],
                }
            )
        line = _("Total %(total)s → %(published)s %(grade)s") % {
            "total": data["total"],
            "published": data["published_total"],
            "grade": data["grade"],
        }
        if data["provisional"]:
            line += _(" (provisional: %(missing)s)") % {"missing": "；".join(summary.missing)}
        self.stdout.write(line)
