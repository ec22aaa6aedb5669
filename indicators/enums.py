"""The vocabulary of the station's figures that every layer may import: the state of a
self-assessment upload, and the report's sections, of which the first four are also the parts
of the station's own narrative (自评报告)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UploadStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    APPLIED = "applied", _("Applied")
    DISCARDED = "discarded", _("Discarded")


class Section(models.TextChoices):
    """The report's sections that hold findings, in the report's order (二(三) to 二(九))."""

    PROJECT_MANAGEMENT = "project_management", _("Project management")
    SERVICE_QUALITY = "service_quality", _("Service quality")
    SERVICE_MONITORING = "service_monitoring", _("Service monitoring")
    SERVICE_OUTCOMES = "service_outcomes", _("Service outcomes")
    BUYER = "buyer", _("The buyer's assessment")
    SUPERVISION = "supervision", _("The supervision centre's assessment")
    BUREAU = "bureau", _("The supervisor's assessment")


# The sections the station's narrative has a part for, and the experts write findings in.
NARRATIVE_SECTIONS: tuple[Section, ...] = (
    Section.PROJECT_MANAGEMENT,
    Section.SERVICE_QUALITY,
    Section.SERVICE_MONITORING,
    Section.SERVICE_OUTCOMES,
)

# The sections' titles in the documents (the report, the workbook), which are Chinese whatever
# the interface language.
SECTION_TITLES: dict[str, str] = {
    Section.PROJECT_MANAGEMENT: "项目管理",
    Section.SERVICE_QUALITY: "服务质量",
    Section.SERVICE_MONITORING: "服务监测",
    Section.SERVICE_OUTCOMES: "服务成效",
    Section.BUYER: "购买方评估",
    Section.SUPERVISION: "督导中心",
    Section.BUREAU: "监督方评估",
}
