"""The people of the demo municipality: councillors with their list letters, committee seats that change
during the year, deputies in list order, attendance at every held meeting, and signed minutes.

Called by `meetings.demo` while it runs each meeting's lifecycle: attendance is recorded once the agenda
is out and before the meeting is marked held, the minutes are signed before they are approved. Every
choice comes from a random generator seeded by the meeting's body and day, so the same demo gives the
same people and the meetings' own dice are not disturbed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from protokol.common.actors import Actor
from protokol.meetings import services as meeting_services
from protokol.meetings.enums import Role
from protokol.meetings.models import Body, Meeting, Organization
from protokol.people import queries, services
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.models import Attendance, Person

PARTIES = ["A", "B", "C", "F", "I", "O", "V", "Ø"]


@dataclass(frozen=True)
class Councillor:
    name: str
    letter: str | None
    # The demo login that is this person (so that signing is real), and their e-mail (never public).
    username: str = ""
    title: str = ""


PEOPLE = [
    # Kommunalbestyrelsen's 15 members.
    Councillor("Lone Lund", "A", "borgmester", "Borgmester"),
    Councillor("Mads Mølgaard", "A", "medlem"),
    Councillor("Susanne Skov", "A"),
    Councillor("Tommy Nørgaard", "A"),
    Councillor("Hanne Kristiansen", "A"),
    Councillor("Henrik Holm", "V"),
    Councillor("Jens Vestergaard", "V"),
    Councillor("Louise Dam", "V"),
    Councillor("Peter Krogh", "C"),
    Councillor("Lene Bundgaard", "C"),
    Councillor("Morten Ravn", "B"),
    Councillor("Karen Bach", "F"),
    Councillor("Christian Sørensen", "I"),
    Councillor("Bent Mikkelsen", "O"),
    Councillor("Ida Hjort", "Ø"),
    # The lists' deputies for the council (not elected, called in by the order of their list).
    Councillor("Birgit Dalgaard", "A"),
    Councillor("Ole Thygesen", "A"),
    Councillor("Rasmus Lauridsen", "V"),
    Councillor("Camilla Friis", "V"),
    Councillor("Mette Brandt", "C"),
    Councillor("Jonas Kjær", "F"),
    Councillor("Sofie Lind", "B"),
    Councillor("Anders Bech", "I"),
    Councillor("Kurt Poulsen", "O"),
    Councillor("Nanna Winther", "Ø"),
    # The administration: the board's members, and guests without a vote at the political meetings.
    Councillor("Dorthe Dahl", None, "direktoer", "Kommunaldirektør"),
    Councillor("Niels Bruun", None, "", "Teknik- og miljødirektør"),
    Councillor("Birthe Kjeldsen", None, "", "Børne- og kulturdirektør"),
]

CHAIR, VICE, MEMBER, DEPUTY = (
    MembershipRole.CHAIR,
    MembershipRole.VICE_CHAIR,
    MembershipRole.MEMBER,
    MembershipRole.DEPUTY,
)
# body -> (name, role) from the start of the period; deputies in the order their list calls them in.
SEATS: dict[str, list[tuple[str, str]]] = {
    "Kommunalbestyrelsen": [
        ("Lone Lund", CHAIR),
        ("Henrik Holm", VICE),
        *(
            (name, MEMBER)
            for name in (
                "Mads Mølgaard",
                "Susanne Skov",
                "Tommy Nørgaard",
                "Hanne Kristiansen",
                "Jens Vestergaard",
                "Louise Dam",
                "Peter Krogh",
                "Lene Bundgaard",
                "Morten Ravn",
                "Karen Bach",
                "Christian Sørensen",
                "Bent Mikkelsen",
                "Ida Hjort",
            )
        ),
        *(
            (name, DEPUTY)
            for name in (
                "Birgit Dalgaard",
                "Ole Thygesen",
                "Rasmus Lauridsen",
                "Camilla Friis",
                "Mette Brandt",
                "Jonas Kjær",
                "Sofie Lind",
                "Anders Bech",
                "Kurt Poulsen",
                "Nanna Winther",
            )
        ),
    ],
    "Økonomiudvalget": [
        ("Lone Lund", CHAIR),
        ("Henrik Holm", VICE),
        ("Mads Mølgaard", MEMBER),
        ("Susanne Skov", MEMBER),
        ("Louise Dam", MEMBER),
        ("Peter Krogh", MEMBER),
        ("Karen Bach", MEMBER),
        ("Tommy Nørgaard", DEPUTY),
        ("Hanne Kristiansen", DEPUTY),
        ("Jens Vestergaard", DEPUTY),
        ("Lene Bundgaard", DEPUTY),
    ],
    "Teknik- og Miljøudvalget": [
        ("Tommy Nørgaard", CHAIR),
        ("Lene Bundgaard", VICE),
        ("Hanne Kristiansen", MEMBER),
        ("Jens Vestergaard", MEMBER),
        ("Ida Hjort", MEMBER),
        ("Susanne Skov", DEPUTY),
        ("Henrik Holm", DEPUTY),
        ("Peter Krogh", DEPUTY),
    ],
    "Direktionen": [("Dorthe Dahl", CHAIR), ("Niels Bruun", MEMBER), ("Birthe Kjeldsen", MEMBER)],
}
# Louise Dam (V) leaves the council this many days before today: the list's first deputy, Rasmus
# Lauridsen, takes her seat in the council, and in Økonomiudvalget Jens Vestergaard (V), until then the
# committee's deputy for V, takes her seat, Rasmus Lauridsen becoming its deputy.
LEAVES = "Louise Dam"
CHANGE_DAYS_AGO = 150
# Guests without a vote: body -> the administration's person who attends its meetings.
GUESTS = {
    "Kommunalbestyrelsen": "Dorthe Dahl",
    "Økonomiudvalget": "Dorthe Dahl",
    "Teknik- og Miljøudvalget": "Niels Bruun",
}
EMAIL_DOMAIN = "fjordby.example"


def _email(name: str) -> str:
    local = name.lower().replace(" ", ".")
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        local = local.replace(a, b)
    return f"{local}@{EMAIL_DOMAIN}"


def _login(username: str, name: str, bodies: list[Body], by: Actor) -> object:
    """The demo login `username` (created if missing), a member of the bodies it sits in."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        first, _space, last = name.partition(" ")
        user = user_model.objects.create_user(
            username, password="protokol-demo", first_name=first, last_name=last
        )
    for body in bodies:
        meeting_services.add_membership(body=body, user=user, role=Role.MEMBER, by=by)
    return user


def seat_people(*, org: Organization, bodies: dict[str, Body], by: Actor) -> int:
    """Parties, persons and the year's memberships; nothing where the organisation has persons already."""
    if Person.objects.filter(organization=org).exists():
        return 0
    today = timezone.localdate()
    start = today - timedelta(days=400)
    change = today - timedelta(days=CHANGE_DAYS_AGO)
    for letter in PARTIES:
        services.party_for(organization=org, letter=letter, by=by)
    persons: dict[str, Person] = {}
    for c in PEOPLE:
        seated = [bodies[b] for b, seats in SEATS.items() if any(name == c.name for name, _ in seats)]
        user = _login(c.username, c.name, seated, by) if c.username else None
        persons[c.name] = services.create_person(
            organization=org,
            name=c.name,
            party=services.party_for(organization=org, letter=c.letter, by=by) if c.letter else None,
            user=user,
            email=_email(c.name),
            title=c.title,
            by=by,
        )
    for body_name, seats in SEATS.items():
        body = bodies[body_name]
        for name, role in seats:
            leaves = name == LEAVES or (body_name == "Økonomiudvalget" and name == "Jens Vestergaard")
            services.add_membership(
                person=persons[name],
                body=body,
                role=role,
                start_date=start,
                end_date=change - timedelta(days=1) if leaves else None,
                by=by,
            )
    council, finance = bodies["Kommunalbestyrelsen"], bodies["Økonomiudvalget"]
    deputy = services.end_membership(
        membership=persons["Rasmus Lauridsen"].memberships.get(body=council),
        end_date=change - timedelta(days=1),
        by=by,
    )
    services.add_membership(person=deputy.person, body=council, role=MEMBER, start_date=change, by=by)
    services.add_membership(
        person=persons["Jens Vestergaard"], body=finance, role=MEMBER, start_date=change, by=by
    )
    services.add_membership(
        person=persons["Rasmus Lauridsen"], body=finance, role=DEPUTY, start_date=change, by=by
    )
    return len(persons)


def _rng(meeting: Meeting) -> random.Random:
    # A string seed is hashed the same in every process (unlike hash()).
    return random.Random(f"{meeting.body.slug}/{meeting.date.isoformat()}")


def attend(meeting: Meeting, *, by: Actor) -> None:
    """The meeting's attendance: the seats that day, now and then an afbud with the list's deputy called
    in, rarely one away without notice, the administration's guest, and a member who does not take part
    in one item."""
    if not queries.seats_on(meeting.body, meeting.date).exists():
        return
    rng = _rng(meeting)
    # A body's first meeting shows every case (afbud, deputy, an item's absence), whatever the dice say.
    first = not Attendance.objects.filter(meeting__body=meeting.body).exists()
    rows = services.prefill_attendance(meeting=meeting, by=by)
    members = [row.person for row in rows if row.role != MembershipRole.CHAIR]
    excused: Person | None = None
    if members and (first or rng.random() < 0.45):
        excused = rng.choice(members)
        services.set_attendance(meeting=meeting, person=excused, status=AttendanceStatus.EXCUSED, by=by)
        if services.next_deputy(meeting=meeting, for_person=excused) is not None:
            services.call_in_deputy(meeting=meeting, for_person=excused, by=by)
    others = [p for p in members if p != excused]
    if others and rng.random() < 0.1:
        services.set_attendance(
            meeting=meeting, person=rng.choice(others), status=AttendanceStatus.ABSENT, by=by
        )
    guest = GUESTS.get(meeting.body.name)
    if guest:
        person = Person.objects.get(organization=meeting.body.organization, name=guest)
        services.add_guest(meeting=meeting, person=person, by=by)
    items = list(meeting.items.filter(public=True).exclude(title="Eventuelt"))
    taking_part = [row.person for row in queries.took_part(meeting)]
    if items and taking_part and (first or rng.random() < 0.3):
        services.set_item_absence(item=rng.choice(items), person=rng.choice(taking_part), by=by)


def sign(meeting: Meeting) -> int:
    """The minutes signed by every participant with a login (the demo's mayor, member and director)."""
    signed = 0
    for row in queries.took_part(meeting).filter(person__user__isnull=False):
        assert row.person.user is not None
        services.sign_minutes(meeting=meeting, by=row.person.user)
        signed += 1
    return signed
