"""The reference minutes (Kalundborg Direktionen, 30 May 2016), stored by hand through the services.

Built from the expectation file, not through an importer, so the model and the services are tested alone.
"""

import json
from datetime import date, datetime

from protokol.cases import services as case_services
from protokol.common.testing import CORPUS_DIR
from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import BodyKind, ClosedReason, MeetingStatus

REFERENCE = CORPUS_DIR / "kalundborg_direktionen_2016-05-30.json"


def reference_document() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def store_reference_minutes(*, status: str = MeetingStatus.MINUTES_PUBLISHED):
    doc = reference_document()
    by = system_user()
    org = services.get_or_create_organization(name="Kalundborg Kommune", by=by)
    body = services.create_body(
        organization=org,
        name=doc["body"],
        slug="direktionen",
        kind=BodyKind.BOARD,
        aliases=["Direktion"],
        by=by,
    )
    for name, kind in (("Økonomiudvalget", BodyKind.COMMITTEE), ("Kommunalbestyrelsen", BodyKind.COUNCIL)):
        services.create_body(organization=org, name=name, kind=kind, aliases=[name[:-2]], by=by)
    start = datetime.fromisoformat(doc["start"])
    meeting = services.create_meeting(
        body=body, date=start.date(), start_time=start.time(), location=doc["location"], by=by
    )
    for it in doc["items"]:
        case = None
        if it["case_number"]:
            case = case_services.resolve_case(
                organization=org,
                number=it["case_number"],
                title=it["title"],
                journal_number=it["journal_number"] or "",
                by=by,
            )
        item = services.add_item(
            meeting=meeting,
            number=it["number"],
            title=it["title"],
            public=it["public"],
            case=case,
            document_number=it["document_number"] or "",
            case_type=it["case_type"] or "",
            route=it["route"],
            sections=[(s["heading"], s["text"]) for s in it["sections"]],
            # The reference minutes print the closed item's title for anyone to read.
            public_title="" if it["public"] else it["title"],
            closed_reason="" if it["public"] else ClosedReason.OTHER,
            by=by,
        )
        for att in it["attachments"]:
            case_services.add_attachment(
                item=item, title=att["title"], document_number=att["document_number"] or "", by=by
            )
    services.publish_agenda(meeting, by=by)
    services.mark_held(meeting, by=by)
    for it in doc["items"]:
        item = meeting.items.get(number=it["number"])
        for d in it["decisions"]:
            services.record_decision(
                item=item, text=d["text"], body_name=d["body"], date=date.fromisoformat(d["date"]), by=by
            )
    if status in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.MINUTES_PUBLISHED):
        services.approve_minutes(meeting, by=by)
    if status == MeetingStatus.MINUTES_PUBLISHED:
        services.publish_minutes(meeting, by=by)
    meeting.refresh_from_db()
    return meeting
