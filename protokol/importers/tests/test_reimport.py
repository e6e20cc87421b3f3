"""Must show: a re-import never makes an item more open than it is, and never changes approved minutes
without an amendment.

The attack: a meeting whose closed item is full of canary words is imported again from a document that
shows the item otherwise (by its title alone, unmarked as a public edition prints it; marked open; with
other content). Whatever the document says, the item stays closed, what is shown of it publicly never
comes from a document the public could not see, and the project's leak crawl (leak_crawl.crawl_site)
finds nothing as a visitor or as a member of another body. Opening a closed item stays the
secretariat's decision, logged as such.
"""

import copy

import pytest
from django.test import Client

from protokol.common.audit import AuditEntry
from protokol.common.errors import ProtokolError
from protokol.common.testing import CORPUS_DIR
from protokol.importers.parse import parse_text
from protokol.importers.store import store_document
from protokol.leak_crawl import Canaries, crawl_site, leak_report
from protokol.meetings import services
from protokol.meetings.enums import BodyKind, MeetingStatus, Role
from protokol.meetings.interchange import export_meeting
from protokol.meetings.models import Amendment, Meeting
from protokol.meetings.tests import factories
from protokol.meetings.tests.reference import reference_document

pytestmark = pytest.mark.django_db

ORG = "Kalundborg Kommune"
CLOSED = 6  # the reference minutes' closed item


@pytest.fixture
def site(system, monkeypatch):
    import protokol.cli

    # Django is set up already; setting it up again from the CLI would point logging at the runner's stream.
    monkeypatch.setattr(protokol.cli, "_django", lambda: None)
    org = services.get_or_create_organization(name=ORG, by=system)
    body = services.create_body(organization=org, name="Direktionen", kind=BodyKind.BOARD, by=system)
    canaries = Canaries([body])
    published = Meeting(body=body, status=MeetingStatus.MINUTES_PUBLISHED)  # names the canaries' meeting
    return org, body, canaries, lambda field: canaries.word(published, field)


def _content(w, *, headings=("Resume", "Sagsfremstilling", "Økonomi")) -> dict:
    """An item's content, a canary word in every field."""
    return {
        "document_number": w("item.document_number"),
        "sections": [{"heading": h, "text": f"Om {w('section.text')} i {h.lower()}."} for h in headings],
        "attachments": [{"title": f"Bilag om {w('attachment.title')}", "document_number": None}],
        "decisions": [
            {"body": "Direktionen", "date": "2016-05-30", "text": f"Godkendt, {w('decision.text')}."}
        ],
    }


def _with_item(doc: dict, item: dict) -> dict:
    doc = copy.deepcopy(doc)
    doc["items"] = [item if it["number"] == item["number"] else it for it in doc["items"]]
    return doc


def _item(doc: dict, **fields) -> dict:
    base = next(it for it in doc["items"] if it["number"] == CLOSED)
    title_only = {
        "number": CLOSED,
        "title": base["title"],
        "sections": [],
        "attachments": [],
        "decisions": [],
    }
    return title_only | fields


def _crawl_finds_nothing(org, canaries) -> None:
    anonymous = crawl_site(Client(), "anonymous", org, canaries)
    assert not anonymous.found, leak_report(anonymous, canaries, anonymous.found)
    assert any(u.startswith("/meetings/") and s == 200 for u, s in anonymous.seen.items())
    outsider = Client()
    other_body = services.create_body(organization=org, name="Kontroludvalget", by=factories.system_user())
    outsider.force_login(factories.member(other_body))
    other = crawl_site(outsider, "other body's member", org, canaries)
    assert not other.found, leak_report(other, canaries, other.found)


MATRIX = {
    # (the item open at first?, the new document's mark, "missing" where it has none; its content)
    "closed, then unmarked, title only": (False, "missing", False),
    "closed, then marked open, title only": (False, True, False),
    "closed, then unmarked, with content": (False, "missing", True),
    "closed, then marked open, with content": (False, True, True),
    "closed, then marked open, sections removed": (False, True, "fewer"),
    "open, then marked closed, title only": (True, False, False),
    "open, then marked closed, with content": (True, False, True),
}


@pytest.mark.parametrize("first_public,mark,content", MATRIX.values(), ids=MATRIX.keys())
def test_a_reimport_never_makes_an_item_more_open(site, system, first_public, mark, content):
    org, _body, canaries, w = site
    doc = reference_document()
    first_content = _content(w)
    first = _with_item(doc, _item(doc, public=first_public, **first_content))
    meeting = store_document(first, by=system, organization=ORG, source="intern.txt").meeting
    again = _item(doc)
    if mark != "missing":
        again["public"] = mark
    if content:
        headings = ("Resume",) if content == "fewer" else ("Resume", "Sagsfremstilling", "Økonomi")
        again |= _content(w, headings=headings)
    result = store_document(_with_item(doc, again), by=system, organization=ORG, source="igen.txt")

    item = meeting.items.get(number=CLOSED)
    assert item.public is False
    assert "(1 lukket)" in result.summary()
    stored = [(s.heading, s.text) for s in item.sections.all()]
    if content:
        # The new document is the source for what it states: its sections, none of the old ones.
        assert stored == [(s["heading"], s["text"]) for s in again["sections"]]
    else:
        # Shown by its title alone, the item keeps its stored content (and stays closed).
        assert stored == [(s["heading"], s["text"]) for s in first_content["sections"]]
    entries = AuditEntry.objects.filter(object_type="meetings.agendaitem", object_id=str(item.pk))
    actions = set(entries.values_list("action", flat=True))
    assert not any(a.startswith("item.open") for a in actions)
    assert any(a.startswith("item.close") for a in actions) == first_public
    _crawl_finds_nothing(org, canaries)


def _kalundborg(item6: str, *, toc_mark: bool) -> str:
    """The reference minutes as text, item 6 as given (the document prints it by its marked title alone)."""
    text = (CORPUS_DIR / "kalundborg_direktionen_2016-05-30.txt").read_text(encoding="utf-8")
    heading = "**Punkt 6: Lukket: Opfølgning på direktionsseminar - temadrøftelse om\nDirektionens rolle**\n"
    assert heading in text and "\nLukket: Opfølgning på direktionsseminar" in text
    if not toc_mark:
        text = text.replace("\nLukket: Opfølgning på direktionsseminar", "\nOpfølgning på direktionsseminar")
    return text.replace(heading, item6)


def test_the_leak_crawl_finds_nothing_after_reimporting_a_public_edition(site, system):
    """The attack as reported: the internal minutes, then a document listing the closed item by its title
    only, with no access mark; every page, PDF, search, feed and API answer is crawled afterwards."""
    org, body, canaries, w = site
    internal = (
        "**Punkt 6: Lukket: Opfølgning på direktionsseminar - temadrøftelse om\nDirektionens rolle**\n\n"
        f"Sagsnr.: 326-2016-4711 J.nr.: 00.01.00 Dokumentnr.: {w('item.document_number')} **Lukket**\n\n"
        f"Sagsfremstilling\n\nDirektionen drøftede {w('section.text')} og {w('section.text')}.\n\n"
        f"Indstilling\n\nDet indstilles, at {w('section.text')} godkendes.\n\n"
        f"Direktionens møde den 30. maj 2016:\n\nGodkendt med {w('decision.text')}.\n\n"
    )
    first = parse_text(_kalundborg(internal, toc_mark=True))
    assert next(it for it in first["items"] if it["number"] == CLOSED)["public"] is False
    meeting = store_document(first, by=system, organization=ORG, source="intern.txt").meeting
    assert len(meeting.items.get(number=CLOSED).sections.all()) == 2

    unmarked = "**Punkt 6: Opfølgning på direktionsseminar - temadrøftelse om\nDirektionens rolle**\n"
    attack = parse_text(_kalundborg(unmarked, toc_mark=False))
    shown = next(it for it in attack["items"] if it["number"] == CLOSED)
    assert not shown["sections"] and not shown["decisions"]
    store_document(attack, by=system, organization=ORG, source="offentlig.txt")

    item = meeting.items.get(number=CLOSED)
    assert not item.public and len(item.sections.all()) == 2
    _crawl_finds_nothing(org, canaries)
    # The control: the body's own member sees the closed content, so the crawl could have found it.
    insider = Client()
    insider.force_login(factories.member(body))
    member = crawl_site(insider, "member", org, canaries)
    assert {canaries.field(word) for word in member.found} >= {"section.text", "decision.text"}


def test_opening_a_closed_item_is_the_secretariats_decision_logged_as_such(site, system):
    _org, body, _canaries, w = site
    doc = reference_document()
    meeting = store_document(doc, by=system, organization=ORG).meeting
    store_document(_with_item(doc, _item(doc, public=True)), by=system, organization=ORG, source="igen.txt")
    item = meeting.items.get(number=CLOSED)
    assert not item.public

    secretary = factories.member(body, role=Role.SECRETARIAT)
    services.update_item(item=item, public=True, by=secretary, reason="Lukkegrunden er faldet bort")
    entry = AuditEntry.objects.filter(object_type="meetings.agendaitem", object_id=str(item.pk)).latest("pk")
    assert entry.action == "item.open.amendment" and entry.actor == secretary
    assert entry.before["public"] is False and entry.after["public"] is True
    assert Amendment.objects.get(item=item).reason == "Lukkegrunden er faldet bort"


def test_a_reimport_of_approved_minutes_is_an_amendment_or_a_refusal_never_a_silent_change(system):
    """Approved minutes change only by amendment. A change that the meeting's own amendment may not hold
    (today: the KLE number of a case, which other minutes share) is refused in one line, storing nothing
    of the document; where the item keeps its own KLE number, it is an amendment like any other."""
    doc = reference_document()
    meeting = store_document(doc, by=system, organization=ORG, source="ref.txt").meeting
    assert meeting.is_frozen
    before, entries = export_meeting(meeting), AuditEntry.objects.count()
    changed = copy.deepcopy(doc)
    changed["items"][0]["decisions"][0]["text"] = "Godkendt med ændringer."
    changed["items"][4]["journal_number"] = "00.01.10"
    try:
        store_document(changed, by=system, organization=ORG, source="ref-rettet.txt")
    except ProtokolError as refused:
        message = str(refused)
        assert "\n" not in message and "godkendt" in message and "00.01.10" in message
        meeting.refresh_from_db()
        assert export_meeting(meeting) == before and services.minutes_match(meeting)
        assert AuditEntry.objects.count() == entries and not Amendment.objects.exists()
        changed["items"][4]["journal_number"] = doc["items"][4]["journal_number"]
        store_document(changed, by=system, organization=ORG, source="ref-rettet.txt")
    meeting.refresh_from_db()
    # Whatever went through is amendments naming the file, and the checksum follows them.
    assert services.minutes_match(meeting)
    after = export_meeting(meeting)
    assert after["items"][0]["decisions"][0]["text"] == "Godkendt med ændringer."
    amendments = list(Amendment.objects.filter(meeting=meeting))
    assert amendments and all(a.reason.endswith("ref-rettet.txt") for a in amendments)
    if after["items"][4]["journal_number"] == "00.01.10":
        assert any(a.item and a.item.number == 5 for a in amendments)
