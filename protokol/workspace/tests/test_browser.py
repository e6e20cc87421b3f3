"""The whole flow as a secretary would do it, in Debian's Chromium driven by Playwright.

Create a meeting, see the standing items, add two items (one closed) with a case and an attachment,
publish the agenda, record decisions, postpone one item, approve and publish the minutes; then, as an
anonymous visitor, the public minutes show the closed item's public fields only, and the postponed item is on the
next meeting's draft. Screenshots of the agenda builder and the minutes view go to docs/screenshots/.
"""

import os
import re
from pathlib import Path

import pytest

from protokol.cases.tests.files import docx_bytes, pdf_bytes
from protokol.common.testing import SCREENSHOTS
from protokol.workspace.tests.conftest import PASSWORD, STANDING

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# No skip where Chromium is missing: `make test` installs it, and a browser test that quietly skips
# would hide a broken install.
pytestmark = [pytest.mark.browser]


def test_a_secretary_walks_the_whole_flow(live_server, browser, transactional_db, board, secretary, tmp_path):
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
            assert not page.get_by_label("Offentlig titel").is_visible()  # shown for a closed item only
            page.get_by_label("Lukket punkt").check()
            page.get_by_label("Offentlig titel").fill(title)
            page.get_by_label("Begrundelse for lukning").select_option(label="Personlige forhold")
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
    page.get_by_role("heading", name="Udsend dagsorden: bekræft").wait_for()
    page.get_by_role("button", name="Ja, udsend dagsordenen").click()
    page.locator("#messages").get_by_text("Dagsordenen er udsendt").wait_for()
    page.get_by_role("link", name="Gå til referatet").click()

    # Record decisions: a quick choice saves at once; the saved text can then be edited and saved again.
    def decide(item: AgendaItem, choice: str, *, edit: str | None = None) -> None:
        block = page.locator(f"#decision-{item.pk}")
        block.get_by_role("button", name=choice, exact=True).click()
        if choice == "Udsat":
            page.locator("#messages").get_by_text("Punktet er udsat").wait_for()
            return
        page.locator(f"#decision-{item.pk}").get_by_role(
            "button", name=choice, exact=True, pressed=True
        ).wait_for()
        field = page.locator(f"#decision-{item.pk}").get_by_label(re.compile("^Beslutning"))
        assert (
            page.locator(f"#decision-{item.pk}").locator("textarea[name=text]").input_value() == f"{choice}."
        )
        if edit is not None:
            field.fill(edit)
            page.locator(f"#decision-{item.pk}").get_by_role("button", name="Gem beslutning").click()
            page.locator("#messages").get_by_text("Beslutningen er gemt").wait_for()
            page.locator(f"#decision-{item.pk}").get_by_label(re.compile("^Beslutning")).filter(
                has_text=edit
            ).wait_for()

    decide(facebook, "Godkendt", edit="Godkendt med den bemærkning, at opslag godkendes af kommunikationen.")
    decide(personal, "Udsat")
    standing = list(meeting.items.exclude(standing="").order_by("position"))
    decide(standing[0], "Drøftet")
    decide(standing[1], "Taget til efterretning")
    decide(standing[2], "Taget til efterretning", edit="Intet.")
    assert facebook.decisions.get().outcome == Outcome.APPROVED
    assert personal.decisions.get().outcome == Outcome.POSTPONED

    page.locator(f"#item-{facebook.pk}").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "workspace-minutes.png"), full_page=True)

    # Held, approved, published.
    # Each step asks first; a meeting in the future is said to be one.
    page.get_by_role("button", name="Markér mødet som afholdt").click()
    page.get_by_text("som endnu ikke er kommet").wait_for()
    page.get_by_role("button", name="Ja, mødet er afholdt").click()
    page.get_by_text("Mødet er markeret som afholdt").wait_for()
    page.get_by_role("button", name="Godkend referatet endeligt").click()
    page.get_by_role("button", name="Ja, godkend referatet endeligt").click()
    page.get_by_text("Referatet er godkendt.").wait_for()
    page.get_by_role("button", name="Offentliggør referatet").click()
    page.get_by_role("button", name="Ja, offentliggør referatet").click()
    page.locator("#messages").get_by_text("Referatet er offentliggjort.").wait_for()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED

    # The postponed item is on the next meeting's draft, same case, with its history.
    page.goto(f"{url}/workspace/meetings/{nxt.pk}/")
    page.locator("#agenda .title").get_by_text("Personalesag", exact=True).wait_for()
    moved = AgendaItem.objects.get(meeting=nxt, title="Personalesag")
    assert moved.postponed_from == personal and moved.case == personal.case and not moved.public
    assert nxt.status == MeetingStatus.DRAFT

    # An anonymous visitor: the public minutes show the closed item's public fields only.
    public_html = render_meeting(meeting, edition="public", fmt="html").decode()
    assert "Personalesag" in public_html and "Kommunen på Facebook" in public_html
    for secret in ("ansættelse af ny direktør", "326-2030-200", "81.00.00", "Fortroligt personalebilag"):
        assert secret not in public_html
    # Of the closed item's decision the public reads only its public text: that it was postponed.
    personal.refresh_from_db()
    closed_part = public_html.split(f'id="punkt-{personal.number}"', 1)[1].split("</article>", 1)[0]
    assert "Personlige forhold" in closed_part and "Udsat." in closed_part
    anonymous = browser.new_page()
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


def test_a_secretary_plans_the_year_follows_up_and_communicates(
    live_server, browser, transactional_db, board, secretary
):
    """The annual plan from a rule with a holiday exception, a planned theme on the right draft, a follow-up
    that is overdue and closed, and the communication list; the public sees none of the closed content."""
    from datetime import timedelta

    from django.utils import timezone

    from protokol.meetings import services
    from protokol.planning.models import FollowUp, PlannedTheme

    today = timezone.localdate()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    holiday = monday + timedelta(days=14)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.set_default_timeout(15_000)
    url = live_server.url
    page.goto(f"{url}/workspace/login/")
    page.get_by_label("Brugernavn").fill(secretary.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Årshjul og opfølgning").click()

    # A weekly series with one holiday off, generated for the next 5 weeks.
    page.get_by_text("Ny mødeserie").click()
    page.get_by_label("Navn", exact=True).fill("Direktionsmøder")
    page.get_by_label("Hvor ofte").select_option(label="hver")
    page.get_by_label("Uge eller måned").select_option(label="uge")
    page.get_by_label("mandag").check()
    page.get_by_label("Undtagen helligdage").uncheck()  # only the day named below is off
    page.get_by_label("Første møde").fill(monday.isoformat())
    page.get_by_label("Kl.", exact=True).fill("12:30")
    page.get_by_label("Intet møde disse dage").fill(holiday.isoformat())
    page.get_by_label("Opret møder så mange dage frem").fill("35")
    page.get_by_role("button", name="Gem serien").click()
    page.get_by_role("button", name=re.compile("Opret mødekladder")).click()
    page.get_by_text("nye mødekladder er oprettet").wait_for()
    days = sorted(board.meetings.values_list("date", flat=True))
    assert monday in days and holiday not in days and holiday + timedelta(days=7) in days

    # A theme for the month of the holiday lands on that month's first draft.
    page.get_by_text("Planlæg et emne").click()
    page.get_by_label("Emne", exact=True).fill("Living Lab")
    page.get_by_label("Måned", exact=True).fill(holiday.strftime("%Y-%m"))
    page.get_by_role("button", name="Planlæg", exact=True).click()
    page.get_by_text("Emnet er foreslået på dagsordenen").wait_for()
    theme = PlannedTheme.objects.get()
    first_of_month = min(d for d in days if d.strftime("%Y-%m") == holiday.strftime("%Y-%m"))
    assert theme.item.meeting.date == first_of_month

    # A follow-up from a decision of a past meeting shows as overdue, then is closed.
    past = services.create_meeting(body=board, date=today - timedelta(days=30), by=secretary)
    item = services.add_item(meeting=past, title="Opfølgning på styringstemaet", by=secretary)
    closed = services.add_item(
        meeting=past, title="Personalesag", public=False, subject_confidential=True, by=secretary
    )
    services.publish_agenda(past, by=secretary)
    services.record_decision(item=item, text="Notat justeres.", by=secretary)
    services.record_decision(
        item=closed,
        text="Fortrolig beslutning om ansættelse.",
        public_text_withheld="Sagen vedrører en enkelt medarbejders forhold.",
        by=secretary,
    )
    page.goto(f"{url}/workspace/meetings/{past.pk}/items/{item.pk}/follow-ups/")
    page.get_by_label("Opgave", exact=True).fill("Notatet justeres efter drøftelsen")
    page.get_by_label("Frist", exact=True).fill((today - timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Opret").click()
    page.goto(f"{url}/workspace/bodies/{board.slug}/plan/")
    overdue = page.locator(".follow-up.overdue")
    assert "Notatet justeres efter drøftelsen" in overdue.inner_text()
    overdue.get_by_label("Afslutningsnotat").fill("Notatet er rettet.")
    overdue.get_by_role("button", name="Afslut").click()
    page.get_by_text("Opfølgningen er afsluttet").wait_for()
    assert FollowUp.objects.get().status == "done"

    # The communication list, recorded and exported.
    page.goto(f"{url}/workspace/meetings/{past.pk}/communication/")
    form = page.locator(f"#punkt-{item.pk}")
    form.get_by_label("Organisationen").check()
    form.get_by_label("Offentligheden").check()
    form.get_by_label("Intranet").check()
    form.get_by_label("Budskab").fill("Direktionen justerer notatet om styring.")
    form.get_by_label("Formidlet").check()
    form.get_by_role("button", name="Gem").click()
    page.get_by_text("er gemt").wait_for()
    exported = page.locator("#comm-text").input_value()
    assert (
        "Opfølgning på styringstemaet" in exported and "Direktionen justerer notatet om styring." in exported
    )
    assert "Til: Organisationen, Offentligheden · Kanal: Intranet" in exported
    page.close()

    # The public: the plan and the feed of communicated decisions show none of the closed item's content.
    anonymous = browser.new_page()
    anonymous.goto(f"{url}/bodies/{board.slug}/plan/")
    assert "Living Lab" in anonymous.locator("main").inner_text()
    for path in (f"/bodies/{board.slug}/plan/", "/communication/feed/", f"/bodies/{board.slug}/plan.ics"):
        response = anonymous.request.get(f"{url}{path}")
        body = response.text()
        assert "Fortrolig beslutning" not in body and "Notatet justeres efter" not in body
    # The communicated decision is public with the minutes, not before.
    message = "Direktionen justerer notatet om styring."
    assert message not in anonymous.request.get(f"{url}/communication/feed/").text()
    services.mark_held(past, by=secretary)
    services.approve_minutes(past, by=secretary)
    services.publish_minutes(past, by=secretary)
    assert message in anonymous.request.get(f"{url}/communication/feed/").text()
    anonymous.close()


def test_an_item_is_dragged_to_its_place(live_server, browser, transactional_db, board, secretary):
    from datetime import date

    from protokol.meetings import services

    meeting = services.create_meeting(body=board, date=date(2031, 3, 3), by=secretary)
    for title in ("Budget", "Skolestruktur", "Havnebad"):
        services.add_item(meeting=meeting, title=title, by=secretary)

    def order() -> list[str]:
        return [i.title for i in meeting.items.order_by("position", "pk") if not i.standing]

    assert order() == ["Budget", "Skolestruktur", "Havnebad"]
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/workspace/")
    page.get_by_label("Brugernavn").fill(secretary.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.goto(f"{live_server.url}/workspace/meetings/{meeting.pk}/")
    page.evaluate("window.__same_page = true")

    titles = page.locator("#agenda > li .title")
    with page.expect_response(
        lambda r: r.url.endswith(f"/items/{meeting.items.get(title='Havnebad').pk}/move/")
    ):
        page.drag_and_drop(
            "#agenda > li:has-text('Havnebad')",
            "#agenda > li:has-text('Budget')",
            target_position={"x": 40, "y": 2},
        )
    # htmx swaps in the list as the server now orders it.
    page.locator("#agenda > li:first-child .title", has_text="Havnebad").wait_for()
    assert order()[:3] == ["Havnebad", "Budget", "Skolestruktur"]
    assert titles.all_inner_texts()[:3] == ["Havnebad", "Budget", "Skolestruktur"]
    assert page.evaluate("window.__same_page") is True
