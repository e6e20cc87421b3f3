"""One service per intent: editing an item (edit_item) and moving a meeting on (advance), which the
workspace and the API both call."""

import pytest

from protokol.common.errors import Conflict
from protokol.common.models import AuditEntry
from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db


def _actions(item) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type="meetings.agendaitem", object_id=str(item.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_edit_item_writes_only_what_differs_and_nothing_for_an_unchanged_form():
    by = system_user()
    item = factories.item(factories.meeting(), "Cykelsti", sections=[("Sagsfremstilling", "Tekst")])
    written = _actions(item)
    unchanged = services.edit_item(
        item=item,
        by=by,
        expected_version=item.version,
        title=" Cykelsti ",
        route=[],
        sections=[("Sagsfremstilling", "Tekst"), ("Indstilling", "")],
    )
    assert unchanged is False
    assert _actions(item) == written
    assert services.edit_item(item=item, by=by, title="Cykelsti langs åen", route=["Økonomiudvalget"])
    item.refresh_from_db()
    assert item.title == "Cykelsti langs åen" and item.route_names == ["Økonomiudvalget"]
    assert _actions(item)[len(written) :] == ["item.update", "item.route"]


def test_edit_item_is_all_or_nothing_and_checks_the_version_first():
    by = system_user()
    item = factories.item(factories.meeting(), "Cykelsti")
    stale = item.version
    services.edit_item(item=item, by=by, title="Ny titel")
    with pytest.raises(Conflict):
        services.edit_item(item=item, by=by, expected_version=stale, sections=[("Indstilling", "Godkendes")])
    item.refresh_from_db()
    assert item.title == "Ny titel" and not item.sections.exists()


def test_advance_runs_the_step_that_leads_to_the_status_and_refuses_others():
    from protokol.common.errors import ProtokolError
    from protokol.meetings.enums import MeetingStatus

    meeting = factories.meeting()
    factories.item(meeting, "Punkt")
    with pytest.raises(ProtokolError):
        services.advance(meeting, to=MeetingStatus.HELD, by=system_user())  # not the next step
    with pytest.raises(ProtokolError):
        services.advance(meeting, to="draft", by=system_user())
    services.advance(meeting, to=MeetingStatus.AGENDA_PUBLISHED, by=system_user())
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED and meeting.items.get().number == 1
