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


@register.filter
def points(value: Decimal | int | None) -> str:
    """A score as people write it: 8.00 → 8, 7.50 → 7.5; nothing → “—”."""
    if value is None or value == "":
        return "—"
    return format(Decimal(value).normalize(), "f")
