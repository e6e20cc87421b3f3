"""Must show: what leaves OParl's public sets without being deleted (an item closed, an attachment closed,
a meeting taken back out of public view) reaches mirrors as `deleted: true` through modified_since, and
nothing the public never saw gets a tombstone."""

from datetime import date

import pytest
from django.utils import timezone

from protokol.api.models import DeletedObject
from protokol.api.tests.test_oparl_changes import LISTS, _case, _ids, _listing, _published_meeting
from protokol.cases import services as case_services
from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.tests import factories


def _url(kind: str, pk: int) -> str:
    return f"http://testserver/oparl/v1/{kind}/{pk}"


@pytest.mark.django_db
def test_closing_an_item_or_an_attachment_reaches_mirrors_as_deleted(client, media, settings):
    settings.PROTOKOL_OPARL_PAGE_SIZE = 2
    by = system_user()
    body = factories.body("Økonomiudvalget")
    org = body.organization
    c1, c2, c3 = (_case(org, n) for n in range(1, 4))
    meeting, (a1, a2, a3) = _published_meeting(body, date(2026, 3, 2), [c1, c2, c3])
    _later, (b2,) = _published_meeting(body, date(2026, 3, 9), [c2])  # c2 appears twice
    a1_file, a2_file, a3_file = (i.attachments.get() for i in (a1, a2, a3))

    since = timezone.now()
    services.update_item(item=a1, public=False, by=by)  # c1's only appearance
    services.update_item(item=a2, public=False, by=by)  # c2 stays public through b2
    a3_file.public = False  # an attachment closed, as the admin would
    a3_file.save()

    changed = {name: _listing(client, org, name, modified_since=since.isoformat()) for name in LISTS}
    assert changed["consultation"] == {_url("consultation", a1.pk): True, _url("consultation", a2.pk): True}
    assert changed["file"] == dict.fromkeys(_ids("file", a1_file.pk, a2_file.pk, a3_file.pk), True)
    # c3's paper lists its public files: it changed, and stays.
    assert changed["paper"] == {
        _url("paper", c1.pk): True,
        _url("paper", c2.pk): False,
        _url("paper", c3.pk): False,
    }
    # The closed items stay, in their public form: number and name only.
    assert changed["agendaItem"] == dict.fromkeys(_ids("agendaItem", a1.pk, a2.pk, a3.pk), False)
    assert changed["meeting"] == {_url("meeting", meeting.pk): False}
    closed = client.get(f"/oparl/v1/agendaItem/{a1.pk}").json()
    assert closed["public"] is False and "consultation" not in closed and "auxiliaryFile" not in closed

    for kind, pk in (("consultation", a1.pk), ("file", a1_file.pk), ("file", a3_file.pk), ("paper", c1.pk)):
        gone = client.get(f"/oparl/v1/{kind}/{pk}").json()
        assert gone["deleted"] is True, (kind, gone)
    remaining = client.get(f"/oparl/v1/paper/{c2.pk}").json()
    assert "deleted" not in remaining and remaining["consultation"][0]["id"] == _url("consultation", b2.pk)

    # Opened again, the live objects win over their tombstones.
    services.update_item(item=a1, public=True, by=by)
    assert "deleted" not in client.get(f"/oparl/v1/consultation/{a1.pk}").json()
    assert _listing(client, org, "paper", modified_since=since.isoformat())[_url("paper", c1.pk)] is False


@pytest.mark.django_db
def test_a_meeting_taken_out_of_public_view_takes_its_objects_along(client, media):
    body = factories.body("Økonomiudvalget")
    org = body.organization
    c1 = _case(org, 1)
    meeting, (a1,) = _published_meeting(body, date(2026, 3, 2), [c1])
    a1_file = a1.attachments.get()

    since = timezone.now()
    meeting.status = MeetingStatus.DRAFT  # as an administrator would, in the admin
    meeting.save()

    changed = {name: _listing(client, org, name, modified_since=since.isoformat()) for name in LISTS}
    assert changed["meeting"] == {_url("meeting", meeting.pk): True}
    assert changed["agendaItem"] == {_url("agendaItem", a1.pk): True}
    assert changed["consultation"] == {_url("consultation", a1.pk): True}
    assert changed["file"] == {_url("file", a1_file.pk): True}
    assert changed["paper"] == {_url("paper", c1.pk): True}


@pytest.mark.django_db
def test_what_the_public_never_saw_leaves_no_tombstone(client, media):
    by = system_user()
    body = factories.body("Økonomiudvalget")
    draft = factories.meeting(body, day=date(2026, 4, 1))
    item = services.add_item(meeting=draft, title="Kladde", case=_case(body.organization, 1), by=by)
    attachment = case_services.add_attachment(item=item, title="Bilag", text="Tekst", by=by)
    services.update_item(item=item, public=False, by=by)
    attachment.public = False
    attachment.save()
    assert not DeletedObject.objects.exists()
