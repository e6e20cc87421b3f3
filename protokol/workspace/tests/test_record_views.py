"""The item's legal record page: votes by party with exceptions, statements and disqualification."""

from datetime import date

import pytest
from django.urls import reverse

from protokol.meetings import services as meeting_services
from protokol.meetings.enums import Role
from protokol.meetings.tests import factories
from protokol.people import services
from protokol.people.enums import AttendanceStatus
from protokol.people.tests.factories import seat


@pytest.fixture
def held(system):
    body = factories.body("Økonomiudvalget")
    secretary = factories.member(body, role=Role.SECRETARIAT)
    m = factories.meeting(body, day=date(2026, 11, 4))
    item = factories.item(m, "Anlægsbudget")
    p = {
        name: seat(body, name, letter=letter, with_login=True).person
        for name, letter in (
            ("Anna Andersen", "A"),
            ("Bent Bach", "A"),
            ("Dan Dahl", "V"),
            ("Finn Fisk", "F"),
        )
    }
    meeting_services.publish_agenda(m, by=system)
    services.prefill_attendance(meeting=m, by=system)
    meeting_services.mark_held(m, by=system)
    return m, item, p, secretary


def _url(name, m, item, *extra):
    return reverse(f"workspace:{name}", args=[m.pk, item.pk, *extra])


def test_the_secretariat_enters_a_vote_by_party_then_an_exception(client, held):
    m, item, p, secretary = held
    client.force_login(secretary)
    page = client.get(_url("item_record", m, item)).content.decode()
    assert 'name="party-A"' in page and 'name="party-V"' in page and "4 af 4 stemmeberettigede" in page
    client.post(
        _url("vote_new", m, item),
        {
            "question": "Indstillingen",
            "party-A": "for",
            "party-V": "for",
            "party-F": "against",
            f"person-{p['Bent Bach'].pk}": "abstain",
            "by_party": "1",
        },
    )
    vote = item.votes.get()
    assert vote.result == "adopted"
    assert sorted((b.person.name, b.choice) for b in vote.ballots.all()) == [
        ("Anna Andersen", "for"),
        ("Bent Bach", "abstain"),
        ("Dan Dahl", "for"),
        ("Finn Fisk", "against"),
    ]
    page = client.get(_url("item_record", m, item)).content.decode()
    assert "For stemte: Anna Andersen (A), V (2)" in page and "Undlod at stemme: Bent Bach (A) (1)" in page


def test_a_majority_statement_is_refused_on_the_page_and_nothing_stored(client, held, system):
    from protokol.people import votes

    m, item, p, secretary = held
    votes.record_vote(
        item=item, question="Indstillingen", parties={"A": "for", "V": "for", "F": "against"}, by=system
    )
    client.force_login(secretary)
    answer = client.post(
        _url("statement_new", m, item), {"authors": [p["Anna Andersen"].pk], "text": "Enig."}, follow=True
    )
    assert "stemte med flertallet" in answer.content.decode() and not item.statements.exists()
    client.post(_url("statement_new", m, item), {"authors": [p["Finn Fisk"].pk], "text": "For dyrt."})
    assert item.statements.get().text == "For dyrt."


def test_members_read_the_record_without_the_grounds_and_cannot_write(client, held, system):
    m, item, p, secretary = held
    client.force_login(secretary)
    client.post(
        _url("disqualify", m, item),
        {"person": p["Dan Dahl"].pk, "self_declared": "1", "grounds": "Svoger til ansøger."},
    )
    assert item.disqualifications.get().reason == "Svoger til ansøger."
    client.force_login(p["Anna Andersen"].user)
    page = client.get(_url("item_record", m, item)).content.decode()
    assert "Dan Dahl (V) deltog ikke i behandlingen af punktet på grund af inhabilitet." in page
    assert "Svoger" not in page and 'name="question"' not in page
    answer = client.post(_url("vote_new", m, item), {"question": "X", "party-A": "for"})
    assert answer.status_code == 403 and not item.votes.exists()


def test_a_member_of_another_body_sees_no_record_page(client, held):
    m, item, p, secretary = held
    outsider = factories.member(
        factories.body("Andet udvalg", org=m.body.organization), role=Role.SECRETARIAT
    )
    client.force_login(outsider)
    assert client.get(_url("item_record", m, item)).status_code in (403, 404)
    answer = client.post(_url("disqualify", m, item), {"person": p["Dan Dahl"].pk, "self_declared": "1"})
    assert answer.status_code in (403, 404) and not item.disqualifications.exists()


def test_the_quorum_warning_shows_when_half_or_fewer_take_part(client, held, system):
    m, item, p, secretary = held
    services.set_attendance(meeting=m, person=p["Anna Andersen"], status=AttendanceStatus.EXCUSED, by=system)
    services.set_attendance(meeting=m, person=p["Bent Bach"], status=AttendanceStatus.EXCUSED, by=system)
    client.force_login(secretary)
    page = client.get(_url("item_record", m, item)).content.decode()
    assert "ikke beslutningsdygtigt" in page


def test_the_minutes_screen_links_each_item_to_its_record(client, held):
    m, item, p, secretary = held
    client.force_login(secretary)
    page = client.get(reverse("workspace:minutes", args=[m.pk])).content.decode()
    assert _url("item_record", m, item) in page


def test_a_statement_entered_in_error_is_removed_and_after_approval_only_with_a_reason(client, held, system):
    from protokol.common.models import AuditEntry
    from protokol.people import votes

    m, item, p, secretary = held
    votes.record_vote(
        item=item, question="Indstillingen", parties={"A": "for", "V": "for", "F": "against"}, by=system
    )
    wrong = votes.add_statement(item=item, authors=[p["Finn Fisk"]], text="Forkert punkt.", by=system)
    kept = votes.add_statement(item=item, authors=[p["Finn Fisk"]], text="For dyrt.", by=system)
    # A member reads the record but cannot take a statement off it.
    client.force_login(p["Anna Andersen"].user)
    assert client.post(_url("statement_remove", m, item, wrong.pk)).status_code == 403
    assert item.statements.count() == 2

    client.force_login(secretary)
    page = client.get(_url("item_record", m, item)).content.decode()
    assert page.count("Fjern protokoltilførslen") == 2
    client.post(_url("statement_remove", m, item, wrong.pk))
    assert [s.text for s in item.statements.all()] == ["For dyrt."]
    assert AuditEntry.objects.filter(action="item.statement.remove").count() == 1

    meeting_services.approve_minutes(m, by=system)
    answer = client.post(_url("statement_remove", m, item, kept.pk), follow=True)
    assert item.statements.count() == 1, "an approved record changed without a reason"
    assert "begrundelse" in answer.content.decode().casefold()
    client.post(_url("statement_remove", m, item, kept.pk), {"reason": "Tilført det forkerte punkt."})
    assert not item.statements.exists()
    removal = AuditEntry.objects.get(action="item.statement.remove.amendment")
    assert removal.reason == "Tilført det forkerte punkt." and "For dyrt." in str(removal.before)
    amendment = m.amendments.get()
    assert (
        amendment.reason == "Tilført det forkerte punkt."
        and amendment.change["action"] == "item.statement.remove"
    )
