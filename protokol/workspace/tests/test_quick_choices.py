"""Quick choices save the decision at once (a plain form submit without JavaScript; htmx with it), and never
silently replace a decision the user typed."""

import re

import pytest
from django.urls import reverse

from protokol.meetings import services
from protokol.meetings.enums import Outcome
from protokol.workspace.tests.conftest import PASSWORD, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(meeting, secretary):
    item = services.add_item(meeting=meeting, title="Skolestruktur", by=secretary)
    services.publish_agenda(meeting, by=secretary)
    return meeting, item


def _own(item):
    return item.decisions.get()


def test_a_quick_choice_without_javascript_saves_and_a_reload_shows_it(client, sent, secretary):
    meeting, item = sent
    login(client, secretary)
    url = reverse("workspace:decision", args=[meeting.pk, item.pk])
    assert client.post(url, {"text": "", "quick": Outcome.RECOMMENDED}).status_code == 302
    assert (_own(item).text, _own(item).outcome) == ("Anbefales.", Outcome.RECOMMENDED)
    page = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    block = page[page.index(f'id="decision-{item.pk}"') :]
    assert re.search(r'value="recommended"[^>]*aria-pressed="true"', block)
    assert "Anbefales.</textarea>" in block and "Gemt: Anbefales" in block


def test_a_quick_choice_keeps_a_typed_decision_and_replaces_another_choice(client, sent, secretary):
    meeting, item = sent
    login(client, secretary)
    url = reverse("workspace:decision", args=[meeting.pk, item.pk])
    client.post(
        url, {"text": "Godkendt med den ændring, at skolen åbner i august.", "quick": Outcome.APPROVED}
    )
    assert _own(item).text == "Godkendt med den ændring, at skolen åbner i august."
    assert _own(item).outcome == Outcome.APPROVED
    client.post(url, {"text": "Godkendt.", "quick": Outcome.NOTED})  # another quick choice's words
    assert (_own(item).text, _own(item).outcome) == ("Taget til efterretning.", Outcome.NOTED)


def test_the_page_carries_the_danish_question_before_a_typed_decision_is_replaced(client, sent, secretary):
    meeting, item = sent
    login(client, secretary)
    page = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "Den skrevne beslutning “{text}” erstattes af “{choice}”" in page


@pytest.mark.browser
def test_a_quick_choice_is_saved_at_once_and_a_reload_keeps_it(
    live_server, browser, transactional_db, board, secretary
):
    from datetime import date

    meeting = services.create_meeting(body=board, date=date(2030, 6, 3), location="Rådhuset", by=secretary)
    school = services.add_item(meeting=meeting, title="Skolestruktur", by=secretary)
    road = services.add_item(meeting=meeting, title="Vejplan", by=secretary)
    services.publish_agenda(meeting, by=secretary)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/workspace/login/")
    page.get_by_label("Brugernavn").fill(secretary.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Arbejdsrum", level=1).wait_for()
    minutes = f"{live_server.url}/workspace/meetings/{meeting.pk}/minutes/"
    page.goto(minutes)
    page.evaluate("window.__same_page = true")

    page.locator(f"#decision-{school.pk}").get_by_role("button", name="Anbefales", exact=True).click()
    page.locator(f"#decision-{school.pk}").get_by_role("button", name="Anbefales", pressed=True).wait_for()
    page.locator(f"#decision-{school.pk}").get_by_text("Gemt: Anbefales").wait_for()
    assert page.evaluate("window.__same_page") is True  # saved in place, by htmx
    assert (school.decisions.get().text, school.decisions.get().outcome) == (
        "Anbefales.",
        Outcome.RECOMMENDED,
    )

    # A typed decision: the quick choice asks first, naming what it would replace; "no" keeps it unsaved.
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    block = page.locator(f"#decision-{road.pk}")
    # The decision is typed in the formatting editor; the form's field (the textarea) follows it.
    block.get_by_role("textbox", name=re.compile("^Beslutning")).fill("Godkendt med en ny rundkørsel.")
    page.once("dialog", lambda d: answer(d, False))
    block.get_by_role("button", name="Godkendt", exact=True).click()
    assert questions == [
        "Den skrevne beslutning “Godkendt med en ny rundkørsel.” erstattes af “Godkendt.”, og den gemmes straks. "
        "Vil du erstatte den?"
    ]
    assert block.locator("textarea[name=text]").input_value() == "Godkendt med en ny rundkørsel."
    assert not road.decisions.exists()
    page.once("dialog", lambda d: answer(d, True))
    block.get_by_role("button", name="Godkendt", exact=True).click()
    page.locator(f"#decision-{road.pk}").get_by_text("Gemt: Godkendt").wait_for()

    page.reload()
    school_block = page.locator(f"#decision-{school.pk}")
    assert school_block.locator("textarea[name=text]").input_value() == "Anbefales."
    school_block.get_by_role("button", name="Anbefales", pressed=True).wait_for()
    assert page.locator(f"#decision-{road.pk}").locator("textarea[name=text]").input_value() == "Godkendt."
