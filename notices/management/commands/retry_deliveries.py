"""Try again the work-chat messages and e-mails whose last try failed and whose pause is over
(run it from cron or a systemd timer every few minutes)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from notices.models import Delivery, Notification
from notices.tasks import send_notification_mail, send_webhook


class Command(BaseCommand):
    help = "Try again the work-chat messages and e-mails that failed, once their pause is over."

    def handle(self, *args, **options) -> None:
        due = Delivery.objects.filter(
            status=Delivery.Status.PENDING,
            attempts__gt=0,
            next_attempt_at__lte=timezone.now(),
        ).values_list("pk", flat=True)
        count = 0
        for pk in list(due):
            send_webhook.call(pk)
            count += 1
        mails = Notification.objects.filter(
            mailed_at__isnull=True, mail_attempts__gt=0, next_mail_at__lte=timezone.now()
        ).values_list("pk", flat=True)
        mailed = 0
        for pk in list(mails):
            send_notification_mail.call(pk)
            mailed += 1
        self.stdout.write(
            _("%(n)s work-chat messages and %(mails)s e-mails tried again.")
            % {"n": count, "mails": mailed}
        )
