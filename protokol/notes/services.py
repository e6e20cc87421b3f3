"""Writing, changing and removing a private note: only by its author, only on what the author may read.

No audit entry is written: the log is read by the secretariat, and a note is the member's own
(its existence and its words alike)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from protokol.cases.models import Attachment
from protokol.common.actors import Actor
from protokol.common.errors import ProtokolError
from protokol.meetings import queries as meeting_queries
from protokol.meetings import rules
from protokol.meetings.models import AgendaItem
from protokol.notes.models import MAX_NOTE_CHARS, PrivateNote
from protokol.notes.queries import party_group


def _require_readable(item: AgendaItem, by: Actor) -> None:
    if not meeting_queries.items_with_content(by).filter(pk=item.pk).exists():
        raise rules.Forbidden(_("Du kan ikke skrive noter til et punkt, du ikke kan læse."))


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ProtokolError(_("Skriv noget i noten."))
    if len(text) > MAX_NOTE_CHARS:
        raise ProtokolError(_("En note må højst være %(n)d tegn.") % {"n": MAX_NOTE_CHARS})
    return text


def write_note(
    *,
    item: AgendaItem,
    text: str,
    by: Actor,
    attachment: Attachment | None = None,
    page: int | None = None,
    share_with_party: bool = False,
) -> PrivateNote:
    """A new note on the item, or on a page of one of its attachments the author may read."""
    with transaction.atomic():
        _require_readable(item, by)
        if attachment is not None:
            closed_ok = rules.can_see_closed(by, item.meeting)
            if attachment.item_id != item.pk or attachment.withdrawn_at is not None:
                raise ProtokolError(_("Bilaget hører ikke til punktet."))
            if not (attachment.public or closed_ok):
                raise rules.Forbidden(_("Du kan ikke skrive noter til et bilag, du ikke kan læse."))
        if page is not None and (attachment is None or page < 1):
            raise ProtokolError(_("En side hører til et bilag og tælles fra 1."))
        party = party_group(by, item.meeting.body) if share_with_party else None
        if share_with_party and party is None:
            raise ProtokolError(_("Du har ingen partigruppe i udvalget at dele noten med."))
        return PrivateNote.objects.create(
            author=by, item=item, attachment=attachment, page=page, text=_clean_text(text), party=party
        )


def _own(note: PrivateNote, by: Actor) -> None:
    if note.author_id != by.pk:
        raise rules.Forbidden(_("Kun den, der skrev noten, kan ændre den."))


def edit_note(
    *, note: PrivateNote, text: str, by: Actor, share_with_party: bool | None = None
) -> PrivateNote:
    with transaction.atomic():
        note = PrivateNote.objects.select_for_update().select_related("item__meeting__body").get(pk=note.pk)
        _own(note, by)
        note.text = _clean_text(text)
        if share_with_party is not None:
            party = party_group(by, note.item.meeting.body) if share_with_party else None
            if share_with_party and party is None:
                raise ProtokolError(_("Du har ingen partigruppe i udvalget at dele noten med."))
            note.party = party
        note.save()
        return note


def remove_note(*, note: PrivateNote, by: Actor) -> None:
    with transaction.atomic():
        _own(note, by)
        note.delete()
