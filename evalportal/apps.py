from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class EvalportalConfig(AppConfig):
    name = "evalportal"
    verbose_name = "evalportal"


# Third-party apps under names of the portal's, in its languages (their own are English only).
class AxesConfig(AxesAppConfig):
    verbose_name = _("Log-in throttling")


class TasksDatabaseConfig(TasksAppConfig):
    # django-tasks-db's literal makes mypy infer str; an app's verbose_name may be lazy text.
    verbose_name = _("Background work")  # type: ignore[assignment]
