"""Login throttling: after a few failed attempts for one user name from one address, wait a while.

Counted in the database, so all server processes share the count, and by the normalised name, so that a
look-alike of a name ("DIREKTOER", a fullwidth letter) counts as the name itself.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from protokol.common.models import FailedLogin
from protokol.common.signin_audit import login_failed
from protokol.common.users import normalize_username


def _address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def too_many_failures(username: str, request) -> bool:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_PAUSE_SECONDS)
    recent = FailedLogin.objects.filter(
        username=normalize_username(username)[:150], address=_address(request), at__gte=since
    )
    return recent.count() >= settings.LOGIN_FAILURES_ALLOWED


def record_failure(username: str, request) -> None:
    FailedLogin.objects.create(username=normalize_username(username)[:150], address=_address(request))
    # Old attempts count for nothing; keep the table small.
    FailedLogin.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()


def password_login_allowed(username: str, *, break_glass: bool) -> bool:
    """Password login is on (PROTOKOL_LOCAL_LOGIN), or this is a break-glass account at its own page."""
    if settings.PROTOKOL_LOCAL_LOGIN:
        return True
    allowed = {normalize_username(u) for u in settings.PROTOKOL_BREAK_GLASS_USERS}
    return break_glass and normalize_username(username) in allowed


class ThrottledMixin(AuthenticationForm):
    """The login throttle in front of a login form's check (also the admin's, a subclass of this form).

    With password login switched off a posted password is refused before it is checked, except for a
    break-glass account at the break-glass page (`break_glass`)."""

    break_glass = False

    def clean(self):
        username = (self.data.get("username") or "").strip()
        if not password_login_allowed(username, break_glass=self.break_glass):
            login_failed(username=username or "-", request=self.request, reason="password login is off")
            raise forms.ValidationError(
                _("Login med brugernavn og adgangskode er slået fra. Log ind med kommunens login."),
                code="local_login_off",
            )
        if username and too_many_failures(username, self.request):
            raise forms.ValidationError(
                _("For mange mislykkede forsøg. Vent %(m)s minutter, og prøv igen.")
                % {"m": settings.LOGIN_PAUSE_SECONDS // 60},
                code="throttled",
            )
        try:
            return super().clean()
        except forms.ValidationError:
            if username:
                record_failure(username, self.request)
            raise


class ThrottledAuthenticationForm(ThrottledMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _lazy("Brugernavn eller adgangskode er forkert. Prøv igen."),
    }


class ThrottledAdminAuthenticationForm(ThrottledMixin, AdminAuthenticationForm):
    pass


class BreakGlassAuthenticationForm(ThrottledAuthenticationForm):
    """The administrators' own way in when the identity provider fails (PROTOKOL_BREAK_GLASS_USERS)."""

    break_glass = True
