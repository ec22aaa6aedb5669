"""Constraints of the domain model, in the database (on SQLite and PostgreSQL alike) and in
``full_clean`` where the database cannot say it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indicators.models import StaffingFigure
from stations.models import Membership, OperatorTerm, Organisation, OrganisationKind, Role
from tests import factories as f

pytestmark = pytest.mark.django_db


def _refused_by_database(make) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_operator_terms_of_a_contract_cannot_overlap_in_the_database():
    first = f.OperatorTermFactory(end_date=dt.date(2024, 7, 8))
    _refused_by_database(
        lambda: OperatorTerm.objects.create(
            contract=first.contract,
            operator=f.OperatorFactory(),
            start_date=dt.date(2024, 7, 8),  # the first term's last day
            end_date=dt.date(2025, 6, 8),
        )
    )


def test_operator_terms_may_follow_each_other_day_by_day():
    first = f.OperatorTermFactory(end_date=dt.date(2024, 7, 8))
    second = f.OperatorTermFactory(
        contract=first.contract, start_date=dt.date(2024, 7, 9), end_date=dt.date(2025, 6, 8)
    )
    assert list(first.contract.operator_terms.all()) == [first, second]


def test_moving_a_term_onto_another_is_refused_by_the_database():
    first = f.OperatorTermFactory(end_date=dt.date(2024, 7, 8))
    second = f.OperatorTermFactory(
        contract=first.contract, start_date=dt.date(2024, 7, 9), end_date=dt.date(2025, 6, 8)
    )
    second.start_date = dt.date(2024, 7, 1)
    _refused_by_database(second.save)


def test_terms_of_different_contracts_may_share_dates():
    term = f.OperatorTermFactory()
    other = f.OperatorTermFactory()  # another station's contract, same dates
    assert term.start_date == other.start_date


def test_overlapping_term_gets_a_clear_validation_message():
    first = f.OperatorTermFactory(end_date=dt.date(2024, 7, 8))
    term = OperatorTerm(
        contract=first.contract,
        operator=f.OperatorFactory(),
        start_date=dt.date(2024, 7, 1),
        end_date=dt.date(2025, 6, 8),
    )
    with pytest.raises(ValidationError) as exc:
        term.full_clean()
    assert "overlaps" in str(exc.value) or "重叠" in str(exc.value)


def test_a_term_outside_its_contract_is_invalid():
    contract = f.ContractFactory()
    term = OperatorTerm(
        contract=contract,
        operator=f.OperatorFactory(),
        start_date=contract.start_date - dt.timedelta(days=1),
        end_date=contract.end_date,
    )
    with pytest.raises(ValidationError) as exc:
        term.full_clean()
    assert "start_date" in exc.value.message_dict


def test_a_term_is_run_by_an_operator_not_another_kind():
    contract = f.ContractFactory()
    term = OperatorTerm(
        contract=contract,
        operator=f.AgencyFactory(),
        start_date=contract.start_date,
        end_date=contract.end_date,
    )
    with pytest.raises(ValidationError) as exc:
        term.full_clean()
    assert "operator" in exc.value.message_dict


def test_contracts_of_a_station_cannot_overlap_in_the_database():
    contract = f.ContractFactory()
    _refused_by_database(
        lambda: f.ContractFactory(
            station=contract.station,
            start_date=dt.date(2025, 6, 8),
            end_date=dt.date(2026, 6, 7),
        )
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"end_date": dt.date(2024, 6, 9)},  # ends the day it starts
        {"budget": -1},
        {"required_certified_staff": 19},
    ],
)
def test_contract_checks_in_the_database(changes):
    contract = f.ContractFactory()
    for field, value in changes.items():
        setattr(contract, field, value)
    _refused_by_database(contract.save)


def test_a_community_name_is_unique_within_its_station_across_areas():
    community = f.CommunityFactory(name="北山社区")
    other_area = f.ServiceAreaFactory(station=community.service_area.station)
    duplicate = type(community)(service_area=other_area, name="北山社区")
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert "name" in exc.value.message_dict
    # Another station may have a community of the same name.
    type(community)(service_area=f.ServiceAreaFactory(), name="北山社区").full_clean()


def test_a_community_name_is_unique_within_its_area_in_the_database():
    community = f.CommunityFactory()
    _refused_by_database(
        lambda: f.CommunityFactory(service_area=community.service_area, name=community.name)
    )


def test_evaluation_cutoff_cannot_follow_the_visit():
    _refused_by_database(
        lambda: f.EvaluationFactory(
            on_site_date=dt.date(2025, 3, 14), data_cutoff_date=dt.date(2025, 3, 15)
        )
    )


def test_one_evaluation_per_contract_and_stage():
    evaluation = f.EvaluationFactory()
    _refused_by_database(lambda: f.EvaluationFactory(contract=evaluation.contract))


@pytest.mark.parametrize(
    ("kind", "scope", "valid"),
    [
        (OrganisationKind.BUREAU, "district", True),
        (OrganisationKind.BUREAU, None, False),
        (OrganisationKind.BUREAU, "street", False),
        (OrganisationKind.SUPERVISION, "district", True),
        (OrganisationKind.STREET_OFFICE, "street", True),
        (OrganisationKind.STREET_OFFICE, "district", False),
        (OrganisationKind.AGENCY, None, True),
        (OrganisationKind.OPERATOR, "district", False),
    ],
)
def test_organisation_scope_matches_its_kind(kind, scope, valid):
    street = f.StreetFactory()
    organisation = Organisation(
        kind=kind,
        name="某机构",
        district=street.district if scope == "district" else None,
        street=street if scope == "street" else None,
    )
    if valid:
        organisation.save()
    else:
        _refused_by_database(organisation.save)


def test_a_district_has_one_bureau():
    bureau = f.BureauFactory()
    _refused_by_database(lambda: f.BureauFactory(district=bureau.district, name="另一个民政局"))


def test_station_staff_membership_needs_a_station_in_the_database():
    _refused_by_database(
        lambda: Membership.objects.create(
            user=f.UserFactory(), organisation=f.OperatorFactory(), role=Role.STATION_STAFF
        )
    )


def test_membership_role_must_match_organisation_kind():
    membership = Membership(
        user=f.UserFactory(), organisation=f.OperatorFactory(), role=Role.BUREAU
    )
    with pytest.raises(ValidationError) as exc:
        membership.full_clean()
    assert "organisation" in exc.value.message_dict


def test_staffing_levels_must_add_up_in_the_database():
    term = f.OperatorTermFactory()
    evaluation = f.EvaluationFactory(contract=term.contract)
    _refused_by_database(
        lambda: StaffingFigure.objects.create(
            evaluation=evaluation,
            operator_term=term,
            average_staff=18,
            senior=0,
            intermediate=4,
            assistant=9,
            uncertified=4,  # 17, not 18
        )
    )


def test_actual_of_another_contracts_indicator_is_invalid():
    actual = f.IndicatorActualFactory.build(
        indicator=f.ContractIndicatorFactory(), evaluation=f.EvaluationFactory()
    )
    with pytest.raises(ValidationError) as exc:
        actual.full_clean()
    assert "indicator" in exc.value.message_dict


def test_contract_year_label_is_written_as_the_report_does():
    from django.utils import translation

    contract = f.ContractFactory.build()
    with translation.override("zh-hans"):
        assert contract.year_label == "2024—2025 年度"
    with translation.override("en"):
        assert contract.year_label == "Contract year 2024—2025"
