from django.urls import path

from scoring import views

app_name = "scoring"

urlpatterns = [
    path("<int:pk>/panel/", views.panel, name="panel"),
    path("<int:pk>/panel/assign/", views.assignment_add, name="assignment_add"),
    path("<int:pk>/panel/draw/", views.panel_draw, name="panel_draw"),
    path(
        "<int:pk>/panel/<int:assignment_pk>/withdraw/",
        views.assignment_withdraw,
        name="assignment_withdraw",
    ),
    path(
        "<int:pk>/panel/<int:assignment_pk>/accept/",
        views.assignment_accept,
        name="assignment_accept",
    ),
    path("<int:pk>/recusals/", views.recusal_request, name="recusal_request"),
    path(
        "<int:pk>/recusals/<int:request_pk>/decide/",
        views.recusal_decide,
        name="recusal_decide",
    ),
    path("<int:pk>/sheets/<int:sheet_pk>/", views.sheet, name="sheet"),
    path("<int:pk>/sheets/<int:sheet_pk>/reopen/", views.sheet_reopen, name="sheet_reopen"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results/panel/", views.panel_scores, name="panel_scores"),
]
