"""The tombstone receivers ask what the public sees only when a save changes a column that decides it:
an edit of text costs one look-up, a closing still leaves its tombstone (import throughput, issue #15)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from protokol.api.models import DeletedObject
from protokol.api.tests.test_oparl_changes import _case, _published_meeting
from protokol.cases.models import Attachment
from protokol.meetings.models import AgendaItem, Meeting
from protokol.meetings.tests import factories


def _queries(save) -> int:
    with CaptureQueriesContext(connection) as ctx:
        save()
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_a_save_that_changes_nothing_public_asks_once_and_writes_no_tombstone(media):
    body = factories.body("Økonomiudvalget")
    meeting, (item,) = _published_meeting(body, date(2026, 3, 2), [_case(body.organization, 1)])
    attachment = item.attachments.get()

    item.title = "Ny titel"
    meeting.location = "Byrådssalen"
    attachment.title = "Nyt bilag"
    # The save itself (one UPDATE, inside savepoint-free autocommit) and the look-up of the stored values.
    assert _queries(item.save) == 2
    assert _queries(meeting.save) == 2
    assert _queries(attachment.save) == 2
    # With update_fields that name nothing watched, not even the look-up.
    assert _queries(lambda: item.save(update_fields=["title", "modified"])) == 1
    assert not DeletedObject.objects.exists()


@pytest.mark.django_db
def test_a_save_that_changes_a_watched_column_still_leaves_its_tombstones(media):
    body = factories.body("Økonomiudvalget")
    meeting, (a, b) = _published_meeting(
        body, date(2026, 3, 2), [_case(body.organization, 1), _case(body.organization, 2)]
    )
    a_file = Attachment.objects.get(item=a)

    item = AgendaItem.objects.get(pk=a.pk)
    item.public = False
    item.save(update_fields=["public"])
    assert set(DeletedObject.objects.values_list("type", "object_id")) == {
        ("Consultation", a.pk),
        ("Paper", a.case_id),
        ("File", a_file.pk),
    }

    DeletedObject.objects.all().delete()
    stored = Meeting.objects.get(pk=meeting.pk)
    stored.status = "draft"
    stored.save()
    assert ("Meeting", meeting.pk) in set(DeletedObject.objects.values_list("type", "object_id"))
    assert ("AgendaItem", b.pk) in set(DeletedObject.objects.values_list("type", "object_id"))
