"""Who may do what with a body's meetings. The services ask these; views never decide on their own."""

from django.utils.translation import gettext as _

from protokol.common.errors import ProtokolError
from protokol.meetings.enums import Role


class Forbidden(ProtokolError):
    """The acting user may not do this."""


def is_admin(user) -> bool:
    return bool(user and user.is_superuser)


def administered_organization_ids(user) -> set[int]:
    """The organisations the user administers (meetings.OrganizationAdministrator); a superuser is no
    organisation's administrator here but the whole installation's (is_admin)."""
    if user is None or not user.is_authenticated:
        return set()
    from protokol.meetings.models import OrganizationAdministrator

    return set(OrganizationAdministrator.objects.filter(user=user).values_list("organization_id", flat=True))


def body_ids_with_role(user, *roles: str) -> set[int]:
    """The bodies in which the user holds any of these roles. An organisation's administrator is the
    secretariat of each body of their organisation."""
    if user is None or not user.is_authenticated:
        return set()
    ids = set(user.memberships.filter(role__in=roles).values_list("body_id", flat=True))
    if Role.SECRETARIAT in roles:
        from protokol.meetings.models import Body

        organizations = administered_organization_ids(user)
        if organizations:
            ids |= set(Body.objects.filter(organization_id__in=organizations).values_list("pk", flat=True))
    return ids


def _roles(user, body) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    roles = set(user.memberships.filter(body=body).values_list("role", flat=True))
    if body.organization_id in administered_organization_ids(user):
        roles.add(Role.SECRETARIAT)
    return roles


def is_secretariat(user, body) -> bool:
    return is_admin(user) or Role.SECRETARIAT in _roles(user, body)


def is_member(user, body) -> bool:
    return Role.MEMBER in _roles(user, body)


def can_edit(user, body) -> bool:
    return is_secretariat(user, body)


def can_see_drafts(user, body) -> bool:
    return is_secretariat(user, body)


def can_see_meeting(user, meeting) -> bool:
    return meeting.agenda_sent or can_see_drafts(user, meeting.body)


def is_called_in(user, meeting) -> bool:
    """Called in to this meeting as a deputy (stedfortræder) for a member away."""
    if user is None or not user.is_authenticated:
        return False
    from protokol.people.models import Attendance

    return Attendance.objects.filter(
        meeting=meeting, person__user=user, substitute_for__isnull=False
    ).exists()


def can_see_closed(user, meeting) -> bool:
    """Closed items: the body's secretariat always; its members, and a deputy called in to the meeting,
    once the agenda is sent."""
    if is_secretariat(user, meeting.body):
        return True
    if not ((is_member(user, meeting.body) or is_called_in(user, meeting)) and meeting.agenda_sent):
        return False
    # A member disqualified on a closed item of the meeting reads the meeting's documents as the public
    # does; the items they may read are still theirs item by item (meetings.queries.items_with_content).
    from protokol.people.models import Disqualification

    return not Disqualification.objects.filter(
        person__user=user, item__meeting=meeting, item__public=False
    ).exists()


def require_edit(user, body) -> None:
    if not can_edit(user, body):
        raise Forbidden(_("Du har ikke ret til at redigere møder i %(body)s.") % {"body": body.name})
