"""Words of third-party apps and of Django itself, marked here so that the portal's catalogue
translates them: django-axes and django-tasks-db ship no Chinese, and a few of Django's own
Chinese words read badly (a half-width colon after every label, “Email”). Never imported:
``makemessages`` reads it."""

from django.utils.translation import gettext_noop

WORDS = [
    # django-axes (log-in throttling)
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("Failed Logins"),
    gettext_noop("Expires At"),
    gettext_noop("Logout Time"),
    gettext_noop("Locked Out"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    # Django's own, better said
    gettext_noop(":"),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Email"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    # django-tasks-db (background work)
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("traceback"),
]
