"""The report's pages: writing it (``writing``), the draft and its feedback round up to issue
(``feedback``), and what follows issue (``issued``)."""

from reports.views.feedback import (
    draft_pdf,
    feedback_send,
    issue,
    objection_answer,
    objection_raise,
    preview,
    render_draft,
    render_status,
    sign_off,
)
from reports.views.issued import final_pdf, final_reports, rectification, rectification_update
from reports.views.writing import (
    finding_action,
    finding_edit,
    finding_evidence,
    findings,
    mask_add,
    recommendation_action,
    recommendation_save,
    workflow,
)

__all__ = [
    "draft_pdf",
    "feedback_send",
    "final_pdf",
    "final_reports",
    "finding_action",
    "finding_edit",
    "finding_evidence",
    "findings",
    "issue",
    "mask_add",
    "objection_answer",
    "objection_raise",
    "preview",
    "recommendation_action",
    "recommendation_save",
    "rectification",
    "rectification_update",
    "render_draft",
    "render_status",
    "sign_off",
    "workflow",
]
