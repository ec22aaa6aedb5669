from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.final_reports, name="final_reports"),
    path("evaluations/<int:pk>/report/", views.workflow, name="workflow"),
    path("evaluations/<int:pk>/report/preview/", views.preview, name="preview"),
    path("evaluations/<int:pk>/report/render/", views.render_draft, name="render_draft"),
    path("evaluations/<int:pk>/report/renderings/", views.render_status, name="render_status"),
    path("evaluations/<int:pk>/report/drafts/<int:job_pk>.pdf", views.draft_pdf, name="draft_pdf"),
    path("evaluations/<int:pk>/report/findings/<str:section>/", views.findings, name="findings"),
    path(
        "evaluations/<int:pk>/report/finding/<int:finding_pk>/",
        views.finding_edit,
        name="finding_edit",
    ),
    path(
        "evaluations/<int:pk>/report/finding/<int:finding_pk>/action/",
        views.finding_action,
        name="finding_action",
    ),
    path(
        "evaluations/<int:pk>/report/finding/<int:finding_pk>/evidence/",
        views.finding_evidence,
        name="finding_evidence",
    ),
    path("evaluations/<int:pk>/report/masks/", views.mask_add, name="mask_add"),
    path(
        "evaluations/<int:pk>/report/recommendations/",
        views.recommendation_save,
        name="recommendation_add",
    ),
    path(
        "evaluations/<int:pk>/report/recommendations/<int:recommendation_pk>/",
        views.recommendation_save,
        name="recommendation_edit",
    ),
    path(
        "evaluations/<int:pk>/report/recommendations/<int:recommendation_pk>/action/",
        views.recommendation_action,
        name="recommendation_action",
    ),
    path("evaluations/<int:pk>/report/send/", views.feedback_send, name="feedback_send"),
    path("evaluations/<int:pk>/report/objections/", views.objection_raise, name="objection_raise"),
    path(
        "evaluations/<int:pk>/report/objections/<int:objection_pk>/answer/",
        views.objection_answer,
        name="objection_answer",
    ),
    path("evaluations/<int:pk>/report/sign-off/", views.sign_off, name="sign_off"),
    path("evaluations/<int:pk>/report/issue/", views.issue, name="issue"),
    path("evaluations/<int:pk>/report/final.pdf", views.final_pdf, name="final_pdf"),
    path("evaluations/<int:pk>/rectification/", views.rectification, name="rectification"),
    path(
        "evaluations/<int:pk>/rectification/<int:item_pk>/",
        views.rectification_update,
        name="rectification_update",
    ),
]
