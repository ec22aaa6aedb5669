"""The expert pool (专家库), for the coordinator: the agency's experts with their fields of
expertise, their ties (what the draw sets aside) and their current load; an expert's page to
change their fields and record or remove a tie."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seasons import access, selectors, services
from seasons.forms import ExpertProfileForm, ExpertTieForm, add_errors
from stations.access import AuthenticatedHttpRequest
from stations.models import User

PAGE_SIZE = 50


@login_required
def expert_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency = access.agency_of(request.user)
    query = request.GET.get("q", "").strip()[:50]
    rows = selectors.expert_rows(access.experts_of(agency), query=query)
    return render(
        request,
        "seasons/experts.html",
        {
            "agency": agency,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "query": query,
        },
    )


def _expert_page(
    request: AuthenticatedHttpRequest,
    expert: User,
    *,
    form: ExpertProfileForm | None = None,
    tie_form: ExpertTieForm | None = None,
) -> HttpResponse:
    row = selectors.expert_rows(access.experts_of(access.agency_of(request.user))).get(pk=expert.pk)
    profile = getattr(row, "expert_profile", None)
    initial = {"expertise": profile.expertise, "note": profile.note} if profile else {}
    bound = form is not None or tie_form is not None
    return render(
        request,
        "seasons/expert.html",
        {
            "expert": row,
            "form": form or ExpertProfileForm(initial=initial),
            "tie_form": tie_form or ExpertTieForm(),
        },
        status=400 if bound else 200,
    )


@login_required
def expert(request: AuthenticatedHttpRequest, expert_pk: int) -> HttpResponse:
    found = access.expert_for(request.user, expert_pk)
    if request.method != "POST":
        return _expert_page(request, found)
    form = ExpertProfileForm(request.POST)
    if form.is_valid():
        try:
            services.expert_profile_save(expert=found, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The fields of expertise were saved."))
            return redirect("seasons:expert", expert_pk=found.pk)
    return _expert_page(request, found, form=form)


@login_required
@require_POST
def tie_add(request: AuthenticatedHttpRequest, expert_pk: int) -> HttpResponse:
    found = access.expert_for(request.user, expert_pk)
    form = ExpertTieForm(request.POST)
    if form.is_valid():
        try:
            services.expert_tie_add(expert=found, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The tie was recorded."))
            return redirect(reverse("seasons:expert", args=[found.pk]) + "#ties")
    return _expert_page(request, found, tie_form=form)


@login_required
@require_POST
def tie_remove(request: AuthenticatedHttpRequest, tie_pk: int) -> HttpResponse:
    tie = access.tie_for(request.user, tie_pk)
    expert_pk = tie.user_id
    services.expert_tie_remove(tie=tie, by=request.user)
    messages.success(request, _("The tie was removed."))
    return redirect(reverse("seasons:expert", args=[expert_pk]) + "#ties")
