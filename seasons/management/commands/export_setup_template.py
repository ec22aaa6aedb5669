from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from seasons.exports import setup_workbook
from stations.models import District, Organisation, OrganisationKind


class Command(BaseCommand):
    help = (
        "Write the set-up workbook to fill in (社工站, 协议指标, 服务片区, 评估, 人员); with "
        "--district, holding that district's stations as the portal has them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
        parser.add_argument("--district", help="a district's name, e.g. 海珠区")
        parser.add_argument("--agency", help="the agency whose evaluations to list")

    def handle(self, *args, **options) -> None:
        district = agency = None
        if options["district"]:
            district = District.objects.filter(name=options["district"]).first()
            if district is None:
                raise CommandError(f"没有名为“{options['district']}”的区。")
        if options["agency"]:
            agency = Organisation.objects.filter(
                kind=OrganisationKind.AGENCY, name=options["agency"]
            ).first()
            if agency is None:
                raise CommandError(f"没有名为“{options['agency']}”的评估机构。")
        path = Path(options["output"])
        path.write_bytes(setup_workbook(district=district, agency=agency))
        self.stdout.write(f"已写入设置表：{path}")
