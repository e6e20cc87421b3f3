"""The second factor: a code from an authenticator app (TOTP, django-otp), or a one-time recovery code.

`SecondFactorMiddleware` keeps everyone who can read closed content or write (people.accounts.
needs_second_factor) from every page (workspace, admin, the portal) until this session is verified: without an
authenticator they are sent to enrol it (a QR code), with one to type its code. Wrong codes are counted by
the login throttle (common.throttle), per user and address, and audited.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from protokol.common.actors import acting_user
from protokol.common.throttle import record_failure, too_many_failures
from protokol.people import accounts

# Where an unverified login may go: logging in and out, the second factor itself, the language switch,
# static files, and the APIs (which never read the login cookie: a token or the public). Everything else,
# the public portal too (it shows a logged-in member the body's closed items), waits for the second factor.
OPEN_PREFIXES = (
    "/workspace/login/",
    "/workspace/logout/",
    "/workspace/oidc/",
    "/workspace/second-factor/",
    "/i18n/",
    "/static/",
    "/api/",
    "/oparl/",
)


def _verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def _has_authenticator(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _throttle_key(user: Any) -> str:
    return f"2fa:{user.get_username()}"


class SecondFactorMiddleware:
    """Sends an unverified login that needs a second factor to enrol or verify it, before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if (
            settings.PROTOKOL_REQUIRE_2FA
            and not path.startswith(OPEN_PREFIXES)
            and request.user.is_authenticated
            and not _verified(request)
            and accounts.needs_second_factor(request.user)
        ):
            name = (
                "workspace:second_factor"
                if _has_authenticator(request.user)
                else "workspace:second_factor_setup"
            )
            return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("workspace:home")


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, type its first code; the recovery codes follow."""
    user = acting_user(request)
    if _has_authenticator(user):
        if not _verified(request):
            return redirect(f"{reverse('workspace:second_factor')}?{urlencode({'next': _next(request)})}")
        return render(request, "workspace/second_factor_done.html", {"next": _next(request)})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    status = 200
    if request.method == "POST":
        blocked = too_many_failures(_throttle_key(user), request)
        token = (request.POST.get("token") or "").replace(" ", "")
        if not blocked and device.verify_token(token):
            codes = accounts.confirm_authenticator(device=device, by=user)
            otp_login(request, device)
            return render(
                request, "workspace/second_factor_codes.html", {"codes": codes, "next": _next(request)}
            )
        if blocked:
            messages.error(request, _throttle_message())
            status = 429
        else:
            record_failure(_throttle_key(user), request)
            accounts.record_second_factor(user=user, ok=False, device_kind="totp-enrolment")
            messages.error(request, _("Koden passer ikke. Prøv med den kode, appen viser nu."))
            status = 400
    qr = segno.make(device.config_url, error="m")
    context = {
        "qr": qr.svg_data_uri(scale=5, dark="#000", light="#fff"),
        "secret": _spaced(device.bin_key),
        "next": _next(request),
    }
    return render(request, "workspace/second_factor_setup.html", context, status=status)


def _spaced(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _throttle_message() -> str:
    return _("For mange forkerte koder. Vent %(m)s minutter, og prøv igen.") % {
        "m": settings.LOGIN_PAUSE_SECONDS // 60
    }


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Type the authenticator's code (or a recovery code) for this session."""
    user = acting_user(request)
    if not _has_authenticator(user):
        return redirect(f"{reverse('workspace:second_factor_setup')}?{urlencode({'next': _next(request)})}")
    if _verified(request):
        return redirect(_next(request))
    status = 200
    if request.method == "POST":
        if too_many_failures(_throttle_key(user), request):
            messages.error(request, _throttle_message())
            status = 429
        else:
            token = (request.POST.get("token") or "").replace(" ", "").strip()
            device = match_token(user, token) if token else None
            if device is not None:
                otp_login(request, device)
                kind = "recovery-code" if isinstance(device, StaticDevice) else "totp"
                accounts.record_second_factor(user=user, ok=True, device_kind=kind)
                return redirect(_next(request))
            record_failure(_throttle_key(user), request)
            accounts.record_second_factor(user=user, ok=False, device_kind="totp")
            messages.error(request, _("Koden passer ikke. Prøv igen."))
            status = 400
    return render(request, "workspace/second_factor_verify.html", {"next": _next(request)}, status=status)


@require_POST
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, for a session verified with the second factor (the old codes stop working)."""
    user = acting_user(request)
    if not _verified(request):
        return redirect(reverse("workspace:second_factor"))
    codes = accounts.new_recovery_codes(user=user, by=user)
    return render(request, "workspace/second_factor_codes.html", {"codes": codes, "next": _next(request)})
