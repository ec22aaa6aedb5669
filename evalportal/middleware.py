"""Middleware of the portal."""

from __future__ import annotations

from django.shortcuts import redirect

# What a user who must change their password may still reach.
ALLOWED = {"password_change", "password_change_done", "logout", "set_language", "healthz"}


class PasswordChangeRequired:
    """Sends a user whose account was created with a temporary password to the password change
    until they have chosen their own."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated and user.must_change_password):
            return None
        match = request.resolver_match
        if match is None or match.url_name in ALLOWED or match.namespace == "admin":
            return None
        return redirect("password_change")  # its page says why
