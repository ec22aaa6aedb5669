from decimal import Decimal

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from notices.models import Notification
from seasons import access as setup_access
from stations import access, numbers, selectors
from stations.enums import Step
from stations.models import Evaluation, User

register = template.Library()


@register.filter
def yuan(amount: Decimal | int | None) -> str:
    """2160000 → “2,160,000.00 元” (the report's unit, whatever the interface language)."""
    if amount is None:
        return "—"
    return _("%(amount)s yuan") % {"amount": f"{Decimal(amount):,.2f}"}


@register.filter
def may(user: User | AnonymousUser, action: str) -> bool:
    """{% if user|may:"download_final" %}: whether the user holds a role that may do this."""
    return access.holds_any(user, access.Action(action))


@register.inclusion_tag("stations/_due.html")
def due(evaluation: Evaluation, step: str, since=None, done=False) -> dict:
    """{% due evaluation "scores" %}: when the step is due, and whether it is done or overdue;
    ``since``: when the draft was sent (feedback) or the report issued (rectification);
    ``done``: the reader's own part is done (their sheet submitted)."""
    return {"due": selectors.due_of(evaluation, Step(step), since=since, done=bool(done))}


@register.filter
def unread(user: User | AnonymousUser) -> int:
    """{% with unread=user|unread %}: how many of the user's notifications are unread."""
    if not user.is_authenticated:
        return 0
    cached = getattr(user, "_evalportal_unread", None)  # read once per request
    if cached is None:
        cached = Notification.objects.filter(user=user, read_at__isnull=True).count()
        setattr(user, "_evalportal_unread", cached)  # noqa: B010 - a request-long cache
    return cached


@register.filter
def manages_accounts(user: User | AnonymousUser) -> bool:
    """{% if user|manages_accounts %}: a coordinator or a bureau, who open accounts."""
    return user.is_authenticated and setup_access.manages_accounts(user)


@register.filter
def points_input(value) -> str:
    """The value of a score input: a stored Decimal without trailing zeros, what the user typed
    as it was typed, or empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal | int):
        return numbers.plain(value)
    return str(value)


@register.filter
def number(value: Decimal | int | None) -> str:
    """A score, a count, an amount or a percentage as people write it: 8.00 → 8, 60.20 → 60.2;
    nothing → “—” (``stations.numbers``)."""
    return numbers.shown(value)
