from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from indicators.figures import format_number, format_percent
from stations import access

register = template.Library()


@register.filter
def yuan(amount: Decimal | int | None) -> str:
    """2160000 → “2,160,000.00 元” (the report's unit, whatever the interface language)."""
    if amount is None:
        return "—"
    return _("%(amount)s yuan") % {"amount": f"{Decimal(amount):,.2f}"}


@register.filter
def may(user, action: str) -> bool:
    """{% if user|may:"download_final" %}: whether the user holds a role that may do this."""
    return access.holds_any(user, access.Action(action))


@register.filter
def points(value: Decimal | int | None) -> str:
    """A score as people write it: 8.00 → 8, 7.50 → 7.5; nothing → “—”."""
    if value is None or value == "":
        return "—"
    return format(Decimal(value).normalize(), "f")


@register.filter
def points_input(value) -> str:
    """The value of a score input: a stored Decimal without trailing zeros, what the user typed
    as it was typed, or empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal | int):
        return format(Decimal(value).normalize(), "f")
    return str(value)


@register.filter
def percent(value: Decimal | None) -> str:
    """92.05 → 92.05, 60.20 → 60.2, 50.00 → 50 (the seed's way); nothing → “—”."""
    return format_percent(value)


@register.filter
def number(value: Decimal | int | None) -> str:
    """77.5 → 77.5, 108.0 → 108; nothing → “—”."""
    return format_number(value)
