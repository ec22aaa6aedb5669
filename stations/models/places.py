"""Where: districts, streets, stations, and a station's service areas and communities."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    city = models.CharField(_("city"), max_length=20, default="广州市")
    name = models.CharField(_("name"), max_length=20)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["city", "name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="district_city_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Street(models.Model):
    """A street (街道) or town (镇) of a district."""

    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="streets"
    )
    name = models.CharField(_("name"), max_length=20)

    class Meta:
        verbose_name = _("street")
        verbose_name_plural = _("streets")
        ordering = ["district__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="street_district_name_unique")
        ]

    def __str__(self) -> str:
        return f"{self.district.name}{self.name}"


class Station(models.Model):
    street = models.ForeignKey(
        Street, verbose_name=_("street"), on_delete=models.PROTECT, related_name="stations"
    )
    name = models.CharField(_("name"), max_length=50, help_text=_("e.g. 官洲街社工服务站"))
    short_name = models.CharField(_("short name"), max_length=30, help_text=_("e.g. 官洲街社工站"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    set_up_by = models.ForeignKey(
        "stations.Organisation",
        verbose_name=_("set up by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stations_set_up",
        help_text=_("The evaluation agency that entered the station in the portal."),
    )

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        ordering = ["street__district__name", "street__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["street", "name"], name="station_street_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ServiceArea(models.Model):
    """A 片区: a group of a station's communities served together."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.CASCADE, related_name="service_areas"
    )
    name = models.CharField(_("name"), max_length=30, help_text=_("e.g. 北山片区"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        ordering = ["station", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "name"], name="servicearea_station_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Community(models.Model):
    """A 社区 and its social-work point. It belongs to its station through its service area, so a
    community can only ever be in one service area, and that area is of its own station."""

    service_area = models.ForeignKey(
        ServiceArea,
        verbose_name=_("service area"),
        on_delete=models.PROTECT,
        related_name="communities",
    )
    name = models.CharField(_("name"), max_length=30, help_text=_("e.g. 北山社区"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["service_area__position", "service_area", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_area", "name"], name="community_area_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.service_area_id:
            return
        clash = (
            Community.objects.filter(
                service_area__station_id=self.service_area.station_id, name=self.name
            )
            .exclude(pk=self.pk)
            .select_related("service_area")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                {
                    "name": _("This station already has the community %(name)s in %(area)s.")
                    % {"name": self.name, "area": clash.service_area.name}
                }
            )
