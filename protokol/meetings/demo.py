"""A fictional municipality for `make run`, screenshots and benchmark corpora.

Fjordby Kommune: Direktionen, Økonomiudvalget, Teknik- og Miljøudvalget and Kommunalbestyrelsen, a year of
meetings around today, closed items, cases that travel along their route from one body to the next,
decisions, and the people who take part (`people.demo`: councillors, seats, attendance, signatures). Everything is written through the services, so the demo obeys the same rules as real use.
The same seed gives the same municipality.
"""

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from protokol.cases import services as case_services
from protokol.cases.models import Case
from protokol.common import hooks
from protokol.common.danish import MONTHS
from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import BodyKind, ClosedReason, MeetingStatus, Role
from protokol.meetings.models import AgendaItem, Body, Meeting, Organization
from protokol.people import demo as people_demo
from protokol.people import demo_votes as people_demo_votes

ORGANIZATION = "Fjordby Kommune"
DEMO_PASSWORD = "protokol-demo"

BODIES = [
    # name, slug, kind, aliases, weekday, hour, place, share of meetings
    (
        "Direktionen",
        "direktionen",
        BodyKind.BOARD,
        ["Direktion"],
        0,
        time(12, 30),
        "Rådhuset, Mødelokale 9",
        4,
    ),
    (
        "Økonomiudvalget",
        "oekonomiudvalget",
        BodyKind.COMMITTEE,
        ["Økonomiudvalg"],
        1,
        time(15, 0),
        "Rådhuset, Udvalgsværelse 1",
        2,
    ),
    (
        "Teknik- og Miljøudvalget",
        "teknik-og-miljoeudvalget",
        BodyKind.COMMITTEE,
        ["Teknik- og Miljøudvalg"],
        2,
        time(16, 0),
        "Rådhuset, Udvalgsværelse 2",
        2,
    ),
    (
        "Kommunalbestyrelsen",
        "kommunalbestyrelsen",
        BodyKind.COUNCIL,
        ["Kommunalbestyrelse"],
        3,
        time(17, 0),
        "Byrådssalen",
        2,
    ),
]
ROUTE = ["Direktionen", "Økonomiudvalget", "Kommunalbestyrelsen"]

# Standing items per body: (title, placement). New agendas get them automatically.
STANDING = {
    "Direktionen": [
        ("Valg af emner til drøftelse med borgmesteren", "end"),
        ("Formidling af Direktionens drøftelser og beslutninger til organisationen", "end"),
        ("Eventuelt", "end"),
    ],
    "Økonomiudvalget": [("Godkendelse af dagsorden", "start"), ("Eventuelt", "end")],
    "Teknik- og Miljøudvalget": [("Godkendelse af dagsorden", "start"), ("Eventuelt", "end")],
    "Kommunalbestyrelsen": [
        ("Godkendelse af dagsorden", "start"),
        ("Spørgetid for borgerne", "start"),
        ("Eventuelt", "end"),
    ],
}

SUBJECTS = [
    ("Budgetopfølgning pr. {month}", "00.30.10", "Orientering"),
    ("Renovering af {place}", "82.02.00", "Beslutning"),
    ("Lokalplan {n} for boligområde ved {place}", "01.02.05", "Beslutning"),
    ("Trafiksikkerhedsplan for {place}", "05.01.08", "Beslutning"),
    ("Klimatilpasning langs {place}", "09.02.00", "Beslutning"),
    ("Digitaliseringsstrategi {year}", "00.01.00", "Drøftelse"),
    ("Status på sygefravær i {quarter}. kvartal", "81.04.04", "Orientering"),
    ("Tilskud til foreningslivet {year}", "18.15.00", "Beslutning"),
    ("Ny affaldsordning for sommerhuse", "07.00.00", "Beslutning"),
    ("Cykelsti mellem {place} og {place2}", "05.04.00", "Beslutning"),
    ("Skolestruktur i {place}", "17.01.00", "Drøftelse"),
    ("Kommunens tilstedeværelse på sociale medier", "00.13.00", "Orientering"),
    ("Anlægsbevilling til {place} Idrætscenter", "00.30.14", "Beslutning"),
    ("Høringssvar om regional udviklingsstrategi", "00.01.10", "Beslutning"),
    ("Opfølgning på styringstemaet", "00.01.00", "Drøftelse"),
]
CLOSED_SUBJECTS = [
    ("Køb af ejendom ved {place}", "02.34.02"),
    ("Personalesag", "81.03.00"),
    ("Udbud af rengøring – valg af leverandør", "82.06.00"),
    ("Salg af byggegrund i {place}", "02.34.00"),
]
# What the public reads of each closed subject: neutral title ("" where the subject itself is
# confidential), reason, its text, the public decision text, or why there can be none.
CLOSED_PUBLIC = {
    "Køb af ejendom ved {place}": (
        "Køb af ejendom",
        ClosedReason.PROPERTY,
        "Forhandlingerne om prisen er ikke afsluttet.",
        "Forvaltningen bemyndiges til at købe ejendommen inden for den afsatte ramme.",
        "",
    ),
    "Personalesag": (
        "",
        ClosedReason.PERSONAL,
        "",
        "",
        "Beslutningen vedrører en enkelt medarbejders forhold.",
    ),
    "Udbud af rengøring – valg af leverandør": (
        "Udbud af rengøring",
        ClosedReason.CONTRACT,
        "Tilbuddene indeholder tilbudsgivernes forretningshemmeligheder.",
        "Kontrakten tildeles den tilbudsgiver, der har afgivet det økonomisk mest fordelagtige tilbud.",
        "",
    ),
    "Salg af byggegrund i {place}": (
        "Salg af byggegrund",
        ClosedReason.PROPERTY,
        "Salget er ikke endeligt aftalt med køberen.",
        "Salget godkendes.",
        "",
    ),
}
PLACES = [
    "Havneparken",
    "Nørregade",
    "Skovbrynet",
    "Fjordvejen",
    "Bakkely",
    "Strandparken",
    "Møllehøj",
    "Kirkebakken",
]
SENTENCES = [
    "Sagen har været drøftet i direktionen og forvaltningen anbefaler, at projektet fremmes.",
    "Forvaltningen har udarbejdet et notat, der beskriver de økonomiske og faglige konsekvenser.",
    "Borgerne i området har haft mulighed for at komme med bemærkninger i en høringsperiode på fire uger.",
    "Der er i budgettet afsat midler til formålet, og udgiften kan afholdes inden for den eksisterende ramme.",
    "Projektet understøtter kommunens klimaplan og målet om en grønnere kommune.",
    "Administrationen vurderer, at tidsplanen er realistisk, hvis der træffes beslutning inden sommerferien.",
    "Der har været afholdt borgermøde med deltagelse af cirka 120 borgere.",
    "Sagen forelægges til orientering, idet der ikke skal træffes beslutning på nuværende tidspunkt.",
    "Forslaget er drøftet med de faglige organisationer, som bakker op om den foreslåede model.",
    "Den samlede anlægsudgift er opgjort til 4,2 mio. kr. ekskl. moms.",
]

# An earlier body's decision an item carries along its route: (body name, date, text).
Earlier = tuple[str, date, str]


@dataclass
class _State:
    rng: random.Random
    org: Organization
    bodies: dict[str, Body]
    case_counter: int = 0
    pending: dict[str, list] = field(default_factory=dict)  # body name -> cases waiting for it


def _users(bodies: dict[str, Body], by) -> None:
    user_model = get_user_model()
    if not user_model.objects.filter(username="admin").exists():
        user_model.objects.create_superuser("admin", "admin@fjordby.example", DEMO_PASSWORD)
    people = [
        (
            "sekretaer",
            "Sanne",
            "Sekretær",
            [("Direktionen", Role.SECRETARIAT), ("Økonomiudvalget", Role.SECRETARIAT)],
        ),
        (
            "medlem",
            "Mads",
            "Medlem",
            [("Økonomiudvalget", Role.MEMBER), ("Kommunalbestyrelsen", Role.MEMBER)],
        ),
        ("direktoer", "Dorthe", "Direktør", [("Direktionen", Role.MEMBER)]),
        ("teknik", "Tage", "Teknik", [("Teknik- og Miljøudvalget", Role.SECRETARIAT)]),
    ]
    for username, first, last, roles in people:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username, password=DEMO_PASSWORD, first_name=first, last_name=last
            )
        for body_name, role in roles:
            services.add_membership(body=bodies[body_name], user=user, role=role, by=by)


def _text(rng: random.Random, sentences: int) -> str:
    chosen = rng.sample(SENTENCES, k=min(sentences, len(SENTENCES)))
    paragraphs = [" ".join(chosen[i : i + 2]) for i in range(0, len(chosen), 2)]
    return "\n\n".join(paragraphs)


def _fill(template: str, rng: random.Random, day: date) -> str:
    place, place2 = rng.sample(PLACES, 2)
    return template.format(
        place=place,
        place2=place2,
        n=rng.randint(100, 999),
        year=day.year,
        month=MONTHS[day.month - 1],
        quarter=(day.month - 1) // 3 + 1,
    )


def _new_case(state: _State, title: str, kle: str, day: date, by):
    state.case_counter += 1
    number = f"{day.year}-{state.rng.randint(10, 99):02d}-{state.case_counter:06d}"
    return case_services.resolve_case(
        organization=state.org, number=number, title=title, journal_number=kle, by=by
    )


def _sections(rng: random.Random, route: list[str], case_type: str) -> list[tuple[str, str]]:
    recommendation = {
        "Beslutning": "Forvaltningen indstiller, at forslaget godkendes.",
        "Drøftelse": "Forvaltningen indstiller, at sagen drøftes.",
        "Orientering": "Forvaltningen indstiller, at orienteringen tages til efterretning.",
    }[case_type]
    return [
        ("Resume og sagens baggrund", _text(rng, 2)),
        ("Indstillinger", recommendation),
        ("Behandling", ", ".join(route) + "."),
        ("Sagsfremstilling", _text(rng, rng.randint(3, 6))),
        (
            "Økonomiske konsekvenser",
            rng.choice(["Ingen.", "Udgiften afholdes inden for budgettet.", _text(rng, 1)]),
        ),
    ]


def _decision_for(case_type: str, forwards: bool, rng: random.Random) -> str:
    if forwards:
        return "Anbefales."
    return {
        "Beslutning": rng.choice(["Godkendt.", "Godkendt med de faldne bemærkninger."]),
        "Drøftelse": "Sagen drøftedes.",
        "Orientering": "Taget til efterretning.",
    }[case_type]


def _meeting_days(state: _State, total: int) -> list[tuple[Body, date]]:
    """Spread the meetings over the bodies by their weight, on their weekday, across a year around today."""
    weights = {name: weight for name, *_rest, weight in BODIES}
    share = sum(weights.values())
    counts = {name: max(1, round(total * w / share)) for name, w in weights.items()}
    while sum(counts.values()) > total and max(counts.values()) > 1:
        counts[max(counts, key=lambda name: counts[name])] -= 1
    today = timezone.localdate()
    start = today - timedelta(days=300)
    plan = []
    for name, _slug, _kind, _aliases, weekday, *_ in BODIES:
        n = counts[name]
        step = max(7, 365 // max(n, 1))
        first = start + timedelta(days=(weekday - start.weekday()) % 7)
        for i in range(n):
            day = first + timedelta(days=i * step)
            day += timedelta(days=(weekday - day.weekday()) % 7)
            plan.append((state.bodies[name], day))
    return sorted(plan, key=lambda p: (p[1], p[0].name))


def _status_for(day: date, today: date) -> str:
    if day < today - timedelta(days=14):
        return MeetingStatus.MINUTES_PUBLISHED
    if day < today:
        return MeetingStatus.MINUTES_APPROVED if day < today - timedelta(days=7) else MeetingStatus.HELD
    if day <= today + timedelta(days=10):
        return MeetingStatus.AGENDA_PUBLISHED
    return MeetingStatus.DRAFT


@transaction.atomic
def _one_meeting(state: _State, body: Body, day: date, by) -> Meeting:
    rng = state.rng
    spec = next(b for b in BODIES if b[0] == body.name)
    meeting = services.create_meeting(body=body, date=day, start_time=spec[5], location=spec[6], by=by)
    # (title, public, case, case_type, route, earlier decisions, closed subject)
    entries: list[tuple[str, bool, Case | None, str, list[str], list[Earlier], str | None]] = []
    for case, earlier in state.pending.pop(body.name, [])[:3]:
        entries.append((case.title, True, case, "Beslutning", ROUTE, earlier, None))
    for _ in range(rng.randint(3, 6)):
        template, kle, case_type = rng.choice(SUBJECTS)
        title = _fill(template, rng, day)
        travels = body.name == "Direktionen" and case_type == "Beslutning" and rng.random() < 0.4
        entries.append(
            (
                title,
                True,
                _new_case(state, title, kle, day, by),
                case_type,
                ROUTE if travels else [body.name],
                [],
                None,
            )
        )
    if rng.random() < 0.5:
        template, kle = rng.choice(CLOSED_SUBJECTS)
        title = _fill(template, rng, day)
        case = _new_case(state, title, kle, day, by)
        entries.append((title, False, case, "Beslutning", [body.name], [], template))

    items: list[tuple[AgendaItem, Case | None, str, list[str], list[Earlier], str | None]] = [
        (item, None, item.case_type, [body.name], [], None) for item in meeting.items.all()
    ]
    for title, public, case, case_type, route, earlier, subject in entries:
        closed: dict[str, Any] = {}
        if subject:
            public_title, reason, reason_text, _text_public, _withheld = CLOSED_PUBLIC[subject]
            closed = {
                "public_title": public_title,
                "subject_confidential": not public_title,
                "closed_reason": reason,
                "closed_reason_text": reason_text,
            }
        item = services.add_item(
            meeting=meeting,
            title=title,
            public=public,
            case=case,
            case_type=case_type,
            route=route,
            sections=_sections(rng, route, case_type or "Orientering") if case else [],
            document_number=f"{day.year}-{rng.randint(100000, 999999)}" if case else "",
            by=by,
            **closed,
        )
        for previous in earlier:
            services.record_decision(
                item=item, text=previous[2], body_name=previous[0], date=previous[1], by=by
            )
        if case and rng.random() < 0.3:
            case_services.add_attachment(
                item=item,
                title=f"Notat om {title[:60].lower()}",
                public=public,
                document_number=f"{day.year}-{rng.randint(100000, 999999)}",
                text=_text(rng, 3),
                by=by,
            )
        items.append((item, case, case_type, route, earlier, subject))

    status = _status_for(day, timezone.localdate())
    if status == MeetingStatus.DRAFT:
        return meeting
    services.publish_agenda(meeting, by=by)
    if status == MeetingStatus.AGENDA_PUBLISHED:
        return meeting
    people_demo.attend(meeting, by=by)
    services.mark_held(meeting, by=by)
    for item, case, case_type, route, earlier, subject in items:
        here = route.index(body.name) if body.name in route else len(route) - 1
        forwards = case is not None and here < len(route) - 1 and item.public
        text = "-" if item.title == "Eventuelt" else _decision_for(case_type or "Beslutning", forwards, rng)
        public_fields: dict[str, Any] = {}
        if subject:
            _title, _reason, _reason_text, public_text, withheld = CLOSED_PUBLIC[subject]
            public_fields = {"public_text": public_text, "public_text_withheld": withheld}
        services.record_decision(item=item, text=text, by=by, **public_fields)
        if forwards:
            state.pending.setdefault(route[here + 1], []).append((case, [*earlier, (body.name, day, text)]))
    people_demo_votes.record(meeting, by=by)
    if status in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.MINUTES_PUBLISHED):
        # Those who took part sign before approval; the minutes held, not yet approved, wait for theirs.
        people_demo.sign(meeting)
        services.approve_minutes(meeting, by=by)
    if status == MeetingStatus.MINUTES_PUBLISHED:
        services.publish_minutes(meeting, by=by)
    return meeting


def generate(*, meetings: int = 48, seed: int = 1, progress: bool = False) -> str:
    """Create (or extend) the demo municipality; returns a one-line summary. Its made-up members are sent
    no e-mail (`common.hooks.unheard`)."""
    with hooks.unheard():
        return _generate(meetings=meetings, seed=seed, progress=progress)


def _generate(*, meetings: int, seed: int, progress: bool) -> str:
    by = system_user()
    org = services.get_or_create_organization(name=ORGANIZATION, by=by)
    bodies = {}
    for name, slug, kind, aliases, *_ in BODIES:
        bodies[name] = Body.objects.filter(organization=org, name=name).first() or services.create_body(
            organization=org, name=name, slug=slug, kind=kind, aliases=aliases, by=by
        )
    for name, body in bodies.items():
        if not body.standing_items.exists():
            services.set_standing_items(body=body, items=STANDING[name], by=by)
    _users(bodies, by)
    people_demo.seat_people(org=org, bodies=bodies, by=by)
    state = _State(rng=random.Random(seed), org=org, bodies=bodies, case_counter=org.cases.count())
    plan: Iterable[tuple[Body, date]] = _meeting_days(state, meetings)
    if progress:
        from rich.progress import track

        plan = track(plan, description="Opretter demomøder", transient=True)
    created = [_one_meeting(state, body, day, by) for body, day in plan]
    items = sum(m.items.count() for m in created)
    return (
        f"{ORGANIZATION}: {len(bodies)} udvalg, {len(created)} møder, {items} punkter. "
        f"Log ind på /workspace/ eller /admin/ som admin, sekretaer, medlem eller borgmester "
        f"(adgangskode {DEMO_PASSWORD})."
    )
