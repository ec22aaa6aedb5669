import itertools

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from evalportal.admin import ReadOnlyAdmin
from stations.models import (
    Assignment,
    AuditEntry,
    Community,
    Contract,
    District,
    Evaluation,
    Membership,
    OperatorTerm,
    Organisation,
    ServiceArea,
    Station,
    Street,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation", "station"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ())[:1],
        (_("Personal info"), {"fields": ("full_name", "email", "must_change_password")}),
        *(BaseUserAdmin.fieldsets or ())[2:],
    )
    list_display = ["username", "full_name", "email", "is_active", "must_change_password"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]
    actions = ["require_password_change"]

    def save_model(self, request, obj, form, change) -> None:
        if not change:  # set up with a password its owner did not choose
            obj.must_change_password = True
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        """An account with history (in the audit log, or assigned to an evaluation) is
        deactivated, never deleted."""
        if obj is not None and (
            AuditEntry.objects.filter(actor=obj).exists()
            or Assignment.objects.filter(user=obj).exists()
        ):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, each checked for history
        return actions

    @admin.action(description=_("Require a password change at the next log-in"))
    def require_password_change(self, request, queryset) -> None:
        count = queryset.update(must_change_password=True)
        self.message_user(request, _("%(n)s accounts must change their password.") % {"n": count})


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "city"]
    search_fields = ["name"]


@admin.register(Street)
class StreetAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]
    search_fields = ["name"]


class ServiceAreaInline(admin.TabularInline):
    model = ServiceArea
    extra = 0
    show_change_link = True


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "street"]
    list_filter = ["street__district"]
    search_fields = ["name", "short_name"]
    list_select_related = ["street__district"]
    inlines = [ServiceAreaInline]


class CommunityInline(admin.TabularInline):
    model = Community
    extra = 0


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "station", "position"]
    list_filter = ["station"]
    search_fields = ["name", "station__name"]
    inlines = [CommunityInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district", "street"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "station"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation", "station"]
    list_select_related = ["user", "organisation", "station"]


class OperatorTermFormSet(BaseInlineFormSet):
    """Terms entered together must not overlap each other either (the database would refuse)."""

    def clean(self) -> None:
        super().clean()
        spans = sorted(
            (form.cleaned_data["start_date"], form.cleaned_data["end_date"])
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("start_date")
            and form.cleaned_data.get("end_date")
        )
        for (_start, end), (next_start, _end) in itertools.pairwise(spans):
            if next_start <= end:
                raise ValidationError(_("Operator terms of a contract must not overlap."))


class OperatorTermInline(admin.TabularInline):
    model = OperatorTerm
    formset = OperatorTermFormSet
    extra = 0
    autocomplete_fields = ["operator"]


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["station", "start_date", "end_date", "budget", "required_staff"]
    list_filter = ["station__street__district"]
    search_fields = ["station__name"]
    list_select_related = ["station"]
    inlines = [OperatorTermInline]


class AssignmentInline(admin.TabularInline):
    """The panel, to read: assigning, accepting and withdrawing go through the panel page,
    which creates the score sheets and records who did what."""

    model = Assignment
    extra = 0
    can_delete = False
    fields = ("user", "role", "status", "declaration", "assigned_at", "responded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    """An evaluation's set-up. Its status moves only along the lifecycle, on the evaluation's
    page (with the audit); here it is shown, not edited. A new evaluation starts in set-up."""

    list_display = ["__str__", "stage", "status", "on_site_date", "agency"]
    list_filter = ["stage", "status", "agency"]
    search_fields = ["contract__station__name"]
    list_select_related = ["contract__station", "agency"]
    readonly_fields = ["status"]
    inlines = [AssignmentInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # an evaluation is kept with its audit


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_name", "action", "evaluation", "note"]
    list_filter = ["action"]
    search_fields = ["actor_name", "note"]
    list_select_related = ["evaluation__contract__station"]
