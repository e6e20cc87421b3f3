"""Pages of protokol's rows as OParl objects: one function per object type, loading what a page of them
needs in a few queries (`objects.OParl` shapes each one)."""

from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone

from protokol.api import public
from protokol.api.oparl.objects import OParl, location_key, term_start, with_content_ids
from protokol.meetings.models import AgendaItem, Body, Meeting
from protokol.meetings.queries import decisions_public
from protokol.people.models import Person
from protokol.people.queries import present_by_meeting

# Serializers for pages of objects -----------------------------------------------------------------


# The order of a meeting's `agendaItem` list, which an item's `order` counts in.
AGENDA_ORDER = ("position", "number", "pk")


def _load_items(qs: QuerySet) -> list[AgendaItem]:
    return list(
        qs.select_related("meeting", "meeting__body", "case").prefetch_related(
            "decisions",
            "attachments",
            "route_steps",
            "votes",
            "statements__authors__party",
            "disqualifications__person__party",
        )
    )


def _meetings(o: OParl, meetings: list[Meeting], internal: bool) -> list[dict]:
    items = _load_items(
        public.public_items().filter(meeting__in=[m.pk for m in meetings]).order_by(*AGENDA_ORDER)
    )
    content = with_content_ids(items)
    by_meeting: dict[int, list] = defaultdict(list)
    for item in items:
        by_meeting[item.meeting_id].append(item)
    objs = [o.meeting(m, by_meeting[m.pk], content, internal=internal) for m in meetings]
    _with_participants(o, meetings, objs)
    return objs


def _agenda_order(meeting_ids: set[int]) -> dict[int, int]:
    """item id -> its index among its meeting's public items (OParl wants 0..n-1, gaps or not)."""
    order: dict[int, int] = {}
    seen: dict[int, int] = defaultdict(int)
    rows = public.public_items().filter(meeting__in=meeting_ids).order_by("meeting_id", *AGENDA_ORDER)
    for pk, meeting_id in rows.values_list("pk", "meeting_id"):
        order[pk] = seen[meeting_id]
        seen[meeting_id] += 1
    return order


def _agenda_items(o: OParl, items: list[AgendaItem], internal: bool) -> list[dict]:
    items = _load_items(public.public_items().filter(pk__in=[i.pk for i in items]).order_by("pk"))
    content = with_content_ids(items)
    order = _agenda_order({i.meeting_id for i in items})
    return [o.agenda_item(i, i.pk in content, order=order[i.pk], internal=internal) for i in items]


def _consultations(o: OParl, items: list[AgendaItem], internal: bool) -> list[dict]:
    items = _load_items(public.consultation_items().filter(pk__in=[i.pk for i in items]).order_by("pk"))
    return [o.consultation(i) for i in items]


def _papers(o: OParl, cases: list, internal: bool) -> list[dict]:
    items = _load_items(
        public.consultation_items()
        .filter(case__in=[c.pk for c in cases])
        .order_by("meeting__date", "meeting__start_time", "position", "pk")
    )
    by_case: dict[int, list] = defaultdict(list)
    for item in items:
        assert item.case_id is not None  # consultation items have a case
        by_case[item.case_id].append(item)
    shown = set(public.public_bodies().values_list("pk", flat=True))
    return [o.paper(c, by_case[c.pk], public_bodies=shown, internal=internal) for c in cases]


def _files(o: OParl, attachments: list, internal: bool) -> list[dict]:
    return [o.file(a) for a in attachments]


def _organizations(o: OParl, bodies: list, internal: bool) -> list[dict]:
    """A body's committees and council, then its parties (lists), each an Organization."""
    objs = [o.organization(b) if isinstance(b, Body) else o.party(b) for b in bodies]
    _with_memberships(o, [b for b in bodies if isinstance(b, Body)], objs)
    return objs


# Persons, memberships, participants ---------------------------------------------------------------


def _with_participants(o: OParl, meetings: list[Meeting], objs: list[dict]) -> None:
    """`participant`: those present, once the minutes are published (attendance is part of the minutes,
    which the public reads from their publication on, as the portal shows them)."""
    held = [m.pk for m in meetings if decisions_public(m)]
    present = present_by_meeting(held)
    for m, obj in zip(meetings, objs, strict=True):
        if present.get(m.pk):
            obj["participant"] = [o.url("person", pk) for pk in present[m.pk]]


def _with_memberships(o: OParl, bodies: list[Body], objs: list[dict]) -> None:
    """`Organization.membership` of the bodies among `objs` (the objects in the same order as `bodies`)."""
    by_body: dict[int, list[int]] = defaultdict(list)
    rows = (
        public.public_memberships()
        .filter(body__in=[b.pk for b in bodies])
        .order_by("start_date", "pk")
        .values_list("body_id", "pk")
    )
    for body_id, pk in rows:
        by_body[body_id].append(pk)
    urls = {o.url("organization", body_id): ids for body_id, ids in by_body.items()}
    for obj in objs:
        if urls.get(obj["id"]):
            obj["membership"] = [o.url("membership", pk) for pk in urls[obj["id"]]]


def _persons(o: OParl, persons: list[Person], internal: bool) -> list[dict]:
    by_person: dict[int, list] = defaultdict(list)
    memberships = (
        public.public_memberships().filter(person__in=[p.pk for p in persons]).order_by("start_date", "pk")
    )
    for m in memberships:
        by_person[m.person_id].append(m)
    return [o.person(p, by_person[p.pk]) for p in persons]


def _terms(org_id: int) -> list[int]:
    days = list(
        public.public_meetings()
        .filter(body__organization_id=org_id)
        .order_by()
        .values_list("date", flat=True)
    ) + [timezone.localdate()]
    first, last = term_start(min(days)), term_start(max(days))
    return list(range(first, last + 1, 4))


def _bodies(o: OParl, orgs: list, internal: bool) -> list[dict]:
    return [o.body(org, [o.legislative_term(org.pk, y) for y in _terms(org.pk)]) for org in orgs]


class _Place:
    """A meeting place (Location), gathered from the meetings held there."""

    def __init__(self, text: str, meetings: list[Meeting]):
        self.text, self.meetings = text, meetings
        self.pk = location_key(text)
        self.created = min(m.created for m in meetings)
        self.oparl_modified = max(m.oparl_modified for m in meetings)  # type: ignore[attr-defined]  # api.public annotates it


def _places(org_id: int | None = None) -> list[_Place]:
    meetings = public.public_meetings().exclude(location="").order_by("date", "pk")
    if org_id is not None:
        meetings = meetings.filter(body__organization_id=org_id)
    by_key: dict[str, list] = defaultdict(list)
    texts: dict[str, str] = {}
    for m in meetings:
        if m.location.strip():
            key = location_key(m.location)
            by_key[key].append(m)
            texts.setdefault(key, m.location.strip())
    return sorted((_Place(texts[k], ms) for k, ms in by_key.items()), key=lambda p: p.pk)


class _Term:
    def __init__(self, org_id: int, year: int):
        self.org_id, self.year = org_id, year
