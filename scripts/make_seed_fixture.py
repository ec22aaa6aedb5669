"""Write fixtures/seed_self_assessment.xlsx: the seed station's filled self-assessment workbook
(the values are in indicators/demo.py). Run after changing them or the template:

    DEBUG=1 .venv/bin/python scripts/make_seed_fixture.py
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "evalportal.settings")

import django

django.setup()

from indicators.demo import FIXTURE, seed_workbook  # noqa: E402

FIXTURE.write_bytes(seed_workbook())
print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes)")
