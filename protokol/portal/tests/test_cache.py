"""The visitor's page cache: served from memory, new after any write, never shared across users or tokens."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db
SECRET = "fortroligsnegl"


@pytest.fixture
def meeting():
    body = factories.body("Cacheudvalget")
    meeting = factories.meeting(body, day=timezone.localdate())
    factories.item(meeting, "Nye legepladser", sections=[("Sagsfremstilling", "Gynger og vipper.")])
    factories.item(meeting, "Køb af ejendom", public=False, sections=[("Sagsfremstilling", SECRET)])
    services.publish_agenda(meeting, by=system_user())
    return meeting


def token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_visitors_second_request_is_served_from_the_cache(client, meeting):
    url = f"/meetings/{meeting.pk}/"
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url).content.decode()
    assert len(queries) == 2  # the tenant of the host (meetings.tenancy) and the audit log's newest id
    assert re.sub(r'value="[^"]+"', "", first) == re.sub(r'value="[^"]+"', "", second)
    assert "Gynger og vipper." in second and SECRET not in second


def test_any_write_through_the_services_shows_at_once(client, meeting):
    url = f"/meetings/{meeting.pk}/"
    assert "Nye legepladser" in client.get(url).content.decode()
    item = meeting.items.get(title="Nye legepladser")
    services.update_item(item=item, title="Nye legepladser og bænke", by=system_user())
    assert "Nye legepladser og bænke" in client.get(url).content.decode()


def test_each_visitor_gets_a_working_csrf_token_of_their_own(meeting):
    url = f"/meetings/{meeting.pk}/"
    anna, bo = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    anna_page, bo_page = anna.get(url).content.decode(), bo.get(url).content.decode()
    assert anna.cookies["csrftoken"].value != bo.cookies["csrftoken"].value
    for visitor, page in ((anna, anna_page), (bo, bo_page)):
        response = visitor.post(
            "/i18n/setlang/", {"language": "en", "next": url, "csrfmiddlewaretoken": token(page)}
        )
        assert response.status_code == 302
        assert "Agenda: Cacheudvalget" in visitor.get(url).content.decode()
    # Someone else's token is refused.
    carl = Client(enforce_csrf_checks=True)
    carl.get(url)
    assert carl.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": "x" * 64}).status_code == 403


def test_members_are_never_served_from_or_into_the_cache(client, meeting):
    url = f"/meetings/{meeting.pk}/"
    assert SECRET not in client.get(url).content.decode()
    member = Client()
    member.force_login(factories.member(meeting.body))
    assert SECRET in member.get(url).content.decode()
    assert SECRET not in Client().get(url).content.decode()
