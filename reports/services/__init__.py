"""Writes of the report, by part: ``findings`` (findings, masked names, recommendations),
``feedback`` (the round on the draft), ``issuing`` (renderings, the final report's downloads)
and ``rectification``. The checks they rely on are reads, in ``reports.checks``; the worker's
rendering and issuing is ``reports.jobs``."""

from reports.services.feedback import feedback_send, objection_answer, objection_raise, sign_off
from reports.services.findings import (
    finding_delete,
    finding_move,
    finding_save,
    masked_name_add,
    recommendation_delete,
    recommendation_move,
    recommendation_save,
)
from reports.services.issuing import final_report_downloaded, render_request
from reports.services.rectification import rectification_review, rectification_update

__all__ = [
    "feedback_send",
    "final_report_downloaded",
    "finding_delete",
    "finding_move",
    "finding_save",
    "masked_name_add",
    "objection_answer",
    "objection_raise",
    "recommendation_delete",
    "recommendation_move",
    "recommendation_save",
    "rectification_review",
    "rectification_update",
    "render_request",
    "sign_off",
]
