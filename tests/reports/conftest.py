from __future__ import annotations

from reports import demo as report_demo
from reports import jobs, services
from reports.models import RenderJob
from scoring.demo import load_seed_scores
from stations.models import User
from tests.conftest import fresh_seed
from tests.layers import layer


@layer(parent="seeded", fresh=fresh_seed)
def drafting(seed):
    """The seed evaluation while its report is written: figures and scores in, no findings."""
    load_seed_scores(seed)
    return fresh_seed(seed)


@layer(parent="drafting", fresh=fresh_seed)
def written(seed):
    """The seed's findings, masked name and recommendations written; not yet sent."""
    report_demo.write_seed_findings(seed)
    return fresh_seed(seed)


@layer(parent="written", fresh=fresh_seed)
def in_feedback(seed):
    """The draft sent to the parties."""
    services.feedback_send(evaluation=seed.evaluation, by=User.objects.get(username="coordinator"))
    return fresh_seed(seed)


def sign_all(seed, except_party=None):
    for party, username in report_demo.SIGNERS.items():
        if party != except_party:
            services.sign_off(
                evaluation=seed.evaluation,
                party=party,
                by=User.objects.get(username=username),
                decision="no_objection",
            )


@layer(parent="in_feedback", fresh=fresh_seed)
def issued(seed):
    """The report issued through the service, with a stand-in PDF: these tests are about who may
    do what afterwards; rendering itself is tested above."""
    sign_all(seed)
    job = RenderJob.objects.create(
        evaluation=seed.evaluation,
        kind="final",
        status="done",
        requested_by=User.objects.get(username="coordinator"),
    )
    jobs.issue(job, b"%PDF-1.7 stand-in")
    return fresh_seed(seed)
