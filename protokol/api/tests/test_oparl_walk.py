"""Must show: the whole OParl graph, walked from /oparl/v1/system, is valid OParl 1.1 and leaks nothing
of a closed item beyond its number and name; every accessUrl and downloadUrl (of the files, and of each
meeting's invitation and resultsProtocol, which point at the portal's PDFs) answers with a document."""

import json
from collections import deque

import pytest

from protokol.api.tests.conftest import CANARY
from protokol.api.tests.oparl_schema import TYPE_PREFIX, errors

BASE = "http://testserver/oparl/v1/"
# A closed item's public fields (DESIGN.md, "Who sees what"), and nothing else.
CLOSED_ITEM_KEYS = {
    "id",
    "type",
    "meeting",
    "number",
    "order",
    "name",
    "public",
    "resolutionText",
    "protokol:closedReason",
    "protokol:closedReasonText",
    "protokol:resolutionWithheld",
}


SITE = "http://testserver/"
# Keys whose URL must answer with a document, wherever on the site it points (a PDF of the portal too).
DOCUMENT_KEYS = ("accessUrl", "downloadUrl")


def _urls(value, found: set[str]) -> None:
    if isinstance(value, dict):
        for key, v in value.items():
            if key in DOCUMENT_KEYS and isinstance(v, str) and v.startswith(SITE):
                found.add(v)
            _urls(v, found)
    elif isinstance(value, list):
        for v in value:
            _urls(v, found)
    elif isinstance(value, str) and value.startswith(BASE):
        found.add(value)


def _objects(value):
    """Every OParl object in a response, embedded ones included."""
    if isinstance(value, dict):
        if str(value.get("type", "")).startswith(TYPE_PREFIX):
            yield value
        for v in value.values():
            yield from _objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from _objects(v)


def _embedded_without_id(value, path: str = "$", in_list: bool = False) -> list[str]:
    """Where a response holds an embedded object without an `id`: any dict with a `type` or in a list
    (a client reads each as an OParl object). The response itself and a list page's envelope are no
    embedded objects."""
    found = []
    if isinstance(value, dict):
        if (in_list or "type" in value) and path != "$" and "id" not in value:
            found.append(path)
        for key, v in value.items():
            found += _embedded_without_id(v, f"{path}.{key}")
    elif isinstance(value, list):
        for n, v in enumerate(value):
            found += _embedded_without_id(v, f"{path}[{n}]", in_list=True)
    return found


def walk(client) -> dict:
    seen: set[str] = set()
    queue = deque([BASE + "system"])
    report = {
        "errors": [],
        "types": set(),
        "objects": 0,
        "pages": 0,
        "later_pages": 0,
        "bodies": [],
        "closed": 0,
        "documents": set(),
        "meeting_documents": set(),
        "without_id": [],
        "orders": {},
        "under_direction": {},
        "short_names": {},
        "participants": 0,
    }
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode("utf-8", errors="replace")
        report["bodies"].append((url, body))
        if response.status_code != 200:
            report["errors"].append(f"{url}: HTTP {response.status_code} {body[:200]}")
            continue
        if url.startswith(BASE) and response.get("Access-Control-Allow-Origin") != "*":
            report["errors"].append(f"{url}: no open CORS header")
        if not response["Content-Type"].startswith("application/json"):
            # A file download: the walk checks its headers and scans its bytes, nothing more.
            report["documents"].add(url)
            if "Content-Disposition" not in response:
                report["errors"].append(f"{url}: download without Content-Disposition")
            if url.startswith(BASE) and response.get("X-Content-Type-Options") != "nosniff":
                report["errors"].append(f"{url}: download without nosniff")
            continue
        data = json.loads(body)
        if "data" in data and "links" in data:
            report["pages"] += 1
            report["later_pages"] += data["pagination"]["currentPage"] > 1
            objs = data["data"]
            for key in ("next", "prev", "first", "last"):
                if key in data["links"]:
                    queue.append(data["links"][key])
        else:
            objs = [data]
        for obj in objs:
            report["errors"] += errors(obj)
            report["without_id"] += [f"{url} {where}" for where in _embedded_without_id(obj, "$obj")]
        for obj in _objects(data):
            report["objects"] += 1
            for key in ("invitation", "resultsProtocol"):
                if key in obj:
                    report["meeting_documents"] |= {obj[key]["accessUrl"], obj[key]["downloadUrl"]}
            report["types"].add(obj["type"][len(TYPE_PREFIX) :])
            kind = obj["type"][len(TYPE_PREFIX) :]
            if kind == "Meeting" and "agendaItem" in obj:
                report["orders"][obj["id"]] = [i["order"] for i in obj["agendaItem"]]
            elif kind == "Paper":
                report["under_direction"][obj["id"]] = obj.get("underDirectionOf")
            elif kind == "Body":
                report["short_names"][obj["id"]] = obj.get("shortName")
            report["participants"] += bool(obj["type"].endswith("/Meeting") and obj.get("participant"))
            if obj["type"].endswith("/AgendaItem") and obj.get("public") is False:
                report["closed"] += 1
                extra = set(obj) - CLOSED_ITEM_KEYS
                if extra:
                    report["errors"].append(f"{obj['id']}: closed item shows {sorted(extra)}")
        found: set[str] = set()
        _urls(data, found)
        queue.extend(sorted(found - seen))
    return report


@pytest.mark.django_db
def test_walk_whole_graph_valid_and_closed_items_do_not_leak(client, demo, media, settings):
    settings.PROTOKOL_OPARL_PAGE_SIZE = 5  # several pages per list
    report = walk(client)
    assert report["errors"] == [], "\n".join(report["errors"][:30])
    assert report["types"] >= {
        "System",
        "Body",
        "Organization",
        "Meeting",
        "AgendaItem",
        "Paper",
        "Consultation",
        "File",
        "Location",
        "LegislativeTerm",
    }
    assert report["closed"] > 0, "the demo must include closed items"
    assert report["later_pages"] > 0, "the walk must follow links.next"
    # Every meeting's agenda (invitation) and published minutes (resultsProtocol), and every file, answered.
    assert any(url.endswith("/agenda.pdf") for url in report["meeting_documents"])
    assert any(url.endswith("/minutes.pdf") for url in report["meeting_documents"])
    assert report["meeting_documents"] <= report["documents"]
    assert any("/file/" in url for url in report["documents"])
    leaks = [url for url, body in report["bodies"] if CANARY.casefold() in body.casefold()]
    assert leaks == []


@pytest.mark.django_db
def test_walk_reads_as_a_client_expects_after_items_were_removed(client, demo, media):
    """What meine-stadt-transparent's importer tripped over (issue #15): an embedded object without an id,
    gaps in `order`, every consulting body as `underDirectionOf`, the slug as the body's short name."""
    from datetime import timedelta

    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.enums import MeetingStatus
    from protokol.meetings.models import AgendaItem, Meeting, Organization

    by = system_user()
    # An item taken out of a published agenda (as the admin can) and one removed from a draft, which is
    # then sent: both leave their meeting's others where they were.
    published = Meeting.objects.filter(status=MeetingStatus.MINUTES_PUBLISHED).order_by("date").last()
    middle = list(published.items.order_by("position"))[1]
    middle.delete()
    draft = services.create_meeting(body=published.body, date=published.date + timedelta(days=400), by=by)
    first = services.add_item(meeting=draft, title="Første", by=by, position=0)
    services.add_item(meeting=draft, title="Anden", by=by)
    services.remove_item(item=first, by=by)
    services.publish_agenda(draft, by=by)
    assert AgendaItem.objects.filter(meeting=published).count() > 2

    report = walk(client)
    assert report["errors"] == [], "\n".join(report["errors"][:30])
    assert report["without_id"] == [], "\n".join(report["without_id"][:30])
    assert report["orders"], "the walk must reach meetings with their items"
    assert str(published.pk) in " ".join(report["orders"]) and str(draft.pk) in " ".join(report["orders"])
    for meeting, orders in report["orders"].items():
        assert orders == list(range(len(orders))), meeting
    # The items by themselves count the same as in their meeting's list.
    for meeting_url, orders in report["orders"].items():
        meeting = client.get(meeting_url).json()
        for item, order in zip(meeting["agendaItem"], orders, strict=True):
            assert client.get(item["id"]).json()["order"] == order
    assert report["under_direction"]
    for paper, under in report["under_direction"].items():
        assert under is not None and len(under) == 1, (paper, under)
        assert client.get(under[0]).json()["type"].endswith("/Organization")
    slugs = set(Organization.objects.values_list("slug", flat=True))
    assert report["short_names"] and not slugs & set(report["short_names"].values())


@pytest.mark.django_db
def test_walk_finds_the_demos_members_and_who_took_part(client, demo):
    """Needs the demo's councillors (meetings/demo.py): persons, memberships, attendance."""
    report = walk(client)
    assert report["errors"] == [], "\n".join(report["errors"][:30])
    assert {"Person", "Membership"} <= report["types"]
    assert report["participants"] > 0, "the demo's held meetings must name who took part"


@pytest.mark.django_db
def test_closed_item_shows_its_public_fields_only(client, demo):
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.enums import PUBLISHED_STATUSES, MeetingStatus
    from protokol.meetings.models import AgendaItem, Meeting

    minutes = Meeting.objects.filter(status=MeetingStatus.MINUTES_PUBLISHED).order_by("date").last()
    item = minutes.items.filter(public=False).first() or services.add_item(
        meeting=minutes, title="Lukket", public=False, public_title="Neutral", by=system_user(), reason="test"
    )
    services.record_decision(
        item=item, text=f"{CANARY} afgjort", public_text="Sagen er afgjort.", by=system_user(), reason="test"
    )
    items = AgendaItem.objects.filter(public=False, meeting__status__in=PUBLISHED_STATUSES)
    for item in items:
        data = client.get(f"/oparl/v1/agendaItem/{item.pk}").json()
        assert set(data) <= CLOSED_ITEM_KEYS
        assert data["name"] == item.shown_public_title != item.title
        assert data["public"] is False
        assert data["order"] == list(item.meeting.items.order_by("position", "number", "pk")).index(item)
        own = item.decisions.filter(body=item.meeting.body, date=item.meeting.date).last()
        if item.meeting.status == MeetingStatus.MINUTES_PUBLISHED and own and own.public_text:
            # The public decision text, never the decision itself (it holds a canary word).
            assert data["resolutionText"] == own.public_text and CANARY not in own.public_text
            assert CANARY in own.text
        else:
            assert "resolutionText" not in data
    published = [i for i in items if i.meeting.status == MeetingStatus.MINUTES_PUBLISHED]
    with_text = [i for i in published if i.decisions.exclude(public_text="").exists()]
    assert with_text, "the demo's published minutes must hold a closed item with a public decision text"
    item = with_text[0]
    assert client.get(f"/oparl/v1/consultation/{item.pk}").status_code == 404
    assert client.get(f"/oparl/v1/paper/{item.case_id}").status_code == 404
    for att in item.attachments.all():
        assert client.get(f"/oparl/v1/file/{att.pk}").status_code == 404
        assert client.get(f"/oparl/v1/file/{att.pk}/download").status_code == 404


@pytest.mark.django_db
def test_drafts_are_not_published(client):
    from protokol.meetings.tests import factories

    draft = factories.meeting()
    factories.item(draft, "Kladdepunkt")
    response = client.get(f"/oparl/v1/meeting/{draft.pk}")
    assert response.status_code == 404
    assert response.json()["type"] == "Error"
    assert response["Access-Control-Allow-Origin"] == "*"
    item = draft.items.first()
    assert client.get(f"/oparl/v1/agendaItem/{item.pk}").status_code == 404


@pytest.mark.django_db
def test_errors_are_error_objects(client):
    from protokol.meetings.tests import factories

    org = factories.body().organization
    assert client.get("/oparl/v1/nothing/here").json()["type"] == "Error"
    bad = client.get(f"/oparl/v1/body/{org.pk}/meeting?modified_since=yesterday")
    assert bad.status_code == 400 and bad.json()["type"] == "Error"
    assert client.post("/oparl/v1/system").status_code == 405
    assert client.options("/oparl/v1/system")["Access-Control-Allow-Origin"] == "*"
