"""Who takes part: users, the parties' organisations, and memberships with a role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stations.enums import ROLE_ORGANISATION_KIND, OrganisationKind, Role


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    must_change_password = models.BooleanField(
        _("must change the password"),
        default=False,
        help_text=_(
            "Set for an account created with a temporary password: at the next log-in its "
            "owner must choose their own before anything else."
        ),
    )

    class Meta(AbstractUser.Meta):
        # The stubs type AbstractUser.Meta's names as str; Django's own are lazy text too.
        verbose_name = _("user")  # type: ignore[assignment]
        verbose_name_plural = _("users")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.full_name or self.username


class Organisation(models.Model):
    """An organisation of one of the parties. Bureaus and supervision centres serve a district,
    a street office its street; agencies and operators work anywhere."""

    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True, help_text=_("As the report names it in text.")
    )
    district = models.ForeignKey(
        "stations.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    street = models.ForeignKey(
        "stations.Street",
        verbose_name=_("street"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organisation_kind_name_unique"),
            models.CheckConstraint(
                name="organisation_scope_matches_kind",
                condition=(
                    Q(
                        kind__in=[OrganisationKind.BUREAU, OrganisationKind.SUPERVISION],
                        district__isnull=False,
                        street__isnull=True,
                    )
                    | Q(
                        kind=OrganisationKind.STREET_OFFICE,
                        district__isnull=True,
                        street__isnull=False,
                    )
                    | Q(
                        kind__in=[OrganisationKind.AGENCY, OrganisationKind.OPERATOR],
                        district__isnull=True,
                        street__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["kind", "district"],
                condition=Q(kind__in=[OrganisationKind.BUREAU, OrganisationKind.SUPERVISION]),
                name="organisation_one_per_district",
                violation_error_message=_(
                    "This district already has an organisation of this kind."
                ),
            ),
            models.UniqueConstraint(
                fields=["street"],
                condition=Q(kind=OrganisationKind.STREET_OFFICE),
                name="organisation_one_office_per_street",
                violation_error_message=_("This street already has a street office."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        needs_district = self.kind in {OrganisationKind.BUREAU, OrganisationKind.SUPERVISION}
        needs_street = self.kind == OrganisationKind.STREET_OFFICE
        errors = {}
        if needs_district and not self.district_id:
            errors["district"] = _("A bureau or supervision centre serves a district: choose it.")
        if not needs_district and self.district_id:
            errors["district"] = _("Only a bureau or a supervision centre has a district.")
        if needs_street and not self.street_id:
            errors["street"] = _("A street office serves a street: choose it.")
        if not needs_street and self.street_id:
            errors["street"] = _("Only a street office has a street.")
        if errors:
            raise ValidationError(errors)


class Membership(models.Model):
    """A user's role in an organisation. Station staff are members of the operator and work at
    one station of it."""

    Role = Role  # for templates: ``m.role == m.Role.EXPERT``

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("station"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff_memberships",
        help_text=_("Station staff only: the station they work at."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(station__isnull=True),
                name="membership_unique_without_station",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "station"],
                condition=Q(station__isnull=False),
                name="membership_unique_with_station",
            ),
            models.CheckConstraint(
                name="membership_station_iff_station_staff",
                condition=(
                    Q(role=Role.STATION_STAFF, station__isnull=False)
                    | (~Q(role=Role.STATION_STAFF) & Q(station__isnull=True))
                ),
                violation_error_message=_("Station staff, and only station staff, have a station."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    def clean(self) -> None:
        expected = ROLE_ORGANISATION_KIND.get(self.role)
        if self.organisation_id and expected and self.organisation.kind != expected:
            raise ValidationError(
                {
                    "organisation": _("The role %(role)s is held in a %(kind)s.")
                    % {
                        "role": self.get_role_display(),
                        "kind": OrganisationKind(expected).label,
                    }
                }
            )
        if self.role == Role.STATION_STAFF and not self.station_id:
            raise ValidationError({"station": _("Choose the station this member works at.")})
        if self.role != Role.STATION_STAFF and self.station_id:
            raise ValidationError({"station": _("Only station staff are tied to a station.")})
        if (
            self.role == Role.STATION_STAFF
            and self.station is not None
            and self.organisation_id
            and not self.station.contracts.filter(
                operator_terms__operator_id=self.organisation_id
            ).exists()
        ):
            raise ValidationError(
                {
                    "station": _("%(station)s is not run by %(organisation)s.")
                    % {"station": self.station, "organisation": self.organisation}
                }
            )
