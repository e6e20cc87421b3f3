"""The whole flow as a secretary would do it, in Debian's Chromium driven by Playwright.

Create a meeting, see the standing items, add two items (one closed) with a case and an attachment,
publish the agenda, record decisions, postpone one item, approve and publish the minutes; then, as an
anonymous visitor, the public minutes show the closed item's title only, and the postponed item is on the
next meeting's draft. Screenshots of the agenda builder and the minutes view go to docs/screenshots/.
"""

import os
import re
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

from protokol.common.testing import REPO_ROOT
from protokol.workspace.tests.conftest import PASSWORD, STANDING
from protokol.workspace.tests.helpers import docx_bytes, pdf_bytes

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("PROTOKOL_SCREENSHOT_DIR", REPO_ROOT / "docs" / "screenshots"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def static_files(settings):
    """protokol/static/ (site.css, htmx, workspace.js) for the live server's static handler.

    settings.py names no STATICFILES_DIRS, so the project-wide static folder is found by no finder;
    until it does, the test adds it (the setting_changed signal clears the finders' cache).
    """
    folder = Path(settings.BASE_DIR) / "static"
    dirs = [str(d) for d in getattr(settings, "STATICFILES_DIRS", [])]
    if str(folder) not in dirs:
        settings.STATICFILES_DIRS = [*dirs, str(folder)]


@pytest.fixture
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _portal_has_meeting_pages(meeting_id: int) -> bool:
    try:
        resolve(f"/meetings/{meeting_id}/")
    except Resolver404:
        return False
    return True


def test_a_secretary_walks_the_whole_flow(
    live_server, static_files, browser, transactional_db, board, secretary, tmp_path
):
    from protokol.meetings.enums import MeetingStatus, Outcome
    from protokol.meetings.models import AgendaItem, Meeting
    from protokol.rendering.documents import render_meeting

    secretary.first_name, secretary.last_name = "Sara", "Sekretær"
    secretary.save()
    (tmp_path / "notat.pdf").write_bytes(pdf_bytes("Notat om Facebook 2030"))
    (tmp_path / "personale.docx").write_bytes(docx_bytes("Fortroligt personalebilag"))
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.set_default_timeout(15_000)
    url = live_server.url

    # Log in.
    page.goto(f"{url}/workspace/")
    page.get_by_label("Brugernavn").fill(secretary.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Arbejdsrum", level=1).wait_for()

    # Create the next meeting first (the postponed item's destination), then this one.
    def create_meeting(day: str, hour: str, place: str) -> None:
        page.goto(f"{url}/workspace/")
        form = page.locator("form", has=page.get_by_role("heading", name="Nyt møde"))
        form.get_by_label("Dato").fill(day)
        form.get_by_label("Starttidspunkt").fill(hour)
        form.get_by_label("Mødested").fill(place)
        form.get_by_role("button", name="Opret møde").click()
        page.get_by_text("Mødet er oprettet").wait_for()

    create_meeting("2030-06-17", "12:30", "Rådhuset, Mødelokale 9")
    create_meeting("2030-06-03", "12:30", "Rådhuset, Mødelokale 9")
    meeting = Meeting.objects.get(body=board, date="2030-06-03")
    nxt = Meeting.objects.get(body=board, date="2030-06-17")
    assert page.url.endswith(f"/workspace/meetings/{meeting.pk}/")

    # The standing items are already on the agenda.
    agenda = page.locator("#agenda")
    for title, _placement in STANDING:
        agenda.locator(".title").get_by_text(title, exact=True).wait_for()

    # Two items with a case and an attachment each; the second is closed.
    def add_item(
        title: str, *, closed: bool, case: str, case_title: str, kle: str, resume: str, file: Path
    ) -> None:
        page.goto(f"{url}/workspace/meetings/{meeting.pk}/")
        page.get_by_role("link", name="Tilføj punkt").click()
        page.get_by_label("Titel", exact=True).fill(title)
        if closed:
            page.get_by_label("Lukket punkt").check()
        page.get_by_label("Sagstype").select_option("Beslutning")
        page.get_by_label("Sag (sagsnr. eller titel)").fill(case)
        page.get_by_label("Ny sags titel").fill(case_title)
        page.get_by_label("KLE-nr.").fill(kle)
        page.get_by_label("Resume og sagens baggrund").fill(resume)
        page.get_by_label("Indstillinger").fill("Direktøren indstiller, at sagen godkendes.")
        page.get_by_label("Behandling").fill("Direktionen.")
        page.get_by_role("button", name="Opret punktet").click()
        page.get_by_text("Punktet er oprettet").wait_for()
        page.get_by_label("Fil (PDF eller DOCX)").set_input_files(str(file))
        page.get_by_role("button", name="Vedhæft").click()
        page.get_by_text(f"Bilaget {file.name} er vedhæftet").wait_for()

    add_item(
        "Kommunen på Facebook",
        closed=False,
        case="326-2030-100",
        case_title="Facebook-strategi",
        kle="00.01.00",
        resume="Sagen beskriver, hvordan kommunen bruger Facebook.",
        file=tmp_path / "notat.pdf",
    )
    add_item(
        "Personalesag",
        closed=True,
        case="326-2030-200",
        case_title="Personalesag",
        kle="81.00.00",
        resume="Fortroligt: ansættelse af ny direktør.",
        file=tmp_path / "personale.docx",
    )
    facebook = AgendaItem.objects.get(meeting=meeting, title="Kommunen på Facebook")
    personal = AgendaItem.objects.get(meeting=meeting, title="Personalesag")
    assert facebook.attachments.get().text == "Notat om Facebook 2030"
    assert "Fortroligt personalebilag" in personal.attachments.get().text
    assert personal.case.journal_number == "81.00.00" and not personal.public

    # Reorder with the move buttons (htmx swaps the list in place: no page load).
    page.goto(f"{url}/workspace/meetings/{meeting.pk}/")
    assert page.evaluate("typeof window.htmx") == "object"
    page.evaluate("window.__same_page = true")
    page.get_by_role("button", name="Flyt “Personalesag” op").click()
    # A locator waits without evaluating strings in the page, which the site's CSP forbids.
    page.locator("#agenda li .title").first.filter(has_text="Personalesag").wait_for()
    assert page.evaluate("document.activeElement && document.activeElement.id") in (
        f"up-{personal.pk}",
        f"down-{personal.pk}",
        None,
        "",
    )
    assert page.evaluate("window.__same_page") is True
    page.get_by_role("button", name="Flyt “Personalesag” ned").click()
    page.locator("#agenda li .title").first.filter(has_text="Kommunen på Facebook").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "workspace-agenda.png"), full_page=True)

    # Publish the agenda.
    page.get_by_role("button", name="Udsend dagsorden").click()
    page.get_by_text("Dagsordenen er udsendt").wait_for()
    page.get_by_role("link", name="Gå til referatet").click()

    # Record decisions: quick choices fill the field, which can be edited before saving.
    def decide(item: AgendaItem, choice: str, *, edit: str | None = None) -> None:
        article = page.locator(f"#item-{item.pk}")
        article.get_by_role("button", name=choice, exact=True).click()
        field = article.get_by_label(re.compile("^Beslutning"))
        assert field.input_value() == f"{choice}."
        assert field.evaluate("el => el === document.activeElement")  # filled, not yet saved: edit it
        if edit is not None:
            field.fill(edit)
        article.get_by_role("button", name="Gem beslutning").click()
        page.locator("#messages").get_by_text(re.compile("Beslutningen er gemt|Punktet er udsat")).wait_for()

    decide(facebook, "Godkendt", edit="Godkendt med den bemærkning, at opslag godkendes af kommunikationen.")
    decide(personal, "Udsat")
    standing = list(meeting.items.exclude(standing="").order_by("position"))
    decide(standing[0], "Drøftet")
    decide(standing[1], "Taget til efterretning")
    decide(standing[2], "Taget til efterretning", edit="Intet.")
    assert facebook.decisions.get().outcome == Outcome.APPROVED
    assert personal.decisions.get().outcome == Outcome.POSTPONED

    # Who was absent.
    page.get_by_label("Afbud / fraværende").fill("Børge Borgmester")
    page.get_by_role("button", name="Gem deltagere og afbud").click()
    page.get_by_text("Deltagere og afbud er gemt").wait_for()
    page.locator(f"#item-{facebook.pk}").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "workspace-minutes.png"), full_page=True)

    # Held, approved, published.
    page.get_by_role("button", name="Markér mødet som afholdt").click()
    page.get_by_text("Mødet er markeret som afholdt").wait_for()
    page.get_by_role("button", name="Godkend referatet endeligt").click()
    page.get_by_text("Referatet er godkendt.").wait_for()
    page.get_by_role("button", name="Offentliggør referatet").click()
    page.locator("#messages").get_by_text("Referatet er offentliggjort.").wait_for()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED and meeting.absent == ["Børge Borgmester"]

    # The postponed item is on the next meeting's draft, same case, with its history.
    page.goto(f"{url}/workspace/meetings/{nxt.pk}/")
    page.locator("#agenda .title").get_by_text("Personalesag", exact=True).wait_for()
    moved = AgendaItem.objects.get(meeting=nxt, title="Personalesag")
    assert moved.postponed_from == personal and moved.case == personal.case and not moved.public
    assert nxt.status == MeetingStatus.DRAFT

    # An anonymous visitor: the public minutes show the closed item's title only.
    public_html = render_meeting(meeting, edition="public", fmt="html").decode()
    assert "Personalesag" in public_html and "Kommunen på Facebook" in public_html
    for secret in ("ansættelse af ny direktør", "326-2030-200", "81.00.00", "Fortroligt personalebilag"):
        assert secret not in public_html
    assert "Udsat" not in public_html.split("Personalesag", 1)[1].split("Eventuelt", 1)[0]
    anonymous = browser.new_page()
    if _portal_has_meeting_pages(meeting.pk):
        anonymous.goto(f"{url}/meetings/{meeting.pk}/")
        text = anonymous.locator("main").inner_text()
        assert "Personalesag" in text and "Kommunen på Facebook" in text
        for secret in ("ansættelse af ny direktør", "326-2030-200", "81.00.00"):
            assert secret not in anonymous.content()
    # The anonymous visitor gets nothing of the workspace, nor the next meeting's draft.
    anonymous.goto(f"{url}/workspace/meetings/{nxt.pk}/")
    assert "/workspace/login/" in anonymous.url
    anonymous.close()
    page.close()
