"""Importing a self-assessment workbook with 2,000 community rows and 100 indicators (every
check, the preview data, and applying it in one transaction), against openpyxl merely reading
every cell of the same file, in the same process."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

from common import line, median_seconds, setup_django

COMMUNITIES = 2000
INDICATORS = 100


def _evaluation():
    from django.apps import apps

    from indicators.models import ContractIndicator
    from scoring import default_scheme
    from stations.models import (
        Community,
        Contract,
        District,
        Evaluation,
        OperatorTerm,
        Organisation,
        ServiceArea,
        Station,
        Street,
    )

    district = District.objects.create(name="基准区")
    station = Station.objects.create(
        street=Street.objects.create(district=district, name="基准街"),
        name="基准街社工服务站",
        short_name="基准街社工站",
    )
    contract = Contract.objects.create(
        station=station,
        start_date=dt.date(2024, 6, 9),
        end_date=dt.date(2025, 6, 8),
        budget=Decimal("2160000"),
        required_staff=18,
        required_certified_staff=9,
    )
    OperatorTerm.objects.create(
        contract=contract,
        operator=Organisation.objects.create(kind="operator", name="基准承办机构"),
        start_date=contract.start_date,
        end_date=contract.end_date,
    )
    for a in range(COMMUNITIES // 100):
        area = ServiceArea.objects.create(station=station, name=f"第{a}片区", position=a)
        Community.objects.bulk_create(
            Community(service_area=area, name=f"第{a}片区第{c}社区", position=c) for c in range(100)
        )
    ContractIndicator.objects.bulk_create(
        ContractIndicator(
            contract=contract,
            category=f"类别{i // 5}",
            name=f"指标{i}",
            unit="个",
            target=100 + i,
            position=i,
        )
        for i in range(INDICATORS)
    )
    return Evaluation.objects.create(
        contract=contract,
        agency=Organisation.objects.get(kind="agency"),
        stage="midterm",
        on_site_date=dt.date(2025, 3, 14),
        data_cutoff_date=dt.date(2024, 12, 31),
        status="on_site",
        scheme=default_scheme.install(apps),
    )


def main() -> None:
    setup_django()
    from openpyxl import load_workbook

    from indicators import selectors, services
    from indicators.selfassessment import layout, template

    evaluation = _evaluation()
    spec = selectors.spec_for(evaluation)
    data = layout.SelfAssessmentData(
        actuals={i.id: 50 + n for n, i in enumerate(spec.indicators)},
        staffing={t.id: layout.StaffingValues(18, 0, 4, 9, 5, 12, 11) for t in spec.terms},
        attendance={m: (Decimal("13"), Decimal("5")) for m in spec.months},
        filings={c.id: layout.FilingValues(30, 30, 35, 34) for c in spec.communities},
        single={
            "training_required_hours": Decimal("648"),
            "training_completed_hours": Decimal("692.5"),
            "survey_roster": 486,
            "survey_surveyed": 100,
            "survey_satisfaction": Decimal("95.2"),
            "resources_cash": Decimal("20791.16"),
            "resources_goods": Decimal("571298.74"),
            "charity_funds": Decimal("25701.90"),
        },
        narratives={value: "自评" * 200 for value, _label in spec.sections},
    )
    content = template.build(spec, data)

    def ours() -> None:
        services.import_file(evaluation=evaluation, content=content, name="bench.xlsx")

    def baseline() -> None:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=False)
        for sheet in workbook.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        workbook.close()

    ours_time = median_seconds(ours, repeat=5, number=1)
    baseline_time = median_seconds(baseline, repeat=5, number=1)
    print(
        line(
            "self_assessment_import",
            ours_time,
            baseline_time,
            f"{COMMUNITIES} communities, {INDICATORS} indicators, {len(content) // 1024} KB",
        )
    )


if __name__ == "__main__":
    main()
