from datetime import date

import pytest

from protokol.meetings.tests import factories
from protokol.notifications.tests.smtp import SMTPServer
from protokol.people.enums import MembershipRole
from protokol.people.models import Person
from protokol.people.tests.factories import seat


@pytest.fixture
def smtp(settings):
    """A real SMTP server, and Django's SMTP backend pointed at it."""
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "dagsorden@testby.dk"
    settings.PROTOKOL_NOTIFY_CHANGE_DELAY = 0
    yield server
    server.stop()


@pytest.fixture
def committee(system):
    """A committee with three members and a deputy who have an address, one member without, and a draft
    meeting with an open and a closed item."""
    body = factories.body("Teknik- og Miljøudvalget")
    anna = seat(body, "Anna Andersen", letter="A", with_login=True).person
    bo = seat(body, "Bo Berg", letter="V").person
    carl = seat(body, "Carl Christensen", letter="C", with_login=True).person
    dorte = seat(body, "Dorte Dam", letter="V", role=MembershipRole.DEPUTY).person
    seat(body, "Eva Uden Adresse", letter="Ø")
    Person.objects.filter(pk=anna.pk).update(email="anna@testby.dk")
    Person.objects.filter(pk=bo.pk).update(email="bo@testby.dk")
    # Carl has no address of his own: his user account's is used.
    type(carl.user).objects.filter(pk=carl.user_id).update(email="carl@testby.dk")
    Person.objects.filter(pk=dorte.pk).update(email="dorte@testby.dk")
    meeting = factories.meeting(body, day=date(2026, 9, 2))
    factories.item(meeting, "Cykelsti langs Ringvejen")
    factories.item(meeting, "Køb af grund", public=False, public_title="Køb af ejendom")
    return meeting
