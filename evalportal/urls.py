from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from evalportal.views import healthz

admin.site.site_header = _("Station evaluation portal · administration")
admin.site.site_title = _("Station evaluation portal")
admin.site.index_title = _("Configuration")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("evaluations/", include("scoring.urls")),
    path("evaluations/", include("indicators.urls")),
    path("", include("reports.urls")),
    path("setup/", include("seasons.urls")),
    path("inbox/", include("notices.urls")),
    path("", include("stations.urls")),
]
