"""Reads that decide whether the draft may go out and the report be issued, and what to check
before: the figures authors may cite, unknown citations, numbers typed by hand, the current
feedback round."""

from __future__ import annotations

from functools import cached_property

from django.utils.translation import gettext as _

from indicators.enums import UploadStatus
from indicators.selectors import Figures, evaluation_figures
from reports import content
from reports import text as report_text
from reports.models import (
    FeedbackParty,
    FeedbackRound,
    Finding,
    MaskedName,
    Objection,
    Recommendation,
    SignOff,
)
from scoring.selectors import Summary, evaluation_scores
from stations.models import Evaluation, Status


class Basis:
    """What the checks and the report's page read, each at most once per request and only when
    asked: the station's figures, the scores, the figures authors may cite as 【name】 (by name,
    as the report prints them), the findings, the names to mask, the current feedback round."""

    def __init__(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation

    @cached_property
    def figures(self) -> Figures:
        return evaluation_figures(self.evaluation)

    @cached_property
    def summary(self) -> Summary:
        return evaluation_scores(self.evaluation)

    @cached_property
    def values(self) -> dict[str, str]:
        return content.figure_values(self.evaluation, self.figures, self.summary)

    @cached_property
    def findings(self) -> list[Finding]:
        return list(Finding.objects.filter(evaluation=self.evaluation))

    @cached_property
    def masks(self) -> list[str]:
        return list(
            MaskedName.objects.filter(evaluation=self.evaluation).values_list("name", flat=True)
        )

    @cached_property
    def recommendations(self) -> list[Recommendation]:
        return list(Recommendation.objects.filter(evaluation=self.evaluation))

    @cached_property
    def round(self) -> FeedbackRound | None:
        return current_round(self.evaluation)

    @cached_property
    def sign_offs(self) -> list[SignOff]:
        """The current round's sign-offs."""
        if self.round is None:
            return []
        return list(SignOff.objects.filter(round=self.round).select_related("user"))

    @cached_property
    def objections(self) -> list[Objection]:
        """Every round's objections, in order."""
        return list(
            Objection.objects.filter(round__evaluation=self.evaluation)
            .select_related("finding__service_area", "raised_by", "answered_by", "round")
            .order_by("round__number", "raised_at")
        )

    @cached_property
    def has_figures(self) -> bool:
        """Whether the station's figures were uploaded (and applied)."""
        if "figures" in self.__dict__:  # already read: no need to ask again
            return self.figures.upload is not None
        return self.evaluation.self_assessment_uploads.filter(status=UploadStatus.APPLIED).exists()

    def printer(self):
        """A function printing what someone wrote as the report will: figures filled in,
        marked names masked."""
        return content.printer(self.values, self.masks)


def figure_values(evaluation: Evaluation) -> dict[str, str]:
    """The figures authors may cite as 【name】, by name, as the report prints them."""
    return Basis(evaluation).values


def draft_problems(evaluation: Evaluation, basis: Basis | None = None) -> list[str]:
    """Why the draft cannot go out yet (empty when it can)."""
    basis = basis or Basis(evaluation)
    problems = []
    if basis.summary.provisional:
        problems.append(_("Not every score sheet is submitted."))
    if not basis.has_figures:
        problems.append(_("The station's figures have not been uploaded."))
    if not basis.findings:
        problems.append(_("No finding has been written."))
    return problems


def current_round(evaluation: Evaluation) -> FeedbackRound | None:
    return FeedbackRound.objects.filter(evaluation=evaluation).order_by("-number").first()


def issue_problems(evaluation: Evaluation, basis: Basis | None = None) -> list[str]:
    """Why the final report cannot be issued yet (empty when it can)."""
    if evaluation.status != Status.FEEDBACK:
        return [_("The draft must be out for feedback before the final report is issued.")]
    basis = basis or Basis(evaluation)
    unknown = report_unknown_tokens(evaluation, basis)
    problems = draft_problems(evaluation, basis)
    signed = {s.party for s in basis.sign_offs}
    missing = [str(FeedbackParty(p).label) for p in FeedbackParty.values if p not in signed]
    if missing:
        problems.append(_("Not signed off yet: %(parties)s.") % {"parties": "、".join(missing)})
    if any(not o.answer for o in basis.objections):
        problems.append(_("Some objections are not answered."))
    if unknown:
        problems.append(
            _("Findings cite unknown figures: %(names)s.") % {"names": "、".join(unknown)}
        )
    return problems


def report_unknown_tokens(evaluation: Evaluation, basis: Basis | None = None) -> list[str]:
    values = (basis or Basis(evaluation)).values
    basis = basis or Basis(evaluation)
    texts = [finding.text for finding in basis.findings]
    texts += [recommendation.text for recommendation in basis.recommendations]
    return sorted({f"【{n}】" for t in texts for n in report_text.unknown_tokens(t, values)})


def report_typed_numbers(
    evaluation: Evaluation, basis: Basis | None = None
) -> list[tuple[Finding, list[str]]]:
    """Findings with numbers typed by hand that match none of the figures: to check before
    issuing (a typo, or a figure that should be cited as 【name】)."""
    basis = basis or Basis(evaluation)
    result = []
    for finding in basis.findings:
        numbers = report_text.typed_numbers(finding.text, basis.values)
        if numbers:
            result.append((finding, numbers))
    return result
