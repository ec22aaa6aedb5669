"""The server's data for the browser journeys, written through the portal's own services:

* the seed's mid-term evaluation with its figures, scores and findings, its draft not yet sent
  (the coordinator's feedback journey, then the bureau's download);
* a final (末期) evaluation of the same contract, on site, with expert1 assigned and no figures
  yet (the expert's scoring journey and the station's upload journey);
* two more stations of 海珠区 with contracts of 2024 and no evaluation yet, and the street of a
  third that the coordinator sets up in the browser (the set-up journey's season of three).

Run with the server's environment: python tests/e2e/prepare.py
"""

import datetime as dt
import os
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "evalportal.settings")

import django

django.setup()

from django.apps import apps  # noqa: E402

from indicators.demo import load_seed_figures  # noqa: E402
from reports.demo import write_seed_findings  # noqa: E402
from scoring import default_scheme, services  # noqa: E402
from scoring.demo import load_seed_scores  # noqa: E402
from seasons.services import contract_create, station_save  # noqa: E402
from stations.demo import load_seed_station  # noqa: E402
from stations.models import (  # noqa: E402
    Assignment,
    Evaluation,
    Role,
    Stage,
    Status,
    Street,
    User,
)

seed = load_seed_station()
load_seed_figures(seed)
load_seed_scores(seed)
write_seed_findings(seed)

final = Evaluation.objects.create(
    contract=seed.contract,
    agency=seed.evaluation.agency,
    stage=Stage.FINAL,
    scheme=default_scheme.install(apps),
    on_site_date=dt.date(2025, 6, 5),
    data_cutoff_date=dt.date(2025, 5, 31),
    status=Status.ON_SITE,
)
assignment = Assignment.objects.create(
    evaluation=final,
    user=User.objects.get(username="expert1"),
    role=Role.EXPERT,
    status=Assignment.Status.ACTIVE,
    declaration="无",
)
services.sheet_ensure(assignment=assignment)
coordinator = User.objects.get(username="coordinator")
district = seed.station.street.district
Street.objects.create(district=district, name="琶洲街")  # its station is set up in the browser
for street_name, operator in (
    ("南洲街", "广州市南洲社会工作服务中心"),
    ("华洲街", "广州市华洲社工服务社"),
):
    station = station_save(
        station=None,
        agency=seed.evaluation.agency,
        street=Street.objects.create(district=district, name=street_name),
        name=f"{street_name}社工服务站",
        by=coordinator,
    )
    contract_create(
        station=station,
        start_date=dt.date(2024, 7, 1),
        end_date=dt.date(2025, 6, 30),
        budget=Decimal("2000000"),
        required_staff=16,
        required_certified_staff=8,
        operator_name=operator,
        by=coordinator,
    )
print(f"midterm {seed.evaluation.pk}, final {final.pk}")
