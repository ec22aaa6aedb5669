"""The URL patterns of the project and how to fill them for one evaluation: shared by the stage ×
role walk (tests/test_url_walk.py) and the crawler (scripts/crawl.py's test)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from indicators.models import SelfAssessmentUpload
from reports.models import Finding, Objection, Recommendation, Rectification, RenderJob
from scoring.models import RecusalRequest, ScoreSheet
from stations.models import Assignment, Evaluation, ExpertTie, Role, User


def patterns(resolver: URLResolver | None = None, namespace: str = "", prefix: str = ""):
    """(qualified name, route, pattern) of every named URL pattern."""
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from patterns(item, ns, prefix + str(item.pattern))
        elif isinstance(item, URLPattern) and item.name:
            yield f"{namespace}{item.name}", prefix + str(item.pattern), item


def parameters(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.converters or pattern.pattern.regex.groupindex)


@dataclass(frozen=True)
class Walked:
    """One evaluation of the demo season, the demo user who holds each role in it, and the
    objects its URL patterns point at (0 where the evaluation has none of that kind yet)."""

    evaluation: Evaluation
    users: dict[str, str]  # role → username
    kwargs: dict[str, object]


def first_pk(queryset) -> int:
    obj = queryset.order_by("pk").first()
    return obj.pk if obj else 0


def walked(evaluation: Evaluation, users: dict[str, str]) -> Walked:
    expert = users[Role.EXPERT]
    return Walked(
        evaluation=evaluation,
        users=users,
        kwargs={
            "pk": evaluation.pk,
            "season_pk": evaluation.season_id or 0,
            "station": evaluation.contract.station_id,
            "contract_pk": evaluation.contract_id,
            # an account the coordinator and the bureau manage: the street office's
            "user_pk": User.objects.get(username=users[Role.BUYER]).pk,
            "expert_pk": User.objects.get(username=expert).pk,
            "tie_pk": first_pk(ExpertTie.objects.all()),  # the demo's: expert5 to an operator
            "notification_pk": 0,  # nobody's: each person opens only their own
            "sheet_pk": first_pk(
                ScoreSheet.objects.filter(evaluation=evaluation, assignment__user__username=expert)
            ),
            "assignment_pk": first_pk(
                Assignment.objects.filter(evaluation=evaluation, user__username=expert)
            ),
            "request_pk": first_pk(
                RecusalRequest.objects.filter(assignment__evaluation=evaluation)
            ),
            "upload_pk": first_pk(SelfAssessmentUpload.objects.filter(evaluation=evaluation)),
            "number": 1,
            "section": "project_management",
            "finding_pk": first_pk(
                Finding.objects.filter(evaluation=evaluation, section="project_management")
            ),
            "recommendation_pk": first_pk(Recommendation.objects.filter(evaluation=evaluation)),
            "objection_pk": first_pk(
                Objection.objects.filter(round__evaluation=evaluation, answer="")
            ),
            "job_pk": first_pk(
                RenderJob.objects.filter(evaluation=evaluation, kind="draft", status="done")
            ),
            "item_pk": first_pk(Rectification.objects.filter(evaluation=evaluation)),
            # a password-reset link that is not valid (the walk holds no real token)
            "uidb64": "MQ",
            "token": "set-password",  # also a set-up import never previewed
            # the admin's own parameters
            "app_label": "stations",
            "object_id": str(evaluation.pk),
            "content_type_id": "1",
            "id": "1",
            "url": "x",
        },
    )
