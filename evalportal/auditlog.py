"""The audit log read as people read it: each entry a sentence in the interface's language, of a
kind (status, panel, scores …), linking to what it concerns; and the same lines as an .xlsx.

Entries are written by every app's services (``stations.services.audit_record``); describing
them needs every app's vocabulary (sections, parties, answers), so this module sits at the top,
beside the URLconf, and only views use it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import cast

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evalportal.auditlog_setup import SetupSentences, label_of
from reports.models import FeedbackParty, Objection, Rectification, RenderJob, Section, SignOff
from scoring.models import Party, RecusalRequest
from stations import access
from stations.access import Action
from stations.enums import STATUS_ACTIONS, AuditAction
from stations.models import AuditEntry, Evaluation, Role, Status, User
from stations.selectors import audit_entries

# Kinds of entry, in the order the filter offers them, with the actions of each.
KINDS: dict[str, tuple[object, tuple[AuditAction, ...]]] = {
    "status": (gettext_lazy("Status"), (*STATUS_ACTIONS, AuditAction.EVALUATION_DEADLINES)),
    "panel": (
        gettext_lazy("Panel and recusal"),
        AuditAction.of("assignment", "panel", "recusal"),
    ),
    "scores": (gettext_lazy("Scores"), AuditAction.of("sheet")),
    "figures": (gettext_lazy("The station's figures"), AuditAction.of("self_assessment")),
    "findings": (
        gettext_lazy("Findings and recommendations"),
        AuditAction.of("finding", "mask", "recommendation"),
    ),
    "feedback": (gettext_lazy("Feedback on the draft"), AuditAction.of("objection", "feedback")),
    "report": (
        gettext_lazy("Renderings, issue and downloads"),
        tuple(a for a in AuditAction.of("report") if a not in STATUS_ACTIONS),
    ),
    "rectification": (gettext_lazy("Rectification"), AuditAction.of("rectification")),
}
_KIND_OF: dict[str, str] = {
    action: kind for kind, (_label, actions) in KINDS.items() for action in actions
}


def kind_of(action: str) -> str:
    return _KIND_OF.get(action, "")


@dataclass(frozen=True)
class LogLine:
    at: dt.datetime
    by: str
    kind: str
    kind_label: str
    sentence: str
    link: str  # the page of what the entry concerns ("" when there is none to open)
    note: str


class _Describer(SetupSentences):
    """Turns entries of one evaluation into sentences for one reader (links only to pages that
    reader may open)."""

    def __init__(self, evaluation: Evaluation, user: User) -> None:
        self.evaluation = evaluation
        pk = evaluation.pk
        self.pk = pk
        self.can_read_sheets = access.can(user, Action.READ_SHEETS, evaluation)
        self.can_read_uploads = access.can(user, Action.READ_UPLOADS, evaluation)
        self.report = reverse("reports:workflow", args=[pk])
        self.panel = (  # only for a reader who may open it
            reverse("scoring:panel", args=[pk])
            if access.can(user, Action.VIEW_PANEL, evaluation)
            else ""
        )
        self.rectification = reverse("reports:rectification", args=[pk])

    def __call__(self, entry: AuditEntry) -> tuple[str, str]:
        c = entry.changes or {}
        who = entry.actor_name or _("The portal")
        action = entry.action
        method = getattr(self, action.replace(".", "_"), None)
        if method is None:
            return _("%(who)s: %(action)s") % {"who": who, "action": action}, ""
        return method(who, c)

    # --- status and panel ---

    def evaluation_status(self, who, c):
        old, new = (c.get("status") or [None, None])[:2]
        values = {"who": who, "from": label_of(Status, old), "to": label_of(Status, new)}
        if new == Status.FEEDBACK and c.get("round"):
            values["n"] = c["round"]
            return _("%(who)s sent the draft for feedback (round %(n)s).") % values, self.report
        if (
            old in Status.values
            and new in Status.values
            and Status.values.index(new) < Status.values.index(old)
        ):
            return _("%(who)s moved the evaluation back from “%(from)s” to “%(to)s”.") % values, ""
        return _("%(who)s moved the evaluation from “%(from)s” to “%(to)s”.") % values, ""

    def assignment_create(self, who, c):
        values = {"who": who, "user": c.get("user", ""), "role": label_of(Role, c.get("role"))}
        return _("%(who)s assigned %(user)s as %(role)s.") % values, self.panel

    def assignment_accept(self, who, c):
        return _("%(who)s accepted the assignment and declared no tie.") % {"who": who}, self.panel

    def assignment_conflict(self, who, c):
        return _("%(who)s declared a tie and withdrew from scoring.") % {"who": who}, self.panel

    def assignment_withdraw(self, who, c):
        values = {"who": who, "user": c.get("user", "")}
        return _("%(who)s took %(user)s off the panel.") % values, self.panel

    def panel_draw(self, who, c):
        drawn = "、".join(c.get("drawn", []))
        values = {"who": who, "n": c.get("asked", ""), "drawn": drawn, "seed": c.get("seed", "")}
        if c.get("short_by"):
            values["short"] = c["short_by"]
            return (
                _(
                    "%(who)s drew experts (%(n)s asked, %(short)s short: too few could be "
                    "drawn): %(drawn)s (seed %(seed)s)."
                )
                % values,
                self.panel and self.panel + "#draws",
            )
        return (
            _("%(who)s drew %(n)s experts: %(drawn)s (seed %(seed)s).") % values,
            self.panel and self.panel + "#draws",
        )

    def recusal_request(self, who, c):
        values = {"who": who, "expert": c.get("expert", "")}
        return _("%(who)s asked that %(expert)s recuse.") % values, self.panel

    def recusal_decide(self, who, c):
        values = {"who": who, "expert": c.get("expert", "")}
        if c.get("decision") == RecusalRequest.Decision.UPHELD:
            return _("%(who)s upheld the request that %(expert)s recuse.") % values, self.panel
        return _("%(who)s rejected the request that %(expert)s recuse.") % values, self.panel

    # --- scores and figures ---

    def _sheet(self, c) -> str:
        if self.can_read_sheets and c.get("sheet"):
            return reverse("scoring:sheet", args=[self.pk, c["sheet"]])
        return ""

    def sheet_save(self, who, c):
        values = {"who": who, "n": c.get("items", ""), "party": label_of(Party, c.get("party"))}
        return _("%(who)s changed %(n)s scores on the %(party)s sheet.") % values, self._sheet(c)

    def sheet_submit(self, who, c):
        values = {"who": who, "party": label_of(Party, c.get("party"))}
        return _("%(who)s submitted the %(party)s score sheet.") % values, self._sheet(c)

    def sheet_reopen(self, who, c):
        values = {
            "who": who,
            "scorer": c.get("scorer", ""),
            "party": label_of(Party, c.get("party")),
        }
        return (
            _("%(who)s reopened the %(party)s score sheet of %(scorer)s.") % values,
            self._sheet(c),
        )

    def _upload(self, c) -> str:
        if self.can_read_uploads and c.get("upload"):
            return reverse("indicators:upload_preview", args=[self.pk, c["upload"]])
        return reverse("indicators:indicator_page", args=[self.pk])

    def self_assessment_upload(self, who, c):
        values = {"who": who, "file": c.get("file", "")}
        return _("%(who)s uploaded the self-assessment “%(file)s”.") % values, self._upload(c)

    def self_assessment_apply(self, who, c):
        values = {"who": who, "file": c.get("file", "")}
        return _("%(who)s applied the figures of “%(file)s”.") % values, self._upload(c)

    def self_assessment_discard(self, who, c):
        values = {"who": who, "file": c.get("file", "")}
        return _("%(who)s discarded the self-assessment “%(file)s”.") % values, self._upload(c)

    # --- the portal's own entries (of no evaluation) ---

    def account_password_change(self, who, c):
        return _("%(who)s changed their password.") % {"who": who}, ""

    def account_password_reset(self, who, c):
        return _("%(who)s chose a new password by e-mail.") % {"who": who}, ""

    def scheme_publish(self, who, c):
        values = {"who": who, "name": c.get("name", ""), "version": c.get("version", "")}
        return _("%(who)s published the scheme “%(name)s” (version %(version)s).") % values, ""

    def scheme_copy(self, who, c):
        values = {"who": who, "name": c.get("name", ""), "version": c.get("version", "")}
        return _("%(who)s made version %(version)s of the scheme “%(name)s”.") % values, ""

    # --- findings and recommendations ---

    def _findings(self, c) -> str:
        section = c.get("section")
        if section not in Section.values:
            return self.report + "#sections"
        url = reverse("reports:findings", args=[self.pk, section])
        return f"{url}#finding-{c['finding']}" if c.get("finding") else url

    def finding_create(self, who, c):
        values = {"who": who, "section": label_of(Section, c.get("section"))}
        return _("%(who)s wrote a finding in “%(section)s”.") % values, self._findings(c)

    def finding_update(self, who, c):
        values = {"who": who, "section": label_of(Section, c.get("section"))}
        return _("%(who)s changed a finding in “%(section)s”.") % values, self._findings(c)

    def finding_move(self, who, c):
        return _("%(who)s moved a finding up or down.") % {"who": who}, self._findings(c)

    def finding_delete(self, who, c):
        values = {"who": who, "section": label_of(Section, c.get("section"))}
        link = self._findings({"section": c.get("section")})
        return _("%(who)s deleted a finding in “%(section)s”.") % values, link

    def mask_add(self, who, c):
        values = {"who": who, "mask": c.get("mask", "")}
        return _(
            "%(who)s marked a name to mask (printed %(mask)s)."
        ) % values, self.report + "#masks"

    def recommendation_save(self, who, c):
        link = self.report + "#recommendations"
        if c.get("created", True) and not c.get("old"):
            return _("%(who)s wrote a recommendation.") % {"who": who}, link
        return _("%(who)s changed a recommendation.") % {"who": who}, link

    def recommendation_move(self, who, c):
        return _("%(who)s moved a recommendation.") % {"who": who}, self.report + "#recommendations"

    def recommendation_delete(self, who, c):
        link = self.report + "#recommendations"
        return _("%(who)s deleted a recommendation.") % {"who": who}, link

    # --- feedback, issue, rectification ---

    def objection_raise(self, who, c):
        values = {"who": who, "party": label_of(FeedbackParty, c.get("party"))}
        link = f"{self.report}#objection-{c['objection']}" if c.get("objection") else self.report
        return _("%(who)s objected to the draft for the %(party)s.") % values, link

    def objection_answer(self, who, c):
        values = {"who": who, "answer": label_of(Objection.Answer, c.get("answer"))}
        link = f"{self.report}#objection-{c['objection']}" if c.get("objection") else self.report
        return _("%(who)s answered an objection: %(answer)s.") % values, link

    def feedback_sign_off(self, who, c):
        values = {
            "who": who,
            "party": label_of(FeedbackParty, c.get("party")),
            "decision": label_of(SignOff.Decision, c.get("decision")),
        }
        return (
            _("%(who)s signed off the draft for the %(party)s: %(decision)s.") % values,
            self.report + "#feedback",
        )

    def report_render_requested(self, who, c):
        values = {"who": who, "kind": label_of(RenderJob.Kind, c.get("kind"))}
        return _("%(who)s asked for a PDF of the %(kind)s.") % values, self.report + "#draft"

    def report_issue(self, who, c):
        return _("%(who)s issued the final report.") % {"who": who}, self.report + "#final"

    def report_download(self, who, c):
        return _("%(who)s downloaded the final report.") % {"who": who}, self.report + "#final"

    def rectification_update(self, who, c):
        values = {"who": who, "status": label_of(Rectification.Status, c.get("status"))}
        link = f"{self.rectification}#item-{c['item']}" if c.get("item") else self.rectification
        return _("%(who)s reported on a rectification item: %(status)s.") % values, link

    def rectification_review(self, who, c):
        values = {"who": who, "review": label_of(Rectification.Review, c.get("review"))}
        link = f"{self.rectification}#item-{c['item']}" if c.get("item") else self.rectification
        return _("%(who)s reviewed a rectification item: %(review)s.") % values, link


def lines(entries: Iterable[AuditEntry], evaluation: Evaluation, user: User) -> list[LogLine]:
    """The entries as sentences for ``user``, in the order given."""
    describe = _Describer(evaluation, user)
    result = []
    for entry in entries:
        sentence, link = describe(entry)
        kind = kind_of(entry.action)
        result.append(
            LogLine(
                at=entry.at,
                by=entry.actor_name,
                kind=kind,
                kind_label=str(KINDS[kind][0]) if kind else "",
                sentence=sentence,
                link=link,
                note=entry.note,
            )
        )
    return result


def xlsx(log: list[LogLine], title: str) -> bytes:
    """The lines as a workbook: when, who, kind, what, note. Text stays text (a note starting
    with “=” is not a formula)."""
    from openpyxl import Workbook  # noqa: PLC0415 - heavy, and only for a download
    from openpyxl.styles import Font  # noqa: PLC0415

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its one sheet
    ws.title = _("Log")[:31]
    ws.append([title])
    ws["A1"].font = Font(bold=True)
    headings = [_("When"), _("Who"), _("Kind"), _("What"), _("Reason or note")]
    ws.append(headings)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for line in log:
        ws.append(
            [
                timezone.localtime(line.at).replace(tzinfo=None),  # Guangzhou time, as shown
                line.by,
                line.kind_label,
                line.sentence,
                line.note,
            ]
        )
        row = ws[ws.max_row]
        row[0].number_format = "yyyy-mm-dd hh:mm:ss"
        for cell in row[1:]:
            cell.data_type = "s"
    ws.freeze_panes = "A3"  # the title and the headings stay in view
    for column, width in zip("ABCDE", (20, 24, 16, 60, 50), strict=True):
        ws.column_dimensions[column].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


class LogFilter(forms.Form):
    """Which entries of the log to show: of a kind, by a person."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    person = forms.ChoiceField(label=gettext_lazy("Person"), required=False)

    def __init__(self, *args, actors: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [everything, *((k, v[0]) for k, v in KINDS.items())]
        person = cast(forms.ChoiceField, self.fields["person"])
        person.choices = [everything, *((a, a) for a in actors)]


def filter_label(form: LogFilter) -> str:
    """What the filter keeps, in words (empty when it keeps everything)."""
    data = form.cleaned_data if form.is_valid() else {}
    parts = []
    if data.get("kind") in KINDS:
        parts.append(str(KINDS[data["kind"]][0]))
    if data.get("person"):
        parts.append(data["person"])
    return "、".join(parts)


def entries_for(evaluation: Evaluation, form: LogFilter):
    """The entries the filter asks for (all when it is empty or invalid), newest first."""
    data = form.cleaned_data if form.is_valid() else {}
    kind = data.get("kind") or ""
    return audit_entries(
        evaluation,
        actions=KINDS[kind][1] if kind in KINDS else None,
        actor=data.get("person") or None,
    )
