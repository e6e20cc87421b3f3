"""The public PDF of a meeting, rendered once and stored in the database (shared by every web node).

Only the public edition is stored: an internal PDF is rendered for its reader as it is asked for. The
stored PDF carries the digest of the document it was made from; it is served while the meeting's public
document still has that digest, else it is made again. A small document is rendered in the request that
first asks for it; a large one (`PROTOKOL_PDF_INLINE_CHARS`) by a job (`render_public_pdf`), enqueued
when the agenda or the minutes are published, or when the PDF is first asked for, while the request
answers "being prepared". Rendering is deterministic (rendering.pdf._timestamp is the meeting's day),
so a job that runs again, after its worker was killed, stores the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from protokol.common.models import AuditEntry
from protokol.meetings import queries
from protokol.meetings.models import Meeting
from protokol.rendering.documents import KINDS, meeting_document
from protokol.rendering.models import StoredPdf

log = logging.getLogger(__name__)
#: after a render job failed, asking for the PDF again enqueues no new job for this long
FAILED_PAUSE = timedelta(minutes=10)
PUBLISHED = {"meeting.agenda_published": "agenda", "meeting.minutes_published": "minutes"}


class NotPublic(Exception):
    """The public may not read this agenda or these minutes: nothing is rendered for it."""


@cache
def _renderer_version() -> str:
    """The digest of the templates and the renderer: a new version makes every stored PDF again."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([here / "pdf.py", *(here / "typst").rglob("*")]):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _bytes_digest(value: object) -> str:
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return str(value)


def public_document(meeting: Meeting, kind: str) -> tuple[dict, str, int]:
    """The public edition as the renderer takes it, its digest, and its size (characters of its JSON)."""
    doc = meeting_document(meeting, edition="public", kind=kind)
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, default=_bytes_digest)
    digest = hashlib.sha256((_renderer_version() + text).encode()).hexdigest()
    return doc, digest, len(text)


def is_public(meeting: Meeting, kind: str) -> bool:
    """May the public read this meeting's agenda (as sent) or minutes?"""
    public = queries.public_user()
    if not queries.visible_meetings(public).filter(pk=meeting.pk).exists():
        return False
    return kind == "agenda" or queries.shown_kind(public, meeting) == "minutes"


def store(meeting: Meeting, kind: str) -> bytes:
    """Render the public edition and store it (replacing an older one); the PDF's bytes."""
    from protokol.rendering.pdf import render_pdf

    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if not is_public(meeting, kind):
        if kind == "agenda":
            message = _("Dagsordenen for %(meeting)s er ikke offentlig; der dannes ingen PDF.")
        else:
            message = _("Referatet for %(meeting)s er ikke offentligt; der dannes ingen PDF.")
        raise NotPublic(message % {"meeting": meeting.key})
    doc, digest, _size = public_document(meeting, kind)
    data = render_pdf(doc)
    StoredPdf.objects.update_or_create(meeting=meeting, kind=kind, defaults={"digest": digest, "data": data})
    return data


def public_pdf(meeting: Meeting, kind: str) -> bytes | None:
    """The public PDF, as stored, or rendered now if it is small; None while a job prepares it."""
    doc, digest, size = public_document(meeting, kind)
    stored = StoredPdf.objects.filter(meeting=meeting, kind=kind, digest=digest).values_list(
        "data", flat=True
    )
    data = stored.first()
    if data is not None:
        return bytes(data)
    if size <= settings.PROTOKOL_PDF_INLINE_CHARS or not is_public(meeting, kind):
        from protokol.rendering.pdf import render_pdf

        data = render_pdf(doc)
        if is_public(meeting, kind):
            StoredPdf.objects.update_or_create(
                meeting=meeting, kind=kind, defaults={"digest": digest, "data": data}
            )
        return data
    enqueue(meeting.pk, kind)
    return None


def enqueue(meeting_id: int, kind: str) -> bool:
    """A job to render the meeting's public PDF, unless one already waits or runs, or one failed less than
    FAILED_PAUSE ago (readers asking for a PDF that cannot be made do not fill the queue with jobs that
    fail the same way); whether one was added."""
    from django.db.models import Q
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from protokol.common import jobs
    from protokol.rendering.jobs import render_public_pdf

    recent_failure = Q(status="FAILED", finished_at__gt=timezone.now() - FAILED_PAUSE)
    for job in DBTaskResult.objects.filter(
        Q(status__in=["READY", "RUNNING"]) | recent_failure,
        backend_name=jobs.BACKEND,
        task_path=render_public_pdf.module_path,
    ):
        if list(job.args_kwargs.get("args", [])) == [meeting_id, kind]:
            return False
    render_public_pdf.enqueue(meeting_id, kind)
    return True


def heard(entry: AuditEntry) -> None:
    """The audit listener: an agenda or minutes published; a large one is rendered by a job."""
    kind = PUBLISHED.get(entry.action)
    if kind is None or entry.meeting_id is None:
        return
    meeting_id = entry.meeting_id
    transaction.on_commit(lambda: _prepare(meeting_id, kind), robust=True)


def _prepare(meeting_id: int, kind: str) -> None:
    meeting = Meeting.objects.select_related("body", "body__organization").filter(pk=meeting_id).first()
    if meeting is None or not is_public(meeting, kind):
        return
    _doc, _digest, size = public_document(meeting, kind)
    if size > settings.PROTOKOL_PDF_INLINE_CHARS:
        enqueue(meeting_id, kind)
