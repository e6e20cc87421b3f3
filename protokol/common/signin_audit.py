"""Logins, logouts and failed logins in the audit log (Django's auth signals, however one logs in)."""

from typing import Any

from django.http import HttpRequest

from protokol.common.audit import log_action
from protokol.common.models import AuditEntry


def _address(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def _method(user: Any) -> str:
    backend = getattr(user, "backend", "") or ""
    return "sso" if backend.endswith("OidcBackend") else "password"


def logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    log_action(
        by=user, action="auth.login", obj=user, after={"method": _method(user), "address": _address(request)}
    )


def logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None and getattr(user, "pk", None):
        log_action(by=user, action="auth.logout", obj=user, after={"address": _address(request)})


def login_failed(
    *, username: str, request: HttpRequest | None, method: str = "password", reason: str = ""
) -> AuditEntry:
    """A refused login: nobody acted, so the entry names the user name tried (there may be no such user)."""
    return AuditEntry.objects.create(
        actor=None,
        actor_name=username[:150],
        action="auth.login_failed",
        object_type="auth.user",
        object_id="",
        object_repr=username[:300],
        after={"method": method, "address": _address(request)},
        reason=reason,
    )


def password_login_failed(
    sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")
    if username:
        login_failed(username=username, request=request)


def break_glass_login(*, user: Any, request: HttpRequest | None) -> None:
    """A login by a break-glass account while password login is off: audited on its own."""
    log_action(by=user, action="auth.break_glass", obj=user, after={"address": _address(request)})
