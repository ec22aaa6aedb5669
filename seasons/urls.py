from django.urls import path

from seasons import views

app_name = "seasons"
urlpatterns = [
    path("", views.index, name="index"),
    path("seasons/<int:season_pk>/", views.season, name="season"),
    path("template.xlsx", views.template, name="template"),
    path("import/", views.upload, name="upload"),
    path("import/<str:token>/", views.confirm, name="confirm"),
]
