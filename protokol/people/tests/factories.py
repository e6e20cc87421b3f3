"""Persons, parties and memberships for tests, written through the services like everything else."""

import itertools
from datetime import date

from protokol.common.users import system_user
from protokol.meetings.models import Body, Organization
from protokol.meetings.tests import factories as meeting_factories
from protokol.people import services
from protokol.people.enums import MembershipRole
from protokol.people.models import Membership, Party, Person

_counter = itertools.count(1)
YEAR_START = date(2026, 1, 1)


def party(org: Organization, letter: str, name: str | None = None) -> Party:
    found = Party.objects.filter(organization=org, letter=letter).first()
    return found or services.create_party(
        organization=org, letter=letter, name=name or f"Liste {letter}", by=system_user()
    )


def person(org: Organization, name: str | None = None, *, letter: str | None = None, user=None) -> Person:
    return services.create_person(
        organization=org,
        name=name or f"Person {next(_counter)}",
        party=party(org, letter) if letter else None,
        user=user,
        by=system_user(),
    )


def seat(
    body: Body,
    name: str | None = None,
    *,
    letter: str | None = "A",
    role: str = MembershipRole.MEMBER,
    start: date = YEAR_START,
    end: date | None = None,
    with_login: bool = False,
) -> Membership:
    """A person with a membership of the body; with a login that is a member of the body too."""
    login = meeting_factories.member(body) if with_login else None
    p = person(body.organization, name, letter=letter, user=login)
    return services.add_membership(
        person=p, body=body, role=role, start_date=start, end_date=end, by=system_user()
    )
