"""Single sign-on with OpenID Connect: mozilla-django-oidc's code flow (with PKCE), made strict.

The library checks the ID token's signature and nonce; here it also checks the issuer, the audience (this
client) and the expiry against our clock, finds the user by the stable `sub` (never by e-mail or name),
and hands the groups to `people.accounts.sign_in`, which sets the roles. The provider's endpoints come
from its discovery document (`<issuer>/.well-known/openid-configuration`) unless set one by one. Nothing
here is active until PROTOKOL_OIDC_ISSUER is set.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from protokol.common.signin_audit import login_failed
from protokol.common.users import system_user
from protokol.people import accounts

LOG = logging.getLogger(__name__)

# The library's settings that the discovery document can give, and its key there.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
# Seconds of difference between our clock and the provider's that a token's times may have.
CLOCK_SKEW = 60


def enabled() -> bool:
    return bool(settings.PROTOKOL_OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


@lru_cache(maxsize=8)
def _discovery(issuer: str) -> dict[str, Any]:
    response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    if document.get("issuer", "").rstrip("/") != issuer:
        raise SuspiciousOperation("The discovery document names another issuer.")
    return document


def get_setting(attr: str, *args: Any) -> Any:
    """A library setting: as configured, else (for the endpoints) from the issuer's discovery document."""
    if attr in DISCOVERED and not getattr(settings, attr, "") and enabled():
        return _discovery(settings.PROTOKOL_OIDC_ISSUER)[DISCOVERED[attr]]
    return import_from_settings(attr, *args)


class OidcBackend(OIDCAuthenticationBackend):
    """Users found by the provider's `sub`; ID tokens checked for issuer, audience and expiry too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.active = enabled()
        if self.active:  # the library reads its settings here; without an issuer it is not configured
            super().__init__(*args, **kwargs)

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return get_setting(attr, *args)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        if not self.active or request is None or "code" not in request.GET:
            return None  # a password login, or no provider: not this backend's
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id: Any) -> Any:
        return super().get_user(user_id) if self.active else None

    def get_payload_data(self, token: str | bytes, key: Any) -> dict[str, Any]:
        payload: dict[str, Any] = self._verify_jws(token, key)
        self.check_claims(payload)
        return payload

    def _verify_jws(self, payload: str | bytes, key: Any) -> dict[str, Any]:
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The token's algorithm is not the one configured.")
        try:
            # The signature here; issuer, audience and times in check_claims, against our clock.
            return dict(
                jwt.decode(
                    payload,
                    key,
                    algorithms=[self.OIDC_RP_SIGN_ALGO],
                    options={
                        "verify_aud": False,
                        "verify_exp": False,
                        "verify_iat": False,
                        "verify_nbf": False,
                    },
                )
            )
        except jwt.PyJWTError as err:
            raise SuspiciousOperation("The token's signature does not hold.") from err

    def check_claims(self, payload: dict[str, Any]) -> None:
        """Issuer, audience (this client, and only with it as authorized party) and validity in time."""
        if str(payload.get("iss", "")).rstrip("/") != settings.PROTOKOL_OIDC_ISSUER:
            raise SuspiciousOperation("The token is from another issuer.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The token is for another client (audience).")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("The token is for another client (authorized party).")
        now = timezone.now().timestamp()
        expires = payload.get("exp")
        if not isinstance(expires, int | float) or expires + CLOCK_SKEW < now:
            raise SuspiciousOperation("The token has expired.")
        issued = payload.get("iat")
        if not isinstance(issued, int | float) or issued - CLOCK_SKEW > now:
            raise SuspiciousOperation("The token is issued in the future.")
        if not payload.get("sub"):
            raise SuspiciousOperation("The token names nobody (no sub).")

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        # The ID token's claims, and the userinfo endpoint's where it is used (AD FS answers only `sub`
        # there: PROTOKOL_OIDC_USERINFO=0 reads the ID token alone).
        userinfo = (
            self.get_userinfo(access_token, id_token, payload) if settings.PROTOKOL_OIDC_USERINFO else {}
        )
        # The userinfo answer is about the token's subject, or it is not believed (OIDC Core 5.3.2).
        if userinfo and userinfo.get("sub") != payload["sub"]:
            raise SuspiciousOperation("The userinfo answer is about someone else.")
        claims = {**payload, **userinfo}
        groups = claims.get(settings.PROTOKOL_OIDC_GROUPS_CLAIM) or []
        if isinstance(groups, str):
            groups = [groups]
        return accounts.sign_in(
            subject=str(payload["sub"]),
            groups=[str(g) for g in groups],
            by=system_user(),
            username_hint=str(
                claims.get("preferred_username") or claims.get("upn") or claims.get("email") or payload["sub"]
            ),
            name=str(claims.get("name") or ""),
            email=str(claims.get("email") or ""),
        )


class AuthenticateView(OIDCAuthenticationRequestView):
    """The start of a login at the provider (404 where no provider is configured)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if enabled():
            super().__init__(*args, **kwargs)

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return get_setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer. A refused answer (state, token, audience, expiry) is audited and sent back
    to the login page; it never logs anyone in."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return get_setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        try:
            response: HttpResponse = super().get(request)
        except (SuspiciousOperation, requests.RequestException) as err:
            LOG.warning("single sign-on refused: %s", err)
            login_failed(username="(sso)", request=request, method="sso", reason=str(err)[:500])
            return self.login_failure()
        if not request.user.is_authenticated:
            login_failed(username="(sso)", request=request, method="sso", reason="no login")
        return response
