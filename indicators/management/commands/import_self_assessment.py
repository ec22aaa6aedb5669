from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from indicators import selectors, services
from stations.management.common import add_evaluation_argument, evaluation_or_error
from stations.models import User


class Command(BaseCommand):
    help = _(
        "Check a filled self-assessment workbook and apply its figures to an evaluation, with "
        "the same validation as an upload in the browser. Exits non-zero, listing every "
        "problem cell by cell, when the file is not accepted."
    )

    def add_arguments(self, parser) -> None:
        add_evaluation_argument(parser)
        parser.add_argument("file", help=_("the filled .xlsx"))
        parser.add_argument("--dry-run", action="store_true", help=_("check and preview only"))
        parser.add_argument("--as", dest="username", help=_("record the import as this user"))

    def handle(
        self, *args, evaluation_id: int, file: str, dry_run: bool, username: str | None, **options
    ) -> None:
        evaluation = evaluation_or_error(evaluation_id)
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        user = None
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(_("No user %(name)s.") % {"name": username})
        try:
            data = services.self_assessment_check(evaluation=evaluation, content=content)
        except services.Invalid as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(
                _("%(file)s: not accepted (%(n)s problems).")
                % {"file": file, "n": len(exc.messages)}
            ) from exc
        spec = selectors.spec_for(evaluation)
        changes = selectors.preview(spec, selectors.current_data(evaluation), data)
        for change in changes:
            self.stdout.write(f"{change.sheet}\t{change.what}\t{change.before} → {change.after}")
        if dry_run:
            self.stdout.write(
                _("%(file)s: valid; %(n)s figures would change (dry run, nothing applied).")
                % {"file": file, "n": len(changes)}
            )
            return
        try:
            services.import_file(evaluation=evaluation, content=content, name=path.name, by=user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            _("%(file)s: applied; %(n)s figures changed.") % {"file": file, "n": len(changes)}
        )
