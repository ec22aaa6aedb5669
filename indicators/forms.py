from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.selfassessment.reading import max_bytes


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in self-assessment workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB.") % {"max": max_bytes() // (1024 * 1024)}
            )
        return upload
