from django.contrib import admin

from evalportal.admin import ReadOnlyAdmin
from indicators.models import (
    Attendance,
    ContractIndicator,
    Filing,
    IndicatorActual,
    Narrative,
    ReportedFigures,
    SelfAssessmentUpload,
    StaffingFigure,
)


@admin.register(ContractIndicator)
class ContractIndicatorAdmin(admin.ModelAdmin):
    list_display = ["contract", "category", "name", "target", "unit", "position"]
    list_filter = ["contract__station"]
    list_select_related = ["contract__station"]
    search_fields = ["category", "name"]


class FromUploadAdmin(ReadOnlyAdmin):
    """Figures come from the station's uploads only, where every change is checked and kept."""

    list_filter = ["evaluation"]


@admin.register(SelfAssessmentUpload)
class SelfAssessmentUploadAdmin(FromUploadAdmin):
    list_display = ["evaluation", "original_name", "uploaded_by", "uploaded_at", "status"]
    list_filter = ["status", "evaluation"]
    list_select_related = ["evaluation__contract__station", "uploaded_by"]


@admin.register(IndicatorActual)
class IndicatorActualAdmin(FromUploadAdmin):
    list_display = ["evaluation", "indicator", "value", "upload"]
    list_select_related = ["evaluation__contract__station", "indicator", "upload"]


@admin.register(StaffingFigure)
class StaffingFigureAdmin(FromUploadAdmin):
    list_display = [
        "evaluation",
        "operator_term",
        "average_staff",
        "senior",
        "intermediate",
        "assistant",
        "uncertified",
    ]
    list_select_related = ["evaluation__contract__station", "operator_term__operator"]


@admin.register(Attendance)
class AttendanceAdmin(FromUploadAdmin):
    list_display = ["evaluation", "month", "certified", "uncertified"]
    list_select_related = ["evaluation__contract__station"]


@admin.register(Filing)
class FilingAdmin(FromUploadAdmin):
    list_display = [
        "evaluation",
        "community",
        "households_filed",
        "households_due",
        "persons_filed",
        "persons_due",
    ]
    list_select_related = ["evaluation__contract__station", "community"]


@admin.register(ReportedFigures)
class ReportedFiguresAdmin(FromUploadAdmin):
    list_display = [
        "evaluation",
        "training_completed_hours",
        "survey_surveyed",
        "survey_satisfaction",
    ]
    list_select_related = ["evaluation__contract__station"]


@admin.register(Narrative)
class NarrativeAdmin(FromUploadAdmin):
    list_display = ["evaluation", "section"]
    list_select_related = ["evaluation__contract__station"]
