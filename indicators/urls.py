from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("<int:pk>/indicators/", views.indicator_page, name="indicator_page"),
    path("<int:pk>/staffing/", views.staffing_page, name="staffing_page"),
    path("<int:pk>/annex/<int:number>.xlsx", views.annex, name="annex"),
    path("<int:pk>/self-assessment/", views.self_assessment, name="self_assessment"),
    path("<int:pk>/self-assessment/template.xlsx", views.template_download, name="template"),
    path(
        "<int:pk>/self-assessment/<int:upload_pk>/",
        views.upload_preview,
        name="upload_preview",
    ),
    path(
        "<int:pk>/self-assessment/<int:upload_pk>/file.xlsx",
        views.upload_file,
        name="upload_file",
    ),
]
