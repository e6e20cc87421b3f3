"""A clerk formats a section with the toolbar: a table inserted and typed, a bold word and a list; saved,
it shows as a table on the portal and in the PDF, cell by cell in row order (Debian's Chromium driven by
Playwright)."""

import os
import re
from datetime import date, time

import pypdfium2
import pytest

from protokol.workspace.tests.conftest import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser]

CELLS = [["Post", "Beløb"], ["Lønninger", "1.250.000"], ["Drift", "310.000"]]


def test_a_table_typed_with_the_toolbar_shows_on_the_portal_and_in_the_pdf(
    live_server, browser, transactional_db, board, secretary, system
):
    from protokol.meetings import services
    from protokol.meetings.models import Section

    meeting = services.create_meeting(
        body=board, date=date(2030, 9, 2), start_time=time(9), location="Rådhuset", by=system
    )
    item = services.add_item(
        meeting=meeting,
        title="Budgetopfølgning",
        public=True,
        sections=[("Resume og sagens baggrund", "Første linje.\nAnden linje.")],
        by=system,
    )
    services.publish_agenda(meeting, by=system)
    item.refresh_from_db()

    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.set_default_timeout(15_000)
    url = live_server.url
    page.goto(f"{url}/workspace/")
    page.get_by_label("Brugernavn").fill(secretary.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Arbejdsrum", level=1).wait_for()

    page.goto(f"{url}/workspace/meetings/{meeting.pk}/items/{item.pk}/")
    # The textarea is enhanced: an editor with the stored plain text as paragraphs, and a toolbar.
    editor = page.get_by_role("textbox", name="Resume og sagens baggrund")
    assert editor.get_attribute("contenteditable") == "true"
    assert editor.inner_html() == "<p>Første linje.<br>Anden linje.</p>"
    toolbar = page.get_by_role("toolbar").first

    # A bold word at the end of the text, then a table: the header row and two rows typed cell by cell.
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Fed").click()
    page.keyboard.type("Økonomi")
    toolbar.get_by_role("button", name="Fed").click()
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Tabel").click()
    for r, row in enumerate(CELLS):
        for c, cell in enumerate(row):
            if r or c:
                page.keyboard.press("Tab")  # next cell; past the table's last cell a new row
            page.keyboard.type(cell)
    # A bullet list below the table.
    page.locator(".richtext-editor p").last.click()
    toolbar.get_by_role("button", name="Punktopstilling").click()
    page.keyboard.type("Første punkt")
    page.keyboard.press("Enter")
    page.keyboard.type("Andet punkt")
    # Text typed without formatting is stored as plain text, as before the toolbar.
    page.get_by_role("textbox", name="Indstillinger").click()
    page.keyboard.type("Direktøren indstiller, at budgettet godkendes.")
    page.keyboard.press("Enter")
    page.keyboard.type("Beløb < 5 mio.")
    page.get_by_role("button", name="Gem punktet").click()
    page.get_by_text("Punktet er gemt").wait_for()

    stored = Section.objects.get(item=item, heading="Resume og sagens baggrund").text
    assert "<table>" in stored and "<b>Økonomi</b>" in stored and "<ul><li>Første punkt</li>" in stored
    assert "style=" not in stored and "<br>Anden linje." in stored
    # (a browser posts a textarea's newlines as CRLF, as it always did)
    plain = Section.objects.get(item=item, heading="Indstillinger").text.replace("\r\n", "\n")
    assert plain == "Direktøren indstiller, at budgettet godkendes.\n\nBeløb < 5 mio."

    # The portal (anonymous): a table whose rows hold the typed cells, in order; bold and the list too.
    visitor = browser.new_page(locale="da-DK")
    visitor.goto(f"{url}/meetings/{meeting.pk}/items/{item.number}/")
    table = visitor.locator("section.section table")
    rows = [
        [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        for row in table.locator("tr").all()
    ]
    assert rows == CELLS
    assert visitor.locator("section.section th").first.inner_text() == "Post"
    assert visitor.locator("section.section b").inner_text() == "Økonomi"
    assert visitor.locator("section.section ul li").all_inner_texts() == ["Første punkt", "Andet punkt"]

    # The PDF: the cells' texts in row order, each row's cells on one line.
    response = visitor.request.get(f"{url}/meetings/{meeting.pk}/agenda.pdf")
    assert response.status == 200
    pdf = pypdfium2.PdfDocument(response.body())
    text = "\n".join(p.get_textpage().get_text_range() for p in pdf).replace("\r", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    found = [lines.index(" ".join(row)) for row in CELLS]
    assert found == sorted(found) and found[1] == found[0] + 1 and found[2] == found[1] + 1, lines
    assert re.search(r"•\s*Første punkt", text) and "Økonomi" in text
