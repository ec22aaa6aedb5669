from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from seasons.importing import setup_import
from stations.models import Organisation, OrganisationKind


class Command(BaseCommand):
    help = (
        "Import a filled set-up workbook for an evaluation agency: checked whole first; nothing "
        "is written unless every row is valid. --dry-run only reports what would change."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the filled .xlsx")
        parser.add_argument("--agency", help="the evaluation agency (needed if there are several)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, write nothing"
        )

    def handle(self, *args, **options) -> None:
        agencies = Organisation.objects.filter(kind=OrganisationKind.AGENCY)
        if options["agency"]:
            agencies = agencies.filter(name=options["agency"])
        found = list(agencies[:2])
        if len(found) != 1:
            raise CommandError("请用 --agency 指明评估机构。" if found else "没有这个评估机构。")
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件：{exc}") from exc
        outcome = setup_import(data=data, agency=found[0], by=None, dry_run=options["dry_run"])
        for line in outcome.changes:
            self.stdout.write(line)
        if not outcome.ok:
            for problem in outcome.problems:
                self.stderr.write(problem)
            raise CommandError(f"有 {len(outcome.problems)} 处问题，未写入任何内容。")
        verb = "将" if options["dry_run"] else "已"
        self.stdout.write(
            f"{verb}新增或修改 {len(outcome.changes)} 项，{outcome.unchanged} 项未变"
            + ("（试运行，未写入）。" if options["dry_run"] else "。")
        )
