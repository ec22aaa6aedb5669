from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from notices.models import Channel
from notices.recipients import LABELS
from stations.models import Organisation


class WebhookForm(forms.Form):
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Organisation"), empty_label=_("— choose —")
    )
    url = forms.CharField(
        label=_("Webhook address"),
        max_length=500,
        required=False,
        help_text=_(
            "The address of the work-chat group robot (企业微信群机器人); leave it empty to stop "
            "posting to the group."
        ),
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class PreferencesForm(forms.Form):
    """How the person hears of each kind of event; a kind left out stays as it was."""

    def __init__(self, *args, current: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for action, label in LABELS.items():
            self.fields[action.value] = forms.ChoiceField(
                label=label,
                choices=Channel.choices,
                required=False,
                initial=current.get(action.value, Channel.EMAIL),
            )
