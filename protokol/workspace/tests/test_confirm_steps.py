"""A confirmation with a preview before each step that cannot be undone: what goes out, who is told, and
warnings for a meeting marked held before its date, minutes approved without every signature, and an agenda
sent later than the body's deadline (which then needs a reason, kept, logged and printed)."""

import os
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from protokol.common.errors import ProtokolError
from protokol.common.models import AuditEntry
from protokol.meetings import services
from protokol.meetings.enums import MeetingStatus
from protokol.people import services as people_services
from protokol.people.enums import MembershipRole
from protokol.people.tests.factories import seat
from protokol.workspace.tests.conftest import PASSWORD, login

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = pytest.mark.django_db


@pytest.fixture
def seated(board):
    seat(board, "Anna Andersen", letter="A", role=MembershipRole.CHAIR)
    seat(board, "Bo Berg", letter="V")
    seat(board, "Erik Eriksen", letter="V", role=MembershipRole.DEPUTY)
    return board


def _status(meeting, action):
    return reverse("workspace:status", args=[meeting.pk, action])


def test_sending_the_agenda_asks_first_with_the_items_and_who_is_told(client, seated, meeting, secretary):
    services.add_item(meeting=meeting, title="Budget 2031", by=secretary)
    services.add_item(
        meeting=meeting,
        title="Køb af Skovvej 3",
        public=False,
        public_title="Køb af ejendom",
        closed_reason="property",
        by=secretary,
    )
    login(client, secretary)
    page = client.get(reverse("workspace:meeting", args=[meeting.pk])).content.decode()
    # The button opens the confirmation (a GET form), it does not send.
    assert re.search(r'<form method="get" action="' + re.escape(_status(meeting, "publish-agenda")), page)
    response = client.get(_status(meeting, "publish-agenda"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Udsend dagsorden: bekræft" in page
    assert "5 punkter: 4 åbne, 1 lukket" in page  # three standing items, one open and one closed
    assert "Budget 2031" in page and "Køb af ejendom" in page
    told = page[page.index('id="h-told"') :]
    assert "Anna Andersen (A) (formand)" in told and "Bo Berg (V)" in told
    assert "Erik Eriksen (V)" in told[told.index("Stedfortrædere") :]
    assert "Ja, udsend dagsordenen" in page and "Advarsler" not in page  # 2030: well before the deadline
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT  # looking changes nothing
    assert client.post(_status(meeting, "publish-agenda")).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED and meeting.agenda_late_reason == ""


def test_a_late_agenda_warns_needs_a_reason_and_prints_it(client, board, secretary):
    soon = timezone.localdate() + timedelta(days=1)
    meeting = services.create_meeting(body=board, date=soon, location="Rådhuset", by=secretary)
    login(client, secretary)
    page = client.get(_status(meeting, "publish-agenda")).content.decode()
    assert "Fristen for at udsende dagsordenen var" in page and "hverdage før mødet" in page
    assert 'name="late_reason"' in page and "required" in page[page.index('name="late_reason"') :][:80]
    client.post(_status(meeting, "publish-agenda"), {"late_reason": "  "})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT  # refused without a reason
    reason = "Sagen om vinterberedskab kom først fra forvaltningen i går."
    client.post(_status(meeting, "publish-agenda"), {"late_reason": reason})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED and meeting.agenda_late_reason == reason
    assert AuditEntry.objects.get(meeting_id=meeting.pk, action="meeting.agenda_published").reason == reason
    portal = client.get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    assert "Dagsordenen er udsendt efter fristen." in portal and reason in portal

    from protokol.rendering import present
    from protokol.rendering.documents import meeting_document

    view = present(meeting_document(meeting, edition="public", kind="agenda"))
    assert {"label": "Udsendt efter fristen", "value": reason} in view["facts"]
    import pypdfium2

    from protokol.rendering.documents import render_meeting

    pdf = pypdfium2.PdfDocument(render_meeting(meeting, edition="public", fmt="pdf", kind="agenda"))
    printed = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pdf)
    assert "Udsendt efter fristen" in printed and "vinterberedskab kom først" in printed
    minutes_view = present(meeting_document(meeting, edition="public", kind="minutes"))
    assert all(f["label"] != "Udsendt efter fristen" for f in minutes_view["facts"])


def test_the_service_refuses_a_late_agenda_without_a_reason_from_the_workspace(board, secretary):
    meeting = services.create_meeting(body=board, date=timezone.localdate(), by=secretary)
    with pytest.raises(ProtokolError, match="efter udvalgets frist"):
        services.publish_agenda(meeting, by=secretary, late_reason="")
    # History written after the fact (the demo, imports) does not ask.
    services.publish_agenda(meeting, by=secretary)
    assert meeting.agenda_late_reason == ""


def test_the_deadline_follows_the_body_setting(board, secretary):
    meeting = services.create_meeting(body=board, date=date(2026, 4, 7), by=secretary)
    assert services.agenda_deadline_of(meeting) == date(2026, 3, 27)
    board.agenda_deadline_working_days = 1
    board.save()
    meeting.refresh_from_db()
    assert services.agenda_deadline_of(meeting) == date(2026, 4, 1)
    assert services.agenda_is_late(meeting, today=date(2026, 4, 2))
    assert not services.agenda_is_late(meeting, today=date(2026, 4, 1))


def test_marking_a_future_meeting_held_warns(client, meeting, secretary):
    services.publish_agenda(meeting, by=secretary)
    login(client, secretary)
    page = client.get(_status(meeting, "held")).content.decode()
    assert "Mødet er sat til 3. juni 2030, som endnu ikke er kommet." in page
    assert "Ja, mødet er afholdt" in page
    minutes = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert re.search(r'<form method="get" action="' + re.escape(_status(meeting, "held")), minutes)


def test_approving_names_who_took_part_and_has_not_signed(client, board, secretary):
    anna = seat(board, "Anna Andersen", letter="A", role=MembershipRole.CHAIR, with_login=True)
    seat(board, "Bo Berg", letter="V")
    past = timezone.localdate() - timedelta(days=3)
    meeting = services.create_meeting(body=board, date=past, by=secretary)
    services.publish_agenda(meeting, by=secretary)
    people_services.prefill_attendance(meeting=meeting, by=secretary)
    services.mark_held(meeting, by=secretary)
    people_services.sign_minutes(meeting=meeting, by=anna.person.user)
    login(client, secretary)
    page = client.get(_status(meeting, "approve")).content.decode()
    assert "1 deltagere har ikke underskrevet referatet: Bo Berg (V)." in page
    assert "som endnu ikke er kommet" not in page
    assert "Referatet omfatter" in page
    # The step itself still works (a warning, not a block).
    client.post(_status(meeting, "approve"))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    page = client.get(_status(meeting, "publish-minutes")).content.decode()
    assert "Ja, offentliggør referatet" in page and "Anna Andersen (A)" in page


def test_the_confirmation_is_the_secretariats_and_of_the_right_status(client, meeting, member, outsider):
    login(client, member)
    assert client.get(_status(meeting, "publish-agenda")).status_code == 404  # a draft is not shown
    services.publish_agenda(meeting, by=meeting.body.memberships.get(role="secretariat").user)
    assert client.get(_status(meeting, "held")).status_code == 403
    login(client, outsider)
    assert client.get(_status(meeting, "held")).status_code == 403
    login(client, meeting.body.memberships.get(role="secretariat").user)
    response = client.get(_status(meeting, "publish-agenda"), follow=True)  # already sent
    assert response.redirect_chain[0][1] == 302 and "ikke længere på det trin" in response.content.decode()
    assert client.get(_status(meeting, "nonsense")).status_code == 404


@pytest.mark.browser
def test_the_confirmation_before_sending_an_agenda_in_a_browser(
    live_server, browser, transactional_db, board, secretary
):
    seat(board, "Anna Andersen", letter="A", role=MembershipRole.CHAIR)
    seat(board, "Erik Eriksen", letter="V", role=MembershipRole.DEPUTY)
    soon = timezone.localdate() + timedelta(days=1)
    meeting = services.create_meeting(body=board, date=soon, location="Rådhuset", by=secretary)
    services.add_item(meeting=meeting, title="Vinterberedskab", by=secretary)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/workspace/login/")
    page.get_by_label("Brugernavn").fill(secretary.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Arbejdsrum", level=1).wait_for()
    page.goto(f"{live_server.url}/workspace/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Udsend dagsorden").click()
    page.get_by_role("heading", name="Udsend dagsorden: bekræft").wait_for()
    assert "Vinterberedskab" in page.locator("ol.preview-items").inner_text()
    assert page.locator("#told-members").inner_text().strip() == "Anna Andersen (A) (formand)"
    assert page.locator("#told-deputies").inner_text().strip() == "Erik Eriksen (V)"
    assert "Dagsordenen udsendes for sent" in page.get_by_role("alert").inner_text()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
    # The reason is required: the browser does not send the form without it.
    page.get_by_role("button", name="Ja, udsend dagsordenen").click()
    assert page.get_by_label(re.compile("^Begrundelse for at dagsordenen udsendes efter fristen")).evaluate(
        "el => el.validity.valueMissing"
    )
    page.get_by_label(re.compile("^Begrundelse for at dagsordenen")).fill("Forvaltningen var forsinket.")
    page.get_by_role("button", name="Ja, udsend dagsordenen").click()
    page.locator("#messages").get_by_text("Dagsordenen er udsendt").wait_for()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert meeting.agenda_late_reason == "Forvaltningen var forsinket."
