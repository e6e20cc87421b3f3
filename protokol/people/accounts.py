"""Accounts that log in through the municipality's identity provider (OpenID Connect).

The provider is the authority on who someone is (the stable `sub` claim, never the name) and on what they
may do (their groups). At every login `sign_in` finds the user by `sub` (creating the account at the
first login), links the Person holding that `sub`, and sets the user's roles from the groups: the
memberships of bodies (member, secretariat) and the administrator flags. A group removed at the provider
is a role gone at the next login. Every change is in the audit log, by the system user, with the
provider's groups as the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from protokol.common.actors import Actor
from protokol.common.users import normalize_username
from protokol.meetings.enums import Role
from protokol.meetings.models import Body, BodyMembership, OrganizationAdministrator
from protokol.meetings.services import audit
from protokol.people.models import Person, ProviderLogin

BODY = "{body}"


@dataclass(frozen=True)
class GroupNames:
    """The provider's group names: a body's members and secretariat ({body} is its slug), and the admins."""

    member: str
    secretariat: str
    admin: str

    @classmethod
    def from_settings(cls) -> GroupNames:
        return cls(
            member=settings.PROTOKOL_OIDC_GROUP_MEMBER,
            secretariat=settings.PROTOKOL_OIDC_GROUP_SECRETARIAT,
            admin=settings.PROTOKOL_OIDC_GROUP_ADMIN,
        )


def _slug_in(pattern: str, group: str) -> str | None:
    """The body's slug in a group named by the pattern ("protokol-{body}-medlem"), or None."""
    if BODY not in pattern:
        return None
    prefix, suffix = (part.casefold() for part in pattern.split(BODY, 1))
    if len(group) > len(prefix) + len(suffix) and group.startswith(prefix) and group.endswith(suffix):
        return group[len(prefix) : len(group) - len(suffix)]
    return None


def roles_from_groups(groups: Iterable[str], names: GroupNames) -> tuple[set[tuple[int, str]], bool]:
    """The (body id, role) pairs and the administrator flag the groups give; unknown groups give nothing."""
    slugs = dict(Body.objects.values_list("slug", "pk"))
    wanted: set[tuple[int, str]] = set()
    admin = False
    for raw in groups:
        group = raw.strip().casefold()
        if group == names.admin.casefold():
            admin = True
        for role, pattern in ((Role.MEMBER, names.member), (Role.SECRETARIAT, names.secretariat)):
            slug = _slug_in(pattern, group)
            if slug is not None and slug in slugs:
                wanted.add((slugs[slug], str(role)))
    return wanted, admin


def _labels(pairs: Iterable[tuple[int, str]]) -> list[str]:
    slugs = dict(Body.objects.values_list("pk", "slug"))
    return sorted(f"{slugs.get(body_id, body_id)}:{role}" for body_id, role in pairs)


def _free_username(hint: str) -> str:
    base = normalize_username(hint)[:140] or "bruger"
    candidate, n = base, 2
    while User.objects.filter(username=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _set_roles(user: User, groups: Sequence[str], names: GroupNames, by: Actor) -> None:
    held = set(BodyMembership.objects.filter(user=user).values_list("body_id", "role"))
    wanted, admin = roles_from_groups(groups, names)
    for body_id, role in held - wanted:
        BodyMembership.objects.filter(user=user, body_id=body_id, role=role).delete()
    for body_id, role in wanted - held:
        BodyMembership.objects.create(user=user, body_id=body_id, role=role)
    was_admin = user.is_superuser
    # An organisation's administrator (granted in protokol, not by a group) keeps the admin's door.
    staff = admin or OrganizationAdministrator.objects.filter(user=user).exists()
    if user.is_superuser != admin or user.is_staff != staff:
        user.is_superuser, user.is_staff = admin, staff
        user.save(update_fields=["is_superuser", "is_staff"])
    if held != wanted or was_admin != admin:
        audit(
            by=by,
            action="account.roles_from_provider",
            obj=user,
            before={"roles": _labels(held), "admin": was_admin},
            after={"roles": _labels(wanted), "admin": admin},
            reason="groups: " + ", ".join(sorted(groups))[:2000],
        )


def _link_person(user: User, subject: str, by: Actor) -> None:
    """The Person whose login is this `sub` gets this account, if it has none yet."""
    person = Person.objects.filter(login_subject=subject).first()
    if person is None or person.user_id == user.pk:
        return
    if person.user_id is not None or Person.objects.filter(user=user).exists():
        return  # another account already holds the person (or this account another person): left to an admin
    person.user = user
    person.save(update_fields=["user", "modified"])
    audit(by=by, action="person.linked_to_login", obj=person, after={"user": user.get_username()})


@transaction.atomic
def sign_in(
    *,
    subject: str,
    groups: Sequence[str],
    by: Actor,
    username_hint: str = "",
    name: str = "",
    email: str = "",
    names: GroupNames | None = None,
) -> User:
    """The account of the provider's `sub`, its roles set from the groups. Raises ValueError on no `sub`."""
    subject = subject.strip()
    if not subject:
        raise ValueError("no subject")
    login = ProviderLogin.objects.select_for_update().select_related("user").filter(subject=subject).first()
    if login is None:
        user = User(
            username=_free_username(username_hint or subject), email=email[:254], first_name=name[:150]
        )
        user.set_unusable_password()
        user.save()
        login = ProviderLogin.objects.create(user=user, subject=subject)
        audit(by=by, action="account.created_from_provider", obj=user, after={"subject": subject})
    user = login.user
    changed: list[str] = []
    if name and user.first_name != name[:150]:
        user.first_name, changed = name[:150], [*changed, "first_name"]
    if email and user.email != email[:254]:
        user.email, changed = email[:254], [*changed, "email"]
    if changed:
        user.save(update_fields=changed)
    _link_person(user, subject, by)
    _set_roles(user, groups, names or GroupNames.from_settings(), by)
    login.groups = list(groups)
    login.last_login = timezone.now()
    login.save(update_fields=["groups", "last_login"])
    return user


# The second factor -------------------------------------------------------------------------------

RECOVERY_CODES = 10


def needs_second_factor(user: User) -> bool:
    """Whoever can read closed content or write: a body's member or secretariat, or an administrator."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or BodyMembership.objects.filter(user=user).exists()


@transaction.atomic
def new_recovery_codes(*, user: User, by: Actor) -> list[str]:
    """Fresh one-time recovery codes (django-otp's static device); the old ones stop working."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    audit(by=by, action="second_factor.recovery_codes", obj=user, after={"count": len(codes)})
    return codes


@transaction.atomic
def confirm_authenticator(*, device: Any, by: Actor) -> list[str]:
    """An authenticator app enrolled (its first right code checked by the caller), and recovery codes."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit(by=by, action="second_factor.enrolled", obj=device.user, after={"device": device.name})
    return new_recovery_codes(user=device.user, by=by)


def record_second_factor(*, user: User, ok: bool, device_kind: str = "") -> None:
    """A checked code, right or wrong, in the audit log (the user acts; a recovery code says so)."""
    audit(
        by=user,
        action="second_factor.verified" if ok else "second_factor.failed",
        obj=user,
        after={"device": device_kind} if device_kind else None,
    )
