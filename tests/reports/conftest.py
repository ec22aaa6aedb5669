from __future__ import annotations

import pytest

from indicators.demo import load_seed_figures
from reports import demo as report_demo
from reports import jobs, services
from reports.models import RenderJob
from scoring.demo import load_seed_scores
from stations.demo import load_seed_station
from stations.models import User


@pytest.fixture
def drafting(db, settings):
    """The seed evaluation while its report is written: figures and scores in, no findings."""
    seed = load_seed_station()
    load_seed_figures(seed)
    load_seed_scores(seed)
    return seed


@pytest.fixture
def written(drafting):
    """The seed's findings, masked name and recommendations written; not yet sent."""
    report_demo.write_seed_findings(drafting)
    drafting.evaluation.refresh_from_db()
    return drafting


@pytest.fixture
def in_feedback(written):
    services.feedback_send(
        evaluation=written.evaluation, by=User.objects.get(username="coordinator")
    )
    written.evaluation.refresh_from_db()
    return written


def sign_all(seed, except_party=None):
    for party, username in report_demo.SIGNERS.items():
        if party != except_party:
            services.sign_off(
                evaluation=seed.evaluation,
                party=party,
                by=User.objects.get(username=username),
                decision="no_objection",
            )


@pytest.fixture
def issued(in_feedback):
    """The report issued through the service, with a stand-in PDF: these tests are about who may
    do what afterwards; rendering itself is tested above."""
    sign_all(in_feedback)
    job = RenderJob.objects.create(
        evaluation=in_feedback.evaluation,
        kind="final",
        status="done",
        requested_by=User.objects.get(username="coordinator"),
    )
    jobs.issue(job, b"%PDF-1.7 stand-in")
    in_feedback.evaluation.refresh_from_db()
    return in_feedback
