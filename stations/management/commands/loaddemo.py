from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indicators.demo import load_seed_figures
from reports.demo import load_seed_report
from scoring.demo import load_seed_scores
from stations.demo import DEMO_PASSWORD, load_seed_station


class Command(BaseCommand):
    help = "Load the seed evaluation (官洲街社工站 2024—2025 中期) and one demo user per role."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with DEBUG off. The demo users share a published password.",
        )

    def handle(self, *args, allow_production: bool = False, **options) -> None:
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: the demo users have a published password. "
                "Pass --allow-production to load them anyway."
            )
        seed = load_seed_station()
        load_seed_figures(seed)
        load_seed_scores(seed)
        load_seed_report(seed)
        self.stdout.write(f"Loaded: {seed.evaluation} (id {seed.evaluation.pk})")
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
        for user in seed.users:
            role = user.role.label if user.role else "superuser"
            where = user.organisation or ""
            self.stdout.write(f"  {user.username:<12} {role} {where}".rstrip())
