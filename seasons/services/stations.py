"""Writes of set-up in the browser: stations, their service areas and communities, contracts
and their targets. Each validates, runs in one transaction and is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.models import ContractIndicator
from stations.enums import AuditAction, OrganisationKind, Status
from stations.models import (
    Community,
    Contract,
    OperatorTerm,
    Organisation,
    ServiceArea,
    Station,
    Street,
    User,
)
from stations.services import audit_record


def started(contract: Contract) -> bool:
    """Whether an evaluation of ``contract`` is past set-up (its terms and targets then stand)."""
    return contract.evaluations.exclude(status=Status.SETUP).exists()


# Stations, service areas and communities


@transaction.atomic
def station_save(
    *,
    station: Station | None,
    agency: Organisation,
    street: Street,
    name: str,
    short_name: str = "",
    address: str = "",
    by: User,
) -> Station:
    """Create a station (``station`` None) set up by ``agency``, or change one."""
    name = name.strip()
    created = station is None
    if station is None:
        station = Station(set_up_by=agency)
    before = {"street": str(station.street) if station.street_id else "", "name": station.name}
    station.street = street
    station.name = name
    station.short_name = short_name.strip() or name.replace("服务站", "站")[:30]
    station.address = address.strip()
    if Station.objects.filter(street=street, name=name).exclude(pk=station.pk).exists():
        message = _("%(street)s already has a station named “%(name)s”.") % {
            "street": street.name,
            "name": name,
        }
        raise ValidationError({"name": ValidationError(message, code="duplicate")})
    station.full_clean()
    station.save()
    audit_record(
        actor=by,
        action=AuditAction.STATION_CREATE if created else AuditAction.STATION_UPDATE,
        changes={"station": station.name, "street": str(street), "before": before},
    )
    return station


def _lines(text: str) -> list[str]:
    """The names of a box that takes one per line (or separated by 、，,), blanks dropped."""
    for mark in "、，,；;":
        text = text.replace(mark, "\n")
    seen: list[str] = []
    for line in (part.strip() for part in text.splitlines()):
        if line and line not in seen:
            seen.append(line)
    return seen


def served_elsewhere(station: Station, names: list[str]) -> Community | None:
    """A community of ``names`` that another station of ``station``'s street serves already (a
    community is served by one station of its street), or None."""
    return (
        Community.objects.filter(name__in=names, service_area__station__street_id=station.street_id)
        .exclude(service_area__station=station)
        .select_related("service_area__station")
        .first()
    )


@transaction.atomic
def area_save(*, station: Station, name: str, communities: str, by: User) -> ServiceArea:
    """Add the service area ``name`` (if new) with the communities listed, one per line."""
    name = name.strip()
    names = _lines(communities)
    if not names:
        raise ValidationError(
            {"communities": ValidationError(_("List at least one community."), code="empty")}
        )
    area = ServiceArea.objects.filter(station=station, name=name).first()
    if area is None:
        area = ServiceArea(station=station, name=name, position=station.service_areas.count())
        area.full_clean()
        area.save()
    elsewhere = (
        Community.objects.filter(name__in=names, service_area__station__street_id=station.street_id)
        .exclude(service_area__station=station)
        .select_related("service_area__station")
        .first()
    )
    if elsewhere is not None:  # a community is served by one station of its street
        message = _("The community %(community)s is already served by %(station)s.") % {
            "community": elsewhere.name,
            "station": elsewhere.service_area.station,
        }
        raise ValidationError({"communities": ValidationError(message, code="elsewhere")})
    added = []
    for community_name in names:
        if Community.objects.filter(service_area=area, name=community_name).exists():
            continue
        community = Community(
            service_area=area, name=community_name, position=area.communities.count()
        )
        try:
            community.full_clean()
        except ValidationError as exc:
            raise ValidationError(
                {"communities": ValidationError(exc.messages[0], code="clash")}
            ) from exc
        community.save()
        added.append(community_name)
    audit_record(
        actor=by,
        action=AuditAction.STATION_UPDATE,
        changes={"station": station.name, "area": area.name, "communities": added},
    )
    return area


# Contracts and their targets (协议指标)


@transaction.atomic
def contract_create(
    *,
    station: Station,
    start_date: dt.date,
    end_date: dt.date,
    budget: Decimal,
    required_staff: int,
    required_certified_staff: int,
    operator_name: str,
    by: User,
) -> Contract:
    """Enter a contract of ``station`` and its operator (one term for the whole period)."""
    operator_name = operator_name.strip()
    if not operator_name:
        raise ValidationError(
            {"operator_name": ValidationError(_("Name the operator."), code="required")}
        )
    contract = Contract(
        station=station,
        start_date=start_date,
        end_date=end_date,
        budget=budget,
        required_staff=required_staff,
        required_certified_staff=required_certified_staff,
    )
    contract.full_clean()
    contract.save()
    operator, _created = Organisation.objects.get_or_create(
        kind=OrganisationKind.OPERATOR, name=operator_name
    )
    term = OperatorTerm(
        contract=contract, operator=operator, start_date=start_date, end_date=end_date
    )
    term.full_clean()
    term.save()
    audit_record(
        actor=by,
        action=AuditAction.CONTRACT_CREATE,
        changes={
            "station": station.name,
            "period": f"{start_date}—{end_date}",
            "operator": operator.name,
            "budget": str(budget),
        },
    )
    return contract


@dataclass(frozen=True)
class Target:
    category: str
    name: str
    unit: str
    target: int


@transaction.atomic
def contract_targets_set(*, contract: Contract, targets: list[Target], by: User) -> list[str]:
    """Make ``targets`` the contract's indicators, in this order: matched by category and name,
    changed where they differ, the others removed. Refused once an evaluation of the contract
    has started. Returns one line per change."""
    if started(contract):
        raise ValidationError(
            _("An evaluation of this contract has started: its targets stand."), code="started"
        )
    keys = [(t.category.strip(), t.name.strip()) for t in targets]
    doubled = {key for key in keys if keys.count(key) > 1}
    if doubled:
        category, name = sorted(doubled)[0]
        raise ValidationError(
            _("The indicator %(category)s · %(name)s is listed twice.")
            % {"category": category, "name": name},
            code="duplicate",
        )
    existing = {(i.category, i.name): i for i in contract.indicators.all()}
    changes: list[str] = []
    for key, indicator in existing.items():
        if key not in keys:
            indicator.delete()
            changes.append(f"删除 {key[0]}·{key[1]}")
    for position, (key, wanted) in enumerate(zip(keys, targets, strict=True)):
        indicator = existing.get(key) or ContractIndicator(
            contract=contract, category=key[0], name=key[1]
        )
        new = (wanted.unit.strip(), wanted.target, position)
        if indicator.pk and (indicator.unit, indicator.target, indicator.position) == new:
            continue
        if not indicator.pk or (indicator.unit, indicator.target) != new[:2]:
            changes.append(f"{key[0]}·{key[1]} {wanted.target}{new[0]}")
        indicator.unit, indicator.target, indicator.position = new
        indicator.full_clean()
        indicator.save()
    if changes:
        audit_record(
            actor=by,
            action=AuditAction.CONTRACT_TARGETS,
            changes={"station": contract.station.name, "contract": str(contract), "lines": changes},
        )
    return changes


def copy_targets(source: Contract, to: Contract) -> int:
    """Copy ``source``'s indicators to ``to`` as a starting point, if ``to`` has none yet."""
    if to.indicators.exists():
        return 0
    copied = [
        ContractIndicator(
            contract=to,
            category=i.category,
            name=i.name,
            unit=i.unit,
            target=i.target,
            position=i.position,
            report_group=i.report_group,
            report_phrase=i.report_phrase,
        )
        for i in source.indicators.all()
    ]
    ContractIndicator.objects.bulk_create(copied)
    return len(copied)
