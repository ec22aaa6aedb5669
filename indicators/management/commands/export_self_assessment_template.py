from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators import selectors
from indicators.selfassessment import template
from stations.models import Evaluation


class Command(BaseCommand):
    help = "Write an evaluation's self-assessment template (with its current figures) to a file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("evaluation_id", type=int, help="see `manage.py evaluations`")
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, evaluation_id: int, output: str, **options) -> None:
        evaluation = Evaluation.objects.with_station().filter(pk=evaluation_id).first()
        if evaluation is None:
            raise CommandError(
                f"No evaluation with id {evaluation_id} (see `manage.py evaluations`)."
            )
        content = template.build(selectors.spec_for(evaluation), selectors.current_data(evaluation))
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: {len(content)} bytes")
