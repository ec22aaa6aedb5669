from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from evalportal.admin import ReadOnlyAdmin
from scoring import services
from scoring.models import (
    GradeBand,
    PartyWeight,
    RecusalRequest,
    Scheme,
    ScoreChange,
    ScoreSheet,
    SheetItem,
)


class SchemePartInline(admin.TabularInline):
    """Rows of a published scheme are shown, never edited."""

    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.is_published

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.is_published

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.is_published


class PartyWeightInline(SchemePartInline):
    model = PartyWeight


class GradeBandInline(SchemePartInline):
    model = GradeBand


class SheetItemInline(SchemePartInline):
    model = SheetItem
    fields = ["party", "position", "code", "title", "max_points", "parent", "guidance"]
    ordering = ["party", "position"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = SheetItem.objects.filter(max_points__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "aggregation", "published_at"]
    inlines = [PartyWeightInline, GradeBandInline, SheetItemInline]
    actions = ["publish", "copy"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:
            return [f.name for f in Scheme._meta.fields]
        return ["published_at", "created_at"]

    @admin.action(description=_("Publish the selected schemes"))
    def publish(self, request, queryset) -> None:
        for scheme in queryset:
            try:
                services.scheme_publish(scheme=scheme, by=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{scheme}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("Published: %s") % scheme, messages.SUCCESS)

    @admin.action(description=_("Copy the selected schemes to a new version"))
    def copy(self, request, queryset) -> None:
        for scheme in queryset:
            copy = services.scheme_copy(scheme=scheme, by=request.user)
            self.message_user(request, _("Created: %s") % copy, messages.SUCCESS)


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdmin):
    list_display = ["evaluation", "party", "assignment", "status", "submitted_at"]
    list_filter = ["party", "status"]
    list_select_related = ["evaluation__contract__station", "assignment__user"]


@admin.register(ScoreChange)
class ScoreChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "changed_by", "sheet", "item", "old_points", "new_points"]
    list_select_related = ["changed_by", "sheet__assignment__user", "item"]


@admin.register(RecusalRequest)
class RecusalRequestAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "requested_by", "requested_at", "decision", "decided_by"]
    list_filter = ["decision"]
    list_select_related = ["assignment__user", "requested_by", "decided_by"]
