"""Every write to cases and attachments; atomic, audited, rule-checked like the meetings services."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from protokol.cases.models import Attachment, Case
from protokol.cases.validators import validate_kle
from protokol.common.audit import log_action
from protokol.common.errors import ProtokolError
from protokol.meetings import rules
from protokol.meetings.models import AgendaItem, Organization
from protokol.meetings.services import record_change, require_editable
from protokol.search import outbox


def _check_kle(journal_number: str) -> str:
    journal_number = journal_number.strip()
    try:
        validate_kle(journal_number)
    except ValidationError as err:
        raise ProtokolError(err.messages[0]) from err
    return journal_number


def _case_snapshot(case: Case) -> dict:
    return {"number": case.number, "title": case.title, "journal_number": case.journal_number}


def _case_changed(case: Case, *, by: Any, before: dict) -> None:
    log_action(by=by, action="case.update", obj=case, before=before, after=_case_snapshot(case))
    for meeting_id in set(case.items.values_list("meeting_id", flat=True)):
        outbox.enqueue(meeting_id)


@transaction.atomic
def get_or_create_case(
    *, organization: Organization, number: str, by: Any, title: str = "", journal_number: str = ""
) -> Case:
    """The organisation's case with this number; created, or its missing title and KLE number filled in."""
    number = number.strip()
    if not number:
        raise ProtokolError(_("En sag skal have et sagsnummer."))
    journal_number = _check_kle(journal_number)
    case = Case.objects.select_for_update().filter(organization=organization, number=number).first()
    if case is None:
        case = Case.objects.create(
            organization=organization, number=number, title=title.strip()[:500], journal_number=journal_number
        )
        log_action(by=by, action="case.create", obj=case, after=_case_snapshot(case))
        return case
    before = _case_snapshot(case)
    changed = False
    if title and not case.title:
        case.title, changed = title.strip()[:500], True
    if journal_number and case.journal_number != journal_number:
        case.journal_number, changed = journal_number, True
    if changed:
        case.save()
        _case_changed(case, by=by, before=before)
    return case


@transaction.atomic
def update_case(*, case: Case, by: Any, title: str | None = None, journal_number: str | None = None) -> Case:
    before = _case_snapshot(case)
    if title is not None:
        case.title = title.strip()[:500]
    if journal_number is not None:
        case.journal_number = _check_kle(journal_number)
    case.save()
    _case_changed(case, by=by, before=before)
    return case


@dataclass(frozen=True)
class NewAttachment:
    title: str
    document_number: str = ""
    public: bool = True
    content: bytes | None = None
    file_name: str = ""
    mime_type: str = ""
    text: str = ""


@transaction.atomic
def add_attachments(
    *, item: AgendaItem, attachments: Sequence[NewAttachment], by: Any, reason: str = ""
) -> list[Attachment]:
    """Add attachments to an item in one write (an agenda can carry hundreds); one audit entry for all."""
    meeting = item.meeting
    rules.require_edit(by, meeting.body)
    require_editable(meeting, reason=reason)
    if any(not a.title.strip() for a in attachments):
        raise ProtokolError(_("Et bilag skal have en titel."))
    if not attachments:
        return []
    last = item.attachments.aggregate(m=Max("position"))["m"] or 0
    created = []
    for offset, new in enumerate(attachments, start=1):
        attachment = Attachment(
            item=item,
            position=last + offset,
            title=new.title.strip()[:500],
            document_number=new.document_number.strip(),
            public=new.public,
            text=new.text,
            mime_type=new.mime_type,
        )
        if new.content is not None:
            attachment.file_name = new.file_name[:255]
            attachment.size = len(new.content)
            attachment.sha512 = hashlib.sha512(new.content).hexdigest()
            attachment.file.save(new.file_name or "bilag", ContentFile(new.content), save=False)
        created.append(attachment)
    created = Attachment.objects.bulk_create(created)
    record_change(
        meeting=meeting,
        obj=created[0] if len(created) == 1 else item,
        action="attachment.add",
        by=by,
        before=None,
        after=[{"title": a.title, "document_number": a.document_number, "public": a.public} for a in created],
        reason=reason,
        item=item,
    )
    return created


def add_attachment(*, item: AgendaItem, title: str, by: Any, reason: str = "", **fields: Any) -> Attachment:
    """Add one attachment (fields as NewAttachment's)."""
    return add_attachments(
        item=item, attachments=[NewAttachment(title=title, **fields)], by=by, reason=reason
    )[0]
