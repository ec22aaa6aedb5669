"""The vocabulary of stations that every layer of every app may import: the stages and statuses
of an evaluation, the kinds of organisation, the roles, and the actions the audit log records.
This module imports nothing of the project and nothing heavy."""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term")
    FINAL = "final", _("Final")


class Step(models.TextChoices):
    """The steps of an evaluation that have a due date (stations/deadlines.py)."""

    SELF_ASSESSMENT = "self_assessment", _("Self-assessment upload")
    ACCEPTANCE = "acceptance", _("Experts' answer")
    SCORES = "scores", _("Score sheets")
    FEEDBACK = "feedback", _("Feedback on the draft")
    RECTIFICATION = "rectification", _("Rectification")


class Status(models.TextChoices):
    """The lifecycle of the brief, in order."""

    SETUP = "setup", _("Set-up")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    ON_SITE = "on_site", _("On-site evaluation")
    DRAFTING = "drafting", _("Drafting the report")
    FEEDBACK = "feedback", _("Feedback on the draft")
    ISSUED = "issued", _("Final report issued")
    RECTIFICATION = "rectification", _("Rectification")
    CLOSED = "closed", _("Closed")


class OrganisationKind(models.TextChoices):
    AGENCY = "agency", _("Evaluation agency")
    STREET_OFFICE = "street_office", _("Street office")
    SUPERVISION = "supervision", _("Supervision centre")
    BUREAU = "bureau", _("District civil-affairs bureau")
    OPERATOR = "operator", _("Operator")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Evaluation coordinator")
    EXPERT = "expert", _("Expert evaluator")
    BUYER = "buyer", _("Buyer representative")
    SUPERVISION = "supervision", _("Supervision centre representative")
    BUREAU = "bureau", _("Bureau representative")
    STATION_STAFF = "station_staff", _("Station staff")


# The kind of organisation each role is held in.
ROLE_ORGANISATION_KIND: dict[str, str] = {
    Role.COORDINATOR: OrganisationKind.AGENCY,
    Role.EXPERT: OrganisationKind.AGENCY,
    Role.BUYER: OrganisationKind.STREET_OFFICE,
    Role.SUPERVISION: OrganisationKind.SUPERVISION,
    Role.BUREAU: OrganisationKind.BUREAU,
    Role.STATION_STAFF: OrganisationKind.OPERATOR,
}
ASSIGNABLE_ROLES = [Role.EXPERT, Role.BUYER, Role.SUPERVISION, Role.BUREAU]
REPRESENTATIVE_ROLES = [Role.BUYER, Role.SUPERVISION, Role.BUREAU]


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting acceptance")
    ACTIVE = "active", _("Taking part")
    CONFLICT = "conflict", _("Withdrawn: declared a conflict of interest")
    RECUSED = "recused", _("Recused at the station's request")
    WITHDRAWN = "withdrawn", _("Withdrawn by the coordinator")


# Not removed: still pending an expert's answer, or taking part.
CURRENT_ASSIGNMENT = (AssignmentStatus.PENDING, AssignmentStatus.ACTIVE)


class AuditAction(enum.StrEnum):
    """What an entry of the audit log records. The part before the dot is the kind of thing it
    concerns; ``evalportal.auditlog`` has a sentence for each."""

    ACCOUNT_PASSWORD_CHANGE = "account.password_change"
    ACCOUNT_PASSWORD_RESET = "account.password_reset"
    ACCOUNT_CREATE = "account.create"
    ACCOUNT_DEACTIVATE = "account.deactivate"
    ACCOUNT_REACTIVATE = "account.reactivate"
    SEASON_CREATE = "season.create"
    SEASON_ADD = "season.add"
    STATION_CREATE = "station.create"
    STATION_UPDATE = "station.update"
    CONTRACT_CREATE = "contract.create"
    CONTRACT_TARGETS = "contract.targets"
    SETUP_IMPORT = "setup.import"
    EVALUATION_DEADLINES = "evaluation.deadlines"
    EXPERT_PROFILE = "expert.profile"
    EXPERT_TIE_ADD = "expert.tie_add"
    EXPERT_TIE_REMOVE = "expert.tie_remove"
    WEBHOOK_SET = "webhook.set"
    EVALUATION_STATUS = "evaluation.status"
    ASSIGNMENT_CREATE = "assignment.create"
    ASSIGNMENT_ACCEPT = "assignment.accept"
    ASSIGNMENT_CONFLICT = "assignment.conflict"
    ASSIGNMENT_WITHDRAW = "assignment.withdraw"
    PANEL_DRAW = "panel.draw"
    RECUSAL_REQUEST = "recusal.request"
    RECUSAL_DECIDE = "recusal.decide"
    SHEET_SAVE = "sheet.save"
    SHEET_SUBMIT = "sheet.submit"
    SHEET_REOPEN = "sheet.reopen"
    SCHEME_PUBLISH = "scheme.publish"
    SCHEME_COPY = "scheme.copy"
    SELF_ASSESSMENT_UPLOAD = "self_assessment.upload"
    SELF_ASSESSMENT_DISCARD = "self_assessment.discard"
    SELF_ASSESSMENT_APPLY = "self_assessment.apply"
    FINDING_CREATE = "finding.create"
    FINDING_UPDATE = "finding.update"
    FINDING_MOVE = "finding.move"
    FINDING_DELETE = "finding.delete"
    MASK_ADD = "mask.add"
    RECOMMENDATION_SAVE = "recommendation.save"
    RECOMMENDATION_MOVE = "recommendation.move"
    RECOMMENDATION_DELETE = "recommendation.delete"
    OBJECTION_RAISE = "objection.raise"
    OBJECTION_ANSWER = "objection.answer"
    FEEDBACK_SIGN_OFF = "feedback.sign_off"
    REPORT_RENDER_REQUESTED = "report.render_requested"
    REPORT_ISSUE = "report.issue"
    REPORT_DOWNLOAD = "report.download"
    RECTIFICATION_UPDATE = "rectification.update"
    RECTIFICATION_REVIEW = "rectification.review"

    @property
    def subject(self) -> str:
        """The kind of thing the entry concerns: ``sheet`` for ``sheet.save``."""
        return self.value.partition(".")[0]

    @classmethod
    def of(cls, *subjects: str) -> tuple[AuditAction, ...]:
        """The actions concerning any of ``subjects``: ``of("sheet")`` is save, submit, reopen."""
        return tuple(action for action in cls if action.subject in subjects)


# The actions that move an evaluation to another status: by hand or by sending the draft, and
# issuing the final report.
STATUS_ACTIONS = (AuditAction.EVALUATION_STATUS, AuditAction.REPORT_ISSUE)

# What set-up records, of no one evaluation (the set-up log).
SETUP_ACTIONS = AuditAction.of(
    "account", "season", "station", "contract", "setup", "expert", "webhook"
)
