from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from notices import signals  # noqa: F401, PLC0415 - connects the audit log's receiver
