from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django import forms
from django.db.models import Case, When
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from reports.models import Finding, Objection, Rectification, Section, SignOff
from stations.models import ServiceArea

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


class FindingForm(forms.Form):
    service_area: forms.ModelChoiceField[ServiceArea] = forms.ModelChoiceField(
        label=_("Service area"), queryset=None, required=False
    )
    polarity = forms.ChoiceField(label=_("Kind"))
    text = forms.CharField(
        label=_("Finding"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Cite a figure by its name in 【】, e.g. 【持证率】: the report prints the figure."
        ),
    )
    evidence_name = forms.CharField(
        label=_("Evidence (a named document)"), max_length=200, required=False
    )
    evidence = forms.FileField(label=_("Evidence (a file)"), required=False)

    def __init__(self, *args, polarities, areas=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["polarity"]).choices = polarities
        if areas is None:
            del self.fields["service_area"]
        else:
            service_area = cast(forms.ModelChoiceField, self.fields["service_area"])
            service_area.queryset = areas
            service_area.required = True

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence and evidence.size > EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(_("An evidence file is at most 10 MB."))
        return evidence


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MaskForm(forms.Form):
    name = forms.CharField(
        label=_("Personal name to mask"),
        max_length=20,
        help_text=_(
            "A service recipient's or volunteer's name: the report prints 张*明 for 张小明."
        ),
    )


def in_report_order(findings):
    """Findings as the report lists them: by section, strengths before concerns, then (in
    服务质量) by service area, then number."""
    section = Case(*[When(section=value, then=n) for n, value in enumerate(Section.values)])
    return findings.select_related("service_area").order_by(
        section, "-polarity", "service_area__position", "position"
    )


class _FindingField(forms.ModelChoiceField):
    """Findings offered as the report prints them: ``printed`` (set by the form) turns what a
    writer wrote into what the report prints."""

    printed: Callable[[str], str] = str

    def label_from_instance(self, obj: Finding) -> str:
        area = f" · {obj.service_area.name}" if obj.service_area is not None else ""
        text = Truncator(self.printed(obj.text)).chars(40)
        section, polarity = obj.get_section_display(), obj.get_polarity_display()
        return f"{section}{area} · {polarity} {obj.position}：{text}"


class ObjectionForm(forms.Form):
    finding = _FindingField(
        label=_("Finding objected to"),
        queryset=None,
        required=False,
        empty_label=_("— none: the objection is about a figure or passage, named below —"),
    )
    subject = forms.CharField(label=_("Or the figure or passage"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, findings, printed=str, **kwargs) -> None:
        """``printed`` turns what a writer wrote into what the report prints (figures filled
        in, names masked): the parties choose among findings as they read them."""
        super().__init__(*args, **kwargs)
        finding = cast(_FindingField, self.fields["finding"])
        finding.queryset = in_report_order(findings)
        finding.printed = printed


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=Objection.Answer.choices)
    text = forms.CharField(
        label=_("Reply"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SignOffForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your party's answer to the draft"),
        choices=SignOff.Decision.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RectificationForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Rectification.Status.choices)
    note = forms.CharField(
        label=_("What the station did"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Review"),
        choices=[("yes", _("Accept")), ("no", _("Return to the station"))],
        coerce=lambda v: v == "yes",
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IssueForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I have read the report as it will be printed; issue it. The final report cannot be "
            "changed afterwards."
        ),
        error_messages={"required": _("Confirm that you have read the report before issuing.")},
    )
