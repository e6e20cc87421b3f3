"""A member writes a note on page 2 of an attachment in Chromium, reloads and reads it; another member
of the body does not see it."""

import os

import pytest

from protokol.notes.tests.scene import scene
from protokol.workspace.tests.conftest import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser]


def _login(page, url: str, username: str) -> None:
    page.goto(f"{url}/workspace/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Arbejdsrum", level=1).wait_for()


def test_a_note_on_page_two_of_an_attachment_is_the_authors_alone(
    live_server, browser, transactional_db, system
):
    s = scene()
    url = live_server.url
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(15_000)
    _login(page, url, s.author.username)
    page.goto(f"{url}/workspace/meetings/{s.meeting.pk}/items/{s.open_item.pk}/")
    page.locator("#attachments").get_by_role("link", name="noter").first.click()
    page.get_by_role("heading", name="Noter til bilag: Skitseprojekt").wait_for()
    page.get_by_label("Side").fill("2")
    page.get_by_label("Note").fill("Arealet på side 2 stemmer ikke med budgettet.")
    page.get_by_role("button", name="Gem note").click()
    page.get_by_text("Noten er gemt").wait_for()
    page.reload()
    side = page.locator("section.note-page", has=page.get_by_role("heading", name="Side 2"))
    assert "Arealet på side 2 stemmer ikke" in side.inner_text()
    # On the item page too, anchored to the attachment's page.
    page.goto(f"{url}/workspace/meetings/{s.meeting.pk}/items/{s.open_item.pk}/")
    assert "Skitseprojekt, side 2" in page.locator("#noter").inner_text()
    context.close()

    other = browser.new_context(locale="da-DK")
    page = other.new_page()
    page.set_default_timeout(15_000)
    _login(page, url, s.partner.username)
    page.goto(f"{url}/workspace/attachments/{s.open_attachment.pk}/notes/")
    page.get_by_role("heading", name="Noter til bilag: Skitseprojekt").wait_for()
    assert "Arealet på side 2" not in page.content()
    page.goto(f"{url}/workspace/meetings/{s.meeting.pk}/items/{s.open_item.pk}/")
    assert "Arealet på side 2" not in page.content()
    other.close()
