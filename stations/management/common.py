"""What the portal's management commands share."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from stations.models import Evaluation


def add_evaluation_argument(parser) -> None:
    parser.add_argument("evaluation_id", type=int, help=_("see `manage.py evaluations`"))


def evaluation_or_error(evaluation_id: int) -> Evaluation:
    evaluation = Evaluation.objects.with_station().filter(pk=evaluation_id).first()
    if evaluation is None:
        raise CommandError(
            _("No evaluation with id %(id)s (see `manage.py evaluations`).") % {"id": evaluation_id}
        )
    return evaluation
