from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from indicators import selectors
from indicators.selfassessment import template
from stations.management.common import add_evaluation_argument, evaluation_or_error


class Command(BaseCommand):
    help = _("Write an evaluation's self-assessment template (with its current figures) to a file.")

    def add_arguments(self, parser) -> None:
        add_evaluation_argument(parser)
        parser.add_argument("-o", "--output", required=True, help=_("the .xlsx file to write"))

    def handle(self, *args, evaluation_id: int, output: str, **options) -> None:
        evaluation = evaluation_or_error(evaluation_id)
        content = template.build(selectors.spec_for(evaluation), selectors.current_data(evaluation))
        Path(output).write_bytes(content)
        self.stdout.write(
            _("%(file)s: the template, %(size)s bytes") % {"file": output, "size": len(content)}
        )
