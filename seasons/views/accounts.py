"""Accounts, for a coordinator (its agency and the parties to the stations it works with) and
a bureau (its district's parties): the list, a new account (its owner gets a set-password link
by e-mail), deactivating and reactivating one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seasons import access, selectors
from seasons.forms import AccountForm, add_errors
from stations import services
from stations.access import AuthenticatedHttpRequest
from stations.enums import ROLE_ORGANISATION_KIND, Role

PAGE_SIZE = 50


def _roles(user) -> list[Role]:
    """The roles ``user`` may give: a bureau does not open its agency's accounts."""
    kinds = set(access.account_organisations(user).values_list("kind", flat=True))
    return [r for r in Role if ROLE_ORGANISATION_KIND[r] in kinds]


@login_required
def account_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = access.account_organisations(request.user)
    query = request.GET.get("q", "").strip()[:50]
    organisation = request.GET.get("organisation", "")
    chosen = int(organisation) if organisation.isdigit() else None
    rows = selectors.account_rows(
        access.accounts_of(request.user), organisations, query=query, organisation_pk=chosen
    )
    return render(
        request,
        "seasons/accounts.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "query": query,
            "organisations": organisations,
            "organisation": chosen,
        },
    )


@login_required
def account_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AccountForm(
        request.POST if request.method == "POST" else None,
        organisations=access.account_organisations(request.user),
        stations=access.account_stations(request.user),
        roles=_roles(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.account_create(
                by=request.user,
                portal_url=request.build_absolute_uri("/")[:-1],
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The account %(user)s was opened; a set-password link was sent to %(email)s.")
                % {"user": created.username, "email": created.email},
            )
            return redirect("seasons:accounts")
    return render(
        request, "seasons/account_new.html", {"form": form}, status=400 if form.is_bound else 200
    )


@login_required
@require_POST
def account_active(request: AuthenticatedHttpRequest, user_pk: int) -> HttpResponse:
    account = access.account_for(request.user, user_pk)
    if request.POST.get("active") not in {"0", "1"}:
        return HttpResponseBadRequest("active is 0 or 1")
    active = request.POST["active"] == "1"
    try:
        services.account_set_active(user=account, active=active, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            (_("%(user)s can log in again.") if active else _("%(user)s can no longer log in."))
            % {"user": account.username},
        )
    return redirect("seasons:accounts")
