from django.contrib.auth import views as auth_views
from django.urls import path

from stations import views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("stations/<int:pk>/", views.station_detail, name="station_detail"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/log/", views.evaluation_log, name="evaluation_log"),
    path(
        "evaluations/<int:pk>/status/",
        views.evaluation_change_status,
        name="evaluation_change_status",
    ),
]
