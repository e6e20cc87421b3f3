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

from protokol.cases import queries
from protokol.cases.models import Attachment, Case
from protokol.cases.validators import validate_kle
from protokol.common.audit import log_action
from protokol.common.errors import ProtokolError
from protokol.meetings import rules
from protokol.meetings.enums import FROZEN_STATUSES, Role
from protokol.meetings.models import AgendaItem, Organization
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


def _change(case: Case, *, by: Any, **changes: str) -> None:
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
        .exclude(meeting__status__in=FROZEN_STATUSES)
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


def _require_create(organization: Organization, by: Any) -> None:
    if not (
        rules.is_admin(by)
        or organization.bodies.filter(pk__in=rules.body_ids_with_role(by, Role.SECRETARIAT)).exists()
    ):
        raise rules.Forbidden(_("Kun et sekretariat i organisationen kan oprette sager."))


@transaction.atomic
def resolve_case(
    *, organization: Organization, number: str, by: Any, title: str = "", journal_number: str = ""
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
def update_case(*, case: Case, by: Any, title: str | None = None, journal_number: str | None = None) -> Case:
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
