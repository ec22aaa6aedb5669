from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from stations import lifecycle
from stations.models import Evaluation, Status, User


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


class LoginForm(AuthenticationForm):
    """Django's log-in form, which tells a person whose account was deactivated so (once their
    password is right) instead of letting them think they mistyped it."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": _(
            "This account was deactivated. Ask the evaluation agency or the district bureau "
            "to reactivate it."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            username = self.cleaned_data.get("username")
            password = self.cleaned_data.get("password")
            user = User.objects.filter(username=username, is_active=False).first()
            if user is not None and password and user.check_password(password):
                raise forms.ValidationError(
                    self.error_messages["inactive"], code="inactive"
                ) from None
            raise
