from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from evalportal.demo.examples import EXAMPLES
from evalportal.demo.season import load_season
from indicators.demo import load_seed_figures
from reports.demo import load_seed_report
from scoring.demo import load_seed_scores
from stations.demo import DEMO_PASSWORD, load_seed_station


class Command(BaseCommand):
    help = _(
        "Load the demo season: the seed evaluation (官洲街社工站 2024—2025 中期), illustrative "
        "evaluations of other stations in every status, and the demo users."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help=_("Load even with DEBUG off. The demo users share a published password."),
        )

    def handle(self, *args, allow_production: bool = False, **options) -> None:
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                _(
                    "DEBUG is off: the demo users have a published password. "
                    "Pass --allow-production to load them anyway."
                )
            )
        seed = load_seed_station()
        load_seed_figures(seed)
        load_seed_scores(seed)
        load_seed_report(seed)
        season = load_season()
        with translation.override(settings.LANGUAGE_CODE):
            self._summary(seed, season)

    def _summary(self, seed, season) -> None:
        out = self.stdout.write
        out(_("Loaded the demo season:"))
        for evaluation in [seed.evaluation, *season]:
            evaluation.refresh_from_db(fields=["status"])
            out(f"  {evaluation.pk:>3}  {evaluation.get_status_display():<8} {evaluation}")
        out(_("Demo users (password for all: %(password)s):") % {"password": DEMO_PASSWORD})
        for user in seed.users:
            role = user.role.label if user.role else _("superuser")
            out(f"  {user.username:<16} {role} {user.organisation or ''}".rstrip())
        for example in EXAMPLES:
            out(
                "  "
                + _("%(staff)s and %(buyer)s: the station staff and the street office of %(name)s")
                % {
                    "staff": example.staff_username,
                    "buyer": example.buyer_username,
                    "name": example.station_name,
                }
            )
