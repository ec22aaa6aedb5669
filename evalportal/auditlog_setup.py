"""The audit log's sentences for set-up: accounts, seasons, stations, contracts, imports (a part
of ``evalportal.auditlog._Describer``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from stations.models import AuditEntry, Role


def label_of(choices, value) -> str:
    """The label of ``value`` among ``choices``, or the stored value itself."""
    return str(choices(value).label) if value in choices.values else str(value or "")


class SetupSentences:
    def account_create(self, who, c):
        values = {"who": who, "user": c.get("user", ""), "org": c.get("organisation", "")}
        values["role"] = label_of(Role, c.get("role"))
        return _("%(who)s opened the account %(user)s (%(role)s, %(org)s).") % values, ""

    def account_deactivate(self, who, c):
        return _("%(who)s deactivated the account %(user)s.") % {
            "who": who,
            "user": c.get("user", ""),
        }, ""

    def account_reactivate(self, who, c):
        return _("%(who)s reactivated the account %(user)s.") % {
            "who": who,
            "user": c.get("user", ""),
        }, ""

    def season_create(self, who, c):
        return _("%(who)s created the season %(season)s.") % {
            "who": who,
            "season": c.get("season", ""),
        }, ""

    def season_add(self, who, c):
        values = {"who": who, "season": c.get("season", ""), "n": len(c.get("stations", []))}
        return _("%(who)s added %(n)s stations to the season %(season)s.") % values, ""

    def station_create(self, who, c):
        return _("%(who)s set up the station %(station)s.") % {
            "who": who,
            "station": c.get("station", ""),
        }, ""

    def station_update(self, who, c):
        return _("%(who)s changed the station %(station)s.") % {
            "who": who,
            "station": c.get("station", ""),
        }, ""

    def contract_create(self, who, c):
        return _("%(who)s entered a contract of %(station)s.") % {
            "who": who,
            "station": c.get("station", ""),
        }, ""

    def contract_targets(self, who, c):
        return _("%(who)s changed the contract targets of %(station)s.") % {
            "who": who,
            "station": c.get("station", ""),
        }, ""

    def setup_import(self, who, c):
        values = {"who": who or _("A command"), "note": ""}
        return _("%(who)s imported a set-up workbook.") % values, ""

    def evaluation_deadlines(self, who, c):
        return _("%(who)s changed the due dates.") % {"who": who}, ""

    def expert_profile(self, who, c):
        return _("%(who)s changed the fields of expertise of %(user)s.") % {
            "who": who,
            "user": c.get("user", ""),
        }, ""

    def expert_tie_add(self, who, c):
        values = {"who": who, "user": c.get("user", ""), "org": c.get("organisation", "")}
        values["nature"] = c.get("nature", "")
        values["period"] = f"{c.get('started_on') or '…'}—{c.get('ended_on') or '…'}"
        return _("%(who)s recorded a tie of %(user)s to %(org)s (%(nature)s, %(period)s).") % (
            values
        ), ""

    def webhook_set(self, who, c):
        values = {"who": who, "org": c.get("organisation", "")}
        if c.get("url"):
            return _("%(who)s set the work-chat webhook of %(org)s.") % values, ""
        return _("%(who)s removed the work-chat webhook of %(org)s.") % values, ""

    def expert_tie_remove(self, who, c):
        values = {"who": who, "user": c.get("user", ""), "org": c.get("organisation", "")}
        values["nature"] = c.get("nature", "")
        values["period"] = f"{c.get('started_on') or '…'}—{c.get('ended_on') or '…'}"
        return _("%(who)s removed a tie of %(user)s to %(org)s (%(nature)s, %(period)s).") % (
            values
        ), ""


@dataclass(frozen=True)
class SetupLine:
    at: dt.datetime
    by: str
    sentence: str
    note: str


def setup_lines(entries: Iterable[AuditEntry]) -> list[SetupLine]:
    """Set-up entries as sentences in the interface's language, in the order given."""
    describe = SetupSentences()
    result = []
    for entry in entries:
        who = entry.actor_name or _("The portal")
        method = getattr(describe, entry.action.replace(".", "_"), None)
        sentence = (
            method(who, entry.changes or {})[0]
            if method is not None
            else _("%(who)s: %(action)s") % {"who": who, "action": entry.action}
        )
        result.append(
            SetupLine(at=entry.at, by=entry.actor_name, sentence=sentence, note=entry.note)
        )
    return result
