from __future__ import annotations

import pytest

from indicators.demo import import_seed_workbook, load_seed_indicators
from stations.demo import load_seed_station


@pytest.fixture
def seed(db):
    """The seed evaluation with its contract indicators, before the station reports anything."""
    seed = load_seed_station()
    load_seed_indicators(seed)
    return seed


@pytest.fixture
def seeded(seed):
    """The seed evaluation with the station's figures imported from its workbook."""
    import_seed_workbook(seed)
    return seed
