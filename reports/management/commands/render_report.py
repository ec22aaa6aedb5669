from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports import content, rendering
from stations.models import Evaluation


class Command(BaseCommand):
    help = (
        "Write an evaluation's report as PDF: the issued final report if there is one (the "
        "stored file, unchanged), otherwise the current draft, rendered now."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("evaluation_id", type=int, help="see `manage.py evaluations`")
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")
        parser.add_argument("--html", help="also write the report's HTML to this file")

    def handle(self, *args, evaluation_id: int, output: str, html: str | None, **options) -> None:
        evaluation = Evaluation.objects.with_station().filter(pk=evaluation_id).first()
        if evaluation is None:
            raise CommandError(
                f"No evaluation with id {evaluation_id} (see `manage.py evaluations`)."
            )
        data = content.build(evaluation)
        final = getattr(evaluation, "final_report", None)
        source = rendering.html(data, watermark="" if final else "初稿")
        if html:
            Path(html).write_text(source, encoding="utf-8")
        if final is not None:
            with final.pdf.open("rb") as handle:
                Path(output).write_bytes(handle.read())
            issued = f"{final.issued_at:%Y-%m-%d}"
            self.stdout.write(f"{output}: the final report issued {issued} (sha256 {final.sha256})")
            return
        try:
            pdf = rendering.pdf(source)
        except rendering.MissingGlyph as exc:
            raise CommandError(f"A character has no glyph in the installed fonts: {exc}") from exc
        Path(output).write_bytes(pdf)
        self.stdout.write(f"{output}: the current draft, {len(pdf)} bytes")
