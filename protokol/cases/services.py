"""Every write to cases and attachments; atomic, audited, rule-checked like the meetings services."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from protokol.cases import personal_data, queries
from protokol.cases.models import Attachment, Case, PersonalDataClearance
from protokol.cases.uploads import Upload
from protokol.cases.validators import validate_kle
from protokol.common.actors import Actor
from protokol.common.audit import log_action
from protokol.common.errors import ProtokolError
from protokol.meetings import rules
from protokol.meetings.enums import FROZEN_STATUSES, MeetingStatus, Role
from protokol.meetings.models import AgendaItem, Meeting, Organization
from protokol.meetings.services import audit, record_change, require_editable


def _check_kle(journal_number: str) -> str:
    journal_number = journal_number.strip()
    try:
        validate_kle(journal_number)
    except ValidationError as err:
        raise ProtokolError(err.messages[0]) from err
    return journal_number


def _case_snapshot(case: Case) -> dict:
    return {"number": case.number, "title": case.title, "journal_number": case.journal_number}


def _change(case: Case, *, by: Actor, **changes: str) -> None:
    """Write a case's new facts. Items on agendas `by` edits that stated the old KLE number follow it,
    each with an audit entry on its meeting; approved minutes and other bodies' agendas keep theirs."""
    before = _case_snapshot(case)
    for name, value in changes.items():
        setattr(case, name, value)
    case.save()
    log_action(by=by, action="case.update", obj=case, before=before, after=_case_snapshot(case))
    if "journal_number" not in changes:
        return
    following = list(
        queries.editable_items(by, case)
        .filter(case_journal_number=before["journal_number"])
        # Approved minutes keep what they printed; a cancelled meeting's agenda stays as it was sent.
        .exclude(meeting__status__in=(*FROZEN_STATUSES, MeetingStatus.CANCELLED))
    )
    # Not the item's own edit: its version stays, so a form open on it saves without a false conflict.
    AgendaItem.objects.filter(pk__in=[i.pk for i in following]).update(
        case_journal_number=case.journal_number, modified=timezone.now()
    )
    for item in following:
        audit(
            by=by,
            action="item.case_journal_number",
            obj=item,
            before={"case_journal_number": before["journal_number"]},
            after={"case_journal_number": case.journal_number},
            meeting_id=item.meeting_id,
        )


def _require_create(organization: Organization, by: Actor) -> None:
    if not (
        rules.is_admin(by)
        or organization.bodies.filter(pk__in=rules.body_ids_with_role(by, Role.SECRETARIAT)).exists()
    ):
        raise rules.Forbidden(_("Kun et sekretariat i organisationen kan oprette sager."))


@transaction.atomic
def resolve_case(
    *, organization: Organization, number: str, by: Actor, title: str = "", journal_number: str = ""
) -> Case:
    """The organisation's case with this number, for `by` to put on an agenda: found, or created.

    A found case is completed (a missing title or KLE number filled in) where `by` may edit it, never
    changed: that is update_case. A case that `by` may not see is neither shown nor lent: its number is
    refused with a message that says only that the number is taken.
    """
    number = number.strip()
    if not number:
        raise ProtokolError(_("En sag skal have et sagsnummer."))
    journal_number = _check_kle(journal_number)
    case = Case.objects.select_for_update().filter(organization=organization, number=number).first()
    if case is None:
        _require_create(organization, by)
        case = Case.objects.create(
            organization=organization, number=number, title=title.strip()[:500], journal_number=journal_number
        )
        log_action(by=by, action="case.create", obj=case, after=_case_snapshot(case))
        return case
    if not queries.visible_cases(by).filter(pk=case.pk).exists():
        raise ProtokolError(
            _(
                "Sagsnummeret %(number)s er allerede i brug i en sag, som du ikke har adgang til. "
                "Sekretariatet for det udvalg, der har sagen, eller en administrator kan sætte den på "
                "din dagsorden."
            )
            % {"number": number}
        )
    missing = {}
    if title.strip() and not case.title:
        missing["title"] = title.strip()[:500]
    if journal_number and not case.journal_number:
        missing["journal_number"] = journal_number
    if missing and queries.can_edit_case(by, case):
        _change(case, by=by, **missing)
    return case


@transaction.atomic
def update_case(
    *, case: Case, by: Actor, title: str | None = None, journal_number: str | None = None
) -> Case:
    """Change a case's title or KLE number; see _change for what follows (approved minutes never do)."""
    if not queries.can_edit_case(by, case):
        raise rules.Forbidden(
            _("Du kan kun ændre en sag, som står på en dagsorden i et udvalg, du er sekretariat for.")
        )
    changes = {}
    if title is not None and title.strip()[:500] != case.title:
        changes["title"] = title.strip()[:500]
    if journal_number is not None:
        journal_number = _check_kle(journal_number)
        if journal_number != case.journal_number:
            changes["journal_number"] = journal_number
    if changes:
        _change(case, by=by, **changes)
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
    *, item: AgendaItem, attachments: Sequence[NewAttachment], by: Actor, reason: str = ""
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


def add_attachment(*, item: AgendaItem, title: str, by: Actor, reason: str = "", **fields: Any) -> Attachment:
    """Add one attachment (fields as NewAttachment's)."""
    return add_attachments(
        item=item, attachments=[NewAttachment(title=title, **fields)], by=by, reason=reason
    )[0]


# Withdrawing, replacing and closing attachments --------------------------------------------------


def _attachment_snapshot(a: Attachment) -> dict:
    return {
        "id": a.pk,
        "title": a.title,
        "document_number": a.document_number,
        "public": a.public,
        "file_name": a.file_name,
        "sha512": a.sha512,
    }


def _locked(attachment: Attachment) -> Attachment:
    current = (
        Attachment.all_objects.select_for_update().select_related("item__meeting__body").get(pk=attachment.pk)
    )
    if current.withdrawn_at is not None:
        raise ProtokolError(_("Bilaget “%(t)s” er allerede trukket tilbage.") % {"t": current.title})
    return current


def _withdraw(
    attachment: Attachment, *, by: Actor, reason: str, replaced_by: Attachment | None = None
) -> None:
    attachment.withdrawn_at = timezone.now()
    attachment.withdrawn_by = by if getattr(by, "pk", None) else None
    attachment.withdrawn_reason = reason
    attachment.replaced_by = replaced_by
    attachment.save(
        update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason", "replaced_by", "modified"]
    )


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ProtokolError(_("Skriv en begrundelse for, at bilaget trækkes tilbage."))
    return reason


@transaction.atomic
def withdraw_attachment(*, attachment: Attachment, by: Actor, reason: str) -> Attachment:
    """Take an attachment off every channel at once: pages, search, the page cache, OParl (a deleted File),
    the JSON API; its downloads answer 410 Gone. The row and its file stay for the record, readable by the
    body's secretariat and administrators only; the audit log keeps who, when and why."""
    current = _locked(attachment)
    meeting = current.item.meeting
    rules.require_edit(by, meeting.body)
    reason = _require_reason(reason)
    before = _attachment_snapshot(current)
    _withdraw(current, by=by, reason=reason)
    record_change(
        meeting=meeting,
        obj=current,
        action="attachment.withdraw",
        by=by,
        before=before,
        after=None,
        reason=reason,
        item=current.item,
    )
    return current


@transaction.atomic
def replace_attachment(*, attachment: Attachment, upload: Upload, by: Actor, reason: str) -> Attachment:
    """Put a new version (a redacted one) in an attachment's place: same title, number, place and access;
    the old one is withdrawn as by withdraw_attachment, and points to its replacement."""
    current = _locked(attachment)
    meeting = current.item.meeting
    rules.require_edit(by, meeting.body)
    reason = _require_reason(reason)
    new = Attachment(
        item=current.item,
        position=current.position,
        title=current.title,
        document_number=current.document_number,
        public=current.public,
        file_name=upload.file_name[:255],
        mime_type=upload.mime_type,
        size=len(upload.content),
        sha512=hashlib.sha512(upload.content).hexdigest(),
        text=upload.text,
    )
    new.file.save(upload.file_name or "bilag", ContentFile(upload.content), save=False)
    new.save()
    before = _attachment_snapshot(current)
    _withdraw(current, by=by, reason=reason, replaced_by=new)
    record_change(
        meeting=meeting,
        obj=new,
        action="attachment.replace",
        by=by,
        before=before,
        after=_attachment_snapshot(new),
        reason=reason,
        item=current.item,
    )
    return new


@transaction.atomic
def set_attachment_public(*, attachment: Attachment, public: bool, by: Actor, reason: str = "") -> Attachment:
    """Open or close an attachment (closing one the public could see leaves OParl a deleted File, through the
    save signals of api.tombstones)."""
    current = _locked(attachment)
    meeting = current.item.meeting
    rules.require_edit(by, meeting.body)
    require_editable(meeting, reason=reason)
    if current.public == public:
        return current
    before = _attachment_snapshot(current)
    current.public = public
    current.save(update_fields=["public", "modified"])
    record_change(
        meeting=meeting,
        obj=current,
        action="attachment.public",
        by=by,
        before=before,
        after=_attachment_snapshot(current),
        reason=reason,
        item=current.item,
    )
    return current


# The personal-data check --------------------------------------------------------------------------


@transaction.atomic
def mark_false_positive(*, meeting: Meeting, fingerprint: str, by: Actor) -> PersonalDataClearance:
    """Record that a hit of the personal-data check is no personal data: who, when, which hit (by its
    fingerprint, so that a new scan does not ask again)."""
    rules.require_edit(by, meeting.body)
    hit = next((h for h in personal_data.find_hits(meeting) if h.fingerprint == fingerprint), None)
    if hit is None:
        raise ProtokolError(_("Fundet findes ikke længere; tjek mødet igen."))
    clearance, created = PersonalDataClearance.objects.get_or_create(
        meeting=meeting,
        fingerprint=fingerprint,
        defaults={"kind": hit.kind, "where": hit.where[:500], "by": by if getattr(by, "pk", None) else None},
    )
    if created:
        log_action(
            by=by,
            action="personal_data.false_positive",
            obj=clearance,
            after={"fingerprint": fingerprint, "kind": hit.kind, "where": hit.where},
            meeting_id=meeting.pk,
        )
    return clearance
