"""Annual plan, planned themes, follow-ups and communication of decisions."""

from datetime import date, time

import pytest

from protokol.common.errors import ProtokolError
from protokol.meetings import services as meeting_services
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.tests import factories
from protokol.planning import queries, services
from protokol.planning.enums import FollowUpStatus

pytestmark = pytest.mark.django_db

# Danish public holidays in 2027 that fall on a Monday (2. påskedag, 2. pinsedag).
HOLIDAYS = [date(2027, 3, 29), date(2027, 5, 17)]


@pytest.fixture
def board(system):
    return factories.body("Direktionen", org=factories.organization("Kalundborg Kommune"))


def test_a_year_of_meetings_from_a_rule_skips_the_holidays(system, board):
    series = services.create_series(
        body=board,
        name="Direktionsmøder",
        rule="FREQ=WEEKLY;BYDAY=MO",
        first_date=date(2027, 1, 4),
        start_time=time(12, 30),
        location="Mødelokale 9",
        exceptions=HOLIDAYS,
        horizon_days=364,
        by=system,
    )
    created = services.generate_meetings(series, by=system, today=date(2027, 1, 1))
    days = [m.date for m in created]
    assert days[0] == date(2027, 1, 4) and all(d.weekday() == 0 for d in days)
    assert not set(HOLIDAYS) & set(days)
    assert len(days) == 52 - len(HOLIDAYS)  # every Monday of 2027 but the two holidays
    assert all(m.status == MeetingStatus.DRAFT and m.start_time == time(12, 30) for m in created)
    # Generating again creates nothing new.
    assert services.generate_meetings(series, by=system, today=date(2027, 1, 1)) == []


@pytest.mark.parametrize("rule", ["FREQ=SOMETIMES", "BYDAY=XX", "FREQ=MINUTELY"])
def test_a_bad_rule_is_refused(system, board, rule):
    with pytest.raises(ProtokolError):
        services.create_series(body=board, name="x", rule=rule, first_date=date(2027, 1, 4), by=system)


def test_a_planned_theme_lands_on_the_first_draft_agenda_of_its_month(system, board):
    series = services.create_series(
        body=board,
        name="Møder",
        rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        first_date=date(2027, 8, 2),
        by=system,
    )
    theme = services.plan_theme(body=board, title="Living Lab", month=date(2027, 9, 1), by=system)
    assert theme.item is None  # no September meeting yet
    services.generate_meetings(series, by=system, today=date(2027, 8, 1))
    theme.refresh_from_db()
    assert theme.item.meeting.date == date(2027, 9, 13)
    later = services.plan_theme(
        body=board, title="Facebook (efter KB-møde i juni)", month=date(2027, 9, 1), by=system
    )
    assert later.item.meeting == theme.item.meeting  # the draft exists: proposed at once


def test_topics_chosen_for_a_named_meeting_appear_on_its_draft(system, board):
    with_mayor = factories.meeting(board, day=date(2027, 6, 13))
    chosen_at = factories.item(
        factories.meeting(board, day=date(2027, 5, 30)), "Valg af emner til drøftelse med borgmesteren"
    )
    topic = services.plan_theme(
        body=board, title="Udviklingsstrategien", meeting=with_mayor, source_item=chosen_at, by=system
    )
    assert topic.item.meeting == with_mayor
    assert chosen_at.chosen_topics.get() == topic


def test_a_follow_up_is_listed_becomes_overdue_and_is_closed(system, board):
    m = factories.meeting(board, day=date(2027, 5, 30))
    item = factories.item(m, "Opfølgning på styringstemaet")
    meeting_services.publish_agenda(m, by=system)
    decision = meeting_services.record_decision(item=item, text="Notat justeres.", by=system)
    secretary = factories.member(board, role="secretariat")
    fu = services.create_follow_up(
        item=item,
        decision=decision,
        what="Notat justeres",
        responsible=secretary,
        due=date(2027, 6, 10),
        by=system,
    )
    assert list(queries.follow_ups_for(secretary, body=board)) == [fu]
    assert list(queries.follow_ups_for(secretary, responsible=secretary)) == [fu]
    assert not queries.is_overdue(fu, today=date(2027, 6, 10))
    assert queries.is_overdue(fu, today=date(2027, 6, 11))
    services.close_follow_up(follow_up=fu, note="Notatet er rettet.", by=secretary)
    assert not queries.follow_ups_for(secretary, body=board).exists()
    assert not queries.is_overdue(fu, today=date(2027, 7, 1))
    with pytest.raises(ProtokolError, match="afsluttet"):
        services.close_follow_up(follow_up=fu, note="igen", by=secretary)


def test_a_follow_up_can_become_an_item_on_a_later_agenda(system, board):
    m = factories.meeting(board, day=date(2027, 5, 30))
    item = factories.item(m, "Styring")
    fu = services.create_follow_up(item=item, what="Pejlemærker drøftes igen", by=system)
    later = factories.meeting(board, day=date(2027, 6, 27))
    new = services.put_follow_up_on_agenda(follow_up=fu, meeting=later, by=system)
    fu.refresh_from_db()
    assert fu.status == FollowUpStatus.ON_AGENDA and fu.agenda_item == new
    assert new.meeting == later and "Styring" in new.title


def test_follow_ups_of_closed_items_stay_inside(system, board):
    m = factories.meeting(board, day=date(2027, 5, 30))
    closed = factories.item(m, "Personalesag", public=False)
    meeting_services.publish_agenda(m, by=system)
    services.create_follow_up(item=closed, what="Hemmelig opfølgning", by=system)
    outsider = factories.user()
    member = factories.member(board)
    assert not queries.follow_ups_for(outsider).exists()
    assert queries.follow_ups_for(member).count() == 1


def test_the_communication_list_is_exported_as_recorded(system, board):
    m = factories.meeting(board, day=date(2016, 5, 30))
    facebook = factories.item(m, "Kalundborg Kommune på Facebook")
    closed = factories.item(m, "Personalesag", public=False)
    meeting_services.publish_agenda(m, by=system)
    meeting_services.record_decision(item=facebook, text="Anbefales.", by=system)
    services.record_communication(
        item=facebook,
        audiences=["organisation", "public"],
        channels=["intranet", "social"],
        responsible_name="Kommunikationschefen",
        date=date(2016, 6, 1),
        message="Kommunen kommer på Facebook i efteråret.",
        done=True,
        by=system,
    )
    with pytest.raises(ProtokolError, match="lukket punkt"):
        services.record_communication(item=closed, audiences=["public"], channels=["website"], by=system)
    services.record_communication(item=closed, audiences=["managers"], channels=["meeting"], by=system)
    meeting_services.mark_held(m, by=system)  # the members read the decisions from the meeting on
    member = factories.member(board)
    text = queries.communication_list_text(member, m)
    assert "Punkt 1: Kalundborg Kommune på Facebook" in text
    assert "Beslutning: Anbefales." in text
    assert "Til: Organisationen, Offentligheden · Kanal: Intranet, Sociale medier" in text
    assert "Kommunikationschefen" in text and "01-06-2016" in text
    assert "Personalesag" in text  # the member sees the closed item's communication
    public_text = queries.communication_list_text(None, m)
    assert "Personalesag" not in public_text and "Facebook" in public_text
    # The public reads the decision once the minutes are published, not before.
    assert "Anbefales" not in public_text and queries.communicated_public_decisions() == []
    meeting_services.approve_minutes(m, by=system)
    meeting_services.publish_minutes(m, by=system)
    assert "Beslutning: Anbefales." in queries.communication_list_text(None, m)
    assert [c.item for c in queries.communicated_public_decisions()] == [facebook]
