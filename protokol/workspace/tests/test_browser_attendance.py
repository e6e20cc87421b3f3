"""Attendance as the secretariat records it and the minutes signed by a member who took part, in Debian's
Chromium driven by Playwright; the public minutes page and PDF then print the attendance lines.

A screenshot of the attendance section goes to docs/screenshots/workspace-attendance.png.
"""

import os
import re
from datetime import date

import pytest

from protokol.common.testing import SCREENSHOTS
from protokol.workspace.tests.conftest import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser]


def _log_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/workspace/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Arbejdsrum", level=1).wait_for()


def test_attendance_with_afbud_and_a_deputy_is_signed_and_printed(
    live_server, browser, transactional_db, board, secretary
):
    import pypdfium2

    from protokol.meetings import services
    from protokol.meetings.enums import MeetingStatus
    from protokol.people.enums import MembershipRole
    from protokol.people.models import Signature
    from protokol.people.tests.factories import seat

    anna = seat(board, "Anna Andersen", letter="A", role=MembershipRole.CHAIR, with_login=True).person
    bo = seat(board, "Bo Berg", letter="V").person
    seat(board, "Carl Clausen", letter="C")
    erik = seat(board, "Erik Eriksen", letter="V", role=MembershipRole.DEPUTY).person
    seat(board, "Frida Frost", letter="V", role=MembershipRole.DEPUTY)
    meeting = services.create_meeting(body=board, date=date(2030, 6, 3), location="Rådhuset", by=secretary)
    item = services.add_item(meeting=meeting, title="Skolestruktur", by=secretary)
    services.publish_agenda(meeting, by=secretary)
    url = live_server.url

    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.set_default_timeout(15_000)
    _log_in(page, url, secretary.username)
    page.goto(f"{url}/workspace/meetings/{meeting.pk}/minutes/")
    section = page.locator("#attendance")
    page.evaluate("window.__same_page = true")

    # Opened by the secretariat, the list holds the members valid on the day (not the deputies), all
    # present; Bo sends afbud; the next deputy of his list is offered first.
    names = section.get_by_role("rowheader").all_inner_texts()
    assert names == ["Anna Andersen (A)", "Bo Berg (V)", "Carl Clausen (C)"]
    bo_row = section.locator("tr", has=page.get_by_role("rowheader", name="Bo Berg (V)"))
    bo_row.get_by_role("button", name="Afbud", exact=True).click()
    bo_row.get_by_role("button", name="Afbud", exact=True, pressed=True).wait_for()
    deputy = bo_row.get_by_label("Stedfortræder for Bo Berg (V)")
    assert deputy.locator("option:checked").inner_text().startswith("Erik Eriksen (V)")
    bo_row.get_by_role("button", name="Indkald stedfortræder").click()
    section.get_by_text("Erik Eriksen (V) er indkaldt").wait_for()
    erik_row = section.locator("tr", has=page.get_by_role("rowheader", name="Erik Eriksen (V)"))
    assert "Stedfortræder for Bo Berg (V)" in erik_row.inner_text()
    page.locator("#messages").get_by_text("er indkaldt som stedfortræder for Bo Berg (V)").wait_for()
    assert page.evaluate("window.__same_page") is True  # htmx swapped the section in place
    assert dict(meeting.attendance.values_list("person__name", "status")) == {
        "Anna Andersen": "present",
        "Bo Berg": "excused",
        "Carl Clausen": "present",
        "Erik Eriksen": "present",
    }
    assert meeting.attendance.get(person=erik).substitute_for == bo
    # The signatures section followed: the deputy signs too.
    assert "Erik Eriksen (V)" in page.locator("#signatures").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    section.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "workspace-attendance.png"), full_page=False)

    # The decision, then the meeting is held.
    services.record_decision(item=item, text="Godkendt.", by=secretary)
    page.reload()
    page.get_by_role("button", name="Markér mødet som afholdt").click()
    page.get_by_role("button", name="Ja, mødet er afholdt").click()
    page.get_by_text("Mødet er markeret som afholdt").wait_for()

    # Anna took part and signs; the secretariat sees who has still not signed.
    member = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    member.set_default_timeout(15_000)
    _log_in(member, url, anna.user.username)
    member.goto(f"{url}/workspace/meetings/{meeting.pk}/minutes/")
    assert member.locator("#attendance").get_by_role("button").count() == 0  # a member only reads it
    member.get_by_role("button", name="Underskriv referatet").click()
    member.get_by_text("Du har underskrevet referatet.").wait_for()
    assert member.get_by_role("button", name="Underskriv referatet").count() == 0
    assert Signature.objects.get(meeting=meeting).person == anna
    member.close()
    page.reload()
    unsigned = page.locator("#signatures .unsigned").inner_text()
    assert "Erik Eriksen (V)" in unsigned and "Anna Andersen" not in unsigned

    # Approved and published.
    page.get_by_role("button", name="Godkend referatet endeligt").click()
    # The confirmation names the participants who have not signed.
    assert (
        "ikke underskrevet referatet: Carl Clausen (C), Erik Eriksen (V)"
        in page.get_by_role("alert").inner_text()
    )
    page.get_by_role("button", name="Ja, godkend referatet endeligt").click()
    page.get_by_text("Referatet er godkendt.").wait_for()
    page.get_by_role("button", name="Offentliggør referatet").click()
    page.get_by_role("button", name="Ja, offentliggør referatet").click()
    page.locator("#messages").get_by_text("Referatet er offentliggjort.").wait_for()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED
    page.close()

    # The public minutes page and PDF print who was away and who stood in for whom.
    anonymous = browser.new_page()
    response = anonymous.request.get(f"{url}/meetings/{meeting.pk}/minutes.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.body())
    printed = " ".join(p.get_textpage().get_text_range() for p in pdf)
    for words in ("Fraværende", "Bo Berg (V)", "Stedfortræder", "Erik Eriksen (V)"):
        assert words in printed, words
    assert "afbud" in printed.lower()
    anonymous.goto(f"{url}/meetings/{meeting.pk}/")
    text = anonymous.locator("main").inner_text()
    away = re.search(r"Fraværende[^\n]*", text)
    assert away and "Bo Berg (V)" in away.group(0), text
    deputies = re.search(r"Stedfortræder[^\n]*", text)
    assert deputies and "Erik Eriksen (V)" in deputies.group(0) and "Bo Berg (V)" in deputies.group(0), text
    anonymous.close()


def test_the_secretariat_keeps_a_bodys_memberships(live_server, browser, transactional_db, board, secretary):
    """From the start page to the body's members: a new person with a party joins, a member leaves."""
    from django.utils import timezone

    from protokol.people.enums import MembershipRole
    from protokol.people.models import Membership
    from protokol.people.tests.factories import party, seat

    seat(board, "Anna Andersen", letter="A", role=MembershipRole.CHAIR)
    bo = seat(board, "Bo Berg", letter="V")
    seat(board, "Erik Eriksen", letter="V", role=MembershipRole.DEPUTY)
    seat(board, "Frida Frost", letter="V", role=MembershipRole.DEPUTY)
    party(board.organization, "Ø", "Enhedslisten")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.set_default_timeout(15_000)
    _log_in(page, live_server.url, secretary.username)
    page.get_by_role("link", name="Medlemmer og stedfortrædere").click()
    page.get_by_role("heading", name="Medlemmer af Direktionen").wait_for()

    form = page.locator("form", has=page.get_by_role("heading", name="Tilføj medlemskab"))
    form.get_by_label("Ny persons navn").fill("Dorte Dam")
    form.get_by_label("Parti", exact=True).select_option(label="Ø – Enhedslisten")
    form.get_by_label("Rolle").select_option(label="Næstformand")
    form.get_by_label("Fra", exact=True).fill("2026-03-01")
    form.get_by_role("button", name="Tilføj").click()
    page.get_by_text("Dorte Dam (Ø) er tilføjet som næstformand").wait_for()
    current = page.locator("#members")
    assert "Dorte Dam" in current.inner_text() and "Næstformand" in current.inner_text()

    row = current.locator("tr", has=page.get_by_role("rowheader", name="Bo Berg"))
    last_day = row.get_by_label("Sidste dag for Bo Berg")
    assert last_day.input_value() == timezone.localdate().isoformat()  # prefilled with today
    last_day.fill("2026-04-30")
    row.get_by_role("button", name="Afslut").click()
    page.get_by_text("Medlemskabet for Bo Berg (V) slutter 30.04.2026.").wait_for()
    bo.refresh_from_db()
    assert str(bo.end_date) == "2026-04-30"
    assert "Bo Berg (V)" in page.locator("#former").inner_text()
    assert "Bo Berg" not in page.locator("#members").inner_text()
    deputies = page.locator("#deputies").inner_text()
    assert deputies.index("Erik Eriksen") < deputies.index("Frida Frost")
    assert Membership.objects.get(person__name="Dorte Dam").role == MembershipRole.VICE_CHAIR
    page.screenshot(path=str(SCREENSHOTS / "workspace-members.png"), full_page=True)
    page.close()
