"""The coordinator's seasons: the list, a new season (its district, stage and year, then its
stations and dates), a season's evaluations (searched, filtered, paginated), the draw of the
season's panels, and an evaluation's dates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scoring.forms import DrawForm
from seasons import access, selectors, services
from seasons.forms import DatesForm, SeasonAddForm, SeasonForm, SeasonScopeForm, add_errors
from stations.access import AuthenticatedHttpRequest
from stations.models import Station, Status

PAGE_SIZE = 50
PANEL = DrawForm.base_fields["experts"].initial  # the experts of a panel, unless asked otherwise


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency = access.agency_of(request.user)
    seasons = selectors.season_rows(access.seasons_of(request.user))
    return render(request, "seasons/index.html", {"agency": agency, "seasons": seasons})


def _joinable(season) -> QuerySet[Station]:
    """The stations of the season's district that could still join it."""
    candidates = services.eligible(district=season.district, stage=season.stage, year=season.year)
    return Station.objects.filter(pk__in=[c.station.pk for c in candidates if not c.reason])


def _draw_form(data=None) -> DrawForm:
    form = DrawForm(data)
    form.fields["experts"].label = _("Experts per panel")
    return form


@login_required
def season(request: AuthenticatedHttpRequest, season_pk: int) -> HttpResponse:
    found = access.season_for(request.user, season_pk)
    return _season_page(request, found)


def _season_page(
    request: AuthenticatedHttpRequest, found, *, add_form: SeasonAddForm | None = None
) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:50]
    status = request.GET.get("status", "")
    page = Paginator(
        selectors.season_evaluations(found, query=query, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    joinable = _joinable(found)
    return render(
        request,
        "seasons/season.html",
        {
            "season": found,
            "page": page,
            "query": query,
            "status": status if status in Status.values else "",
            "statuses": Status.choices,
            "draw_form": _draw_form(),
            "undrawn": selectors.undrawn(found, panel=PANEL),
            "panel": PANEL,
            "add_form": add_form or SeasonAddForm(stations=joinable),
            "joinable": joinable,
        },
        status=400 if add_form is not None else 200,
    )


@login_required
@require_POST
def season_add(request: AuthenticatedHttpRequest, season_pk: int) -> HttpResponse:
    found = access.season_for(request.user, season_pk)
    form = SeasonAddForm(request.POST, stations=_joinable(found))
    if form.is_valid():
        try:
            added = services.season_add(
                season=found, stations=list(form.cleaned_data["stations"]), by=request.user
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(n)s evaluations were added to the season.") % {"n": len(added)},
            )
            return redirect("seasons:season", season_pk=found.pk)
    return _season_page(request, found, add_form=form)


@login_required
def season_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step one (GET, no scope yet): the district, stage and year. Step two (GET with them):
    the stations of the district that can join, and the dates. POST creates the season."""
    agency = access.agency_of(request.user)
    data = request.POST if request.method == "POST" else request.GET
    scope = SeasonScopeForm(data if request.method == "POST" or "district" in data else None)
    if not scope.is_valid():
        return render(
            request,
            "seasons/season_new.html",
            {"scope": scope},
            status=400 if scope.is_bound else 200,
        )
    district, stage, year = (scope.cleaned_data[k] for k in ("district", "stage", "year"))
    existing = access.seasons_of(request.user).filter(
        agency=agency, district=district, stage=stage, year=year
    )
    if existing.exists():
        return render(
            request,
            "seasons/season_new.html",
            {"scope": scope, "existing": existing.first(), "district": district},
            status=400 if request.method == "POST" else 200,
        )
    candidates = services.eligible(district=district, stage=stage, year=year)
    joinable = Station.objects.filter(pk__in=[c.station.pk for c in candidates if not c.reason])
    form = SeasonForm(
        request.POST if request.method == "POST" else None,
        stations=joinable,
        initial={**scope.cleaned_data, "stations": list(joinable)},
    )
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            created = services.season_create(
                agency=agency,
                district=district,
                stage=stage,
                year=year,
                on_site_from=values["on_site_from"],
                on_site_until=values["on_site_until"],
                stations=list(values["stations"]),
                scheme=values["scheme"],
                by=request.user,
                **{k: values[k] for k in SeasonForm.OFFSETS},
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The season %(season)s was created with %(n)s evaluations.")
                % {"season": created, "n": created.evaluations.count()},
            )
            return redirect("seasons:season", season_pk=created.pk)
    return render(
        request,
        "seasons/season_new.html",
        {
            "scope": scope,
            "form": form,
            "candidates": candidates,
            "district": district,
            "ticked": _ticked(request, form, joinable),
        },
        status=400 if form.is_bound else 200,
    )


def _ticked(request: AuthenticatedHttpRequest, form: SeasonForm, joinable) -> set[int]:
    """The stations ticked: what was sent, or (a new form) every station that can join."""
    if form.is_bound:
        return {int(v) for v in request.POST.getlist("stations") if v.isdigit()}
    return {s.pk for s in joinable}


@login_required
@require_POST
def season_draw(request: AuthenticatedHttpRequest, season_pk: int) -> HttpResponse:
    found = access.season_for(request.user, season_pk)
    form = _draw_form(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("seasons:season", season_pk=found.pk)
    asked = form.cleaned_data["experts"]
    done = services.season_draw(
        season=found, experts=asked, load_limit=form.cleaned_data["load_limit"], by=request.user
    )
    if done.full or done.drawn_before:
        messages.info(
            request,
            _(
                "Left as they are: %(full)s evaluations that had %(n)s experts already, "
                "%(before)s drawn before (a redraw is on an evaluation's panel page)."
            )
            % {"full": done.full, "n": asked, "before": done.drawn_before},
        )
    for row in done.rows:
        if row.drawn < row.needed:
            messages.warning(
                request,
                _("%(station)s: %(drawn)s of the %(needed)s experts needed were drawn. %(why)s")
                % {
                    "station": row.evaluation.station,
                    "drawn": row.drawn,
                    "needed": row.needed,
                    "why": row.problem,
                },
            )
    drawn = [row for row in done.rows if row.drawn]
    if drawn:
        messages.success(
            request,
            _("Experts were drawn for %(n)s evaluations and asked to accept.") % {"n": len(drawn)},
        )
    elif not done.rows:
        messages.warning(request, _("No evaluation of the season needed experts."))
    return redirect("seasons:season", season_pk=found.pk)


@login_required
def evaluation_dates(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    initial = {name: getattr(evaluation, name) for name in services.DATE_FIELDS}
    form = DatesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_dates_set(
                evaluation=evaluation, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The dates were saved."))
            return redirect(reverse("evaluation_detail", args=[pk]) + "#deadlines")
    return render(
        request,
        "seasons/dates.html",
        {"evaluation": evaluation, "form": form, "started": evaluation.status != Status.SETUP},
        status=400 if form.is_bound else 200,
    )
