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


# The group an organisation's administrators are put in: the admin's model permissions for what an
# organisation owns. What of it they see is their organisation's only (meetings.admin_tenant); the
# permissions here say what kinds of objects they may view and change at all.
ORGANIZATION_ADMINISTRATORS_GROUP = "Organisationsadministratorer"
ORGANIZATION_ADMINISTRATOR_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "meetings.organization": ("view", "change"),
    "meetings.body": ("view", "add", "change", "delete"),
    "meetings.bodymembership": ("view", "add", "change", "delete"),
    "meetings.standingitem": ("view", "add", "change", "delete"),
    "meetings.meeting": ("view", "add", "change", "delete"),
    "meetings.agendaitem": ("view", "add", "change", "delete"),
    "meetings.routestep": ("view", "add", "change", "delete"),
    "meetings.section": ("view", "add", "change", "delete"),
    "meetings.decision": ("view", "add", "change", "delete"),
    "meetings.amendment": ("view",),
    "cases.case": ("view", "add", "change"),
    "cases.attachment": ("view", "add", "change", "delete"),
    "cases.personaldataword": ("view", "add", "change", "delete"),
    "cases.personaldataclearance": ("view",),
    "people.party": ("view", "add", "change", "delete"),
    "people.person": ("view", "add", "change", "delete"),
    "people.membership": ("view", "add", "change", "delete"),
    "people.providerlogin": ("view",),
    "planning.meetingseries": ("view", "add", "change", "delete"),
    "planning.plannedtheme": ("view", "add", "change", "delete"),
    "planning.followup": ("view", "add", "change", "delete"),
    "planning.communication": ("view", "add", "change", "delete"),
    "notifications.message": ("view",),
    "notifications.preference": ("view", "change"),
    "common.auditentry": ("view",),
    "api.apitoken": ("view",),
    "auth.user": ("view",),
}


def organization_administrators_group():
    """The group with the admin's permissions for an organisation's administrators, made (or brought up
    to date) on first use."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=ORGANIZATION_ADMINISTRATORS_GROUP)
    wanted = []
    for model, actions in ORGANIZATION_ADMINISTRATOR_PERMISSIONS.items():
        app_label, model_name = model.split(".")
        wanted += list(
            Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model_name}" for action in actions],
            )
        )
    group.permissions.set(wanted)
    return group


@transaction.atomic
def grant_organization_administrator(*, user: Any, organization: Organization, by: Actor) -> Any:
    """Make `user` an administrator of `organization`: secretariat of its bodies, and the admin (staff,
    in the group above) for its objects only. Only a superuser grants it."""
    from protokol.meetings.models import OrganizationAdministrator

    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan udpege organisationsadministratorer."))
    link, created = OrganizationAdministrator.objects.get_or_create(user=user, organization=organization)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(organization_administrators_group())
    if created:
        audit(
            by=by,
            action="organization_admin.grant",
            obj=link,
            after={"user": user.get_username(), "organization": organization.name},
        )
    return link


@transaction.atomic
def revoke_organization_administrator(*, user: Any, organization: Organization, by: Actor) -> None:
    """Take the administration of `organization` from `user`. Administering no organisation any more,
    they leave the group (and so the admin's permissions); their staff flag is left as it was."""
    from django.contrib.auth.models import Group

    from protokol.meetings.models import OrganizationAdministrator

    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan udpege organisationsadministratorer."))
    link = OrganizationAdministrator.objects.filter(user=user, organization=organization).first()
    if link is None:
        return
    audit(
        by=by,
        action="organization_admin.revoke",
        obj=link,
        before={"user": user.get_username(), "organization": organization.name},
    )
    link.delete()
    if not OrganizationAdministrator.objects.filter(user=user).exists():
        user.groups.remove(*Group.objects.filter(name=ORGANIZATION_ADMINISTRATORS_GROUP))
