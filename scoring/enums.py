"""The vocabulary of scoring that every layer may import: the parties, how a panel's sheets are
combined, and the states of a sheet and of a recusal request."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.enums import Role


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


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class RecusalDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", pgettext_lazy("recusal decision", "Rejected")
