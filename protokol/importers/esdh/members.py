"""The committee's members, as a package lists them, made persons with party letters and seats in the body.

A member is found by name and party letter within the organisation: one match is that person; none, a new
person; two or more cannot be told apart, so a new person is made and the import says so (unless one of
them already holds a seat in this body on the meeting's day: then it is that one, which keeps a second
import of the same package from adding yet another person).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from protokol.common.actors import Actor
from protokol.meetings.models import Meeting
from protokol.people import services
from protokol.people.enums import MembershipRole
from protokol.people.models import Membership, Party, Person

from .common import Member

#: the national list letters; a letter not here is named "Liste X" until someone renames it
PARTY_NAMES = {
    "A": "Socialdemokratiet",
    "B": "Radikale Venstre",
    "C": "Det Konservative Folkeparti",
    "D": "Nye Borgerlige",
    "F": "SF - Socialistisk Folkeparti",
    "I": "Liberal Alliance",
    "K": "Kristendemokraterne",
    "M": "Moderaterne",
    "O": "Dansk Folkeparti",
    "V": "Venstre",
    "Æ": "Danmarksdemokraterne",
    "Ø": "Enhedslisten",
    "Å": "Alternativet",
}


def _party(meeting: Meeting, letter: str | None, by: Actor) -> Party | None:
    if not letter:
        return None
    org = meeting.body.organization
    found = Party.objects.filter(organization=org, letter=letter).first()
    if found is not None:
        return found
    return services.create_party(
        organization=org, letter=letter, name=PARTY_NAMES.get(letter, f"Liste {letter}"), by=by
    )


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _seated_on(day: date) -> Q:
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


def _person(meeting: Meeting, member: Member, party: Party | None, by: Actor, warnings: list[str]) -> Person:
    org = meeting.body.organization
    # Compared in Python: SQLite folds ASCII letters only ("ØSTERGAARD").
    wanted = _folded(member.name)
    candidates = [
        p
        for p in Person.objects.filter(organization=org, party=party).order_by("pk")
        if _folded(p.name) == wanted
    ]
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        seated = Membership.objects.filter(
            _seated_on(meeting.date), person__in=candidates, body=meeting.body
        ).first()
        if seated is not None:
            return seated.person
        # The store has already linked the meeting's attendance (and warned of the namesakes there).
        attending = meeting.attendance.filter(person__in=candidates).first()
        if attending is not None:
            return attending.person
        label = f"{member.name} ({member.party})" if member.party else member.name
        warnings.append(
            _("%(n)s personer hedder %(name)s; en ny er oprettet - sammenlæg dem i administrationen")
            % {"n": len(candidates), "name": label}
        )
    return services.create_person(organization=org, name=member.name, party=party, email=member.email, by=by)


def link_members(*, meeting: Meeting, members: list[Member], by: Actor) -> tuple[int, list[str]]:
    """Persons and memberships of `meeting`'s body for `members`, as of the meeting's day; idempotent.

    Returns the number of seats added and the warnings."""
    warnings: list[str] = []
    added = 0
    for member in members:
        party = _party(meeting, member.party, by)
        person = _person(meeting, member, party, by, warnings)
        seats = Membership.objects.filter(person=person, body=meeting.body)
        if seats.filter(_seated_on(meeting.date)).exists():
            continue
        later = seats.filter(start_date__gt=meeting.date).order_by("start_date").first()
        role = member.role if member.role in MembershipRole.values else MembershipRole.MEMBER
        services.add_membership(
            person=person,
            body=meeting.body,
            start_date=meeting.date,
            end_date=later.start_date - timedelta(days=1) if later else None,
            role=role,
            by=by,
        )
        added += 1
    return added, warnings
