"""Who is told of a meeting, and what a person chose to be told."""

from django.db.models import QuerySet

from protokol.meetings.models import Meeting
from protokol.notifications.models import Kind, Message, Preference
from protokol.people import queries as people_queries
from protokol.people.models import Person


def address(person: Person) -> str:
    """Where a person is written to: their own e-mail, else their user account's."""
    if person.email:
        return person.email
    user = person.user if person.user_id else None
    return (user.email or "") if user is not None else ""


def preference(person: Person) -> Preference:
    """The person's choice (all kinds, if they never chose), unsaved if new."""
    return Preference.objects.filter(person=person).first() or Preference(person=person)


def _wanting(persons: list[Person], kind: str) -> list[tuple[Person, str]]:
    chosen = {p.person_id: p for p in Preference.objects.filter(person__in=persons)}
    out = []
    for person in sorted(persons, key=lambda p: (p.name, p.pk)):
        email = address(person)
        pref = chosen.get(person.pk)
        if email and (pref is None or pref.wants(kind)):
            out.append((person, email))
    return out


def recipients(meeting: Meeting, kind: str) -> list[tuple[Person, str]]:
    """The body's members and deputies on the meeting's day who want this kind, with an address.

    A signature request goes to those who took part instead (they are the ones who sign)."""
    if kind == Kind.SIGNATURE:
        rows = people_queries.took_part(meeting).select_related("person__user")
        persons = {row.person_id: row.person for row in rows}
    else:
        seats = people_queries.memberships_on(meeting.body, meeting.date).select_related("person__user")
        persons = {m.person_id: m.person for m in seats}
    return _wanting(list(persons.values()), kind)


def failed_messages() -> QuerySet[Message]:
    from protokol.notifications.models import Status

    return Message.objects.filter(status=Status.FAILED)
