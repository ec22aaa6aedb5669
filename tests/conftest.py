from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings

from stations.models import Evaluation, Role, Station
from tests import factories as f

TEST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = TEST_HASHERS
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads of a test never outlive it
    # Production serves collected, hashed files (collectstatic); tests read the sources.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True


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


@pytest.fixture
def world(db) -> World:
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


@dataclass
class Season:
    media: Path
    output: str  # what loaddemo printed
    unblocked: object  # a context manager giving database access outside a test


@pytest.fixture(scope="module")
def demo_season(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo season (``loaddemo``) in the test database, built once for the module that asks
    for it and rolled back at its end; its files in a folder of the module's. Tests reach it
    through the ``season`` fixture, each in a savepoint of its own."""
    media = tmp_path_factory.mktemp("season-media")
    with django_db_blocker.unblock(), transaction.atomic():
        with (
            override_settings(DEBUG=True, MEDIA_ROOT=media, PASSWORD_HASHERS=TEST_HASHERS),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            out = StringIO()
            call_command("loaddemo", stdout=out)

        @contextlib.contextmanager
        def unblocked():
            with django_db_blocker.unblock():
                yield

        yield Season(media=media, output=out.getvalue(), unblocked=unblocked)
        transaction.set_rollback(True)


@pytest.fixture
def season(demo_season, db, settings) -> Season:
    """The module's demo season, for one test (its writes are rolled back after it)."""
    settings.MEDIA_ROOT = demo_season.media
    return demo_season
