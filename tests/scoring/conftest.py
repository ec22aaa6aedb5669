from __future__ import annotations

from scoring import services
from stations.models import Role, Status
from tests.conftest import fresh_world
from tests.layers import layer


@layer(parent="world", fresh=fresh_world)
def panel(world):
    """The world's evaluation on site, with its expert's sheet ready and one representative of
    each other party assigned (each with a sheet)."""
    evaluation = world.evaluation
    evaluation.status = Status.ON_SITE
    evaluation.save()
    coordinator = world.users[Role.COORDINATOR]
    expert_assignment = evaluation.assignments.get(user=world.users[Role.EXPERT])
    services.sheet_ensure(assignment=expert_assignment)
    for role in (Role.BUYER, Role.SUPERVISION, Role.BUREAU):
        services.assignment_create(
            evaluation=evaluation, user=world.users[role], role=role, by=coordinator
        )
    return fresh_world(world)


def sheet_of(world, who):
    from scoring.models import ScoreSheet

    return ScoreSheet.objects.select_related("assignment", "evaluation__scheme").get(
        evaluation=world.evaluation, assignment__user=world.users[who]
    )
