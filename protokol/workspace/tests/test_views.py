"""The workspace's screens, each rule through the views: the views only call the services and queries."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from protokol.cases.models import Case
from protokol.cases.tests.files import docx_bytes, pdf_bytes
from protokol.common.audit_actions import label_of
from protokol.common.models import AuditEntry
from protokol.meetings import services
from protokol.meetings.enums import MeetingStatus, Outcome
from protokol.meetings.models import AgendaItem, Amendment, Meeting
from protokol.meetings.tests import factories
from protokol.people import services as people_services
from protokol.people.models import Signature
from protokol.workspace.forms import STANDARD_HEADINGS
from protokol.workspace.tests.conftest import STANDING, login

pytestmark = pytest.mark.django_db


def item_url(item):
    return reverse("workspace:item", args=[item.meeting_id, item.pk])


def item_post(item=None, **changes):
    """The item form as the browser posts it, from a stored item (or empty), with changes."""
    data = {"title": "", "public": "1", "case_type": "", "case_number": "", "document_number": ""}
    for i, heading in enumerate(STANDARD_HEADINGS):
        data[f"heading_{i}"] = heading
        data[f"section_{i}"] = ""
    if item is not None:
        item.refresh_from_db()
        data |= {
            "version": str(item.version),
            "title": item.title,
            "public": "1" if item.public else "0",
            "case_type": item.case_type,
            "case_number": item.case.number if item.case_id else "",
            "document_number": item.document_number,
        }
        texts = {s.heading: s.text for s in item.sections.all()}
        for i, heading in enumerate(STANDARD_HEADINGS):
            data[f"section_{i}"] = texts.get(heading, "")
    for key, value in changes.items():
        if key in STANDARD_HEADINGS:
            data[f"section_{STANDARD_HEADINGS.index(key)}"] = value
        else:
            data[key] = value
    return data


def titles(meeting):
    return list(meeting.items.order_by("position").values_list("title", flat=True))


# Login and the start page -------------------------------------------------------------------------


def test_the_workspace_needs_a_login_with_a_danish_form(client, secretary):
    response = client.get("/workspace/")
    assert response.status_code == 302 and response["Location"].startswith("/workspace/login/")
    page = client.get("/workspace/login/").content.decode()
    assert "Log ind" in page and "Adgangskode" in page and 'lang="da"' in page
    response = client.post("/workspace/login/", {"username": "sekretaer", "password": "test-password-123"})
    assert response.status_code == 302 and response["Location"] == "/workspace/"
    bad = client.post("/workspace/login/", {"username": "sekretaer", "password": "forkert"})
    assert "forkert" in bad.content.decode()


def test_the_start_page_lists_the_bodies_meetings_upcoming_first(client, board, secretary, meeting):
    later = services.create_meeting(body=board, date=date(2030, 9, 1), by=secretary)
    past = services.create_meeting(body=board, date=date(2020, 1, 6), by=secretary)
    page = login(client, secretary).get("/workspace/").content.decode()
    assert "Direktionen" in page
    upcoming = page.index(reverse("workspace:meeting", args=[meeting.pk]))
    assert upcoming < page.index(reverse("workspace:meeting", args=[later.pk]))
    assert page.index("Tidligere møder") < page.index(reverse("workspace:meeting", args=[past.pk]))


def test_a_secretary_creates_a_meeting_with_the_standing_items(client, board, secretary):
    response = login(client, secretary).post(
        reverse("workspace:create_meeting", args=[board.slug]),
        {"date": "2030-06-03", "start_time": "12:30", "location": "Rådhuset, Mødelokale 9"},
    )
    meeting = Meeting.objects.get(body=board)
    assert response.status_code == 302 and response["Location"] == reverse(
        "workspace:meeting", args=[meeting.pk]
    )
    assert meeting.location == "Rådhuset, Mødelokale 9" and meeting.start_time.hour == 12
    assert titles(meeting) == [t for t, _ in STANDING]
    page = client.get(response["Location"]).content.decode()
    assert all(t in page for t, _ in STANDING) and "Fast punkt" in page


# The agenda builder -------------------------------------------------------------------------------


def test_add_an_item_with_a_new_case_its_route_and_sections(client, meeting, secretary, finance):
    response = login(client, secretary).post(
        reverse("workspace:item_new", args=[meeting.pk]),
        item_post(
            title="Kommunen på Facebook",
            case_type="Beslutning",
            case_number="326-2016-26184",
            case_title="Facebook-strategi",
            case_kle="00.01.00",
            **{
                "Resume og sagens baggrund": "Sagen beskriver ...",
                "Behandling": "Direktion, Økonomiudvalg.",
                "Økonomiske konsekvenser": "Ingen.",
            },
        ),
    )
    item = AgendaItem.objects.get(title="Kommunen på Facebook")
    assert response.status_code == 302 and response["Location"] == item_url(item)
    assert (item.case.number, item.case.title, item.case.journal_number) == (
        "326-2016-26184",
        "Facebook-strategi",
        "00.01.00",
    )
    assert item.route_names == ["Direktion", "Økonomiudvalg"]
    assert [s.heading for s in item.sections.all()] == [
        "Resume og sagens baggrund",
        "Behandling",
        "Økonomiske konsekvenser",
    ]
    # New items go before the closing standing items.
    assert titles(meeting) == ["Kommunen på Facebook", *[t for t, _ in STANDING]]
    page = client.get(item_url(item)).content.decode()
    assert "Sagen beskriver ..." in page and 'value="326-2016-26184"' in page


def test_an_existing_case_is_picked_by_number_or_by_title(client, meeting, secretary, org):
    from protokol.cases import services as case_services

    case = case_services.resolve_case(organization=org, number="326-2016-968", title="Styring", by=secretary)
    login(client, secretary)
    client.post(
        reverse("workspace:item_new", args=[meeting.pk]), item_post(title="A", case_number="326-2016-968")
    )
    client.post(reverse("workspace:item_new", args=[meeting.pk]), item_post(title="B", case_number="styring"))
    assert AgendaItem.objects.get(title="A").case == case
    assert AgendaItem.objects.get(title="B").case == case
    assert Case.objects.count() == 1
    page = client.get(reverse("workspace:item_new", args=[meeting.pk])).content.decode()
    assert '<option value="326-2016-968">Styring</option>' in page


def test_a_bad_kle_number_is_refused_and_the_input_kept(client, meeting, secretary):
    response = login(client, secretary).post(
        reverse("workspace:item_new", args=[meeting.pk]),
        item_post(
            title="Punkt med fejl", case_number="1-2", case_kle="1.2.3", **{"Indstillinger": "Min tekst"}
        ),
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Ugyldigt KLE-nummer" in page
    assert "Min tekst" in page and "Punkt med fejl" in page
    assert not AgendaItem.objects.filter(title="Punkt med fejl").exists() and not Case.objects.exists()


def test_move_items_up_and_down_without_and_with_htmx(client, meeting, secretary):
    a = factories.item(meeting, "A")
    b = factories.item(meeting, "B")
    login(client, secretary)
    response = client.post(reverse("workspace:item_move", args=[meeting.pk, b.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert titles(meeting)[:2] == ["B", "A"]
    # htmx follows the redirect and swaps the agenda list from the page it gets.
    response = client.post(
        reverse("workspace:item_move", args=[meeting.pk, b.pk]),
        {"direction": "down"},
        HTTP_HX_REQUEST="true",
        follow=True,
    )
    assert 'id="agenda"' in response.content.decode()
    assert titles(meeting)[:2] == ["A", "B"]
    client.post(reverse("workspace:item_move", args=[meeting.pk, a.pk]), {"direction": "up"})  # already first
    assert titles(meeting)[:2] == ["A", "B"]
    page = client.get(reverse("workspace:meeting", args=[meeting.pk])).content.decode()
    assert (
        f'id="up-{b.pk}"' in page
        and f'hx-post="{reverse("workspace:item_move", args=[meeting.pk, b.pk])}"' in page
    )


def test_move_an_item_to_a_place_as_a_drop_does(client, meeting, secretary):
    a, b, c = (factories.item(meeting, t) for t in "ABC")
    login(client, secretary)
    url = reverse("workspace:item_move", args=[meeting.pk, c.pk])
    client.post(url, {"position": "0"})
    assert titles(meeting)[:3] == ["C", "A", "B"]
    client.post(url, {"position": "2"})
    assert titles(meeting)[:3] == ["A", "B", "C"]
    client.post(url, {"position": "99"})  # past the end: last
    assert titles(meeting)[-1] == "C"
    page = client.get(reverse("workspace:meeting", args=[meeting.pk])).content.decode()
    assert f'draggable="true" data-move-url="{url}"' in page


def test_remove_an_item_and_the_order_locks_when_the_agenda_is_sent(client, meeting, secretary):
    a = factories.item(meeting, "A")
    b = factories.item(meeting, "B")
    login(client, secretary)
    client.post(reverse("workspace:item_remove", args=[meeting.pk, a.pk]))
    assert "A" not in titles(meeting)
    response = client.post(reverse("workspace:status", args=[meeting.pk, "publish-agenda"]), follow=True)
    assert "Dagsordenen er udsendt" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert list(meeting.items.order_by("position").values_list("number", flat=True)) == [1, 2, 3, 4]
    response = client.post(
        reverse("workspace:item_move", args=[meeting.pk, b.pk]), {"direction": "down"}, follow=True
    )
    assert "Rækkefølgen er låst" in response.content.decode()
    response = client.post(reverse("workspace:item_remove", args=[meeting.pk, b.pk]), follow=True)
    assert "kun fjernes" in response.content.decode() and "B" in titles(meeting)


# Attachments --------------------------------------------------------------------------------------


def test_attachments_are_checked_by_content_and_their_text_extracted(client, meeting, secretary, settings):
    item = factories.item(meeting, "Budget")
    url = reverse("workspace:attachment_add", args=[meeting.pk, item.pk])
    login(client, secretary)
    client.post(url, {"file": SimpleUploadedFile("notat.pdf", pdf_bytes("Budgetnotat 2031")), "public": "on"})
    client.post(
        url, {"file": SimpleUploadedFile("bilag", docx_bytes("Tidsplan for budget")), "title": "Tidsplan"}
    )
    pdf, word = item.attachments.order_by("position")
    assert (pdf.title, pdf.mime_type, pdf.text, pdf.public) == (
        "notat",
        "application/pdf",
        "Budgetnotat 2031",
        True,
    )
    assert word.title == "Tidsplan" and word.file_name == "bilag.docx" and "Tidsplan for budget" in word.text
    assert not word.public
    # A text file named .pdf is not a PDF; a file over the limit is refused before it is read.
    response = client.post(url, {"file": SimpleUploadedFile("falsk.pdf", b"just text")}, follow=True)
    assert "Kun PDF- og DOCX-filer" in response.content.decode()
    settings.PROTOKOL_ATTACHMENT_MAX_BYTES = 100
    response = client.post(url, {"file": SimpleUploadedFile("stor.pdf", pdf_bytes("x" * 200))}, follow=True)
    assert "for stor" in response.content.decode()
    assert item.attachments.count() == 2
    download = client.get(reverse("workspace:attachment", args=[pdf.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")


# Rules through the views --------------------------------------------------------------------------


def test_a_member_cannot_edit(client, meeting, member, secretary):
    item = factories.item(meeting, "Original")
    login(client, member)
    # A draft is the secretariat's: the member does not even see it.
    assert client.post(item_url(item), item_post(item, title="Ændret")).status_code == 404
    services.publish_agenda(meeting, by=secretary)
    response = client.post(item_url(item), item_post(item, title="Ændret af medlem"))
    assert response.status_code == 403 and "ikke ret til at redigere" in response.content.decode()
    assert (
        client.post(reverse("workspace:item_new", args=[meeting.pk]), item_post(title="Nyt")).status_code
        == 403
    )
    moved = client.post(reverse("workspace:item_move", args=[meeting.pk, item.pk]), {"direction": "down"})
    assert moved.status_code == 403
    assert client.post(reverse("workspace:status", args=[meeting.pk, "held"])).status_code == 403
    item.refresh_from_db()
    meeting.refresh_from_db()
    assert item.title == "Original" and titles(meeting)[0] == "Original"
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert not AgendaItem.objects.filter(title="Nyt").exists()


def test_a_member_reads_but_gets_no_edit_forms(client, meeting, member, secretary):
    item = factories.item(meeting, "Lukket sag", public=False, sections=[("Resume", "Hemmeligt indhold")])
    services.publish_agenda(meeting, by=secretary)
    login(client, member)
    page = client.get(item_url(item)).content.decode()
    assert "Hemmeligt indhold" in page and '<form method="post" class="item-form"' not in page
    minutes = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "Hemmeligt indhold" in minutes and "Gem beslutning" not in minutes
    response = client.post(
        reverse("workspace:decision", args=[meeting.pk, item.pk]), {"text": "Godkendt.", "outcome": ""}
    )
    assert response.status_code == 403 and not item.decisions.exists()


def test_a_secretary_of_another_body_sees_no_drafts_and_no_closed_items(client, meeting, secretary, outsider):
    draft_item = factories.item(meeting, "Kladdepunkt", sections=[("Resume", "Udkast")])
    login(client, outsider)
    assert "Direktionen" not in client.get("/workspace/").content.decode()
    for url in (
        reverse("workspace:meeting", args=[meeting.pk]),
        reverse("workspace:minutes", args=[meeting.pk]),
        reverse("workspace:log", args=[meeting.pk]),
        item_url(draft_item),
    ):
        assert client.get(url).status_code == 404, url

    closed = factories.item(
        meeting,
        "Afsked af en leder",
        public=False,
        public_title="Personalesag",
        sections=[("Resume", "Fortroligt indhold")],
    )
    services.publish_agenda(meeting, by=secretary)
    agenda = client.get(reverse("workspace:meeting", args=[meeting.pk])).content.decode()
    assert "Personalesag" in agenda and "Kladdepunkt" in agenda and "Afsked af en leder" not in agenda
    minutes = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "Personalesag" in minutes and "Fortroligt indhold" not in minutes and "Lukket punkt." in minutes
    assert "Afsked af en leder" not in minutes
    assert "Udkast" in minutes  # an open item of a sent agenda is public
    assert client.get(item_url(closed)).status_code == 404
    assert client.get(reverse("workspace:log", args=[meeting.pk])).status_code == 404
    response = client.post(reverse("workspace:decision", args=[meeting.pk, closed.pk]), {"text": "Godkendt."})
    assert response.status_code == 404 and not closed.decisions.exists()


def test_approved_minutes_cannot_be_edited_without_a_reason(client, meeting, secretary):
    item = factories.item(meeting, "Punkt", sections=[("Resume og sagens baggrund", "Tekst")])
    services.publish_agenda(meeting, by=secretary)
    services.record_decision(item=item, text="Godkendt.", by=secretary)
    services.mark_held(meeting, by=secretary)
    login(client, secretary)
    client.post(reverse("workspace:status", args=[meeting.pk, "approve"]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    url = reverse("workspace:decision", args=[meeting.pk, item.pk])

    response = client.post(url, {"text": "Godkendt med rettelse."}, follow=True)
    assert "kan ikke ændres uden en begrundelse" in response.content.decode()
    assert item.decisions.get().text == "Godkendt."
    response = client.post(item_url(item), item_post(item, title="Ny titel"))
    assert response.status_code == 400 and "uden en begrundelse" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Punkt"

    client.post(url, {"text": "Godkendt med rettelse.", "reason": "Skrivefejl i referatet"})
    assert item.decisions.get().text == "Godkendt med rettelse."
    amendment = Amendment.objects.get(meeting=meeting)
    assert amendment.reason == "Skrivefejl i referatet" and amendment.by == secretary
    minutes = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "Referatets historik" in minutes and "Skrivefejl i referatet" in minutes
    assert "Begrundelse for rettelsen" in minutes

    client.post(reverse("workspace:status", args=[meeting.pk, "publish-minutes"]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED


def test_two_secretaries_editing_the_same_item_nothing_is_lost(client, meeting, secretary, board):
    from protokol.meetings.enums import Role

    other = factories.member(board, role=Role.SECRETARIAT, username="kollega")
    item = factories.item(meeting, "Budget", sections=[("Indstillinger", "Oprindelig indstilling")])
    mine = item_post(item, title="Budget 2031", Indstillinger="Min indstilling")  # both open the form
    theirs = item_post(item, title="Budget – revideret", Indstillinger="Kollegaens indstilling")

    from django.test import Client

    colleague = login(Client(), other)
    assert colleague.post(item_url(item), theirs).status_code == 302
    response = login(client, secretary).post(item_url(item), mine)
    page = response.content.decode()
    assert response.status_code == 409
    assert "ændret af en anden" in page and "Din ændring er ikke gemt" in page
    assert "Budget – revideret" in page and "Kollegaens indstilling" in page  # the other's version
    assert 'value="Budget 2031"' in page and "Min indstilling" in page  # the user's input, kept
    assert "kollega" in page  # who changed it
    item.refresh_from_db()
    assert item.title == "Budget – revideret"
    assert [s.text for s in item.sections.all()] == ["Kollegaens indstilling"]
    # The form now carries the other's version: saving again is a deliberate overwrite.
    assert f'name="version" value="{item.version}"' in page
    mine["version"] = str(item.version)
    assert client.post(item_url(item), mine).status_code == 302
    item.refresh_from_db()
    assert item.title == "Budget 2031" and [s.text for s in item.sections.all()] == ["Min indstilling"]


# The minutes --------------------------------------------------------------------------------------


def test_quick_choices_record_decisions_and_udsat_postpones(client, meeting, board, secretary):
    a = factories.item(meeting, "Godkendes")
    b = factories.item(meeting, "Udsættes", sections=[("Resume", "Historik")])
    nxt = services.create_meeting(body=board, date=date(2030, 6, 17), by=secretary)
    services.publish_agenda(meeting, by=secretary)
    login(client, secretary)
    # Without JS a quick choice is a submit button: the field is filled with its words.
    client.post(reverse("workspace:decision", args=[meeting.pk, a.pk]), {"text": "", "quick": "approved"})
    assert (a.decisions.get().text, a.decisions.get().outcome) == ("Godkendt.", Outcome.APPROVED)
    # Edited text with the chosen outcome.
    client.post(
        reverse("workspace:decision", args=[meeting.pk, a.pk]),
        {"text": "Godkendt med bemærkning.", "outcome": "approved"},
    )
    assert a.decisions.get().text == "Godkendt med bemærkning."
    response = client.post(
        reverse("workspace:decision", args=[meeting.pk, b.pk]),
        {"text": "Udsat til næste møde.", "outcome": "postponed"},
        follow=True,
    )
    assert "Punktet er udsat" in response.content.decode()
    assert b.decisions.get().outcome == Outcome.POSTPONED
    moved = nxt.items.get(title="Udsættes")
    assert moved.postponed_from == b
    # A second click does not put it on the next agenda twice.
    client.post(
        reverse("workspace:decision", args=[meeting.pk, b.pk]), {"text": "Udsat.", "quick": "postponed"}
    )
    assert nxt.items.filter(title="Udsættes").count() == 1
    page = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "Udsat til" in page and "Godkendt med bemærkning." in page
    page = client.get(reverse("workspace:minutes", args=[nxt.pk])).content.decode()
    assert "Udsat fra mødet" in page


def test_anbefales_forwards_the_case_along_its_route(client, meeting, secretary, finance, org, system):
    from protokol.cases import services as case_services
    from protokol.meetings.enums import Role

    services.add_membership(body=finance, user=secretary, role=Role.SECRETARIAT, by=system)
    case = case_services.resolve_case(organization=org, number="326-2016-26184", by=secretary)
    item = factories.item(
        meeting, "Facebook", case=case, route=["Direktion", "Økonomiudvalg", "Kommunalbestyrelse"]
    )
    fin_meeting = services.create_meeting(body=finance, date=date(2030, 6, 10), by=secretary)
    services.publish_agenda(meeting, by=secretary)
    login(client, secretary)
    page = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "send sagen videre til Økonomiudvalget" in page
    client.post(
        reverse("workspace:decision", args=[meeting.pk, item.pk]),
        {"text": "Anbefales.", "outcome": "recommended", "forward": "on"},
    )
    forwarded = fin_meeting.items.get(title="Facebook")
    assert forwarded.case == case
    assert [(d.body_name, d.text) for d in forwarded.decisions.all()] == [("Direktionen", "Anbefales.")]
    page = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "Sendt videre til Økonomiudvalget" in page


def test_attendance_signatures_and_the_audit_log(client, meeting, secretary, member):
    factories.item(meeting, "Punkt")
    services.publish_agenda(meeting, by=secretary)
    anna = people_services.create_person(
        organization=meeting.body.organization, name="Anna", user=member, by=secretary
    )
    people_services.add_membership(person=anna, body=meeting.body, start_date=meeting.date, by=secretary)
    carl = people_services.create_person(organization=meeting.body.organization, name="Carl", by=secretary)
    people_services.add_membership(person=carl, body=meeting.body, start_date=meeting.date, by=secretary)
    people_services.prefill_attendance(meeting=meeting, by=secretary)
    people_services.set_attendance(meeting=meeting, person=carl, status="excused", by=secretary)
    services.mark_held(meeting, by=secretary)
    client.force_login(member)
    page = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "Underskriv referatet" in page and "Carl" in page
    client.post(reverse("workspace:sign", args=[meeting.pk]))
    client.post(reverse("workspace:sign", args=[meeting.pk]))
    assert Signature.objects.filter(meeting=meeting, person=anna).count() == 1
    assert client.get(reverse("workspace:log", args=[meeting.pk])).status_code == 404  # members: no log
    client.force_login(secretary)
    page = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "underskrevet" in page  # the signature is shown
    log = client.get(reverse("workspace:log", args=[meeting.pk])).content.decode()
    actions = set(AuditEntry.objects.filter(meeting_id=meeting.pk).values_list("action", flat=True))
    assert {"meeting.create", "item.create", "meeting.sign_minutes", "attendance.set"} <= actions
    for action in actions:
        assert str(label_of(action)) in log and action not in log
