"""Rendering the public PDF of a meeting as a job (see rendering.stored): a job run twice, or again
after its worker was killed, stores the same bytes."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task

from protokol.common import jobs
from protokol.meetings.models import Meeting


class MeetingGone(Exception):
    """The meeting the job was to render no longer exists."""


@task(backend=jobs.BACKEND, queue_name="render")
def render_public_pdf(meeting_id: int, kind: str) -> str:
    from protokol.rendering import stored

    meeting = Meeting.objects.select_related("body", "body__organization").filter(pk=meeting_id).first()
    if meeting is None:
        raise MeetingGone(_("Møde %(id)s findes ikke længere.") % {"id": meeting_id})
    data = stored.store(meeting, kind)
    return f"{meeting.key} {kind}: {len(data)} bytes"
