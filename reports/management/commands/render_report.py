from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reports import content, rendering
from stations.management.common import add_evaluation_argument, evaluation_or_error


class Command(BaseCommand):
    help = _(
        "Write an evaluation's report as PDF: the issued final report if there is one (the "
        "stored file, unchanged), otherwise the current draft, rendered now. The report is in "
        "Chinese whatever the language of the command line."
    )

    def add_arguments(self, parser) -> None:
        add_evaluation_argument(parser)
        parser.add_argument("-o", "--output", required=True, help=_("the PDF file to write"))
        parser.add_argument("--html", help=_("also write the report's HTML to this file"))

    def handle(self, *args, evaluation_id: int, output: str, html: str | None, **options) -> None:
        evaluation = evaluation_or_error(evaluation_id)
        data = content.build(evaluation)
        final = getattr(evaluation, "final_report", None)
        source = rendering.html(data, final=rendering.is_final(evaluation))
        if html:
            Path(html).write_text(source, encoding="utf-8")
        if final is not None:
            with final.pdf.open("rb") as handle:
                Path(output).write_bytes(handle.read())
            self.stdout.write(
                _("%(file)s: the final report issued %(date)s (sha256 %(sha)s)")
                % {"file": output, "date": f"{final.issued_at:%Y-%m-%d}", "sha": final.sha256}
            )
            return
        try:
            pdf = rendering.pdf(source)
        except rendering.MissingGlyph as exc:
            raise CommandError(
                _("A character has no glyph in the installed fonts: %(error)s") % {"error": exc}
            ) from exc
        Path(output).write_bytes(pdf)
        self.stdout.write(
            _("%(file)s: the current draft, %(size)s bytes") % {"file": output, "size": len(pdf)}
        )
