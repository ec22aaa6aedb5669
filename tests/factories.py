"""factory_boy factories for the portal's models. Defaults build a consistent little world:
a station in a street of a district, a contract with one operator term, an evaluation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.apps import apps

from indicators.models import ContractIndicator, IndicatorActual
from scoring import default_scheme
from stations.models import (
    Assignment,
    Community,
    Contract,
    District,
    Evaluation,
    Membership,
    OperatorTerm,
    Organisation,
    OrganisationKind,
    Role,
    ServiceArea,
    Stage,
    Station,
    Street,
    User,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.django.Password("pw-for-tests")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"第{n}区")


class StreetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Street

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"第{n}街")


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    street = factory.SubFactory(StreetFactory)
    name = factory.Sequence(lambda n: f"第{n}社工服务站")
    short_name = factory.LazyAttribute(lambda o: o.name.replace("服务站", "站"))
    address = "测试路 1 号"


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    station = factory.SubFactory(StationFactory)
    name = factory.Sequence(lambda n: f"第{n}片区")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    service_area = factory.SubFactory(ServiceAreaFactory)
    name = factory.Sequence(lambda n: f"第{n}社区")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.AGENCY
    name = factory.Sequence(lambda n: f"机构{n}")


class AgencyFactory(OrganisationFactory):
    kind = OrganisationKind.AGENCY
    name = factory.Sequence(lambda n: f"评估机构{n}")


class OperatorFactory(OrganisationFactory):
    kind = OrganisationKind.OPERATOR
    name = factory.Sequence(lambda n: f"社会工作服务中心{n}")


class BureauFactory(OrganisationFactory):
    kind = OrganisationKind.BUREAU
    name = factory.LazyAttribute(lambda o: f"{o.district.name}民政局")
    district = factory.SubFactory(DistrictFactory)


class SupervisionFactory(OrganisationFactory):
    kind = OrganisationKind.SUPERVISION
    name = factory.LazyAttribute(lambda o: f"{o.district.name}督导中心")
    district = factory.SubFactory(DistrictFactory)


class StreetOfficeFactory(OrganisationFactory):
    kind = OrganisationKind.STREET_OFFICE
    name = factory.LazyAttribute(lambda o: f"{o.street.name}道办事处")
    street = factory.SubFactory(StreetFactory)


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    station = factory.SubFactory(StationFactory)
    start_date = dt.date(2024, 6, 9)
    end_date = dt.date(2025, 6, 8)
    budget = Decimal("2160000.00")
    required_staff = 18
    required_certified_staff = 9


class OperatorTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OperatorTerm

    contract = factory.SubFactory(ContractFactory)
    operator = factory.SubFactory(OperatorFactory)
    start_date = factory.LazyAttribute(lambda o: o.contract.start_date)
    end_date = factory.LazyAttribute(lambda o: o.contract.end_date)


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    contract = factory.SubFactory(ContractFactory)
    agency = factory.SubFactory(AgencyFactory)
    stage = Stage.MIDTERM
    scheme = factory.LazyFunction(lambda: default_scheme.install(apps))
    on_site_date = dt.date(2025, 3, 14)
    data_cutoff_date = dt.date(2024, 12, 31)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(AgencyFactory)
    role = Role.COORDINATOR


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    evaluation = factory.SubFactory(EvaluationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.EXPERT
    status = Assignment.Status.ACTIVE


class ContractIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractIndicator

    contract = factory.SubFactory(ContractFactory)
    category = "个案"
    name = factory.Sequence(lambda n: f"指标{n}")
    unit = "个"
    target = 100


class IndicatorActualFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorActual

    indicator = factory.SubFactory(ContractIndicatorFactory)
    evaluation = factory.SubFactory(
        EvaluationFactory, contract=factory.SelfAttribute("..indicator.contract")
    )
    value = 50


def make_scheme(
    *,
    items: int = 3,
    maximum: Decimal = Decimal("10"),
    weights: dict[str, int] | None = None,
    aggregation: str = "trimmed_mean",
    published: bool = True,
):
    """A scheme whose every party's sheet has one section holding ``items`` items."""
    from django.utils import timezone

    from scoring.models import GradeBand, PartyWeight, Scheme, SheetItem

    scheme = Scheme.objects.create(
        name=f"测试方案{Scheme.objects.count() + 1}", aggregation=aggregation
    )
    weights = weights or {"third_party": 55, "buyer": 20, "supervision": 15, "bureau": 10}
    for party, weight in weights.items():
        PartyWeight.objects.create(scheme=scheme, party=party, weight=weight)
    for label, lower in [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)]:
        GradeBand.objects.create(scheme=scheme, label=label, lower=lower)
    for party in weights:
        section = SheetItem.objects.create(
            scheme=scheme, party=party, code="1", title="第一部分", position=1
        )
        SheetItem.objects.bulk_create(
            SheetItem(
                scheme=scheme,
                party=party,
                parent=section,
                code=f"1.{n}",
                title=f"评分项{n}",
                max_points=maximum,
                position=n + 1,
            )
            for n in range(1, items + 1)
        )
    if published:
        scheme.published_at = timezone.now()
        scheme.save()
    return scheme
