from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records the portal writes through its services, where every change is checked and
    recorded (scores, figures from uploads, the audit log): the admin shows them, never edits
    them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
