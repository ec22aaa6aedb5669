"""Set-up of stations in the browser: the list, a new station, a station's page (its details,
service areas and communities, contracts) and a contract's targets."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seasons import access, selectors, services
from seasons.forms import AreaForm, ContractForm, StationForm, TargetFormSet, add_errors
from stations.access import AuthenticatedHttpRequest
from stations.models import Contract, Station

PAGE_SIZE = 50


@login_required
def station_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency = access.agency_of(request.user)
    query = request.GET.get("q", "").strip()[:50]
    districts = access.districts_of(agency).order_by("name")
    district = request.GET.get("district", "")
    chosen = int(district) if district.isdigit() else None
    rows = selectors.station_rows(access.stations_of(agency), query=query, district_pk=chosen)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "seasons/stations.html",
        {"page": page, "query": query, "districts": districts, "district": chosen},
    )


@login_required
def station_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency = access.agency_of(request.user)
    form = StationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            station = services.station_save(
                station=None, agency=agency, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The station %(name)s was set up.") % {"name": station})
            return redirect("seasons:station", station=station.pk)
    return render(
        request,
        "seasons/station_new.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def _station_page(
    request: AuthenticatedHttpRequest,
    station: Station,
    *,
    form: StationForm | None = None,
    area_form: AreaForm | None = None,
) -> HttpResponse:
    initial = {
        "street": station.street_id,
        "name": station.name,
        "short_name": station.short_name,
        "address": station.address,
    }
    bound = form is not None or area_form is not None
    return render(
        request,
        "seasons/station.html",
        {
            "station": station,
            "form": form or StationForm(initial=initial),
            "area_form": area_form or AreaForm(),
            **selectors.station_setup(station),
        },
        status=400 if bound else 200,
    )


@login_required
def station(request: AuthenticatedHttpRequest, station: int) -> HttpResponse:
    return _station_page(request, access.station_for(request.user, station))


@login_required
@require_POST
def station_edit(request: AuthenticatedHttpRequest, station: int) -> HttpResponse:
    found = access.station_for(request.user, station)
    agency = access.agency_of(request.user)
    form = StationForm(request.POST)
    if form.is_valid():
        try:
            services.station_save(
                station=found, agency=agency, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The station was saved."))
            return redirect("seasons:station", station=found.pk)
    found.refresh_from_db()
    return _station_page(request, found, form=form)


@login_required
@require_POST
def area_add(request: AuthenticatedHttpRequest, station: int) -> HttpResponse:
    found = access.station_for(request.user, station)
    form = AreaForm(request.POST)
    if form.is_valid():
        try:
            area = services.area_save(station=found, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The service area %(name)s was saved.") % {"name": area})
            return redirect("seasons:station", station=found.pk)
    return _station_page(request, found, area_form=form)


def _next_contract(station: Station) -> dict:
    """What a new contract of ``station`` starts from: the previous one, a year on."""
    last = station.contracts.order_by("-start_date").prefetch_related("operator_terms").first()
    if last is None:
        return {}
    start = last.end_date + dt.timedelta(days=1)
    term = last.operator_terms.order_by("-start_date").select_related("operator").first()
    return {
        "start_date": start,
        "end_date": start.replace(year=start.year + 1) - dt.timedelta(days=1),
        "operator_name": term.operator.name if term else "",
        "budget": last.budget,
        "required_staff": last.required_staff,
        "required_certified_staff": last.required_certified_staff,
    }


@login_required
def contract_new(request: AuthenticatedHttpRequest, station: int) -> HttpResponse:
    found = access.station_for(request.user, station)
    form = ContractForm(
        request.POST if request.method == "POST" else None, initial=_next_contract(found)
    )
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.contract_create(station=found, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The contract was entered: now its targets."))
            return redirect("seasons:targets", contract_pk=contract.pk)
    return render(
        request,
        "seasons/contract_new.html",
        {
            "station": found,
            "form": form,
            "operators": selectors.operator_names(),
        },
        status=400 if form.is_bound else 200,
    )


def _targets_initial(contract: Contract) -> list[dict]:
    return [
        {"category": i.category, "name": i.name, "unit": i.unit, "target": i.target}
        for i in contract.indicators.all()
    ]


@login_required
def targets(request: AuthenticatedHttpRequest, contract_pk: int) -> HttpResponse:
    contract = access.contract_for(request.user, contract_pk)
    locked = services.started(contract)
    formset = TargetFormSet(
        request.POST if request.method == "POST" else None,
        initial=_targets_initial(contract),
        prefix="targets",
    )
    refusal: list[str] = []
    if request.method == "POST" and locked:
        refusal.append(_("An evaluation of this contract has started: its targets stand."))
    if request.method == "POST" and not locked and formset.is_valid():
        wanted = [
            services.Target(**{k: row[k] for k in ("category", "name", "unit", "target")})
            for row in formset.cleaned_data
            if row and not row.get("DELETE")
        ]
        try:
            changes = services.contract_targets_set(
                contract=contract, targets=wanted, by=request.user
            )
        except ValidationError as exc:
            refusal.extend(exc.messages)
        else:
            messages.success(
                request,
                _("The targets were saved (%(n)s changes).") % {"n": len(changes)}
                if changes
                else _("Nothing changed."),
            )
            return redirect("seasons:station", station=contract.station_id)
    return render(
        request,
        "seasons/targets.html",
        {
            "contract": contract,
            "formset": formset,
            "locked": locked,
            "refusal": refusal,
            "indicators": contract.indicators.all(),
        },
        status=400 if request.method == "POST" else 200,
    )
