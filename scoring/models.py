"""Who judges and how much: scoring schemes (versioned data), the score sheets the parties fill
in, every change to them, and recusal requests."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.models import Assignment, Evaluation, Role


class Party(models.TextChoices):
    THIRD_PARTY = "third_party", _("Third-party evaluation agency")
    BUYER = "buyer", _("Street office")
    SUPERVISION = "supervision", _("Supervision centre")
    BUREAU = "bureau", _("District civil-affairs bureau")


# The party each assignable role scores for.
ROLE_PARTY: dict[str, str] = {
    Role.EXPERT: Party.THIRD_PARTY,
    Role.BUYER: Party.BUYER,
    Role.SUPERVISION: Party.SUPERVISION,
    Role.BUREAU: Party.BUREAU,
}


class Aggregation(models.TextChoices):
    MEAN = "mean", _("Mean")
    MEDIAN = "median", _("Median")
    TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean (drop one highest and one lowest)")


class SchemeQuerySet(models.QuerySet):
    def published(self) -> SchemeQuerySet:
        return self.filter(published_at__isnull=False)


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

    objects = SchemeQuerySet.as_manager()

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
        if self.parent_id and (
            self.parent.scheme_id != self.scheme_id or self.parent.party != self.party
        ):
            raise ValidationError({"parent": _("A section of the same sheet, please.")})
        if self.parent_id and self.parent.is_item:
            raise ValidationError({"parent": _("An item with a maximum cannot hold items.")})


class ScoreSheet(models.Model):
    """One scorer's sheet in one evaluation: an expert's, or the representative's of a party.
    ``version`` grows with every save, so a save from a stale page is detected."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.PROTECT, related_name="sheets"
    )
    assignment = models.OneToOneField(
        Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="sheet"
    )
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["evaluation", "party", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", submitted_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False),
                name="sheet_submitted_at_iff_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.get_party_display()} · {self.assignment.user}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class ItemScore(models.Model):
    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(
        SheetItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="scores"
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        ordering = ["sheet", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "item"], name="itemscore_one_per_item"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0),
                name="itemscore_points_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.points}"


class ScoreChange(models.Model):
    """One change to one item of a sheet: who, when, from what to what."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="changes"
    )
    item = models.ForeignKey(
        SheetItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    old_points = models.DecimalField(
        _("old points"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    new_points = models.DecimalField(
        _("new points"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    old_comment = models.TextField(_("old comment"), blank=True)
    new_comment = models.TextField(_("new comment"), blank=True)

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["-changed_at", "pk"]  # newest save first, each save in sheet order

    def __str__(self) -> str:
        return f"{self.item}: {self.old_points} → {self.new_points}"


class RecusalRequest(models.Model):
    """The station asks that an expert not score it (回避); the coordinator decides."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending")
        UPHELD = "upheld", _("Upheld")
        REJECTED = "rejected", pgettext_lazy("recusal decision", "Rejected")

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="recusal_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    reason = models.TextField(_("reason"))
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("recusal request")
        verbose_name_plural = _("recusal requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(decision="pending"),
                name="recusal_one_pending_per_assignment",
                violation_error_message=_("A request about this expert is already pending."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment.user} · {self.get_decision_display()}"
