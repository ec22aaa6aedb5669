"""One vocabulary: every enum member is known everywhere it must be, and templates compare
states through the enums, never with string literals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evalportal import auditlog
from indicators.enums import NARRATIVE_SECTIONS, SECTION_TITLES, Section
from indicators.selfassessment import layout
from reports.content.words import LEADS, PARTY_LEADS
from stations import lifecycle
from stations.enums import AuditAction

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.mark.parametrize("action", list(AuditAction))
def test_every_audit_action_reads_as_a_sentence(action):
    assert callable(getattr(auditlog._Describer, action.value.replace(".", "_"), None))


def test_every_audit_action_of_an_evaluation_has_a_kind_in_the_log_filter():
    of_no_evaluation = set(
        AuditAction.of(
            "account", "scheme", "season", "station", "contract", "setup", "expert", "webhook"
        )
    )
    kinds = {a: auditlog.kind_of(a) for a in AuditAction if a not in of_no_evaluation}
    assert [a for a, kind in kinds.items() if not kind] == []
    assert auditlog.kind_of(AuditAction.REPORT_ISSUE) == "status"
    assert auditlog.kind_of(AuditAction.REPORT_DOWNLOAD) == "report"


def test_audit_actions_by_subject():
    assert AuditAction.of("sheet") == (
        AuditAction.SHEET_SAVE,
        AuditAction.SHEET_SUBMIT,
        AuditAction.SHEET_REOPEN,
    )


def test_every_section_has_its_title_and_lead():
    assert set(SECTION_TITLES) == set(Section)
    assert set(LEADS) | set(PARTY_LEADS) == set(Section)
    assert set(LEADS) == set(NARRATIVE_SECTIONS)
    assert layout.NARRATIVE_SECTIONS == [
        ("project_management", "项目管理"),
        ("service_quality", "服务质量"),
        ("service_monitoring", "服务监测"),
        ("service_outcomes", "服务成效"),
    ]


@pytest.mark.parametrize("activity", list(lifecycle.Activity))
def test_every_activity_has_its_stages_and_its_refusal(activity):
    assert lifecycle.OPEN[activity]
    assert str(lifecycle.REFUSALS[activity])


# A state compared with a literal: {% if job.status == "done" %}. What is not a state (a URL's
# name, a message's level) may be.
LITERAL = re.compile(r"([\w.]+) (?:==|!=|in|not in) [\"'][\w ]+[\"']")
NOT_STATES = {"request.resolver_match.url_name", "message.tags"}


def test_templates_compare_states_through_the_enums():
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in LITERAL.finditer(path.read_text(encoding="utf-8"))
        if match.group(1) not in NOT_STATES
    ]
    assert found == []
