"""Who judges and how much: a scheme (versioned data) with its party weights, grade bands and
a score sheet per party."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scoring.enums import Aggregation, Party


class Scheme(models.Model):
    """A version of the evaluation rules: party weights, grade bands, how the panel's sheets are
    combined, the published precision, and a score sheet per party. Once published it never
    changes; a change is a new version (``services.scheme_copy``)."""

    name = models.CharField(_("name"), max_length=100)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    aggregation = models.CharField(
        _("panel aggregation"),
        max_length=16,
        choices=Aggregation.choices,
        default=Aggregation.TRIMMED_MEAN,
    )
    total_decimals = models.PositiveSmallIntegerField(
        _("decimals of the published total"), default=1, validators=[MaxValueValidator(4)]
    )
    contribution_decimals = models.PositiveSmallIntegerField(
        _("decimals of each party's contribution"), default=2, validators=[MaxValueValidator(4)]
    )
    score_step = models.DecimalField(
        _("score step"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Item scores are multiples of this, e.g. 0.5."),
    )
    panel_tolerance = models.DecimalField(
        _("panel tolerance (percent of the item maximum)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("20"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("An expert further than this from the panel median on an item is flagged."),
    )
    expected_progress_share = models.DecimalField(
        _("expected progress (share of the time elapsed)"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.70"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "An indicator is behind expected progress when its completion is below the share "
            "of the contract period elapsed at the data cut-off, times this."
        ),
    )
    survey_minimum = models.PositiveSmallIntegerField(
        _("satisfaction survey: minimum sample"),
        default=100,
        help_text=_("At least this many recipients, or all of them when the roster is smaller."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scoring scheme")
        verbose_name_plural = _("scoring schemes")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="scheme_name_version_unique"),
            models.CheckConstraint(
                condition=Q(score_step__gt=0), name="scheme_score_step_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class SchemePart(models.Model):
    """Base of the rows that make up a scheme: none may change once the scheme is published."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE)

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.scheme_id and self.scheme.is_published:
            raise ValidationError(
                _("The scheme %(scheme)s is published and cannot change; copy it to a new version.")
                % {"scheme": self.scheme}
            )


class PartyWeight(SchemePart):
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    weight = models.DecimalField(
        _("weight (percent)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("party weight")
        verbose_name_plural = _("party weights")
        ordering = ["scheme", "pk"]
        default_related_name = "weights"
        constraints = [
            models.UniqueConstraint(fields=["scheme", "party"], name="weight_one_per_party"),
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(weight__lte=100), name="weight_within_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()} {self.weight}%"


class GradeBand(SchemePart):
    """A grade for totals from ``lower`` (inclusive) up to the next band's lower bound
    (exclusive); the highest band has no upper bound."""

    label = models.CharField(_("grade"), max_length=10)
    lower = models.DecimalField(
        _("lower bound (inclusive)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        ordering = ["scheme", "-lower"]
        default_related_name = "bands"
        constraints = [
            models.UniqueConstraint(fields=["scheme", "lower"], name="band_lower_unique"),
            models.UniqueConstraint(fields=["scheme", "label"], name="band_label_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ≥ {self.lower}"


class SheetItem(SchemePart):
    """A section or an item of a party's score sheet. Items carry a maximum; sections group
    items (their maximum is the sum). ``position`` orders a party's whole sheet top to bottom."""

    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("number"), max_length=12, help_text=_("e.g. 1, 1.2, 1.2.3"))
    title = models.CharField(_("title"), max_length=100)
    guidance = models.TextField(_("guidance"), blank=True)
    max_points = models.DecimalField(
        _("maximum"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty for a section."),
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("score sheet item")
        verbose_name_plural = _("score sheet items")
        ordering = ["scheme", "party", "position"]
        default_related_name = "sheet_items"
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "party", "code"], name="sheetitem_code_unique"
            ),
            models.UniqueConstraint(
                fields=["scheme", "party", "position"], name="sheetitem_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(max_points__isnull=True) | Q(max_points__gt=0),
                name="sheetitem_max_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_item(self) -> bool:
        return self.max_points is not None

    def clean(self) -> None:
        super().clean()
        parent = self.parent if self.parent_id else None
        if parent is not None and (
            parent.scheme_id != self.scheme_id or parent.party != self.party
        ):
            raise ValidationError({"parent": _("A section of the same sheet, please.")})
        if parent is not None and parent.is_item:
            raise ValidationError({"parent": _("An item with a maximum cannot hold items.")})
