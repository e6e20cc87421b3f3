"""Who may do what with a body's meetings. The services ask these; views never decide on their own."""

from django.utils.translation import gettext as _

from protokol.common.errors import ProtokolError
from protokol.meetings.enums import PUBLISHED_STATUSES, Role


class Forbidden(ProtokolError):
    """The acting user may not do this."""


def is_admin(user) -> bool:
    return bool(user and user.is_superuser)


def body_ids_with_role(user, *roles: str) -> set[int]:
    """The bodies in which the user holds any of these roles."""
    if user is None or not user.is_authenticated:
        return set()
    return set(user.memberships.filter(role__in=roles).values_list("body_id", flat=True))


def _roles(user, body) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    return set(user.memberships.filter(body=body).values_list("role", flat=True))


def is_secretariat(user, body) -> bool:
    return is_admin(user) or Role.SECRETARIAT in _roles(user, body)


def is_member(user, body) -> bool:
    return Role.MEMBER in _roles(user, body)


def can_edit(user, body) -> bool:
    return is_secretariat(user, body)


def can_see_drafts(user, body) -> bool:
    return is_secretariat(user, body)


def can_see_meeting(user, meeting) -> bool:
    return meeting.status in PUBLISHED_STATUSES or can_see_drafts(user, meeting.body)


def can_see_closed(user, meeting) -> bool:
    """Closed items: the body's secretariat always; its members once the agenda is sent."""
    if is_secretariat(user, meeting.body):
        return True
    if not (is_member(user, meeting.body) and meeting.status in PUBLISHED_STATUSES):
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
