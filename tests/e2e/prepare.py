"""The server's data for the browser journeys, written through the portal's own services:

* the seed's mid-term evaluation with its figures, scores and findings, its draft not yet sent
  (the coordinator's feedback journey, then the bureau's download);
* a final (末期) evaluation of the same contract, on site, with expert1 assigned and no figures
  yet (the expert's scoring journey and the station's upload journey).

Run with the server's environment: python tests/e2e/prepare.py
"""

import datetime as dt
import os
import sys
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
from stations.demo import load_seed_station  # noqa: E402
from stations.models import Assignment, Evaluation, Role, Stage, Status, User  # noqa: E402

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
print(f"midterm {seed.evaluation.pk}, final {final.pk}")
