"""Reads that decide whether the draft may go out and the report be issued, and what to check
before: the figures authors may cite, unknown citations, numbers typed by hand, the current
feedback round."""

from __future__ import annotations

from django.utils.translation import gettext as _

from indicators.selectors import evaluation_figures
from reports import content
from reports import text as report_text
from reports.models import FeedbackParty, FeedbackRound, Finding, Objection, Recommendation, SignOff
from scoring.selectors import evaluation_scores
from stations.models import Evaluation, Status


def figure_values(evaluation: Evaluation) -> dict[str, str]:
    """The figures authors may cite as 【name】, by name, as the report prints them."""
    return content.figure_values(
        evaluation, evaluation_figures(evaluation), evaluation_scores(evaluation)
    )


def draft_problems(evaluation: Evaluation) -> list[str]:
    """Why the draft cannot go out yet (empty when it can)."""
    problems = []
    if evaluation_scores(evaluation).provisional:
        problems.append(_("Not every score sheet is submitted."))
    if not evaluation.self_assessment_uploads.filter(status="applied").exists():
        problems.append(_("The station's figures have not been uploaded."))
    if not Finding.objects.filter(evaluation=evaluation).exists():
        problems.append(_("No finding has been written."))
    return problems


def current_round(evaluation: Evaluation) -> FeedbackRound | None:
    return FeedbackRound.objects.filter(evaluation=evaluation).order_by("-number").first()


def issue_problems(evaluation: Evaluation) -> list[str]:
    """Why the final report cannot be issued yet (empty when it can)."""
    if evaluation.status != Status.FEEDBACK:
        return [_("The draft must be out for feedback before the final report is issued.")]
    problems = draft_problems(evaluation)
    round_ = current_round(evaluation)
    signed = set(SignOff.objects.filter(round=round_).values_list("party", flat=True))
    missing = [str(FeedbackParty(p).label) for p in FeedbackParty.values if p not in signed]
    if missing:
        problems.append(_("Not signed off yet: %(parties)s.") % {"parties": "、".join(missing)})
    if Objection.objects.filter(round__evaluation=evaluation, answer="").exists():
        problems.append(_("Some objections are not answered."))
    unknown = report_unknown_tokens(evaluation)
    if unknown:
        problems.append(
            _("Findings cite unknown figures: %(names)s.") % {"names": "、".join(unknown)}
        )
    return problems


def report_unknown_tokens(evaluation: Evaluation) -> list[str]:
    values = figure_values(evaluation)
    texts = list(Finding.objects.filter(evaluation=evaluation).values_list("text", flat=True))
    texts += list(
        Recommendation.objects.filter(evaluation=evaluation).values_list("text", flat=True)
    )
    return sorted({f"【{n}】" for t in texts for n in report_text.unknown_tokens(t, values)})


def report_typed_numbers(evaluation: Evaluation) -> list[tuple[Finding, list[str]]]:
    """Findings with numbers typed by hand that match none of the figures: to check before
    issuing (a typo, or a figure that should be cited as 【name】)."""
    values = figure_values(evaluation)
    result = []
    for finding in Finding.objects.filter(evaluation=evaluation):
        numbers = report_text.typed_numbers(finding.text, values)
        if numbers:
            result.append((finding, numbers))
    return result
