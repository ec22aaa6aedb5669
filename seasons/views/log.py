"""The set-up log: who changed what in set-up (accounts, stations, contracts, seasons, imports,
the expert pool), for the agency's coordinators and the bureau, each reading what the members of
their own organisation did."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from evalportal.auditlog_setup import setup_lines
from seasons import access, selectors
from stations.access import AuthenticatedHttpRequest

PAGE_SIZE = 100


@login_required
def setup_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    entries = selectors.setup_entries(access.log_organisations(request.user))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "seasons/log.html", {"page": page, "log": setup_lines(page.object_list)})
