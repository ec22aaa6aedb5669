from django.urls import path

from seasons.views import accounts, experts, log, seasons, stations, workbook

app_name = "seasons"
urlpatterns = [
    path("", seasons.index, name="index"),
    path("seasons/new/", seasons.season_new, name="season_new"),
    path("seasons/<int:season_pk>/", seasons.season, name="season"),
    path("seasons/<int:season_pk>/add/", seasons.season_add, name="season_add"),
    path("seasons/<int:season_pk>/draw/", seasons.season_draw, name="season_draw"),
    path("evaluations/<int:pk>/dates/", seasons.evaluation_dates, name="dates"),
    path("stations/", stations.station_list, name="stations"),
    path("stations/new/", stations.station_new, name="station_new"),
    path("stations/<int:station>/", stations.station, name="station"),
    path("stations/<int:station>/edit/", stations.station_edit, name="station_edit"),
    path("stations/<int:station>/areas/", stations.area_add, name="area_add"),
    path("stations/<int:station>/contracts/new/", stations.contract_new, name="contract_new"),
    path("contracts/<int:contract_pk>/targets/", stations.targets, name="targets"),
    path("accounts/", accounts.account_list, name="accounts"),
    path("accounts/new/", accounts.account_new, name="account_new"),
    path("accounts/<int:user_pk>/active/", accounts.account_active, name="account_active"),
    path("experts/", experts.expert_list, name="experts"),
    path("experts/<int:expert_pk>/", experts.expert, name="expert"),
    path("experts/<int:expert_pk>/ties/", experts.tie_add, name="tie_add"),
    path("ties/<int:tie_pk>/remove/", experts.tie_remove, name="tie_remove"),
    path("log/", log.setup_log, name="log"),
    path("template.xlsx", workbook.template, name="template"),
    path("import/", workbook.upload, name="upload"),
    path("import/<str:token>/", workbook.confirm, name="confirm"),
]
