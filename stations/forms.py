from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from stations import lifecycle
from stations.models import Evaluation, Status


class StatusChangeForm(forms.Form):
    """Move an evaluation to another status. The page renders one submit button per allowed
    status (``name="to_status"``); ``expected_status`` is the status the page was showing."""

    to_status = forms.ChoiceField(choices=Status.choices)
    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when stepping back: say why."),
    )

    def __init__(self, *args, evaluation: Evaluation, **kwargs) -> None:
        kwargs.setdefault("initial", {"expected_status": evaluation.status})
        super().__init__(*args, **kwargs)
        allowed = lifecycle.manual_transitions(evaluation.status)
        to_status = cast(forms.ChoiceField, self.fields["to_status"])
        to_status.choices = [(s, Status(s).label) for s in allowed]
        if not any(lifecycle.is_backward(evaluation.status, s) for s in allowed):
            self.fields["note"].help_text = ""  # no step back offered: nothing to explain
