"""Closed items as the law asks: a neutral public title, a reason, and a public text for every decision.

Publishing refuses until they are there, naming the items; the interchange export carries them.
"""

import pytest

from protokol.common.errors import ProtokolError
from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import ClosedReason, MeetingStatus
from protokol.meetings.interchange import export_meeting
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return factories.meeting(factories.body("Økonomiudvalget"))


def _closed(meeting, title: str, **fields):
    # Straight through the service: the factory would fill in the public fields.
    return services.add_item(meeting=meeting, title=title, public=False, by=system_user(), **fields)


def test_publishing_the_agenda_refuses_a_closed_item_without_a_neutral_title_or_a_reason(meeting):
    by = system_user()
    factories.item(meeting, "Budget")
    no_title = _closed(meeting, "Køb af Havnegade 3", closed_reason=ClosedReason.PROPERTY)
    no_reason = _closed(meeting, "Afsked af en leder", public_title="Personalesag")
    with pytest.raises(ProtokolError) as refused:
        services.publish_agenda(meeting, by=by)
    message = str(refused.value)
    assert message.startswith("Dagsordenen kan ikke udsendes")
    assert "Køb af Havnegade 3" in message and "Afsked af en leder" in message
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT

    services.update_item(item=no_title, public_title="Køb af ejendom", by=by)
    # The subject itself confidential: "Lukket punkt" is all the public reads, and that is enough.
    services.update_item(item=no_reason, subject_confidential=True, by=by)
    services.publish_agenda(meeting, by=by)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    no_reason.refresh_from_db()
    assert no_reason.shown_public_title == "Lukket punkt"


def test_publishing_the_minutes_refuses_a_closed_decision_without_public_text_until_resolved(meeting):
    by = system_user()
    open_item = factories.item(meeting, "Budget")
    sale = factories.item(meeting, "Salg af Skolevej 2 til Karen Olsen", public=False)
    person = factories.item(meeting, "Afsked af en leder", public=False)
    services.publish_agenda(meeting, by=by)
    services.mark_held(meeting, by=by)
    services.record_decision(item=open_item, text="Godkendt.", by=by)
    services.record_decision(item=sale, text="Godkendt til 2,1 mio. kr.", by=by)
    services.record_decision(item=person, text="Godkendt.", by=by)
    services.approve_minutes(meeting, by=by)
    with pytest.raises(ProtokolError) as refused:
        services.publish_minutes(meeting, by=by)
    message = str(refused.value)
    assert message.startswith("Referatet kan ikke offentliggøres")
    assert "Salg af Skolevej 2" in message and "Afsked af en leder" in message and "Budget" not in message
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED

    # One way: a public decision text. The other: a recorded reason why none can be given.
    services.record_decision(
        item=sale,
        text="Godkendt til 2,1 mio. kr.",
        public_text="Salget godkendes.",
        by=by,
        reason="Offentlig tekst tilføjet",
    )
    with pytest.raises(ProtokolError) as still:
        services.publish_minutes(meeting, by=by)
    assert "Afsked af en leder" in str(still.value) and "Salg af Skolevej 2" not in str(still.value)
    services.record_decision(
        item=person,
        text="Godkendt.",
        public_text_withheld="Beslutningen vedrører en enkelt medarbejders forhold.",
        by=by,
        reason="Begrundelse tilføjet",
    )
    services.publish_minutes(meeting, by=by)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED


def test_the_export_carries_the_public_fields_of_a_closed_item(meeting):
    by = system_user()
    item = factories.item(
        meeting,
        "Udbud af rengøring – Firma A vinder",
        public=False,
        public_title="Udbud af rengøring",
        closed_reason=ClosedReason.CONTRACT,
        closed_reason_text="Tilbuddene rummer forretningshemmeligheder.",
    )
    services.publish_agenda(meeting, by=by)
    services.mark_held(meeting, by=by)
    services.record_decision(item=item, text="Firma A.", public_text="Kontrakten tildeles.", by=by)
    exported = export_meeting(meeting)["items"][0]
    assert exported["public_title"] == "Udbud af rengøring"
    assert exported["closed_reason"] == {
        "category": "contract",
        "text": "Tilbuddene rummer forretningshemmeligheder.",
        "subject_confidential": False,
    }
    assert exported["decisions"][0]["public_text"] == "Kontrakten tildeles."
    with pytest.raises(ProtokolError):
        services.update_item(item=item, closed_reason="hemmeligt", by=by)


def test_the_renderers_plain_copies_of_the_words_agree_with_the_models():
    # Rendering runs without Django settings, so it keeps its own Danish words; they must not drift.
    from django.utils import translation

    from protokol.meetings import models
    from protokol.meetings.editions import CLOSED_ITEM_TITLE
    from protokol.rendering import CLOSED_REASON_LABELS

    assert CLOSED_ITEM_TITLE == models.CLOSED_ITEM_TITLE
    with translation.override("da"):
        assert {c.value: str(c.label) for c in ClosedReason} == CLOSED_REASON_LABELS
