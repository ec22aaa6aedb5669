from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def yuan(amount: Decimal | int | None) -> str:
    """2160000 → “2,160,000.00 元” (the report's unit, whatever the interface language)."""
    if amount is None:
        return "—"
    return _("%(amount)s yuan") % {"amount": f"{Decimal(amount):,.2f}"}
