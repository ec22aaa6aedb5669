"""Importing the set-up workbook: every row checked against the database as it is written, in
one transaction that is rolled back unless every row was valid (and always for a dry run), so a
file with one bad cell writes nothing. Rows are matched by their natural keys (a station by its
street and name, a contract by its station and start date, an evaluation by its contract and
stage, a target by its contract, category and name), so importing the same file again changes
nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from indicators.models import ContractIndicator
from indicators.selfassessment.reading import BadWorkbook, read_sheets
from scoring.models import Scheme
from seasons import layout, parsing
from seasons.parsing import Record
from seasons.people import import_people
from seasons.services.stations import served_elsewhere, started
from stations import deadlines
from stations.enums import AuditAction, OrganisationKind, Status
from stations.models import (
    Community,
    Contract,
    District,
    Evaluation,
    OperatorTerm,
    Organisation,
    Season,
    ServiceArea,
    Station,
    Street,
    User,
)
from stations.services import audit_record


@dataclass
class Outcome:
    """What an import did (or, dry or refused, would have done)."""

    # One Chinese line per thing created or changed.
    changes: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


class _Refused(Exception):
    pass


def setup_import(*, data: bytes, agency: Organisation, by: User | None, dry_run: bool) -> Outcome:
    """Check the workbook ``data`` whole and, unless ``dry_run`` or a problem, write it for
    ``agency`` (its evaluations and seasons are that agency's)."""
    outcome = Outcome()
    try:
        rows, _marker, _missing = read_sheets(
            data, {s.name: (s.max_rows + 1, len(s.columns)) for s in layout.SHEETS}, layout.README
        )
    except BadWorkbook as exc:
        outcome.problems.extend(exc.messages)
        return outcome
    parsed = parsing.parse(rows)
    outcome.problems.extend(parsed.problems)
    if not any(parsed.records.values()) and not parsed.problems:
        outcome.problems.append("工作簿中没有可导入的行。")
    if outcome.problems:
        return outcome
    if agency.kind != OrganisationKind.AGENCY:
        raise ValueError("set-up is imported for an evaluation agency")
    try:
        with transaction.atomic():
            _Writer(outcome, agency).write(parsed)
            if outcome.problems or dry_run:
                raise _Refused
            audit_record(
                actor=by,
                action=AuditAction.SETUP_IMPORT,
                changes={"agency": agency.name, "changes": outcome.changes[:200]},
                note=f"{len(outcome.changes)} 项新增或修改，{outcome.unchanged} 项未变",
            )
            outcome.written = True
    except _Refused:
        pass
    return outcome


def _messages(exc: ValidationError) -> str:
    return "；".join(str(m) for m in exc.messages)


class _Writer:
    def __init__(self, outcome: Outcome, agency: Organisation) -> None:
        self.outcome = outcome
        self.agency = agency
        self.stations: dict[str, Station] = {}  # by name, as the other sheets name them
        self.contracts: dict[str, Contract] = {}  # the file's contract of each station
        self.scheme = (
            Scheme.objects.filter(published_at__isnull=False)
            .order_by("-published_at", "-pk")
            .first()
        )

    def problem(self, record: Record, heading: str, reason: str) -> None:
        self.outcome.problems.append(record.problem(heading, reason))

    def changed(self, line: str) -> None:
        self.outcome.changes.append(line)

    def write(self, parsed: parsing.Parsed) -> None:
        for record in parsed.records[layout.STATIONS.name]:
            self._station(record)
        for record in parsed.records[layout.TARGETS.name]:
            self._target(record)
        for record in parsed.records[layout.AREAS.name]:
            self._area(record)
        for record in parsed.records[layout.EVALUATIONS.name]:
            self._evaluation(record)
        if parsed.records[layout.PEOPLE.name]:
            people = import_people(parsed.records[layout.PEOPLE.name], agency=self.agency)
            self.outcome.changes.extend(people.changes)
            self.outcome.unchanged += people.unchanged
            self.outcome.problems.extend(people.problems)

    # 社工站: the station, its operator and its contract

    def _station(self, r: Record) -> None:
        v = r.values
        street = Street.objects.filter(district__name=v["区"], name=v["街道"]).first()
        if street is None:
            known = District.objects.filter(name=v["区"]).exists()
            self.problem(
                r,
                "街道" if known else "区",
                f"未知{'街道' if known else '区'}“{v['街道' if known else '区']}”",
            )
            return
        name = str(v["社工站"])
        if name in self.stations and self.stations[name].street_id != street.pk:
            self.problem(r, "社工站", f"另一街道已有同名社工站“{name}”")
            return
        station = Station.objects.filter(street=street, name=name).first()
        if station is None:
            station = Station(
                street=street,
                name=name,
                short_name=str(v["简称"] or name.replace("服务站", "站"))[:30],
                address=str(v["地址"] or ""),
                set_up_by=self.agency,
            )
            if not self._saved(r, "社工站", station):
                return
            self.changed(f"新增社工站 {street}{name}")
        else:
            fields = {
                k: str(v[h])
                for k, h in (("short_name", "简称"), ("address", "地址"))
                if v[h] and getattr(station, k) != str(v[h])
            }
            if fields:
                for key, new in fields.items():
                    setattr(station, key, new)
                if not self._saved(r, "社工站", station):
                    return
                self.changed(f"修改社工站 {name}：{'、'.join(fields)}")
            else:
                self.outcome.unchanged += 1
        self.stations[name] = station
        self._contract(r, station)

    def _contract(self, r: Record, station: Station) -> None:
        v = r.values
        if (
            station.name in self.contracts
            and self.contracts[station.name].start_date == v["协议开始日期"]
        ):
            self.problem(r, "社工站", f"“{station.name}”的这份协议在本表中重复")
            return
        operator, created = Organisation.objects.get_or_create(
            kind=OrganisationKind.OPERATOR, name=v["承办机构"]
        )
        if created:
            self.changed(f"新增承办机构 {operator.name}")
        wanted = {
            "end_date": v["协议结束日期"],
            "budget": v["服务经费（元）"],
            "required_staff": v["配置社工数"],
            "required_certified_staff": v["其中持证社工数"] or 0,
        }
        contract = Contract.objects.filter(station=station, start_date=v["协议开始日期"]).first()
        if contract is None:
            contract = Contract(station=station, start_date=v["协议开始日期"], **wanted)
            if not self._saved(r, "协议开始日期", contract):
                return
            term = OperatorTerm(
                contract=contract,
                operator=operator,
                start_date=contract.start_date,
                end_date=contract.end_date,
            )
            if not self._saved(r, "承办机构", term):
                return
            self.changed(
                f"新增协议 {station.name} {contract.start_date}—{contract.end_date}"
                f"（{operator.name}）"
            )
        else:
            differs = [k for k, new in wanted.items() if getattr(contract, k) != new]
            if differs:
                if started(contract):
                    self.problem(r, "协议开始日期", "这份协议的评估已开始，不能再修改协议")
                    return
                for key in differs:
                    setattr(contract, key, wanted[key])
                if not self._saved(r, "协议结束日期", contract):
                    return
                self.changed(f"修改协议 {station.name} {contract.start_date}")
            else:
                self.outcome.unchanged += 1
        self.contracts[station.name] = contract

    def _saved(self, r: Record, heading: str, obj) -> bool:
        try:
            obj.full_clean()
            obj.save()
        except ValidationError as exc:
            self.problem(r, heading, _messages(exc))
            return False
        return True

    def _station_named(self, r: Record) -> Station | None:
        name = str(r.values["社工站"])
        if name in self.stations:
            return self.stations[name]
        found = list(Station.objects.filter(name=name)[:2])
        if len(found) != 1:
            self.problem(
                r,
                "社工站",
                f"{'有两个' if found else '没有'}名为“{name}”的社工站"
                + ("" if found else "（先在“社工站”表中填写）"),
            )
            return None
        self.stations[name] = found[0]
        return found[0]

    def _contract_of(
        self, r: Record, station: Station, start: dt.date | None = None
    ) -> Contract | None:
        if start is None and station.name in self.contracts:
            return self.contracts[station.name]
        contracts = station.contracts.all()
        contract = (
            contracts.filter(start_date=start) if start else contracts.order_by("-start_date")
        ).first()
        if contract is None:
            self.problem(
                r,
                "协议开始日期" if start else "社工站",
                f"“{station.name}”没有{'这一天开始的' if start else ''}协议",
            )
        return contract

    # 协议指标

    def _target(self, r: Record) -> None:
        v = r.values
        station = self._station_named(r)
        contract = None if station is None else self._contract_of(r, station)
        if station is None or contract is None:
            return
        target = ContractIndicator.objects.filter(
            contract=contract, category=v["类别"], name=v["指标"]
        ).first()
        if target is None:
            position = ContractIndicator.objects.filter(contract=contract).count()
            target = ContractIndicator(
                contract=contract,
                category=v["类别"],
                name=v["指标"],
                unit=v["单位"],
                target=v["协议指标量"],
                position=position,
            )
            if self._saved(r, "指标", target):
                self.changed(
                    f"新增协议指标 {station.name} {target.category}·{target.name}"
                    f" {target.target}{target.unit}"
                )
            return
        if (target.unit, target.target) == (v["单位"], v["协议指标量"]):
            self.outcome.unchanged += 1
            return
        if started(contract):
            self.problem(r, "协议指标量", "这份协议的评估已开始，不能再修改协议指标")
            return
        target.unit, target.target = v["单位"], v["协议指标量"]
        if self._saved(r, "协议指标量", target):
            self.changed(
                f"修改协议指标 {station.name} {target.category}·{target.name}"
                f" → {target.target}{target.unit}"
            )

    # 服务片区

    def _area(self, r: Record) -> None:
        v = r.values
        station = self._station_named(r)
        if station is None:
            return
        area = ServiceArea.objects.filter(station=station, name=v["片区"]).first()
        if area is None:
            area = ServiceArea(
                station=station, name=v["片区"], position=station.service_areas.count()
            )
            if not self._saved(r, "片区", area):
                return
            self.changed(f"新增服务片区 {station.name} {area.name}")
        if Community.objects.filter(service_area=area, name=v["社区"]).exists():
            self.outcome.unchanged += 1
            return
        elsewhere = served_elsewhere(station, [v["社区"]])
        if elsewhere is not None:
            self.outcome.problems.append(
                r.problem("社区", f"{elsewhere.name}已由{elsewhere.service_area.station}服务")
            )
            return
        community = Community(service_area=area, name=v["社区"], position=area.communities.count())
        if self._saved(r, "社区", community):
            self.changed(f"新增社区 {station.name} {area.name} {community.name}")

    # 评估

    def _evaluation(self, r: Record) -> None:
        v = r.values
        station = self._station_named(r)
        contract = None if station is None else self._contract_of(r, station, v["协议开始日期"])
        if contract is None:
            return
        on_site: dt.date = v["实地评估日期"]
        evaluation = Evaluation.objects.filter(contract=contract, stage=v["阶段"]).first()
        if evaluation is not None:
            if evaluation.agency_id != self.agency.pk:
                self.problem(r, "阶段", "这份协议的这一阶段已由另一评估机构评估")
            elif evaluation.on_site_date == on_site:
                self.outcome.unchanged += 1
            elif evaluation.status != Status.SETUP:
                self.problem(r, "实地评估日期", "评估已开始，实地评估日期请在评估页修改")
            else:
                evaluation.on_site_date = on_site
                if self._saved(r, "实地评估日期", evaluation):
                    self.changed(f"修改评估 {evaluation}：实地评估日期 {on_site}")
            return
        if self.scheme is None:
            self.problem(r, "阶段", "还没有已发布的评分方案")
            return
        season = self._season(contract, v["阶段"], on_site)
        cutoff = v["数据截止日期"] or min(on_site - dt.timedelta(days=1), contract.end_date)
        evaluation = Evaluation(
            contract=contract,
            agency=self.agency,
            stage=v["阶段"],
            on_site_date=on_site,
            data_cutoff_date=cutoff,
            scheme=self.scheme,
            season=season,
            **deadlines.due_dates(season.defaults, on_site),
        )
        if self._saved(r, "实地评估日期", evaluation):
            self.changed(f"新增评估 {evaluation}（实地评估 {on_site}）")

    def _season(self, contract: Contract, stage: str, on_site: dt.date) -> Season:
        district = contract.station.street.district
        season = Season.objects.filter(
            agency=self.agency, district=district, stage=stage, year=contract.start_date.year
        ).first()
        if season is None:
            season = Season.objects.create(
                agency=self.agency,
                district=district,
                stage=stage,
                year=contract.start_date.year,
                on_site_from=on_site,
                on_site_until=on_site,
            )
            self.changed(f"新增评估批次 {season}")
        elif not season.on_site_from <= on_site <= season.on_site_until:
            season.on_site_from = min(season.on_site_from, on_site)
            season.on_site_until = max(season.on_site_until, on_site)
            season.save(update_fields=["on_site_from", "on_site_until"])
        return season
