from django.contrib.auth import views as auth_views
from django.urls import path

from stations import accounts, views
from stations.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/changed/",
        accounts.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("stations/<int:pk>/", views.station_detail, name="station_detail"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/log/", views.evaluation_log, name="evaluation_log"),
    path("evaluations/<int:pk>/log.xlsx", views.evaluation_log_xlsx, name="evaluation_log_xlsx"),
    path(
        "evaluations/<int:pk>/status/",
        views.evaluation_change_status,
        name="evaluation_change_status",
    ),
]
