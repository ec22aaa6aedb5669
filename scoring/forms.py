from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from scoring import services
from scoring.selectors import SheetLine
from stations.models import Assignment, Role


class SheetForm(forms.Form):
    """One field for the points and one for the comment of every item of a sheet. The points
    are checked against the item's maximum and the scheme's step here, with a message per item,
    and again by the service."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    # What the page showed when loaded (item id → [points, comment]), to merge a stale save.
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, lines: list[SheetLine], step: Decimal, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        self.step = step
        for line in lines:
            if line.score is None:
                continue
            item = line.item
            self.fields[f"points_{item.pk}"] = forms.DecimalField(
                label=f"{item.code} {item.title}",
                required=False,
                max_digits=6,
                decimal_places=2,
                initial=line.score.points,
                error_messages={
                    "invalid": _("Enter a number, e.g. 7.5."),
                    # Django's own words for these read badly in Chinese (确认小数不超过 2 位.)
                    "max_decimal_places": _("At most %(max)s decimal places."),
                    "max_digits": _("At most %(max)s digits in all."),
                    "max_whole_digits": _("At most %(max)s digits before the decimal point."),
                },
            )
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=1000,
                initial=line.score.comment,
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control"}),
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for line in self.lines:
            if line.score is None:
                continue
            name = f"points_{line.item.pk}"
            value = cleaned.get(name)
            if value is not None:
                maximum = line.item.max_points
                assert maximum is not None  # a line with a score is an item: it has a maximum
                problem = services.check_points(value, maximum=maximum, step=self.step)
                if problem:
                    self.add_error(name, problem)
        return cleaned

    @staticmethod
    def snapshot(entries: dict[int, services.Entry]) -> str:
        return json.dumps(
            {
                str(item_id): [None if e.points is None else str(e.points), e.comment]
                for item_id, e in entries.items()
            }
        )

    def loaded_entries(self) -> dict[int, services.Entry]:
        """What the page showed when it was loaded; empty when the field is missing or bad."""
        try:
            raw = json.loads(self.data.get("loaded") or "{}")
            return {
                int(item_id): services.Entry(
                    None if points is None else Decimal(points), str(comment)
                )
                for item_id, (points, comment) in raw.items()
            }
        except (ValueError, TypeError, ArithmeticError):
            return {}

    def entries(self) -> dict[int, services.Entry]:
        return {
            line.item.pk: services.Entry(
                self.cleaned_data.get(f"points_{line.item.pk}"),
                self.cleaned_data.get(f"comment_{line.item.pk}", ""),
            )
            for line in self.lines
            if line.score is not None
        }

    def item_fields(self):
        """(line, points field, comment field) in sheet order; sections have no fields."""
        for line in self.lines:
            if line.score is None:
                yield line, None, None
            else:
                yield line, self[f"points_{line.item.pk}"], self[f"comment_{line.item.pk}"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    """Whom to assign and in which role, as one choice: the people who may take part, grouped
    by role (an expert of the agency, the street office's, the supervision centre's and the
    bureau's representatives), so that a person is only offered in a role they may hold."""

    member = forms.ChoiceField(label=_("Person and role"))

    def __init__(self, *args, choices_by_role: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.people: dict[str, tuple[str, object]] = {}
        groups = []
        for role, members in choices_by_role.items():
            options = []
            for membership in sorted(members, key=lambda m: m.user.username):
                value = f"{role}:{membership.user_id}"
                if value in self.people:
                    continue
                self.people[value] = (role, membership.user)
                options.append((value, f"{membership.user}（{membership.organisation}）"))
            if options:
                groups.append((Role(role).label, options))
        member = cast(forms.ChoiceField, self.fields["member"])
        member.choices = [("", "—"), *groups]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        chosen = self.people.get(cleaned.get("member", ""))
        if chosen is not None:
            cleaned["role"], cleaned["user"] = chosen
        return cleaned


class AcceptForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have any tie to the station or its operator?"),
        choices=[
            ("no", _("No: I have no interest in or tie to this station or its operator.")),
            ("yes", _("Yes: I declare a tie and withdraw from scoring (recusal).")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    declaration = forms.CharField(
        label=_("Declaration"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you declare a tie: describe it."),
    )


class _ExpertField(forms.ModelChoiceField):
    """An expert's assignment, offered by the expert's name."""

    def label_from_instance(self, obj: Assignment) -> str:
        return str(obj.user)


class RecusalRequestForm(forms.Form):
    assignment = _ExpertField(label=_("Expert"), queryset=None)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, experts: QuerySet[Assignment], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(_ExpertField, self.fields["assignment"]).queryset = experts


class RecusalDecisionForm(forms.Form):
    uphold = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Uphold: the expert stops scoring")), ("no", _("Reject"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Reason for the decision"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DrawForm(forms.Form):
    experts = forms.IntegerField(
        label=_("Number of experts"), min_value=1, max_value=services.MAX_PANEL, initial=3
    )
    load_limit = forms.IntegerField(
        label=_("At most this many evaluations per expert this season"),
        min_value=1,
        max_value=50,
        initial=5,
    )
    reason = forms.CharField(
        label=_("Why draw again"),
        required=False,
        max_length=1000,
        help_text=_("Needed for a second draw: who has not accepted yet leaves the panel."),
    )
