"""Every write to bodies, meetings, items, sections and decisions.

Each function is atomic, checks the rules (meetings/rules.py) for the acting user `by`, and writes
the audit entry. Approved minutes are frozen: a change after approval needs a `reason` and is kept
as an Amendment.

The services are split by what they write (docs/ARCHITECTURE.md); import them from here."""

from protokol.meetings.services.base import ITEM_FIELDS, audit
from protokol.meetings.services.bodies import (
    add_membership,
    create_body,
    create_organization,
    find_body,
    get_or_create_organization,
)
from protokol.meetings.services.decisions import (
    QUICK_OUTCOMES,
    forward_item,
    guess_outcome,
    next_route_body,
    postpone_item,
    record_decision,
    set_historical_status,
    set_standing_items,
)
from protokol.meetings.services.items import (
    add_item,
    edit_item,
    move_item,
    remove_item,
    set_route,
    set_sections,
    update_item,
)
from protokol.meetings.services.lifecycle import (
    advance,
    agenda_deadline_of,
    agenda_is_late,
    approve_minutes,
    cancel_meeting,
    canonical_json,
    change_minutes,
    closed_decisions_lacking_public_text,
    closed_items_lacking_public_fields,
    create_meeting,
    mark_held,
    minutes_digest,
    minutes_match,
    public_minutes_digest,
    public_minutes_document,
    publish_agenda,
    publish_minutes,
    record_change,
    require_editable,
    require_not_cancelled,
    update_meeting,
)

__all__ = [
    "ITEM_FIELDS",
    "QUICK_OUTCOMES",
    "add_item",
    "add_membership",
    "advance",
    "agenda_deadline_of",
    "agenda_is_late",
    "approve_minutes",
    "audit",
    "cancel_meeting",
    "canonical_json",
    "change_minutes",
    "closed_decisions_lacking_public_text",
    "closed_items_lacking_public_fields",
    "create_body",
    "create_meeting",
    "create_organization",
    "edit_item",
    "find_body",
    "forward_item",
    "get_or_create_organization",
    "guess_outcome",
    "mark_held",
    "minutes_digest",
    "minutes_match",
    "move_item",
    "next_route_body",
    "postpone_item",
    "public_minutes_digest",
    "public_minutes_document",
    "publish_agenda",
    "publish_minutes",
    "record_change",
    "record_decision",
    "remove_item",
    "require_editable",
    "require_not_cancelled",
    "set_historical_status",
    "set_route",
    "set_sections",
    "set_standing_items",
    "update_item",
    "update_meeting",
]
