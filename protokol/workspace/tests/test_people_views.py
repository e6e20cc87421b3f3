"""The people screens through the views: a body's memberships, attendance in the minutes, signing."""

from datetime import date

import pytest
from django.urls import reverse

from protokol.common.models import AuditEntry
from protokol.meetings import services
from protokol.meetings.models import Amendment
from protokol.meetings.tests import factories
from protokol.people import services as people_services
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.models import Attendance, ItemAbsence, Membership, Party, Person, Signature
from protokol.people.tests.factories import person, seat
from protokol.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(board):
    """Direktionen as a political body: two members with a vote and two deputies of V's list."""
    return {
        "anna": seat(board, "Anna Andersen", letter="A", role=MembershipRole.CHAIR, with_login=True).person,
        "bo": seat(board, "Bo Berg", letter="V", with_login=True).person,
        "erik": seat(board, "Erik Eriksen", letter="V", role=MembershipRole.DEPUTY, with_login=True).person,
        "frida": seat(board, "Frida Frost", letter="V", role=MembershipRole.DEPUTY).person,
    }


@pytest.fixture
def sent(meeting, secretary, council):
    item = factories.item(meeting, "Skolestruktur")
    services.publish_agenda(meeting, by=secretary)
    meeting.refresh_from_db()
    return meeting, item


def minutes_page(client, meeting) -> str:
    return client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()


def status_of(meeting, p) -> str:
    return meeting.attendance.get(person=p).status


# Memberships -------------------------------------------------------------------------------------


def test_the_members_page_shows_current_former_and_each_lists_deputies_in_order(
    client, board, secretary, council
):
    seat(board, "Carl Carlsen", letter="A", start=date(2026, 1, 1), end=date(2026, 3, 31))
    home = login(client, secretary).get("/workspace/").content.decode()
    url = reverse("workspace:members", args=[board.slug])
    assert url in home
    page = client.get(url).content.decode()
    current = page.split('id="members"')[1].split("</section>")[0]
    assert "Anna Andersen" in current and "Formand" in current and "Bo Berg" in current
    assert "Carl Carlsen" not in current
    deputies = page.split('id="deputies"')[1].split("</section>")[0]
    assert deputies.index("Erik Eriksen") < deputies.index("Frida Frost")
    former = page.split('id="former"')[1].split("</section>")[0]
    assert "Carl Carlsen (A)" in former and "31. marts 2026" in former


def test_the_secretariat_adds_a_party_a_new_person_an_existing_one_and_ends_a_membership(
    client, board, secretary, member
):
    login(client, secretary)
    url = reverse("workspace:members", args=[board.slug])
    client.post(
        reverse("workspace:party_new", args=[board.slug]), {"party-letter": "Ø", "party-name": "Enhedslisten"}
    )
    party = Party.objects.get(letter="Ø", organization=board.organization)
    response = client.post(
        reverse("workspace:membership_new", args=[board.slug]),
        {
            "name": "Dorte Dam",
            "party": party.pk,
            "user": member.pk,
            "email": "dorte@example.org",
            "role": MembershipRole.MEMBER,
            "voting_right": "on",
            "start_date": "2026-02-01",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    dorte = Person.objects.get(name="Dorte Dam")
    assert (dorte.party, dorte.user, dorte.email) == (party, member, "dorte@example.org")
    m = Membership.objects.get(person=dorte, body=board)
    assert (m.role, m.voting_right, m.start_date, m.end_date) == ("medlem", True, date(2026, 2, 1), None)
    # An existing person as a deputy, placed last on the list when no number is given.
    kim = person(board.organization, "Kim Krog", letter="Ø")
    client.post(
        reverse("workspace:membership_new", args=[board.slug]),
        {"person": kim.pk, "role": MembershipRole.DEPUTY, "start_date": "2026-02-01"},
    )
    deputy = Membership.objects.get(person=kim)
    assert (deputy.role, deputy.deputy_position, deputy.voting_right) == ("stedfortraeder", 1, False)
    page = client.get(url).content.decode()
    assert "Dorte Dam" in page and "Kim Krog" in page and "dorte@example.org" not in page
    # Dorte leaves; her membership moves to the former ones.
    client.post(
        reverse("workspace:membership_end", args=[board.slug, m.pk]), {f"end{m.pk}-end_date": "2026-05-31"}
    )
    m.refresh_from_db()
    assert m.end_date == date(2026, 5, 31)
    former = client.get(url).content.decode().split('id="former"')[1]
    assert "Dorte Dam (Ø)" in former


def test_a_refused_membership_leaves_no_new_person_behind(client, board, secretary):
    login(client, secretary)
    response = client.post(
        reverse("workspace:membership_new", args=[board.slug]),
        {"name": "Ny Person", "role": "medlem", "start_date": "2026-06-01", "end_date": "2026-05-01"},
        follow=True,
    )
    assert "Et medlemskab kan ikke slutte, før det begynder." in response.content.decode()
    assert not Person.objects.filter(name="Ny Person").exists()
    response = client.post(
        reverse("workspace:membership_new", args=[board.slug]), {"role": "medlem", "start_date": "2026-06-01"}
    )
    assert response.status_code == 302 and not Membership.objects.exists()


# Attendance in the minutes screen ----------------------------------------------------------------


def test_the_secretariat_opening_the_minutes_lists_the_members_of_the_day_a_member_records_nothing(
    client, sent, secretary, council, board
):
    meeting, _item = sent
    member = council["anna"].user
    page = minutes_page(login(client, member), meeting)
    assert "Hent medlemslisten" not in page and "Fremmødet er ikke registreret." in page
    assert not meeting.attendance.exists()
    page = minutes_page(login(client, secretary), meeting)
    assert sorted(meeting.attendance.values_list("person__name", "status")) == [
        ("Anna Andersen", "present"),
        ("Bo Berg", "present"),
    ]
    assert "Alle til stede" in page and 'aria-pressed="true">Til stede' in page
    # A member who joins later is fetched with the button; the others are kept as marked.
    people_services.set_attendance(
        meeting=meeting, person=council["bo"], status=AttendanceStatus.EXCUSED, by=secretary
    )
    carl = seat(board, "Carl Carlsen", letter="C", start=date(2030, 6, 1)).person
    minutes_page(client, meeting)
    assert not meeting.attendance.filter(person=carl).exists()
    client.post(reverse("workspace:attendance_prefill", args=[meeting.pk]))
    assert meeting.attendance.get(person=carl).status == "present"
    assert status_of(meeting, council["bo"]) == "excused"


def test_afbud_and_the_next_deputy_called_in_by_default(client, sent, secretary, council):
    meeting, _item = sent
    login(client, secretary)
    client.post(reverse("workspace:attendance_prefill", args=[meeting.pk]))
    client.post(
        reverse("workspace:attendance_set", args=[meeting.pk]),
        {"person": council["bo"].pk, "status": AttendanceStatus.EXCUSED},
    )
    assert status_of(meeting, council["bo"]) == "excused"
    page = minutes_page(client, meeting)
    choices = page.split('name="deputy"')[1].split("</select>")[0]
    assert choices.index("Erik Eriksen (V) – næste på listen") < choices.index("Frida Frost (V)")
    client.post(reverse("workspace:attendance_deputy", args=[meeting.pk]), {"for_person": council["bo"].pk})
    erik = meeting.attendance.get(person=council["erik"])
    assert (erik.substitute_for, erik.status, erik.role) == (council["bo"], "present", "stedfortraeder")
    page = minutes_page(client, meeting)
    assert "Stedfortræder for Bo Berg (V)" in page and "Erik Eriksen (V) er indkaldt" in page
    # Undo the call-in; Bo is marked absent without notice instead.
    client.post(reverse("workspace:attendance_remove", args=[meeting.pk, erik.pk]))
    client.post(
        reverse("workspace:attendance_set", args=[meeting.pk]),
        {"person": council["bo"].pk, "status": AttendanceStatus.ABSENT},
    )
    assert not meeting.attendance.filter(person=council["erik"]).exists()
    assert status_of(meeting, council["bo"]) == "absent"


def test_another_deputy_than_the_next_needs_a_reason(client, sent, secretary, council):
    meeting, _item = sent
    login(client, secretary)
    client.post(reverse("workspace:attendance_prefill", args=[meeting.pk]))
    client.post(
        reverse("workspace:attendance_set", args=[meeting.pk]),
        {"person": council["bo"].pk, "status": AttendanceStatus.EXCUSED},
    )
    url = reverse("workspace:attendance_deputy", args=[meeting.pk])
    response = client.post(url, {"for_person": council["bo"].pk, "deputy": council["frida"].pk}, follow=True)
    assert "er ikke den næste stedfortræder på listen" in response.content.decode()
    assert not meeting.attendance.filter(person=council["frida"]).exists()
    client.post(
        url,
        {"for_person": council["bo"].pk, "deputy": council["frida"].pk, "substitute_reason": "Erik er syg."},
    )
    frida = meeting.attendance.get(person=council["frida"])
    assert (frida.substitute_for, frida.substitute_reason) == (council["bo"], "Erik er syg.")
    assert "Erik er syg." in minutes_page(client, meeting)


def test_all_present_a_guest_with_a_title_and_an_existing_person_as_guest(client, sent, secretary, council):
    meeting, _item = sent
    login(client, secretary)
    client.post(reverse("workspace:attendance_prefill", args=[meeting.pk]))
    people_services.set_attendance(
        meeting=meeting, person=council["anna"], status=AttendanceStatus.ABSENT, by=secretary
    )
    client.post(reverse("workspace:attendance_all", args=[meeting.pk]), {"status": "present"})
    assert set(meeting.attendance.values_list("status", flat=True)) == {"present"}
    client.post(
        reverse("workspace:attendance_guest", args=[meeting.pk]),
        {"person": "", "name": "Karen Kruse", "title": "Kommunaldirektør"},
    )
    karen = meeting.attendance.get(person__name="Karen Kruse")
    assert (karen.role, karen.voting_right, karen.person.title) == ("", False, "Kommunaldirektør")
    client.post(reverse("workspace:attendance_guest", args=[meeting.pk]), {"person": council["frida"].pk})
    assert meeting.attendance.get(person=council["frida"]).role == ""
    page = minutes_page(client, meeting)
    assert "Karen Kruse, Kommunaldirektør" in page and "Deltager uden stemmeret" in page
    # A refused guest (already on the list) makes no new person.
    before = Person.objects.count()
    response = client.post(
        reverse("workspace:attendance_guest", args=[meeting.pk]), {"person": "", "name": ""}, follow=True
    )
    assert "En person skal have et navn." in response.content.decode()
    assert Person.objects.count() == before


def test_per_item_absence_and_the_quorum_warning_on_that_item_only(client, meeting, secretary, council):
    first = factories.item(meeting, "Skolestruktur")
    second = factories.item(meeting, "Budget")
    services.publish_agenda(meeting, by=secretary)
    login(client, secretary)
    client.post(reverse("workspace:attendance_prefill", args=[meeting.pk]))
    page = minutes_page(client, meeting)
    assert "Ikke beslutningsdygtigt" not in page
    client.post(
        reverse("workspace:item_absence", args=[meeting.pk, second.pk]),
        {"person": council["anna"].pk, "kind": "left_early"},
    )
    assert ItemAbsence.objects.get(item=second).kind == "left_early"
    page = minutes_page(client, meeting)
    first_part = page.split(f'id="item-{first.pk}"')[1].split("</article>")[0]
    second_part = page.split(f'id="item-{second.pk}"')[1].split("</article>")[0]
    assert "Ikke beslutningsdygtigt" not in first_part
    assert "Ikke beslutningsdygtigt" in second_part and "kun 1 af 2 stemmeberettigede" in second_part
    assert "Anna Andersen (A): gik før punktets behandling" in second_part
    client.post(
        reverse("workspace:item_absence", args=[meeting.pk, second.pk]),
        {"person": council["anna"].pk, "kind": ""},
    )
    assert not ItemAbsence.objects.exists()
    assert "Ikke beslutningsdygtigt" not in minutes_page(client, meeting)


def test_after_approval_every_attendance_change_asks_for_a_reason(client, sent, secretary, council):
    meeting, _item = sent
    people_services.prefill_attendance(meeting=meeting, by=secretary)
    services.mark_held(meeting, by=secretary)
    services.approve_minutes(meeting, by=secretary)
    login(client, secretary)
    page = minutes_page(client, meeting)
    assert page.split('id="attendance"')[1].count('name="reason" required') >= 3
    url = reverse("workspace:attendance_set", args=[meeting.pk])
    response = client.post(url, {"person": council["bo"].pk, "status": "excused"}, follow=True)
    assert status_of(meeting, council["bo"]) == "present"
    assert "begrundelse" in response.content.decode().lower()
    client.post(url, {"person": council["bo"].pk, "status": "excused", "reason": "Bo havde meldt afbud."})
    assert status_of(meeting, council["bo"]) == "excused"
    amendment = Amendment.objects.get(meeting=meeting)
    assert amendment.reason == "Bo havde meldt afbud."
    assert "Bo havde meldt afbud." in minutes_page(client, meeting)


@pytest.mark.parametrize("who", ["outsider", "member"])
def test_anyone_but_the_secretariat_is_refused_every_change_and_nothing_is_stored(
    client, sent, secretary, council, board, outsider, member, who
):
    """A secretary of another body (403 on the shared municipality's persons too) and a member of this one."""
    meeting, item = sent
    people_services.prefill_attendance(meeting=meeting, by=secretary)
    people_services.set_attendance(
        meeting=meeting, person=council["bo"], status=AttendanceStatus.EXCUSED, by=secretary
    )
    guest = people_services.add_guest(
        meeting=meeting, person=person(board.organization, "Karen Kruse"), by=secretary
    )
    membership = Membership.objects.get(person=council["anna"])
    login(client, {"outsider": outsider, "member": member}[who])
    m, b = meeting.pk, board.slug
    posts = [
        (reverse("workspace:attendance_prefill", args=[m]), {}),
        (reverse("workspace:attendance_set", args=[m]), {"person": council["anna"].pk, "status": "absent"}),
        (reverse("workspace:attendance_all", args=[m]), {"status": "present"}),
        (reverse("workspace:attendance_deputy", args=[m]), {"for_person": council["bo"].pk}),
        (reverse("workspace:attendance_guest", args=[m]), {"name": "Ubuden Gæst", "title": "Konsulent"}),
        (reverse("workspace:attendance_guest", args=[m]), {"person": council["frida"].pk}),
        (reverse("workspace:attendance_remove", args=[m, guest.pk]), {}),
        (
            reverse("workspace:item_absence", args=[m, item.pk]),
            {"person": council["anna"].pk, "kind": "arrived_late"},
        ),
        (reverse("workspace:party_new", args=[b]), {"party-letter": "X", "party-name": "Nyt parti"}),
        (
            reverse("workspace:membership_new", args=[b]),
            {"name": "Ubuden Gæst", "role": "medlem", "start_date": "2026-01-01"},
        ),
        (
            reverse("workspace:membership_new", args=[b]),
            {"person": council["frida"].pk, "role": "medlem", "start_date": "2027-01-01"},
        ),
        (
            reverse("workspace:membership_end", args=[b, membership.pk]),
            {f"end{membership.pk}-end_date": "2026-06-30"},
        ),
    ]

    def state():
        return (
            sorted(Attendance.objects.values_list("person__name", "status", "role")),
            list(ItemAbsence.objects.values_list("pk", flat=True)),
            sorted(Person.objects.values_list("name", flat=True)),
            sorted(Party.objects.values_list("letter", flat=True)),
            sorted(Membership.objects.values_list("person__name", "start_date", "end_date")),
            AuditEntry.objects.count(),
        )

    before = state()
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert "Du har ikke ret til at redigere" in response.content.decode(), url
    assert client.get(reverse("workspace:members", args=[b])).status_code == 403
    assert state() == before


# Signing ----------------------------------------------------------------------------------------


@pytest.fixture
def held(sent, secretary, council):
    meeting, item = sent
    people_services.prefill_attendance(meeting=meeting, by=secretary)
    people_services.set_attendance(
        meeting=meeting, person=council["bo"], status=AttendanceStatus.EXCUSED, by=secretary
    )
    people_services.call_in_deputy(meeting=meeting, for_person=council["bo"], by=secretary)
    services.mark_held(meeting, by=secretary)
    meeting.refresh_from_db()
    return meeting, item


def test_only_participants_see_the_sign_button_and_the_secretariat_sees_who_has_not(
    client, held, secretary, council, member
):
    meeting, _item = held
    for who, sees in (("anna", True), ("erik", True), ("bo", False)):
        page = minutes_page(login(client, council[who].user), meeting)
        assert ("Underskriv referatet" in page) is sees, who
    assert "Underskriv referatet" not in minutes_page(login(client, member), meeting)
    page = minutes_page(login(client, secretary), meeting)
    assert "Underskriv referatet" not in page
    unsigned = page.split('class="unsigned"')[1].split("</p>")[0]
    assert "Anna Andersen (A)" in unsigned and "Erik Eriksen (V)" in unsigned and "Bo Berg" not in unsigned
    login(client, council["anna"].user).post(reverse("workspace:sign", args=[meeting.pk]))
    page = minutes_page(login(client, secretary), meeting)
    unsigned = page.split('class="unsigned"')[1].split("</p>")[0]
    assert "Anna Andersen" not in unsigned and "Erik Eriksen (V)" in unsigned
    assert "Underskriv referatet" not in minutes_page(login(client, council["anna"].user), meeting)


def test_an_absent_member_who_posts_to_sign_is_refused_with_a_clear_message(client, held, council):
    meeting, _item = held
    response = login(client, council["bo"].user).post(reverse("workspace:sign", args=[meeting.pk]))
    assert response.status_code == 403
    assert (
        "Kun de medlemmer, der deltog i mødet (også stedfortrædere), kan underskrive referatet."
        in response.content.decode()
    )
    assert not Signature.objects.exists()


def test_a_signature_to_an_earlier_text_is_shown_as_such_and_signing_is_asked_again(
    client, held, secretary, council
):
    meeting, item = held
    anna = council["anna"].user
    login(client, anna).post(reverse("workspace:sign", args=[meeting.pk]))
    services.approve_minutes(meeting, by=secretary)
    services.record_decision(item=item, text="Godkendt med en rettelse.", by=secretary, reason="Skrivefejl.")
    page = minutes_page(client, meeting)
    assert "en tidligere udgave af teksten; skal underskrive igen" in page
    assert "Din underskrift gælder den tidligere tekst" in page and "Underskriv referatet" in page
    assert (
        "Anna Andersen (A)"
        in minutes_page(login(client, secretary), meeting).split('class="unsigned"')[1].split("</p>")[0]
    )
    login(client, anna).post(reverse("workspace:sign", args=[meeting.pk]))
    assert Signature.objects.filter(person=council["anna"]).count() == 2
    page = minutes_page(client, meeting)
    assert "Underskriv referatet" not in page and "skal underskrive igen" not in page


def test_the_people_screens_in_english(client, sent, secretary, board, council):
    meeting, _item = sent
    people_services.prefill_attendance(meeting=meeting, by=secretary)
    people_services.set_attendance(
        meeting=meeting, person=council["bo"], status=AttendanceStatus.EXCUSED, by=secretary
    )
    login(client, secretary)
    client.post("/i18n/setlang/", {"language": "en", "next": "/workspace/"})
    page = minutes_page(client, meeting)
    for english in (
        "Attendance",
        "Fetch the list of members",
        "All present",
        "Apologies",
        "Call in deputy",
        "next on the list",
    ):
        assert english in page, english
    for danish in ("Hent medlemslisten", "Alle til stede", "Indkald stedfortræder", "næste på listen"):
        assert danish not in page, danish
    members = client.get(reverse("workspace:members", args=[board.slug])).content.decode()
    for english in ("Members of Direktionen", "Current members", "Deputies", "Add membership", "New party"):
        assert english in members, english
