"""A closed item on the public minutes, in Chromium: its neutral title, the reason it is closed and its
public decision text, and nothing else of it; the accessibility statement in the footer."""

import os

import pytest

from protokol.portal.tests.test_browser import axe_violations

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser]

REAL_TITLE = "Køb af Strandvejen 12 fra Jens Hansen"
SECTION = "Sælger kræver 4,1 mio. kr."
DECISION = "Godkendt til 3,9 mio. kr."
STATEMENT = "https://www.was.digst.dk/fjordby-dk"


@pytest.fixture
def minutes(transactional_db, data_dir):
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.enums import ClosedReason
    from protokol.meetings.tests import factories

    by = system_user()
    meeting = factories.meeting(factories.body("Økonomiudvalget"))
    open_item = factories.item(meeting, "Budgetopfølgning", sections=[("Sagsfremstilling", "Et overskud.")])
    closed = factories.item(
        meeting,
        REAL_TITLE,
        public=False,
        public_title="Køb af ejendom",
        closed_reason=ClosedReason.PROPERTY,
        closed_reason_text="Prisforhandlingerne er ikke afsluttet.",
        sections=[("Sagsfremstilling", SECTION)],
    )
    services.publish_agenda(meeting, by=by)
    services.mark_held(meeting, by=by)
    services.record_decision(item=open_item, text="Taget til efterretning.", by=by)
    services.record_decision(
        item=closed, text=DECISION, public_text="Forvaltningen bemyndiges til at købe ejendommen.", by=by
    )
    services.approve_minutes(meeting, by=by)
    services.publish_minutes(meeting, by=by)
    closed.refresh_from_db()
    return meeting, closed


def test_a_closed_item_shows_its_public_fields_and_nothing_else(live_server, browser, minutes, settings):
    settings.PROTOKOL_ACCESSIBILITY_STATEMENT_URL = STATEMENT
    meeting, closed = minutes
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    article = page.locator("article.item.closed")
    assert article.count() == 1
    shown = article.inner_text()
    assert "Køb af ejendom" in article.locator("h2").inner_text()
    assert "Køb og salg af fast ejendom" in shown  # the reason's category
    assert "Prisforhandlingerne er ikke afsluttet." in shown
    assert "Forvaltningen bemyndiges til at købe ejendommen." in shown
    whole = page.locator("body").inner_text()
    for secret in (REAL_TITLE, "Strandvejen", SECTION, DECISION):
        assert secret not in whole, secret
    assert "Sagsfremstilling" not in shown and article.locator("section, dl.facts").count() == 0
    # The open item beside it is whole.
    assert "Et overskud." in whole and "Taget til efterretning." in whole
    footer = page.locator("footer.site").get_by_role("link", name="Tilgængelighedserklæring")
    assert footer.get_attribute("href") == STATEMENT
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/meetings/{meeting.pk}/items/{closed.number}/")
    whole = page.locator("body").inner_text()
    assert "Køb af ejendom" in page.locator("h1").inner_text()
    assert "Forvaltningen bemyndiges til at købe ejendommen." in whole
    for secret in (REAL_TITLE, SECTION, DECISION):
        assert secret not in whole, secret
    assert page.locator("footer.site a").get_attribute("href") == STATEMENT
    page.close()
