"""Formatted text from the workspace's forms: the toolbar's HTML (or HTML typed without JavaScript) is
sanitised by the services on every save, of sections, decisions and protokoltilførsler; the forms offer the
toolbar, and the pages show the stored text formatted."""

import pytest
from django.urls import reverse

from protokol.common.tests.test_richtext import assert_inert
from protokol.meetings.tests import factories
from protokol.people.models import Statement
from protokol.workspace.tests.conftest import login
from protokol.workspace.tests.test_record_views import _url, held  # noqa: F401 - the fixture
from protokol.workspace.tests.test_views import item_post, item_url

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p style="color:red" onmouseover="alert(1)">Tekst<script>alert(1)</script><img src=x onerror=alert(1)>'
    '<a href="javascript:alert(1)">link</a></p><style>p{}</style>'
)


def test_a_section_saved_from_the_item_form_is_sanitised_and_shown_formatted(client, meeting, secretary):
    item = factories.item(meeting, "Budget", sections=[("Resume", "Gammel tekst")])
    login(client, secretary)
    page = client.get(item_url(item)).content.decode()
    assert "data-richtext" in page and "richtext.js" in page  # the toolbar's textarea, enhanced by the script
    response = client.post(
        item_url(item),
        item_post(item, **{"Resume og sagens baggrund": "<ul><li><b>Et</b></li></ul>" + HOSTILE}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = item.sections.get(heading="Resume og sagens baggrund").text
    assert_inert(stored)
    assert stored.startswith("<ul><li><b>Et</b></li></ul><p>Tekst<a")
    minutes = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "<ul><li><b>Et</b></li></ul>" in minutes


def test_a_decision_saved_from_the_minutes_is_sanitised(client, meeting, secretary):
    from protokol.meetings import services

    item = factories.item(meeting, "Budget")
    services.publish_agenda(meeting, by=secretary)
    login(client, secretary)
    client.post(
        reverse("workspace:decision", args=[meeting.pk, item.pk]),
        {"text": "<p><strong>Godkendt</strong></p>" + HOSTILE, "outcome": ""},
    )
    stored = item.decisions.get().text
    assert_inert(stored)
    assert stored.startswith("<p><strong>Godkendt</strong></p>")


def test_a_statement_saved_from_the_record_page_is_sanitised_and_shown_formatted(client, held):  # noqa: F811
    m, item, p, secretary = held
    client.force_login(secretary)
    client.post(
        _url("statement_new", m, item), {"authors": [p["Anna Andersen"].pk], "text": "<b>Imod</b>" + HOSTILE}
    )
    stored = Statement.objects.get(item=item).text
    assert_inert(stored)
    assert stored.startswith("<b>Imod</b><p>Tekst")
    page = client.get(_url("item_record", m, item)).content.decode()
    assert "<b>Imod</b>" in page and "alert(1)" not in page
