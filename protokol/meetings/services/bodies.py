"""Organisations, bodies, logins' memberships of a body, and a body's standing items."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from protokol.common.actors import Actor
from protokol.common.errors import ProtokolError
from protokol.meetings import rules
from protokol.meetings.enums import (
    BodyKind,
    Role,
)
from protokol.meetings.models import (
    Body,
    BodyMembership,
    Organization,
)
from protokol.meetings.services.base import _unique_slug, audit


@transaction.atomic
def create_organization(*, name: str, by: Actor) -> Organization:
    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan oprette organisationer."))
    name = name.strip()
    if not name:
        raise ProtokolError(_("En organisation skal have et navn."))
    org = Organization.objects.create(name=name, slug=_unique_slug(Organization, name))
    audit(by=by, action="organization.create", obj=org, after={"name": name})
    return org


def get_or_create_organization(*, name: str, by: Actor) -> Organization:
    org = Organization.objects.filter(name=name.strip()).first()
    return org or create_organization(name=name, by=by)


@transaction.atomic
def create_body(
    *,
    organization: Organization,
    name: str,
    by: Actor,
    kind: str = BodyKind.COMMITTEE,
    aliases: Iterable[str] = (),
    slug: str | None = None,
) -> Body:
    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan oprette udvalg."))
    name = name.strip()
    if not name:
        raise ProtokolError(_("Et udvalg skal have et navn."))
    if Body.objects.filter(organization=organization, name=name).exists():
        raise ProtokolError(_("Udvalget %(name)s findes allerede.") % {"name": name})
    body = Body.objects.create(
        organization=organization,
        name=name,
        slug=slug or _unique_slug(Body, name, organization=organization),
        kind=kind,
        aliases=[a.strip() for a in aliases if a.strip()],
    )
    audit(by=by, action="body.create", obj=body, after={"name": name, "kind": kind})
    return body


def find_body(*, organization: Organization, name: str) -> Body | None:
    """The body a document calls `name`: by name, by alias, or by the name with its definite ending."""
    wanted = name.strip().casefold()
    if not wanted:
        return None
    bodies = list(organization.bodies.all())  # one query for both passes (an import asks per route step)
    for body in bodies:
        names = [body.name, *body.aliases]
        if any(n.casefold() == wanted for n in names):
            return body
    for body in bodies:
        # "Direktion" for "Direktionen", "Økonomiudvalg" for "Økonomiudvalget".
        base = body.name.casefold()
        if base.startswith(wanted) and len(base) - len(wanted) <= 3:
            return body
    return None


@transaction.atomic
def add_membership(*, body: Body, user: Any, role: str = Role.MEMBER, by: Actor) -> BodyMembership:
    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan tildele roller."))
    membership, _created = BodyMembership.objects.get_or_create(body=body, user=user, role=role)
    audit(by=by, action="membership.add", obj=membership, after={"user": user.get_username(), "role": role})
    return membership
