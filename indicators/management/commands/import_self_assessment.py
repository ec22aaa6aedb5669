from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from indicators import selectors, services
from stations.models import Evaluation, User


class Command(BaseCommand):
    help = (
        "Check a filled self-assessment workbook and apply its figures to an evaluation, with "
        "the same validation as an upload in the browser. Exits non-zero, listing every "
        "problem cell by cell, when the file is not accepted."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("evaluation_id", type=int, help="see `manage.py evaluations`")
        parser.add_argument("file", help="the filled .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="check and preview only")
        parser.add_argument("--as", dest="username", help="record the import as this user")

    def handle(self, *args, evaluation_id: int, file: str, dry_run: bool, username, **options):
        evaluation = Evaluation.objects.with_station().filter(pk=evaluation_id).first()
        if evaluation is None:
            raise CommandError(
                f"No evaluation with id {evaluation_id} (see `manage.py evaluations`)."
            )
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        user = None
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"No user {username!r}.")
        try:
            data = services.self_assessment_check(evaluation=evaluation, content=content)
        except services.Invalid as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"{file}: not accepted ({len(exc.messages)} problems).") from exc
        spec = selectors.spec_for(evaluation)
        changes = selectors.preview(spec, selectors.current_data(evaluation), data)
        for change in changes:
            self.stdout.write(f"{change.sheet}\t{change.what}\t{change.before} → {change.after}")
        if dry_run:
            self.stdout.write(f"{file}: valid; {len(changes)} figures would change (dry run).")
            return
        try:
            services.import_file(evaluation=evaluation, content=content, name=path.name, by=user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"{file}: applied; {len(changes)} figures changed.")
