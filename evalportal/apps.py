from django.apps import AppConfig


class EvalportalConfig(AppConfig):
    name = "evalportal"
    verbose_name = "evalportal"
