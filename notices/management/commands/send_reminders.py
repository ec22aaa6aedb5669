"""Reminders and the daily digest, by e-mail in Chinese (run it once a day from cron or a
systemd timer; README): each person's to-do items due in ``REMINDER_DAYS_BEFORE`` days, and
those that became overdue today, once per person, item and moment; and, to those who chose it,
the day's notifications in one mail. Running it twice on a day sends nothing twice."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from evalportal import todo
from evalportal.describe import describe
from notices.models import Notification, Reminder
from stations.models import User


def _reminders(user: User, today: dt.date) -> list[tuple[todo.Todo, str]]:
    """``user``'s items to remind of today, each recorded first so it is sent once."""
    found = []
    for item in todo.todos(user, today=today):
        if item.due is None or not item.opened:
            continue
        if (item.due - today).days == settings.REMINDER_DAYS_BEFORE:
            moment = Reminder.Moment.BEFORE
        elif today == item.due + dt.timedelta(days=1):
            moment = Reminder.Moment.OVERDUE
        else:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    user=user,
                    evaluation=item.evaluation,
                    kind=item.kind,
                    moment=moment,
                    due=item.due,
                )
        except IntegrityError:  # already reminded
            continue
        found.append((item, str(moment)))
    return found


def _reminder_mail(user: User, items: list[tuple[todo.Todo, str]]) -> tuple[str, str]:
    lines = []
    for item, moment in items:
        when = "已于" if moment == Reminder.Moment.OVERDUE else "将于"
        suffix = "到期，现已逾期" if moment == Reminder.Moment.OVERDUE else "到期"
        lines.append(
            f"· {item.evaluation.contract.station}（{item.evaluation.get_stage_display()}）："
            f"{item.kind.label}{('（' + item.detail + '）') if item.detail else ''}，"
            f"{when} {item.due:%Y-%m-%d} {suffix}\n  {settings.PORTAL_URL}{item.link}"
        )
    body = f"{user}，您好：\n\n以下事项请及时处理：\n\n" + "\n".join(lines)
    return "社工站评估平台：待办提醒", body + "\n\n此邮件由社工站评估平台自动发送，请勿直接回复。\n"


def _digest(user: User) -> tuple[list[int], str]:
    pending = list(
        Notification.objects.filter(user=user, digest=True, mailed_at__isnull=True)
        .select_related("entry", "evaluation__contract__station__street", "user")
        .order_by("created_at")
    )
    lines = []
    for n in pending:
        line = describe(n.entry, n.evaluation, user)
        where = f"{n.evaluation.contract.station}：" if n.evaluation else ""
        lines.append(f"· {where}{line.sentence}")
    body = f"{user}，您好：\n\n今天的动态：\n\n" + "\n".join(lines)
    body += f"\n\n查看全部消息：{settings.PORTAL_URL}/inbox/\n"
    return [n.pk for n in pending], body


class Command(BaseCommand):
    help = "Send today's reminders of due and overdue steps and the daily digests (once a day)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="the day to run for (YYYY-MM-DD), by default today")

    def handle(self, *args, **options) -> None:
        try:
            today = (
                dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
            )
        except ValueError as exc:
            raise CommandError(_("The date is YYYY-MM-DD.")) from exc
        people = User.objects.filter(is_active=True, email__gt="").order_by("pk")
        reminded = digests = 0
        with translation.override("zh-hans"):
            for user in people:
                items = _reminders(user, today)
                if items:
                    subject, body = _reminder_mail(user, items)
                    send_mail(subject, body, None, [user.email])
                    reminded += len(items)
                ids, body = _digest(user)
                if ids:
                    send_mail("社工站评估平台：今日动态", body, None, [user.email])
                    Notification.objects.filter(pk__in=ids).update(mailed_at=timezone.now())
                    digests += 1
        self.stdout.write(
            _("%(reminders)s reminders and %(digests)s daily digests sent.")
            % {"reminders": reminded, "digests": digests}
        )
