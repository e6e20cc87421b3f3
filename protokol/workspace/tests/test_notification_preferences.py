"""A member chooses which e-mails they get, on their own page; the choice is audited and kept."""

import pytest

from protokol.common.models import AuditEntry
from protokol.meetings.tests import factories
from protokol.notifications.models import Preference
from protokol.people.models import Person
from protokol.people.tests.factories import seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(system):
    body = factories.body("Teknik- og Miljøudvalget")
    person = seat(body, "Anna Andersen", letter="A", with_login=True).person
    Person.objects.filter(pk=person.pk).update(email="anna@testby.dk")
    return Person.objects.get(pk=person.pk)


def test_a_member_turns_off_the_agenda_emails_and_keeps_the_rest(client, anna):
    client.force_login(anna.user)
    page = client.get("/workspace/notifications/").content.decode()
    assert "anna@testby.dk" in page
    assert page.count("checked") == 4  # every kind, until she chooses
    response = client.post("/workspace/notifications/", {"change": "on", "signature": "on", "reminder": "on"})
    assert response.status_code == 302
    pref = Preference.objects.get(person=anna)
    assert (pref.agenda, pref.change, pref.signature, pref.reminder) == (False, True, True, True)
    entry = AuditEntry.objects.get(action="notifications.preferences")
    assert entry.actor == anna.user and entry.after["agenda"] is False and entry.before["agenda"] is True
    assert client.get("/workspace/notifications/").content.decode().count("checked") == 3


def test_a_user_without_a_person_is_told_so_and_nothing_is_stored(client, system):
    body = factories.body()
    client.force_login(factories.member(body))
    assert "ikke knyttet til en person" in client.get("/workspace/notifications/").content.decode()
    client.post("/workspace/notifications/", {"agenda": "on"})
    assert not Preference.objects.exists()


def test_only_the_person_or_an_administrator_sets_the_choice(anna, system):
    from protokol.meetings.rules import Forbidden
    from protokol.notifications.services import set_preferences

    other = factories.member(factories.body())
    with pytest.raises(Forbidden):
        set_preferences(person=anna, agenda=False, by=other)
    set_preferences(person=anna, agenda=False, by=system)  # the system user is an administrator
    assert not Preference.objects.get(person=anna).agenda
