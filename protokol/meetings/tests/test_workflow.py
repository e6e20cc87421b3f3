"""Standing items, postponing, forwarding along the route, members' sign-off."""

from datetime import date

import pytest

from protokol.cases import services as case_services
from protokol.common.errors import ProtokolError
from protokol.meetings import services
from protokol.meetings.enums import MeetingStatus, Outcome, Role
from protokol.meetings.rules import Forbidden
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db

STANDING = [
    ("Valg af emner til drøftelse med borgmesteren", "end"),
    ("Formidling af Direktionens drøftelser og beslutninger til organisationen", "end"),
    ("Eventuelt", "end"),
]


@pytest.fixture
def board(system):
    org = factories.organization("Kalundborg Kommune")
    board = factories.body("Direktionen", org=org, aliases=["Direktion"])
    services.set_standing_items(
        body=board, items=[("Godkendelse af dagsorden", "start"), *STANDING], by=system
    )
    return board


def titles(meeting):
    return [i.title for i in meeting.items.order_by("position")]


def test_a_new_agenda_has_the_standing_items_in_their_places(system, board):
    m = factories.meeting(board, day=date(2026, 6, 1))
    factories.item(m, "Opfølgning på styringstemaet")
    factories.item(m, "Kalundborg Kommune på Facebook")
    assert titles(m) == [
        "Godkendelse af dagsorden",
        "Opfølgning på styringstemaet",
        "Kalundborg Kommune på Facebook",
        *[t for t, _ in STANDING],
    ]
    services.publish_agenda(m, by=system)
    assert [i.number for i in m.items.order_by("position")] == [1, 2, 3, 4, 5, 6]


def test_a_postponed_item_moves_to_the_next_draft_with_its_history(system, board):
    m = factories.meeting(board, day=date(2026, 6, 1))
    case = case_services.resolve_case(organization=board.organization, number="326-2016-968", by=system)
    item = factories.item(m, "Udviklingsstrategien", case=case, sections=[("Resume", "Tekst")])
    case_services.add_attachment(item=item, title="Notat", by=system)
    nxt = factories.meeting(board, day=date(2026, 6, 15))
    services.publish_agenda(m, by=system)
    moved = services.postpone_item(item=item, by=system)
    assert item.decisions.get().outcome == Outcome.POSTPONED
    assert moved.meeting == nxt and moved.case == case and moved.postponed_from == item
    assert [s.text for s in moved.sections.all()] == ["Tekst"]
    assert [a.title for a in moved.attachments.all()] == ["Notat"]
    assert titles(nxt).index("Udviklingsstrategien") < titles(nxt).index("Eventuelt")
    assert set(case.items.all()) == {item, moved}


def test_postponing_without_a_next_meeting_says_what_to_do(system, board):
    m = factories.meeting(board, day=date(2026, 6, 1))
    item = factories.item(m, "Udviklingsstrategien")
    services.publish_agenda(m, by=system)
    with pytest.raises(ProtokolError, match="Opret mødet først"):
        services.postpone_item(item=item, by=system)
    assert not item.decisions.exists()


def test_a_recommendation_travels_along_the_route(system, board):
    org = board.organization
    finance = factories.body("Økonomiudvalget", org=org, aliases=["Økonomiudvalg"])
    council = factories.body("Kommunalbestyrelsen", org=org, aliases=["Kommunalbestyrelse"])
    route = ["Direktion", "Økonomiudvalg", "Kommunalbestyrelse"]
    case = case_services.resolve_case(organization=org, number="326-2016-26184", by=system)
    m = factories.meeting(board, day=date(2016, 5, 30))
    item = factories.item(m, "Kalundborg Kommune på Facebook", case=case, route=route)
    finance_meeting = factories.meeting(finance, day=date(2016, 6, 8))
    council_meeting = factories.meeting(council, day=date(2016, 6, 22))
    services.publish_agenda(m, by=system)
    with pytest.raises(ProtokolError, match="beslutning"):
        services.forward_item(item=item, by=system)
    services.record_decision(item=item, text="Anbefales.", by=system)
    at_finance = services.forward_item(item=item, by=system)
    assert at_finance.meeting == finance_meeting
    assert [(d.body_name, d.text) for d in at_finance.decisions.all()] == [("Direktionen", "Anbefales.")]

    services.publish_agenda(finance_meeting, by=system)
    services.record_decision(item=at_finance, text="Anbefales.", by=system)
    at_council = services.forward_item(item=at_finance, by=system)
    assert at_council.meeting == council_meeting
    assert [d.body_name for d in at_council.decisions.all()] == ["Direktionen", "Økonomiudvalget"]
    services.publish_agenda(council_meeting, by=system)
    services.record_decision(item=at_council, text="Godkendt.", by=system)
    with pytest.raises(ProtokolError, match="slutter"):
        services.forward_item(item=at_council, by=system)
    assert case.items.count() == 3


def test_the_secretariat_approves_the_minutes_not_a_member(system, board):
    m = factories.meeting(board, day=date(2026, 6, 1))
    factories.item(m, "Punkt")
    member = factories.member(board)
    secretary = factories.member(board, role=Role.SECRETARIAT)
    services.publish_agenda(m, by=secretary)
    services.mark_held(m, by=secretary)
    with pytest.raises(Forbidden):
        services.approve_minutes(m, by=member)
    services.approve_minutes(m, by=secretary)
    m.refresh_from_db()
    assert m.status == MeetingStatus.MINUTES_APPROVED


def test_postponing_or_forwarding_twice_is_refused(system, board):
    org = board.organization
    finance = factories.body("Økonomiudvalget", org=org, aliases=["Økonomiudvalg"])
    case = case_services.resolve_case(organization=org, number="16/1", by=system)
    m = factories.meeting(board, day=date(2026, 6, 1))
    factories.meeting(board, day=date(2026, 6, 15))
    factories.meeting(finance, day=date(2026, 6, 20))
    a = factories.item(m, "Udsættes", case=case)
    b = factories.item(m, "Videre", case=case, route=["Direktion", "Økonomiudvalg"])
    services.publish_agenda(m, by=system)
    services.postpone_item(item=a, by=system)
    with pytest.raises(ProtokolError, match="allerede udsat"):
        services.postpone_item(item=a, by=system)
    services.record_decision(item=b, text="Anbefales.", by=system)
    services.forward_item(item=b, by=system)
    with pytest.raises(ProtokolError, match="allerede"):
        services.forward_item(item=b, by=system)
    assert case.items.count() == 4


def test_saving_an_unchanged_item_writes_nothing(system, board):
    from protokol.common.models import AuditEntry

    item = factories.item(factories.meeting(board, day=date(2026, 6, 1)), "Samme titel")
    before = AuditEntry.objects.count()
    services.update_item(item=item, title="Samme titel", by=system)
    assert AuditEntry.objects.count() == before and item.version == 1
