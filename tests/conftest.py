from __future__ import annotations

import dataclasses
import shutil
import tempfile
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client

from indicators.demo import import_seed_workbook, load_seed_indicators
from stations.demo import DemoSeed, load_seed_station
from stations.models import Evaluation, Role, Station
from tests import factories as f
from tests import layers
from tests.layers import layer

_STACK = pytest.StashKey[layers.Stack]()
_GROUPS = pytest.StashKey[Path]()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Uploads of a test never outlive it (a layered test writes beside its layers' files, and
    # what it wrote is removed after it: tests/layers.py).
    for name, value in layers.settings_for_tests(tmp_path / "media").items():
        setattr(settings, name, value)


def pytest_collection_modifyitems(config, items):
    """Each layer's tests together (tests/layers.py); under pytest-xdist, which of them go to
    one worker, for the controller."""
    key = layers.order_key(items)
    items[:] = [item for _index, item in sorted(enumerate(items), key=key)]
    worker = getattr(config, "workerinput", {})
    if "layer_groups" in worker:
        layers.write_groups(Path(worker["layer_groups"]) / f"{worker['workerid']}.json", items)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` (pyproject.toml) with two groups, each run by one worker: the browser
    journeys (one server, the journeys in order) and the tests of a layer declared with
    ``group`` (the demo season: built once, not once per worker). Each group is handed out
    before any other test, the largest first; every other test goes to whichever worker is
    free. The journeys are grouped by their folder: under pytest 9.2 pytest-xdist's own
    grouping by their ``xdist_group`` mark silently does nothing (pytest-dev/pytest-xdist#1386)."""
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    folder = config.stash.get(_GROUPS, None)  # pytest_configure_node's, before

    class Scheduling(LoadGroupScheduling):
        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith("tests/e2e/"):
                return "e2e"
            if self.groups is None:  # the workers wrote them before reporting their collection
                self.groups = layers.read_groups(folder) if folder else {}
            return self.groups.get(nodeid) or super()._split_scope(nodeid)

    return Scheduling(config, log)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """Where the workers write down the groups of the layers' tests (for the scheduler)."""
    config = node.config
    if config.getoption("dist") != "loadgroup":
        return
    if _GROUPS not in config.stash:
        config.stash[_GROUPS] = Path(tempfile.mkdtemp(prefix="evalportal-layer-groups-"))
    node.workerinput["layer_groups"] = str(config.stash[_GROUPS])


def pytest_sessionfinish(session):
    if _GROUPS in session.config.stash:
        shutil.rmtree(session.config.stash[_GROUPS], ignore_errors=True)


@pytest.fixture(scope="session")
def _layer_stack(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The layers built in this test process (tests/layers.py), rolled back at its end."""
    stack = layers.Stack(blocker=django_db_blocker, media=tmp_path_factory.mktemp("layers-media"))
    request.config.stash[_STACK] = stack
    yield stack
    stack.close()
    del request.config.stash[_STACK]


@pytest.fixture
def _layers(request):
    """The layers a test asks for, built (or those it does not, rolled back) before its own
    transaction opens."""
    chain = layers.wanted(request.fixturenames)
    if chain:
        marker = request.node.get_closest_marker("django_db")
        if "transactional_db" in request.fixturenames or (
            marker is not None and marker.kwargs.get("transaction")
        ):
            raise pytest.UsageError(f"{request.node.nodeid}: a layer needs a test transaction")
        request.getfixturevalue("_layer_stack").ensure(chain)
    elif layers.uses_db(request) and (stack := request.config.stash.get(_STACK, None)):
        stack.ensure(())


@pytest.fixture(autouse=True)
def _django_db_marker(_layers, _django_db_marker):
    """pytest-django's (the ``django_db`` mark opens the test's transaction), after the layers:
    they are the transactions below it."""


@dataclass
class World:
    """Two districts. In district 1: street 1 with *the* station (evaluated by agency 1) and
    street 2 with a neighbour station (also agency 1). In district 2: a far station evaluated by
    agency 2. One user per role on the side of the station, plus outsiders."""

    station: Station
    evaluation: Evaluation
    neighbour: Station
    neighbour_evaluation: Evaluation
    far: Station
    far_evaluation: Evaluation
    users: dict[str, object] = field(default_factory=dict)

    def client(self, who: str) -> Client:
        client = Client()
        if who != "anonymous":
            client.force_login(self.users[who])
        return client


def _again(instance):
    return type(instance).objects.get(pk=instance.pk)


def fresh_world(world: World) -> World:
    """The same world, its instances read anew (what a test changes in memory stays its own)."""
    return dataclasses.replace(
        world,
        station=_again(world.station),
        evaluation=_again(world.evaluation),
        neighbour=_again(world.neighbour),
        neighbour_evaluation=_again(world.neighbour_evaluation),
        far=_again(world.far),
        far_evaluation=_again(world.far_evaluation),
        users={who: _again(user) for who, user in world.users.items()},
    )


@layer(fresh=fresh_world)
def world(_root) -> World:
    district = f.DistrictFactory(name="海珠区")
    street = f.StreetFactory(district=district, name="官洲街")
    other_street = f.StreetFactory(district=district, name="琶洲街")
    far_street = f.StreetFactory(district=f.DistrictFactory(name="越秀区"), name="北京街")
    agency, other_agency = f.AgencyFactory(), f.AgencyFactory()
    operator = f.OperatorFactory()

    station = f.StationFactory(street=street, name="官洲街社工服务站")
    area = f.ServiceAreaFactory(station=station, name="北山片区")
    f.CommunityFactory(service_area=area, name="北山社区")
    evaluation = f.EvaluationFactory(contract__station=station, agency=agency)
    f.OperatorTermFactory(contract=evaluation.contract, operator=operator)

    neighbour = f.StationFactory(street=other_street, name="琶洲街社工服务站")
    neighbour_evaluation = f.EvaluationFactory(contract__station=neighbour, agency=agency)
    far = f.StationFactory(street=far_street, name="北京街社工服务站")
    far_evaluation = f.EvaluationFactory(contract__station=far, agency=other_agency)

    def member(name: str, role: str, organisation, station=None):
        user = f.UserFactory(username=name)
        f.MembershipFactory(user=user, organisation=organisation, role=role, station=station)
        return user

    users = {
        Role.COORDINATOR.value: member("coordinator", Role.COORDINATOR, agency),
        Role.EXPERT.value: member("expert", Role.EXPERT, agency),
        Role.BUYER.value: member("buyer", Role.BUYER, f.StreetOfficeFactory(street=street)),
        Role.SUPERVISION.value: member(
            "supervision", Role.SUPERVISION, f.SupervisionFactory(district=district)
        ),
        Role.BUREAU.value: member("bureau", Role.BUREAU, f.BureauFactory(district=district)),
        Role.STATION_STAFF.value: member("staff", Role.STATION_STAFF, operator, station=station),
        # Outsiders: a bureau of another district, an expert of the panel not assigned here,
        # and a user with no organisation at all.
        "far_bureau": member(
            "far_bureau", Role.BUREAU, f.BureauFactory(district=far_street.district)
        ),
        "unassigned_expert": member("unassigned_expert", Role.EXPERT, agency),
        "nobody": f.UserFactory(username="nobody"),
    }
    f.AssignmentFactory(evaluation=evaluation, user=users[Role.EXPERT], role=Role.EXPERT)
    return World(
        station=station,
        evaluation=evaluation,
        neighbour=neighbour,
        neighbour_evaluation=neighbour_evaluation,
        far=far,
        far_evaluation=far_evaluation,
        users=users,
    )


@dataclass(frozen=True)
class Season:
    output: str  # what loaddemo printed
    report_html: list[str]  # the HTML of each PDF loaddemo had rendered (the stand-in's input)


@layer(DEBUG=True, run_on_commit=True, group=True)
def season(_root) -> Season:
    """The demo season (``loaddemo``) in the test database, for one test (its writes are rolled
    back after it). Built once per test process: tests/layers.py.

    Its reports' data and HTML are built as ``loaddemo`` builds them, but WeasyPrint's part (the
    PDFs, seven seconds of CPU) is a stand-in: these tests are about the pages; the PDF itself is
    tested on the seed (tests/reports/test_pdf.py) and by ``loaddemo`` in tests/stations."""
    out = StringIO()
    sources: list[str] = []

    def stand_in(source: str) -> bytes:
        sources.append(source)
        return STAND_IN_PDF

    with mock.patch("reports.rendering.pdf", side_effect=stand_in):
        call_command("loaddemo", stdout=out)
    return Season(output=out.getvalue(), report_html=sources)


STAND_IN_PDF = b"%PDF-1.7\n% a stand-in for the demo season's report (tests/conftest.py)\n"


def fresh_seed(seed: DemoSeed) -> DemoSeed:
    """The same seed, its instances read anew (what a test changes in memory stays its own)."""
    return dataclasses.replace(
        seed,
        station=_again(seed.station),
        contract=_again(seed.contract),
        evaluation=_again(seed.evaluation),
    )


@layer(fresh=fresh_seed)
def seed(_root) -> DemoSeed:
    """The seed evaluation with its contract indicators, before the station reports anything."""
    seed = load_seed_station()
    load_seed_indicators(seed)
    return seed


@layer(parent="seed", fresh=fresh_seed)
def seeded(seed: DemoSeed) -> DemoSeed:
    """The seed evaluation with the station's figures imported from its workbook."""
    import_seed_workbook(seed)
    return fresh_seed(seed)
