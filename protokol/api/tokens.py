"""API tokens: issued by an administrator for one integration and one body; the secret is shown once."""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from protokol.api.models import ApiToken
from protokol.common.actors import Actor
from protokol.common.audit import log_action
from protokol.common.errors import ProtokolError
from protokol.common.users import normalize_username
from protokol.meetings import rules, services
from protokol.meetings.enums import Role
from protokol.meetings.models import Body

SECRET_PREFIX = "pk_"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _service_user(name: str, prefix: str, body: Body, by: Actor):
    """The token's own inactive user, with the secretariat role of its body (audit entries name it)."""
    username = normalize_username(f"api-{slugify(name)[:60] or 'token'}-{prefix}")
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_active": False, "first_name": name[:150]}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    services.add_membership(body=body, user=user, role=Role.SECRETARIAT, by=by)
    return user


@transaction.atomic
def create_token(*, name: str, body: Body, by: Actor) -> tuple[ApiToken, str]:
    """A new token for an integration, scoped to `body`. Returns the token and its secret (shown once)."""
    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan oprette API-nøgler."))
    name = name.strip()
    if not name:
        raise ProtokolError(_("En API-nøgle skal have et navn."))
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    prefix = secret[len(SECRET_PREFIX) : len(SECRET_PREFIX) + 8]
    token = ApiToken.objects.create(
        name=name[:100],
        prefix=prefix,
        token_hash=_hash(secret),
        body=body,
        user=_service_user(name, prefix, body, by),
        created_by=by if getattr(by, "pk", None) else None,
    )
    log_action(by=by, action="apitoken.create", obj=token, after={"name": token.name, "body": body.name})
    return token, secret


@transaction.atomic
def revoke_token(*, token: ApiToken, by: Actor) -> ApiToken:
    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan tilbagekalde API-nøgler."))
    token.active = False
    token.save(update_fields=["active"])
    log_action(by=by, action="apitoken.revoke", obj=token)
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The active token with this secret, or None."""
    if not secret or not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "body").filter(token_hash=_hash(secret), active=True).first()
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token
