"""Every write to cases and attachments; atomic, audited, rule-checked like the meetings services."""

import hashlib
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


@transaction.atomic
def add_attachment(
    *,
    item: AgendaItem,
    title: str,
    by: Any,
    document_number: str = "",
    public: bool = True,
    content: bytes | None = None,
    file_name: str = "",
    mime_type: str = "",
    text: str = "",
    reason: str = "",
) -> Attachment:
    meeting = item.meeting
    rules.require_edit(by, meeting.body)
    require_editable(meeting, reason=reason)
    title = title.strip()
    if not title:
        raise ProtokolError(_("Et bilag skal have en titel."))
    position = (item.attachments.aggregate(m=Max("position"))["m"] or 0) + 1
    attachment = Attachment(
        item=item,
        position=position,
        title=title[:500],
        document_number=document_number.strip(),
        public=public,
        text=text,
        mime_type=mime_type,
    )
    if content is not None:
        attachment.file_name = file_name[:255]
        attachment.size = len(content)
        attachment.sha512 = hashlib.sha512(content).hexdigest()
        attachment.file.save(file_name or "bilag", ContentFile(content), save=False)
    attachment.save()
    record_change(
        meeting=meeting,
        obj=attachment,
        action="attachment.add",
        by=by,
        before=None,
        after={"title": title, "document_number": attachment.document_number, "public": public},
        reason=reason,
        item=item,
    )
    return attachment
