from django.contrib import admin

from indicators.models import ContractIndicator, IndicatorActual, StaffingFigure


@admin.register(ContractIndicator)
class ContractIndicatorAdmin(admin.ModelAdmin):
    list_display = ["contract", "category", "name", "target", "unit", "position"]
    list_filter = ["contract__station"]
    list_select_related = ["contract__station"]
    search_fields = ["category", "name"]


@admin.register(IndicatorActual)
class IndicatorActualAdmin(admin.ModelAdmin):
    list_display = ["evaluation", "indicator", "value"]
    list_filter = ["evaluation"]
    list_select_related = ["evaluation__contract__station", "indicator"]
    autocomplete_fields = ["indicator"]


@admin.register(StaffingFigure)
class StaffingFigureAdmin(admin.ModelAdmin):
    list_display = [
        "evaluation",
        "operator_term",
        "average_staff",
        "senior",
        "intermediate",
        "assistant",
        "uncertified",
    ]
    list_filter = ["evaluation"]
    list_select_related = ["evaluation__contract__station", "operator_term__operator"]
