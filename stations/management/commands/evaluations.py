from django.core.management.base import BaseCommand

from stations.models import Evaluation


class Command(BaseCommand):
    help = "List evaluations, one per line: id, station, stage, status (tab-separated)."

    def handle(self, *args, **options) -> None:
        for evaluation in Evaluation.objects.with_station().order_by("pk"):
            self.stdout.write(
                "\t".join(
                    [
                        str(evaluation.pk),
                        evaluation.contract.station.name,
                        evaluation.contract.year_label,
                        evaluation.get_stage_display(),
                        evaluation.get_status_display(),
                    ]
                )
            )
