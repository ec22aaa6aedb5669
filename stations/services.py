"""Writes of the stations app. Views, commands and tasks all change data through these."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from stations import lifecycle
from stations.enums import AuditAction
from stations.models import (
    AuditEntry,
    Evaluation,
    Membership,
    Organisation,
    Station,
    Status,
    User,
)


def audit_record(
    *,
    actor: User | None,
    action: str,
    evaluation: Evaluation | None = None,
    changes: dict | None = None,
    note: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=str(actor) if actor is not None else "",
        evaluation=evaluation,
        action=action,
        changes=changes or {},
        note=note,
    )


def evaluation_change_status(
    *,
    evaluation: Evaluation,
    to_status: str,
    by: User,
    expected_status: str | None = None,
    note: str = "",
) -> Evaluation:
    """Move ``evaluation`` along its lifecycle by hand (see ``stations.lifecycle``).

    ``expected_status`` is the status the user saw: if someone changed it meanwhile, nothing is
    done and the user is told. Stepping back needs a reason in ``note``.
    """
    note = note.strip()
    with transaction.atomic():
        current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if expected_status is not None and current.status != expected_status:
            raise ValidationError(
                _("The status was changed to “%(status)s” meanwhile; nothing was changed.")
                % {"status": current.get_status_display()},
                code="stale",
            )
        if to_status not in lifecycle.manual_transitions(current.status):
            raise ValidationError(
                _("An evaluation in “%(from)s” cannot be moved to “%(to)s” by hand.")
                % {
                    "from": current.get_status_display(),
                    "to": Status(to_status).label if to_status in Status.values else to_status,
                },
                code="transition",
            )
        if lifecycle.is_backward(current.status, to_status) and not note:
            raise ValidationError(
                {"note": ValidationError(_("Give a reason for stepping back."), code="reason")}
            )
        old_status = current.status
        current.status = to_status
        current.full_clean()
        current.save(update_fields=["status"])
        audit_record(
            actor=by,
            action=AuditAction.EVALUATION_STATUS,
            evaluation=current,
            changes={"status": [old_status, to_status]},
            note=note,
        )
    evaluation.status = to_status
    return evaluation


# Accounts: created by a coordinator or a bureau for the people of the parties, each with one
# organisation and role; the new user chooses a password through a one-time link by e-mail
# and cannot log in before (the account has no usable password until then).


def account_create(
    *,
    username: str,
    full_name: str,
    email: str,
    organisation: Organisation,
    role: str,
    station: Station | None = None,
    by: User | None,
    portal_url: str | None = None,
) -> User:
    username, full_name, email = username.strip(), full_name.strip(), email.strip()
    errors: dict[str, ValidationError] = {}
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = ValidationError(_("This user name is taken."), code="taken")
    if not email:
        errors["email"] = ValidationError(
            _("An e-mail address is needed to send the set-password link."), code="email"
        )
    elif User.objects.filter(email__iexact=email).exists():
        errors["email"] = ValidationError(
            _("Another account has this e-mail address: each person needs their own."),
            code="email_taken",
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user = User(username=username, full_name=full_name, email=email)
        user.set_unusable_password()
        user.full_clean()
        user.save()
        membership = Membership(user=user, organisation=organisation, role=role, station=station)
        membership.full_clean()
        membership.save()
        audit_record(
            actor=by,
            action=AuditAction.ACCOUNT_CREATE,
            changes={
                "user": username,
                "user_pk": user.pk,
                "organisation": organisation.name,
                "role": role,
                "station": station.name if station else "",
            },
        )
        transaction.on_commit(lambda: account_invite(user=user, portal_url=portal_url))
    return user


def account_invite(*, user: User, portal_url: str | None = None) -> None:
    """E-mail ``user`` a one-time link to choose their password (Django's reset token)."""
    link = (portal_url or settings.PORTAL_URL) + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    with translation.override("zh-hans"):
        body = render_to_string(
            "registration/account_invite_email.txt", {"user": user, "link": link}
        )
    send_mail(
        subject="社工站评估平台：请设置您的密码",
        message=body,
        from_email=None,
        recipient_list=[user.email],
    )


def account_set_active(*, user: User, active: bool, by: User) -> User:
    """Deactivate (or reactivate) an account; accounts are never deleted while they have
    history. One cannot deactivate oneself."""
    if user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."), code="self")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active == active:
            return user
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_record(
            actor=by,
            action=AuditAction.ACCOUNT_REACTIVATE if active else AuditAction.ACCOUNT_DEACTIVATE,
            changes={"user": user.username},
        )
    return user
