"""Agenda items: add, edit (one service per intent), move and remove them, their route and sections."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from protokol.cases.validators import validate_kle
from protokol.common.actors import Actor
from protokol.common.errors import Conflict, ProtokolError
from protokol.common.richtext import sanitize
from protokol.meetings import rules
from protokol.meetings.enums import (
    ClosedReason,
    MeetingStatus,
    Standing,
    section_kind,
)
from protokol.meetings.models import (
    AgendaItem,
    Meeting,
    RouteStep,
    Section,
)
from protokol.meetings.services.base import ITEM_FIELDS, audit
from protokol.meetings.services.bodies import find_body
from protokol.meetings.services.lifecycle import record_change, require_editable, require_not_cancelled


def _item_snapshot(item: AgendaItem) -> dict:
    snap = {name: getattr(item, name) for name in ITEM_FIELDS}
    snap["case"] = item.case.number if item.case is not None else None
    return snap


def _check_closed_reason(value: str) -> None:
    if value and value not in ClosedReason.values:
        raise ProtokolError(_("Ukendt begrundelse for lukning: %(r)s") % {"r": value})


def _printed_kle(case: Any, given: str | None) -> str:
    """The KLE number an item states: as given (an imported document prints its own), else its case's."""
    if case is None:
        return ""
    if given is None:
        return case.journal_number
    given = given.strip()
    try:
        validate_kle(given)
    except ValidationError as err:
        raise ProtokolError(err.messages[0]) from err
    return given


def _check_number_free(meeting: Meeting, number: int | None, *, exclude: int | None = None) -> None:
    if number is None:
        return
    taken = AgendaItem.objects.filter(meeting=meeting, number=number)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ProtokolError(_("Punkt nummer %(n)s findes allerede på dette møde.") % {"n": number})


@transaction.atomic
def add_item(
    *,
    meeting: Meeting,
    title: str,
    by: Actor,
    public: bool = True,
    number: int | None = None,
    printed_number: str = "",
    position: int | None = None,
    case: Any = None,
    case_journal_number: str | None = None,
    document_number: str = "",
    case_type: str = "",
    standing: str = Standing.NO,
    route: Sequence[str] = (),
    sections: Sequence[tuple[str, str]] = (),
    postponed_from: AgendaItem | None = None,
    public_title: str = "",
    subject_confidential: bool = False,
    closed_reason: str = "",
    closed_reason_text: str = "",
    reason: str = "",
    supplementary: bool | None = None,
) -> AgendaItem:
    """Add an item. One added after the agenda was sent and before the meeting is held is a tillægspunkt
    (`supplementary`); an importer storing a document's own items says False."""
    rules.require_edit(by, meeting.body)
    require_editable(meeting, reason=reason)
    if supplementary is None:
        supplementary = meeting.status == MeetingStatus.AGENDA_PUBLISHED
    title = title.strip()
    if not title:
        raise ProtokolError(_("Et punkt skal have en titel."))
    _check_closed_reason(closed_reason)
    _check_number_free(meeting, number)
    if position is None:
        # New items go before the standing items that close the agenda ("Eventuelt").
        closing = meeting.items.filter(standing=Standing.END).order_by("position").first()
        last = meeting.items.aggregate(m=Max("position"))["m"]
        position = closing.position if closing else (0 if last is None else last + 1)
    meeting.items.filter(position__gte=position).update(position=F("position") + 1)
    if case is not None and case.organization_id != meeting.body.organization_id:
        raise ProtokolError(_("Sagen hører til en anden organisation."))
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        printed_number=printed_number.strip()[:20],
        public=public,
        number=number,
        position=position,
        case=case,
        case_journal_number=_printed_kle(case, case_journal_number),
        document_number=document_number.strip(),
        case_type=case_type.strip(),
        standing=standing,
        postponed_from=postponed_from,
        public_title=public_title.strip(),
        subject_confidential=subject_confidential,
        closed_reason=closed_reason,
        closed_reason_text=closed_reason_text.strip(),
        supplementary=supplementary,
    )
    _write_route(item, route)
    _write_sections(item, sections)
    record_change(
        meeting=meeting,
        obj=item,
        action="item.create",
        by=by,
        before=None,
        after=_item_snapshot(item)
        | {"route": list(route), "sections": [h for h, _t in sections], "supplementary": supplementary},
        reason=reason,
        item=item,
    )
    return item


@transaction.atomic
def update_item(
    *, item: AgendaItem, by: Actor, expected_version: int | None = None, reason: str = "", **fields: Any
) -> AgendaItem:
    """Change an item's own fields. With expected_version, refuse if someone saved in between."""
    meeting = item.meeting
    rules.require_edit(by, meeting.body)
    require_editable(meeting, reason=reason)
    unknown = set(fields) - set(ITEM_FIELDS) - {"case"}
    if unknown:
        raise ProtokolError(_("Ukendte felter: %(f)s") % {"f": ", ".join(sorted(unknown))})
    current = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            _("Punktet er blevet ændret af en anden, siden du åbnede det. Din ændring er ikke gemt.")
        )
    if "number" in fields:
        _check_number_free(meeting, fields["number"], exclude=item.pk)
    if "title" in fields and not str(fields["title"]).strip():
        raise ProtokolError(_("Et punkt skal have en titel."))
    _check_closed_reason(fields.get("closed_reason", ""))
    case = fields.get("case", current.case)
    if "case_journal_number" in fields or (case.pk if case else None) != current.case_id:
        if case is not None and case.organization_id != meeting.body.organization_id:
            raise ProtokolError(_("Sagen hører til en anden organisation."))
        fields["case_journal_number"] = _printed_kle(case, fields.get("case_journal_number"))
    before = _item_snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    if _item_snapshot(current) == before:
        return item  # nothing changed: no new version, no audit entry
    current.version = current.version + 1
    current.save()
    action = "item.update"
    if current.public != before["public"]:
        # Opening a closed item is a decision of its own, never a side effect of an edit: the log names it.
        action = "item.open" if current.public else "item.close"
    record_change(
        meeting=meeting,
        obj=current,
        action=action,
        by=by,
        before=before,
        after=_item_snapshot(current),
        reason=reason,
        item=current,
    )
    item.refresh_from_db()
    return item


def _write_route(item: AgendaItem, names: Sequence[str]) -> None:
    item.route_steps.all().delete()
    org = item.meeting.body.organization
    RouteStep.objects.bulk_create(
        RouteStep(item=item, position=i, name=name.strip(), body=find_body(organization=org, name=name))
        for i, name in enumerate(names)
        if name.strip()
    )


def _write_sections(item: AgendaItem, sections: Sequence[tuple[str, str]]) -> None:
    item.sections.all().delete()
    Section.objects.bulk_create(
        Section(
            item=item, position=i, heading=heading.strip(), kind=section_kind(heading), text=sanitize(text)
        )
        for i, (heading, text) in enumerate(sections)
        if heading.strip()
    )


@transaction.atomic
def set_route(*, item: AgendaItem, names: Sequence[str], by: Actor, reason: str = "") -> AgendaItem:
    rules.require_edit(by, item.meeting.body)
    require_editable(item.meeting, reason=reason)
    before = item.route_names
    _write_route(item, names)
    record_change(
        meeting=item.meeting,
        obj=item,
        action="item.route",
        by=by,
        before=before,
        after=item.route_names,
        reason=reason,
        item=item,
    )
    return item


@transaction.atomic
def set_sections(
    *, item: AgendaItem, sections: Sequence[tuple[str, str]], by: Actor, reason: str = ""
) -> AgendaItem:
    rules.require_edit(by, item.meeting.body)
    require_editable(item.meeting, reason=reason)
    before = [[s.heading, s.text] for s in item.sections.all()]
    _write_sections(item, sections)
    AgendaItem.objects.filter(pk=item.pk).update(version=F("version") + 1)
    record_change(
        meeting=item.meeting,
        obj=item,
        action="item.sections",
        by=by,
        before=before,
        after=[[s.heading, s.text] for s in item.sections.all()],
        reason=reason,
        item=item,
    )
    return item


def _written_sections(sections: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The sections as they would be kept (stripped; a section without text shows nothing)."""
    return [(h.strip(), t.strip()) for h, t in sections if h.strip() and t.strip()]


@transaction.atomic
def edit_item(
    *,
    item: AgendaItem,
    by: Actor,
    expected_version: int | None = None,
    reason: str = "",
    route: Sequence[str] | None = None,
    sections: Sequence[tuple[str, str]] | None = None,
    **fields: Any,
) -> bool:
    """The edit of an item as a user makes it (the workspace's form, the API's PATCH): its fields, its
    route and its sections, all or nothing, with the version check first. Only what differs is
    written; `route` and `sections` left None stay as they are. Returns whether anything changed."""
    rules.require_edit(by, item.meeting.body)
    changed = {
        name: value
        for name, value in fields.items()
        if (
            getattr(item, f"{name}_id") != (value.pk if value else None)
            if name == "case"
            else getattr(item, name) != value
        )
    }
    route_changed = route is not None and [n.strip() for n in route if n.strip()] != item.route_names
    sections_changed = sections is not None and _written_sections(sections) != _written_sections(
        (s.heading, s.text) for s in item.sections.all()
    )
    if changed or expected_version is not None:
        before = item.version
        item = update_item(item=item, by=by, expected_version=expected_version, reason=reason, **changed)
        changed = changed if item.version != before else {}
    if sections_changed and sections is not None:
        set_sections(item=item, sections=sections, by=by, reason=reason)
    if route_changed and route is not None:
        set_route(item=item, names=route, by=by, reason=reason)
    return bool(changed) or sections_changed or route_changed


@transaction.atomic
def remove_item(*, item: AgendaItem, by: Actor) -> None:
    meeting = item.meeting
    rules.require_edit(by, meeting.body)
    require_not_cancelled(meeting)
    if meeting.status != MeetingStatus.DRAFT:
        raise ProtokolError(_("Punkter kan kun fjernes, før dagsordenen er udsendt."))
    audit(by=by, action="item.delete", obj=item, before=_item_snapshot(item), meeting_id=meeting.pk)
    gap = item.position
    item.delete()
    # The others close up, as after a move: positions stay 0..n-1, the agenda's order as shown.
    meeting.items.filter(position__gt=gap).update(position=F("position") - 1)


@transaction.atomic
def move_item(*, item: AgendaItem, to_position: int, by: Actor) -> None:
    """Put an item at a place in the agenda (0 = first); the others close up around it."""
    meeting = item.meeting
    rules.require_edit(by, meeting.body)
    require_not_cancelled(meeting)
    if meeting.status != MeetingStatus.DRAFT:
        raise ProtokolError(_("Rækkefølgen er låst, når dagsordenen er udsendt."))
    items = [i for i in meeting.items.order_by("position", "pk") if i.pk != item.pk]
    to_position = max(0, min(to_position, len(items)))
    items.insert(to_position, item)
    for position, it in enumerate(items):
        if it.position != position:
            AgendaItem.objects.filter(pk=it.pk).update(position=position)
    audit(by=by, action="item.move", obj=item, after={"position": to_position}, meeting_id=meeting.pk)
