"""Must show: modified_since returns exactly the objects changed after the given time, deleted ones too."""

from datetime import date, time

import pytest
from django.utils import timezone

from protokol.cases import services as case_services
from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.tests import factories

LISTS = ["meeting", "agendaItem", "consultation", "paper", "file", "organization"]


def _case(org, n: int):
    return case_services.resolve_case(
        organization=org, number=f"2026-01-{n:06d}", title=f"Sag {n}", by=system_user()
    )


def _published_meeting(body, day: date, cases: list):
    by = system_user()
    meeting = services.create_meeting(body=body, date=day, start_time=time(9), location="Rådhuset", by=by)
    items = [
        services.add_item(meeting=meeting, title=f"Punkt om {c.title}", case=c, route=[body.name], by=by)
        for c in cases
    ]
    for item in items:
        case_services.add_attachment(item=item, title=f"Bilag til {item.title}", text="Bilagstekst", by=by)
    services.publish_agenda(meeting, by=by)
    return meeting, items


def _listing(client, org, name: str, **params) -> dict[str, bool]:
    """id -> deleted, over every page of the list."""
    found: dict[str, bool] = {}
    url = f"/oparl/v1/body/{org.pk}/{name}"
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        data = response.json()
        for obj in data["data"]:
            found[obj["id"]] = obj.get("deleted", False)
        if "next" not in data["links"]:
            return found
        response = client.get(data["links"]["next"])


def _ids(kind: str, *pks: int) -> set[str]:
    return {f"http://testserver/oparl/v1/{kind}/{pk}" for pk in pks}


@pytest.mark.django_db
def test_modified_since_returns_exactly_the_changed_and_deleted_objects(client, media, settings):
    settings.PROTOKOL_OPARL_PAGE_SIZE = 2
    by = system_user()
    body = factories.body("Økonomiudvalget")
    org = body.organization
    c1, c2, c3, c4, c5 = (_case(org, n) for n in range(1, 6))
    meeting_a, (a1, a2, a3) = _published_meeting(body, date(2026, 3, 2), [c1, c2, c3])
    meeting_b, (b1, b2) = _published_meeting(body, date(2026, 3, 9), [c4, c5])
    draft = factories.meeting(body, day=date(2026, 4, 1))
    draft_item = factories.item(draft, "Kladde")
    before = {name: _listing(client, org, name) for name in LISTS}
    assert all(not deleted for listing in before.values() for deleted in listing.values())

    since = timezone.now()
    services.record_decision(item=a1, text="Godkendt.", by=by)  # a1, its consultation, paper c1, meeting A
    new_file = case_services.add_attachment(item=a2, title="Nyt bilag", text="Nyt", by=by)  # a2, c2, A
    case_services.update_case(case=c4, title="Ny titel", by=by)  # paper c4 only
    gone_file = b2.attachments.get()
    a3_file = a3.attachments.get()
    a3_id, a3_file_id, gone_file_id, draft_item_id = a3.pk, a3_file.pk, gone_file.pk, draft_item.pk
    a3.delete()  # as the admin would: the item, its consultation and file, its paper (c3's only one)
    gone_file.delete()  # b2 and its paper c5 and meeting B change
    services.remove_item(item=draft_item, by=by)  # never public: no trace

    changed = {name: _listing(client, org, name, modified_since=since.isoformat()) for name in LISTS}
    assert changed["meeting"] == dict.fromkeys(_ids("meeting", meeting_a.pk, meeting_b.pk), False)
    assert changed["agendaItem"] == dict.fromkeys(_ids("agendaItem", a1.pk, a2.pk, b2.pk), False) | {
        f"http://testserver/oparl/v1/agendaItem/{a3_id}": True
    }
    assert changed["consultation"] == dict.fromkeys(_ids("consultation", a1.pk), False) | {
        f"http://testserver/oparl/v1/consultation/{a3_id}": True
    }
    assert changed["paper"] == dict.fromkeys(_ids("paper", c1.pk, c2.pk, c4.pk, c5.pk), False) | {
        f"http://testserver/oparl/v1/paper/{c3.pk}": True
    }
    assert changed["file"] == dict.fromkeys(_ids("file", new_file.pk), False) | dict.fromkeys(
        _ids("file", a3_file_id, gone_file_id), True
    )
    assert changed["organization"] == {}

    # A deleted object answers deleted: true; lists without modified_since leave it out.
    gone = client.get(f"/oparl/v1/agendaItem/{a3_id}").json()
    assert gone["deleted"] is True and gone["type"].endswith("/AgendaItem")
    now = {name: _listing(client, org, name) for name in LISTS}
    assert all(not deleted for listing in now.values() for deleted in listing.values())
    assert f"http://testserver/oparl/v1/agendaItem/{a3_id}" not in now["agendaItem"]
    assert client.get(f"/oparl/v1/agendaItem/{draft_item_id}").status_code == 404

    # modified_until bounds it from the other side; created_since selects the new objects.
    assert _listing(client, org, "meeting", modified_until=since.isoformat()) == {}
    assert _listing(client, org, "file", created_since=since.isoformat()) == dict.fromkeys(
        _ids("file", new_file.pk), False
    )
