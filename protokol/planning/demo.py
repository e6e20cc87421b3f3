"""The demo municipality's annual plan, follow-ups and communication records (after meetings.demo)."""

import random
from datetime import date, timedelta

from django.utils import timezone

from protokol.common.users import system_user
from protokol.meetings.demo import BODIES, ORGANIZATION
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import AgendaItem, Body
from protokol.planning import services
from protokol.planning.models import MeetingSeries

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
THEMES = [
    ("Living Lab", 9, "Erfaringer fra kommunens Living Lab og næste skridt."),
    ("Facebook – status efter et halvt år", 11, "Opfølgning på kommunens tilstedeværelse på Facebook."),
    ("Budget – første drøftelse", 3, ""),
    ("Klimaplan – årlig status", 5, ""),
]


def _first_of_next(month: int, today: date) -> date:
    year = today.year if month >= today.month else today.year + 1
    return date(year, month, 1)


def generate(*, seed: int = 1) -> str:
    by = system_user()
    rng = random.Random(seed)
    today = timezone.localdate()
    bodies = {b.name: b for b in Body.objects.filter(organization__name=ORGANIZATION)}
    for name, _slug, _kind, _aliases, weekday, start, place, _weight in BODIES:
        body = bodies[name]
        if MeetingSeries.objects.filter(body=body).exists():
            continue
        interval = 2 if name == "Direktionen" else 4
        services.create_series(
            body=body,
            name=f"{name}s møder",
            rule=f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={WEEKDAYS[weekday]}",
            first_date=today - timedelta(days=today.weekday()) + timedelta(days=weekday),
            start_time=start,
            location=place,
            exceptions=[date(today.year, 12, 24), date(today.year, 12, 31)],
            horizon_days=60,
            by=by,
        )
        for title, month, description in THEMES[:2] if name == "Direktionen" else THEMES[2:3]:
            services.plan_theme(
                body=body, title=title, month=_first_of_next(month, today), description=description, by=by
            )
    decided = (
        AgendaItem.objects.filter(meeting__body__organization__name=ORGANIZATION, case__isnull=False)
        .filter(
            meeting__status__in=[
                MeetingStatus.HELD,
                MeetingStatus.MINUTES_APPROVED,
                MeetingStatus.MINUTES_PUBLISHED,
            ]
        )
        .exclude(follow_ups__isnull=False)
        .select_related("meeting")
        .order_by("meeting__date", "position")
    )
    follow_ups = communications = 0
    for item in decided:
        roll = rng.random()
        if roll < 0.15:
            due = item.meeting.date + timedelta(days=rng.choice([14, 30, 60]))
            services.create_follow_up(
                item=item,
                decision=item.decisions.last(),
                what=f"Forvaltningen følger op på: {item.title.lower()}",
                responsible_name=rng.choice(["Sekretariatschefen", "Kommunaldirektøren", "Teknisk chef"]),
                due=due,
                by=by,
            )
            follow_ups += 1
        if roll > 0.8 and item.meeting.body.name == "Direktionen":
            audiences = ["organisation", "managers"] + (
                ["public"] if item.public and rng.random() < 0.5 else []
            )
            services.record_communication(
                item=item,
                audiences=audiences,
                channels=rng.sample(["intranet", "newsletter", "website"], 2),
                responsible_name="Kommunikationschefen",
                date=item.meeting.date + timedelta(days=2),
                message=f"Direktionen har behandlet {item.title.lower()}.",
                done=item.meeting.date < today,
                by=by,
            )
            communications += 1
    return f"Årshjul for {len(bodies)} udvalg, {follow_ups} opfølgninger, {communications} formidlinger."
