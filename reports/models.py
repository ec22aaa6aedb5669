"""What is issued: the findings people write, the names masked in them, the recommendations, the
feedback round on the draft, the rendered PDFs, the final report, and the rectification that
follows it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.models import Evaluation, ServiceArea


class Section(models.TextChoices):
    """The report's sections that hold findings, in the report's order (二(三) to 二(九))."""

    PROJECT_MANAGEMENT = "project_management", _("Project management")
    SERVICE_QUALITY = "service_quality", _("Service quality")
    SERVICE_MONITORING = "service_monitoring", _("Service monitoring")
    SERVICE_OUTCOMES = "service_outcomes", _("Service outcomes")
    BUYER = "buyer", _("The buyer's assessment")
    SUPERVISION = "supervision", _("The supervision centre's assessment")
    BUREAU = "bureau", _("The supervisor's assessment")


class Polarity(models.TextChoices):
    STRENGTH = "strength", _("What deserves recognition")
    CONCERN = "concern", _("What needs attention")


def evidence_path(instance: Finding, filename: str) -> str:
    return f"evidence/{instance.evaluation_id}/{filename}"


class Finding(models.Model):
    """One numbered point of a section: a strength (值得肯定的地方) or a concern (需要关注的
    地方). 服务质量 findings belong to a service area. A finding may cite its evidence: a file,
    or a named document."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="findings"
    )
    section = models.CharField(_("section"), max_length=24, choices=Section.choices)
    service_area = models.ForeignKey(
        ServiceArea,
        verbose_name=_("service area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
    )
    polarity = models.CharField(_("kind"), max_length=10, choices=Polarity.choices)
    position = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))
    evidence = models.FileField(_("evidence file"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(
        _("evidence document"), max_length=200, blank=True, help_text=_("e.g. 培训签到表")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["evaluation", "section", "service_area__position", "polarity", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(section="service_quality", service_area__isnull=False)
                | (~Q(section="service_quality") & Q(service_area__isnull=True)),
                name="finding_service_area_iff_service_quality",
                violation_error_message=_(
                    "Service-quality findings, and only they, name a service area."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()} {self.get_polarity_display()} ({self.position})"


class MaskedName(models.Model):
    """A personal name (a service recipient's, a volunteer's) that the report prints masked,
    as the seed writes 邱*茵, wherever it appears."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="masked_names",
    )
    name = models.CharField(_("name"), max_length=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("masked name")
        verbose_name_plural = _("masked names")
        ordering = ["evaluation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "name"], name="masked_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Recommendation(models.Model):
    """One numbered recommendation of 五、结语, written by the coordinator."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    position = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["evaluation", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:30]}"


class FeedbackParty(models.TextChoices):
    """Who answers the draft: the bureau, the station (and through it the street office), the
    supervision centre."""

    BUREAU = "bureau", _("District civil-affairs bureau")
    BUYER = "buyer", _("Street office")
    STATION = "station", _("Station")
    SUPERVISION = "supervision", _("Supervision centre")


class FeedbackRound(models.Model):
    """The draft sent out for feedback; sending it again after revising starts a new round."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="feedback_rounds",
    )
    number = models.PositiveSmallIntegerField(_("round"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("feedback round")
        verbose_name_plural = _("feedback rounds")
        ordering = ["evaluation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "number"], name="round_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} #{self.number}"


class Objection(models.Model):
    """A party's objection (异议) to a finding or a figure of the draft, and the coordinator's
    answer."""

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("objection answer", "Accepted")
        PARTLY = "partly", pgettext_lazy("objection answer", "Partly accepted")
        REJECTED = "rejected", pgettext_lazy("objection answer", "Not accepted")

    round = models.ForeignKey(
        FeedbackRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="objections"
    )
    party = models.CharField(_("party"), max_length=12, choices=FeedbackParty.choices)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    finding = models.ForeignKey(
        Finding,
        verbose_name=_("finding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objections",
    )
    subject = models.CharField(
        _("about"), max_length=200, blank=True, help_text=_("The figure or passage objected to.")
    )
    reason = models.TextField(_("reason"))
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    answer_text = models.TextField(_("reply"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["round", "raised_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer="", answered_at__isnull=True)
                | (~Q(answer="") & Q(answered_at__isnull=False)),
                name="objection_answered_at_iff_answered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.reason[:30]}"


class SignOff(models.Model):
    """A party's last word on a round: no objection (无异议), or an objection that remains."""

    class Decision(models.TextChoices):
        NO_OBJECTION = "no_objection", _("No objection")
        OBJECTION_REMAINS = "objection_remains", _("An objection remains")

    round = models.ForeignKey(
        FeedbackRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="sign_offs"
    )
    party = models.CharField(_("party"), max_length=12, choices=FeedbackParty.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["round", "party"]
        constraints = [
            models.UniqueConstraint(fields=["round", "party"], name="signoff_one_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.get_decision_display()}"


def render_path(instance, filename: str) -> str:
    return f"reports/{instance.evaluation_id}/{filename}"


class RenderJob(models.Model):
    """One rendering of the report to PDF, done in the background."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft report")
        FINAL = "final", _("Final report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="render_jobs",
    )
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to=render_path, blank=True)

    class Meta:
        verbose_name = _("rendering")
        verbose_name_plural = _("renderings")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "kind"],
                condition=Q(status__in=["queued", "running"]),
                name="render_one_active_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.get_kind_display()} {self.get_status_display()}"

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class FinalReport(models.Model):
    """The issued report: rendered once, stored with its checksum, never changed."""

    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.PROTECT,
        related_name="final_report",
    )
    pdf = models.FileField(_("PDF"), upload_to=render_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return str(self.evaluation)

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("A final report never changes.")
        super().save(*args, **kwargs)


class Rectification(models.Model):
    """A concern of the final report that the station must act on (整改), and the bureau's
    review of what it did."""

    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    class Review(models.TextChoices):
        PENDING = "pending", _("Not reviewed")
        ACCEPTED = "accepted", _("Passed the bureau's review")
        RETURNED = "returned", _("Returned to the station")

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="rectifications",
    )
    finding = models.OneToOneField(
        Finding, verbose_name=_("concern"), on_delete=models.PROTECT, related_name="rectification"
    )
    text = models.TextField(_("concern as issued"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    station_note = models.TextField(_("what the station did"), blank=True)
    review = models.CharField(
        _("bureau's review"), max_length=10, choices=Review.choices, default=Review.PENDING
    )
    review_note = models.TextField(_("review note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        ordering = ["evaluation", "pk"]

    def __str__(self) -> str:
        return self.text[:40]
