"""What is issued, by part: ``findings`` (findings, masked names, recommendations), ``feedback``
(the round on the draft), ``issuing`` (renderings, the final report) and ``rectification``."""

from reports.enums import FeedbackParty, Polarity, Section
from reports.models.feedback import FeedbackRound, Objection, SignOff
from reports.models.findings import Finding, MaskedName, Recommendation, evidence_path
from reports.models.issuing import FinalReport, RenderJob, render_path
from reports.models.rectification import Rectification

__all__ = [
    "FeedbackParty",
    "FeedbackRound",
    "FinalReport",
    "Finding",
    "MaskedName",
    "Objection",
    "Polarity",
    "Recommendation",
    "Rectification",
    "RenderJob",
    "Section",
    "SignOff",
    "evidence_path",
    "render_path",
]
