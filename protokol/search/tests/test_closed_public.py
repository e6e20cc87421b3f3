"""A visitor finds a closed item by its public fields: neutral title, reason, and, once the minutes are
published, its public decision text; never its own title or decision."""

import pytest

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import ClosedReason
from protokol.meetings.tests import factories
from protokol.search.query import search

pytestmark = pytest.mark.django_db


def test_a_closed_item_is_found_by_its_public_fields_only():
    by = system_user()
    meeting = factories.meeting(factories.body("Økonomiudvalget"))
    item = factories.item(
        meeting,
        "Køb af Havnegade 3 fra Skibsreder Olsen",
        public=False,
        public_title="Køb af ejendom",
        closed_reason=ClosedReason.PROPERTY,
        closed_reason_text="Prisforhandlingerne pågår.",
    )
    services.publish_agenda(meeting, by=by)
    services.mark_held(meeting, by=by)
    services.record_decision(item=item, text="Skibsreder får 9 mio.", public_text="Købet bemyndiges.", by=by)
    services.approve_minutes(meeting, by=by)
    assert [h.title for h in search("ejendom").hits] == ["Køb af ejendom"]
    assert search("prisforhandlingerne").count == 1
    assert search("bemyndiges").count == 0  # the public text waits for the published minutes
    services.publish_minutes(meeting, by=by)
    assert search("bemyndiges").count == 1
    for secret in ("skibsreder", "havnegade", "olsen"):
        assert search(secret).count == 0, secret
