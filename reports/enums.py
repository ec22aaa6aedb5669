"""The vocabulary of the report that every layer may import: the sections (defined with the
narrative they share, in ``indicators.enums``), a finding's polarity, who answers the draft, and
the states of an objection, a sign-off, a rendering and a rectification item."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from indicators.enums import NARRATIVE_SECTIONS, SECTION_TITLES, Section

__all__ = [
    "NARRATIVE_SECTIONS",
    "SECTION_TITLES",
    "FeedbackParty",
    "ObjectionAnswer",
    "Polarity",
    "RectificationReview",
    "RectificationStatus",
    "RenderKind",
    "RenderStatus",
    "Section",
    "SignOffDecision",
]


class Polarity(models.TextChoices):
    STRENGTH = "strength", _("What deserves recognition")
    CONCERN = "concern", _("What needs attention")


class FeedbackParty(models.TextChoices):
    """Who answers the draft: the bureau, the station (and through it the street office), the
    supervision centre."""

    BUREAU = "bureau", _("District civil-affairs bureau")
    BUYER = "buyer", _("Street office")
    STATION = "station", _("Station")
    SUPERVISION = "supervision", _("Supervision centre")


class ObjectionAnswer(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("objection answer", "Accepted")
    PARTLY = "partly", pgettext_lazy("objection answer", "Partly accepted")
    REJECTED = "rejected", pgettext_lazy("objection answer", "Not accepted")


class SignOffDecision(models.TextChoices):
    NO_OBJECTION = "no_objection", _("No objection")
    OBJECTION_REMAINS = "objection_remains", _("An objection remains")


class RenderKind(models.TextChoices):
    DRAFT = "draft", _("Draft report")
    FINAL = "final", _("Final report")


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Rendering")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class RectificationReview(models.TextChoices):
    PENDING = "pending", _("Not reviewed")
    ACCEPTED = "accepted", _("Passed the bureau's review")
    RETURNED = "returned", _("Returned to the station")
