"""The set-up workbook in the browser: downloaded (blank or a district's), uploaded, previewed (a
dry run) and confirmed."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.exports import XLSX_TYPE
from seasons import access
from seasons.exports import setup_workbook
from seasons.importing import setup_import
from stations.access import AuthenticatedHttpRequest

PAGE_SIZE = 50
_SESSION_KEY = "setup_import"


def _pending(token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "setup-imports" / f"{token}.xlsx"


@login_required
def template(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency = access.agency_of(request.user)
    district = None
    if "season" in request.GET:
        wanted = request.GET["season"]
        if not wanted.isdigit():
            raise Http404("No such season")
        district = access.season_for(request.user, int(wanted)).district
    response = HttpResponse(
        setup_workbook(district=district, agency=agency), content_type=XLSX_TYPE
    )
    name = f"{district.name if district else '评估'}设置表.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
@require_POST
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Check an uploaded workbook whole (a dry run) and show what it would change."""
    agency = access.agency_of(request.user)
    file = request.FILES.get("file")
    if file is None:
        messages.error(request, _("Choose the filled set-up workbook (.xlsx)."))
        return redirect("seasons:index")
    data = file.read(settings.SELF_ASSESSMENT_MAX_BYTES + 1)
    outcome = setup_import(data=data, agency=agency, by=request.user, dry_run=True)
    token = ""
    if outcome.ok:
        token = secrets.token_urlsafe(16)
        path = _pending(token)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        request.session[_SESSION_KEY] = token
    return render(
        request,
        "seasons/import_preview.html",
        {"outcome": outcome, "token": token, "name": file.name},
        status=200 if outcome.ok else 400,
    )


@login_required
@require_POST
def confirm(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    agency = access.agency_of(request.user)
    path = _pending(token)
    if request.session.get(_SESSION_KEY) != token or not path.exists():
        raise Http404("No such import")
    outcome = setup_import(data=path.read_bytes(), agency=agency, by=request.user, dry_run=False)
    path.unlink()
    del request.session[_SESSION_KEY]
    if not outcome.ok:  # the portal changed since the preview
        return render(
            request, "seasons/import_preview.html", {"outcome": outcome, "token": ""}, status=400
        )
    messages.success(
        request,
        _("Imported: %(n)s created or changed, %(same)s unchanged.")
        % {"n": len(outcome.changes), "same": outcome.unchanged},
    )
    return redirect("seasons:index")
