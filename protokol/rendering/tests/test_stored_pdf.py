"""The public PDF is rendered once and served as stored: the public edition only (never the internal
one), made again when the meeting's public document changes; a large one is made by a job while the
reader is told to come back (503 with Retry-After)."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.tests import factories
from protokol.rendering.documents import meeting_document
from protokol.rendering.jobs import render_public_pdf
from protokol.rendering.models import StoredPdf
from protokol.rendering.pdf import render_pdf
from protokol.rendering.stored import FAILED_PAUSE

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(data_dir):
    by = system_user()
    body = factories.body("Teknik- og Miljøudvalget")
    m = services.create_meeting(body=body, date=date(2026, 3, 2), start_time=time(9), by=by)
    factories.item(m, "Cykelsti", sections=[("Sagsfremstilling", "En sti langs fjorden.")])
    factories.item(m, "Køb af ejendom", public=False, sections=[("Sagsfremstilling", "Prisen er hemmelig.")])
    return m


def _render_jobs():
    return DBTaskResult.objects.filter(task_path=render_public_pdf.module_path)


def test_a_small_public_pdf_is_stored_as_the_public_edition_and_then_served_from_the_store(client, meeting):
    services.publish_agenda(meeting, by=system_user())
    first = client.get(f"/meetings/{meeting.pk}/agenda.pdf")
    assert first.status_code == 200
    stored = StoredPdf.objects.get(meeting=meeting, kind="agenda")
    public = render_pdf(meeting_document(meeting, edition="public", kind="agenda"))
    internal = render_pdf(meeting_document(meeting, edition="internal", kind="agenda"))
    assert bytes(stored.data) == first.content == public != internal
    assert not _render_jobs().exists()  # small: rendered in the request, no job

    # The next reader gets the stored bytes, not a new rendering.
    StoredPdf.objects.filter(pk=stored.pk).update(data=b"%PDF-as-stored")
    assert client.get(f"/meetings/{meeting.pk}/agenda.pdf").content == b"%PDF-as-stored"

    # A change to the public document makes it again: the stored PDF of before is never served.
    item = meeting.items.get(title="Cykelsti")
    services.update_item(item=item, by=system_user(), title="Cykelsti langs fjorden")
    again = client.get(f"/meetings/{meeting.pk}/agenda.pdf")
    assert again.status_code == 200 and again.content != b"%PDF-as-stored"
    assert bytes(StoredPdf.objects.get(pk=stored.pk).data) == again.content


def test_a_large_pdf_is_made_by_a_job_while_the_reader_is_told_to_come_back(
    client, meeting, settings, django_capture_on_commit_callbacks
):
    settings.PROTOKOL_PDF_INLINE_CHARS = 0  # every document is "large"
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(meeting, by=system_user())
    assert [job.args_kwargs["args"] for job in _render_jobs()] == [[meeting.pk, "agenda"]]

    pending = client.get(f"/meetings/{meeting.pk}/agenda.pdf")
    assert pending.status_code == 503 and pending["Retry-After"] == "10"
    assert "bliver dannet" in pending.content.decode()
    assert _render_jobs().count() == 1  # asking again adds no second job while one waits
    assert not StoredPdf.objects.exists()

    render_public_pdf.call(meeting.pk, "agenda")
    served = client.get(f"/meetings/{meeting.pk}/agenda.pdf")
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert served.content == render_pdf(meeting_document(meeting, edition="public", kind="agenda"))
    # Run again (a killed worker's job runs twice): the same bytes.
    render_public_pdf.call(meeting.pk, "agenda")
    assert bytes(StoredPdf.objects.get(meeting=meeting, kind="agenda").data) == served.content


def test_a_render_job_for_what_the_public_may_not_read_renders_nothing(meeting):
    from protokol.rendering.stored import NotPublic

    with pytest.raises(NotPublic, match="ikke offentlig"):
        render_public_pdf.call(meeting.pk, "agenda")  # the agenda is not sent yet
    assert not StoredPdf.objects.exists()


def test_a_render_job_that_failed_is_not_enqueued_again_at_every_request(client, meeting, settings):
    settings.PROTOKOL_PDF_INLINE_CHARS = 0
    services.publish_agenda(meeting, by=system_user())
    assert client.get(f"/meetings/{meeting.pk}/agenda.pdf").status_code == 503
    _render_jobs().update(status="FAILED", finished_at=timezone.now())
    assert client.get(f"/meetings/{meeting.pk}/agenda.pdf").status_code == 503
    assert _render_jobs().count() == 1  # no second job while the failure is recent
    _render_jobs().update(finished_at=timezone.now() - FAILED_PAUSE - timedelta(seconds=1))
    assert client.get(f"/meetings/{meeting.pk}/agenda.pdf").status_code == 503
    assert sorted(_render_jobs().values_list("status", flat=True)) == ["FAILED", "READY"]
