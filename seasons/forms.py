"""The set-up forms: they check the shape of what is typed; the services check the rest."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from scoring.models import Scheme
from stations.enums import OrganisationKind, Role, Stage
from stations.models import District, Organisation, Station, Street

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHOOSE = _("— choose —")


class StationForm(forms.Form):
    street = forms.ModelChoiceField(
        Street.objects.select_related("district"), label=_("Street"), empty_label=CHOOSE
    )
    name = forms.CharField(label=_("Name"), max_length=50, help_text=_("e.g. 官洲街社工服务站"))
    short_name = forms.CharField(
        label=_("Short name"),
        max_length=30,
        required=False,
        help_text=_("As the report names it in text; left empty: 服务站 becomes 站."),
    )
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


class AreaForm(forms.Form):
    name = forms.CharField(label=_("Service area"), max_length=30, help_text=_("e.g. 北山片区"))
    communities = forms.CharField(
        label=_("Communities"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line (or separated by 、)."),
    )


class ContractForm(forms.Form):
    start_date = forms.DateField(label=_("Start date"), widget=_DATE)
    end_date = forms.DateField(label=_("End date"), widget=_DATE)
    operator_name = forms.CharField(
        label=_("Operator"),
        max_length=100,
        help_text=_(
            "The social-work organisation running it: choose a known one as you type; a name "
            "not known yet is a new organisation."
        ),
        widget=forms.TextInput(attrs={"list": "operators", "autocomplete": "off"}),
    )
    budget = forms.DecimalField(
        label=_("Budget (yuan)"), min_value=0, max_digits=12, decimal_places=2
    )
    required_staff = forms.IntegerField(label=_("Required staff"), min_value=0, max_value=999)
    required_certified_staff = forms.IntegerField(
        label=_("Of them certified"), min_value=0, max_value=999
    )


class TargetForm(forms.Form):
    category = forms.CharField(label=_("Category"), max_length=30)
    name = forms.CharField(label=_("Indicator"), max_length=30)
    unit = forms.CharField(label=_("Unit"), max_length=10)
    target = forms.IntegerField(
        label=_("Target"),
        min_value=1,
        max_value=10**9,
        error_messages={"min_value": _("A target is a whole number of at least 1.")},
    )


TargetFormSet = forms.formset_factory(TargetForm, extra=3, can_delete=True)


class SeasonScopeForm(forms.Form):
    """The first step of a new season: which district, stage and contract year."""

    district = forms.ModelChoiceField(
        District.objects.all(), label=_("District"), empty_label=CHOOSE
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    year = forms.IntegerField(
        label=_("Contract year"),
        min_value=2000,
        max_value=2100,
        help_text=_("The year the contracts start, e.g. 2024 for 2024—2025."),
    )


class SeasonForm(SeasonScopeForm):
    on_site_from = forms.DateField(label=_("On-site visits from"), widget=_DATE)
    on_site_until = forms.DateField(label=_("On-site visits until"), widget=_DATE)
    scheme = forms.ModelChoiceField(
        Scheme.objects.filter(published_at__isnull=False).order_by("-published_at"),
        label=_("Scoring scheme"),
    )
    stations = forms.ModelMultipleChoiceField(
        Station.objects.none(),
        label=_("Stations"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one station.")},
    )
    self_assessment_days = forms.IntegerField(
        label=_("Self-assessment due (days before the visit)"), min_value=0, initial=7
    )
    acceptance_days = forms.IntegerField(
        label=_("Experts' answer due (days before the visit)"), min_value=0, initial=10
    )
    scores_days = forms.IntegerField(
        label=_("Score sheets due (days after the visit)"), min_value=0, initial=3
    )
    feedback_working_days = forms.IntegerField(
        label=_("Feedback due (working days after the draft is sent)"), min_value=1, initial=5
    )
    rectification_days = forms.IntegerField(
        label=_("Rectification due (days after the report is issued)"), min_value=1, initial=30
    )

    OFFSETS = (
        "self_assessment_days",
        "acceptance_days",
        "scores_days",
        "feedback_working_days",
        "rectification_days",
    )

    def __init__(self, *args, stations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if stations is not None:
            cast(forms.ModelMultipleChoiceField, self.fields["stations"]).queryset = stations
        for name in ("district", "stage", "year"):
            self.fields[name].widget = forms.HiddenInput()
        scheme = cast(forms.ModelChoiceField, self.fields["scheme"])
        scheme.initial = scheme.queryset.first() if scheme.queryset is not None else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("on_site_from"), data.get("on_site_until")
        if start and end and end < start:
            self.add_error("on_site_until", _("The visits cannot end before they start."))
        return data


class DatesForm(forms.Form):
    on_site_date = forms.DateField(label=_("On-site date"), widget=_DATE)
    self_assessment_due = forms.DateField(
        label=_("Self-assessment due"), widget=_DATE, required=False
    )
    acceptance_due = forms.DateField(label=_("Experts' answer due"), widget=_DATE, required=False)
    scores_due = forms.DateField(label=_("Score sheets due"), widget=_DATE, required=False)
    feedback_working_days = forms.IntegerField(
        label=_("Feedback due (working days after the draft is sent)"),
        min_value=1,
        max_value=60,
    )
    rectification_days = forms.IntegerField(
        label=_("Rectification due (days after the report is issued)"),
        min_value=1,
        max_value=365,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        visit: dt.date | None = data.get("on_site_date")
        for name in ("self_assessment_due", "acceptance_due"):
            if visit and data.get(name) and data[name] > visit:
                self.add_error(name, _("This is due by the on-site date."))
        if visit and data.get("scores_due") and data["scores_due"] < visit:
            self.add_error("scores_due", _("Score sheets are due on or after the on-site date."))
        return data


class AccountForm(forms.Form):
    username = forms.RegexField(
        label=_("User name"),
        regex=r"^[\w.@+-]+$",
        max_length=150,
        help_text=_("Letters, digits and @ . + - _ only; used to log in."),
        error_messages={"invalid": _("Use only letters, digits and @ . + - _.")},
    )
    full_name = forms.CharField(label=_("Full name"), max_length=64)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The set-password link is sent here."))
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Organisation"), empty_label=CHOOSE
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    station = forms.ModelChoiceField(
        Station.objects.none(),
        label=_("Station"),
        required=False,
        empty_label="—",
        help_text=_("Station staff only: the station they work at."),
    )

    def __init__(self, *args, organisations=None, stations=None, roles=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations
        if stations is not None:
            cast(forms.ModelChoiceField, self.fields["station"]).queryset = stations
        if roles is not None:
            cast(forms.ChoiceField, self.fields["role"]).choices = [
                (r.value, r.label) for r in roles
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.STATION_STAFF and not data.get("station"):
            raise ValidationError({"station": _("Choose the station this member works at.")})
        return data


class ExpertProfileForm(forms.Form):
    expertise = forms.CharField(
        label=_("Fields of expertise"),
        max_length=200,
        required=False,
        help_text=_("Separated by “、”, e.g. 社区治理、长者服务."),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ExpertTieForm(forms.Form):
    organisation = forms.ModelChoiceField(
        Organisation.objects.filter(
            kind__in=[OrganisationKind.OPERATOR, OrganisationKind.STREET_OFFICE]
        ).order_by("kind", "name"),
        label=_("Organisation"),
        empty_label=CHOOSE,
        help_text=_("A station's operator or a street office the expert worked for or with."),
    )
    nature = forms.CharField(
        label=_("Nature of the tie"), max_length=100, help_text=_("e.g. 曾任该机构督导")
    )
    started_on = forms.DateField(label=_("From"), widget=_DATE, required=False)
    ended_on = forms.DateField(
        label=_("Until"),
        widget=_DATE,
        required=False,
        help_text=_("Empty while it lasts. The draw sets aside ties within two years."),
    )


class SeasonAddForm(forms.Form):
    stations = forms.ModelMultipleChoiceField(
        Station.objects.none(),
        label=_("Stations to add"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick the stations to add.")},
    )

    def __init__(self, *args, stations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if stations is not None:
            cast(forms.ModelMultipleChoiceField, self.fields["stations"]).queryset = stations


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's refusal on ``form``: on the field it names where the form has it,
    otherwise at the top of the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
