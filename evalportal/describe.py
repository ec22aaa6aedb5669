"""One audit event as one sentence for one reader, with the link to where it happened (only a
page that reader may open) and its note: an evaluation's events in its log's words, the others
(accounts, set-up) in set-up's. The inbox, the e-mails, the digest and the work-chat messages
all say an event this way."""

from __future__ import annotations

from dataclasses import dataclass

from evalportal import auditlog
from evalportal.auditlog_setup import setup_lines
from stations.models import AuditEntry, Evaluation, User


@dataclass(frozen=True)
class Line:
    sentence: str
    link: str  # a path; "" when there is nothing to open
    note: str


def describe(entry: AuditEntry, evaluation: Evaluation | None, reader: User) -> Line:
    """``entry`` (of ``evaluation``, loaded with its station and street, or of none) as
    ``reader`` reads it."""
    if evaluation is None:
        [plain] = setup_lines([entry])
        return Line(plain.sentence, "", plain.note)
    [line] = auditlog.lines([entry], evaluation, reader)
    return Line(line.sentence, line.link or f"/evaluations/{evaluation.pk}/", line.note)
