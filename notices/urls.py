from django.urls import path

from notices import views

app_name = "notices"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notification_pk>/", views.open_notification, name="open"),
    path("read/", views.read_all, name="read_all"),
    path("webhooks/", views.webhooks, name="webhooks"),
    path("preferences/", views.preferences, name="preferences"),
]
