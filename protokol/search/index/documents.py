"""From the database to the index's documents: what of an item goes into which index (the access
rules of the package docstring, read from `meetings.queries`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from protokol.common.richtext import to_plain
from protokol.meetings.queries import decisions_for_members, decisions_of, decisions_public
from protokol.people.queries import legal_record_text
from protokol.search.index.schema import (
    DRAFT,
    OPEN,
    PUBLIC,
    RESTRICTED,
    RESTRICTED_PREFIX,
    SENT,
    TITLE,
    IndexDoc,
)

if TYPE_CHECKING:
    from protokol.meetings.models import AgendaItem, Meeting


def _item_text(item, meeting, *, closed_attachments: bool, decisions: bool) -> tuple[str, str]:
    """The searchable text of an item (sections, decisions, attachments) and its reference numbers; the
    meeting's own decisions only with `decisions`, those its agenda quotes always (meetings.queries)."""
    # Formatted text as plain text, a table's cells apart (protokol.common.richtext).
    parts = [f"{s.heading}\n{to_plain(s.text)}" for s in item.sections.all() if s.text]
    parts += [
        f"{d.body_name}: {to_plain(d.text)}" for d in decisions_of(item, meeting, minutes=decisions) if d.text
    ]
    if decisions:
        # Votes and protokoltilførsler are the meeting's own decision: searchable where it is.
        parts.append(legal_record_text(item))
    refs = [item.document_number]
    if item.case_id:
        refs.append(item.case.number)
    for a in item.attachments.all():
        if a.public or closed_attachments:
            parts.append(f"{a.title}\n{a.text}".strip())
            refs.append(a.document_number)
    return "\n\n".join(p for p in parts if p), " ".join(r for r in refs if r)


def _closed_item_public_text(item, meeting) -> str:
    """A closed item's reason for closing and, once the minutes are published, its public decision texts."""
    parts = [str(item.get_closed_reason_display()) if item.closed_reason else "", item.closed_reason_text]
    if decisions_public(meeting):
        parts += [f"{d.body_name}: {d.public_text}" for d in item.decisions.all() if d.public_text]
    return "\n\n".join(p for p in parts if p)


def restricted_index(body_id: int, *, sent: bool) -> str:
    """The index of a body's items whole: of its sent meetings (members and secretariat) or its drafts."""
    return f"{RESTRICTED_PREFIX}{body_id}-{SENT if sent else DRAFT}"


def documents_for(meeting, items: Iterable) -> Iterator[tuple[str, IndexDoc]]:
    """(index name, document) for every item of a meeting; items prefetched as in meeting_items()."""
    # A cancelled meeting whose agenda was sent stays searchable as that agenda.
    published = meeting.agenda_sent
    restricted = restricted_index(meeting.body_id, sent=published)
    for item in items:
        base = {
            "item_id": item.pk,
            "meeting_id": meeting.pk,
            "body_id": meeting.body_id,
            "body": meeting.body.slug,
            "day": meeting.date,
            "number": item.number,
            "title": item.title,
            "public": item.public,
            "published": published,
        }
        content = {
            "case_type": item.case_type,
            "kle": item.case_journal_number if item.case_id else "",
        }
        # Decisions as meetings.queries shows them: in the body's restricted documents (members,
        # secretariat) from the meeting on, in the public index's open ones once the minutes are published.
        text, refs = _item_text(
            item, meeting, closed_attachments=True, decisions=decisions_for_members(meeting)
        )
        yield restricted, IndexDoc(variant=RESTRICTED, text=text, refs=refs, **base, **content)
        if not published:
            continue
        if item.public:
            open_text, open_refs = _item_text(
                item, meeting, closed_attachments=False, decisions=decisions_public(meeting)
            )
            doc = IndexDoc(variant=OPEN, text=open_text, refs=open_refs, **base, **content)
        else:
            public_base = base | {"title": item.shown_public_title}
            doc = IndexDoc(variant=TITLE, text=_closed_item_public_text(item, meeting), **public_base)
        yield PUBLIC, doc


def load_meetings(meeting_ids: Iterable[int]) -> Iterator[tuple[Meeting, list[AgendaItem]]]:
    """Meetings with their items and everything searchable, a batch at a time (few queries)."""
    from django.db.models import Prefetch

    from protokol.meetings.models import AgendaItem, Meeting  # noqa: F811 - at run time, once apps are ready

    ids = sorted(set(meeting_ids))
    for start in range(0, len(ids), 200):
        batch = ids[start : start + 200]
        items = (
            AgendaItem.objects.select_related("case")
            .prefetch_related("sections", "decisions", "attachments", "votes", "statements__authors__party")
            .order_by("position", "number")
        )
        meetings = (
            Meeting.objects.filter(pk__in=batch)
            .select_related("body")
            .prefetch_related(Prefetch("items", queryset=items))
        )
        for meeting in meetings:
            yield meeting, list(meeting.items.all())
