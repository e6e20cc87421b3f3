"""Must show (issue 13, findings 3-6): a case is changed only by those who have it on an agenda, a case
seen only on closed items or unsent drafts is told to no one else, and approved minutes keep the case
facts they were approved with, whoever edits or imports the case later, the admin included.
"""

import copy
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from protokol.api.tokens import create_token
from protokol.cases import services as case_services
from protokol.cases.models import Case
from protokol.common.errors import ProtokolError
from protokol.importers.store import store_document
from protokol.meetings import rules, services
from protokol.meetings.enums import Role
from protokol.meetings.interchange import export_meeting
from protokol.meetings.models import AgendaItem, Amendment, Decision, Meeting
from protokol.meetings.tests import factories
from protokol.meetings.tests.reference import reference_document

pytestmark = pytest.mark.django_db

SHARED, CLOSED, DRAFT = "26/1001", "26/1002", "26/1003"
CLOSED_TITLE, DRAFT_TITLE = "Afskedigelse af skoleleder", "Lukning af Nordskolen"


def _kle(meeting: Meeting) -> str | None:
    return export_meeting(meeting)["items"][0]["journal_number"]


@pytest.fixture
def world(system):
    """Direktionen: approved minutes (shared case, KLE 00.01.00) and a published agenda with a closed item
    (a case only there). Økonomiudvalget: a draft with the shared case and one with a case of its own.
    Teknisk Udvalg: a draft of its own, no case. Each body has its secretariat and an API token."""
    org = factories.organization("Fjordby Kommune")
    bodies = {n: factories.body(n, org=org) for n in ("Direktionen", "Økonomiudvalget", "Teknisk Udvalg")}
    w = {"org": org, "system": system}
    for key, body in zip(("a", "b", "c"), bodies.values(), strict=True):
        w[f"sec_{key}"] = factories.member(body, role=Role.SECRETARIAT, username=f"sekretariat-{key}")
        w[f"token_{key}"] = create_token(name=f"ESDH {body.name}", body=body, by=system)[1]
        w[f"body_{key}"] = body
    shared = case_services.resolve_case(
        organization=org, number=SHARED, title="Budget 2027", journal_number="00.01.00", by=system
    )
    approved = services.create_meeting(body=bodies["Direktionen"], date=date(2026, 3, 2), by=system)
    services.add_item(meeting=approved, title="Budget 2027", case=shared, by=system)
    for step in (
        services.publish_agenda,
        services.mark_held,
        services.approve_minutes,
        services.publish_minutes,
    ):
        step(approved, by=system)
    published = services.create_meeting(body=bodies["Direktionen"], date=date(2026, 4, 6), by=system)
    closed_case = case_services.resolve_case(
        organization=org, number=CLOSED, title=CLOSED_TITLE, journal_number="27.00.00", by=system
    )
    w["closed_item"] = services.add_item(
        meeting=published,
        title="Personalesag",
        public=False,
        subject_confidential=True,
        case=closed_case,
        by=system,
    )
    services.publish_agenda(published, by=system)
    draft_b = services.create_meeting(body=bodies["Økonomiudvalget"], date=date(2026, 5, 4), by=system)
    w["draft_b_item"] = services.add_item(meeting=draft_b, title="Budget 2027", case=shared, by=system)
    draft_case = case_services.resolve_case(organization=org, number=DRAFT, title=DRAFT_TITLE, by=system)
    services.add_item(meeting=draft_b, title="Skolestruktur", case=draft_case, by=system)
    draft_c = services.create_meeting(body=bodies["Teknisk Udvalg"], date=date(2026, 5, 5), by=system)
    w["c_item"] = services.add_item(meeting=draft_c, title="Vejplan", by=system)
    w |= {"approved": approved, "published": published, "shared": shared, "closed_case": closed_case}
    w["draft_case"] = draft_case
    assert services.minutes_match(approved) and _kle(approved) == "00.01.00"
    return w


def _unchanged(w) -> None:
    """Direktionen's approved minutes read as approved, with the KLE number they were approved with."""
    approved = Meeting.objects.get(pk=w["approved"].pk)
    assert _kle(approved) == "00.01.00"
    assert services.minutes_match(approved)
    assert not Amendment.objects.exists()


def _bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _item_form(item: AgendaItem, **fields) -> dict:
    return {"title": item.title, "public": "1" if item.public else "0", "version": item.version} | fields


# Finding 3: a case write is scoped, and approved minutes never follow it --------------------------


def test_a_case_edit_leaves_approved_minutes_as_approved_and_moves_only_the_editors_agendas(world):
    w = world
    case_services.update_case(
        case=w["shared"], journal_number="02.00.00", title="Budget 2027-30", by=w["sec_b"]
    )
    _unchanged(w)
    w["shared"].refresh_from_db()
    assert (w["shared"].journal_number, w["shared"].title) == ("02.00.00", "Budget 2027-30")
    w["draft_b_item"].refresh_from_db()
    assert w["draft_b_item"].case_journal_number == "02.00.00"  # the editor's own draft follows
    assert _kle(w["draft_b_item"].meeting) == "02.00.00"


def test_only_a_secretariat_that_has_the_case_on_an_agenda_may_change_it(world):
    w = world
    # Teknisk Udvalg sees the case (on Direktionen's published minutes) but has it on no agenda.
    with pytest.raises(rules.Forbidden):
        case_services.update_case(case=w["shared"], journal_number="03.00.00", by=w["sec_c"])
    with pytest.raises(rules.Forbidden):
        case_services.update_case(case=w["shared"], title="Ny titel", by=factories.member(w["body_a"]))
    w["shared"].refresh_from_db()
    assert (w["shared"].journal_number, w["shared"].title) == ("00.01.00", "Budget 2027")


def test_api_case_writes_are_scoped_and_leave_approved_minutes_alone(world, client):
    w = world
    url = f"/api/cases/{w['shared'].pk}"
    response = client.patch(
        url, {"title": "Kapret"}, content_type="application/json", **_bearer(w["token_c"])
    )
    assert response.status_code == 403, response.content
    response = client.patch(
        url, {"journal_number": "02.00.00"}, content_type="application/json", **_bearer(w["token_b"])
    )
    assert response.status_code == 200, response.content
    assert response.json()["journal_number"] == "02.00.00"
    # "Completing" an existing case through POST fills in what is missing; it never rewrites a KLE number.
    response = client.post(
        "/api/cases",
        {"number": SHARED, "journal_number": "05.00.00"},
        content_type="application/json",
        **_bearer(w["token_c"]),
    )
    assert response.status_code == 200, response.content
    assert Case.objects.get(pk=w["shared"].pk).journal_number == "02.00.00"
    _unchanged(w)


def test_a_kle_number_typed_in_the_item_form_leaves_approved_minutes_alone(world, client):
    w = world
    client.force_login(w["sec_b"])
    item = w["draft_b_item"]
    url = reverse("workspace:item", args=[item.meeting_id, item.pk])
    # With the title changed in the same save: the item's KLE number following the case is no conflict.
    form = _item_form(item, case_number=SHARED, case_kle="04.00.00", title="Budget 2027, 2. behandling")
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert (item.case_journal_number, item.title) == ("04.00.00", "Budget 2027, 2. behandling")
    _unchanged(w)


# Finding 4: a case seen only on closed items or unsent drafts is told to no one else --------------


def test_creating_a_case_with_a_closed_cases_number_tells_nothing_of_it(world, client):
    w = world
    response = client.post(
        "/api/cases",
        {"number": CLOSED, "title": "Gæt"},
        content_type="application/json",
        **_bearer(w["token_c"]),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert CLOSED_TITLE not in text and "27.00.00" not in text and "Gæt" not in text
    assert "ikke har adgang" in response.json()["message"]
    assert Case.objects.get(number=CLOSED).title == CLOSED_TITLE
    # The same through an item: refused, and nothing stored.
    response = client.post(
        f"/api/meetings/{w['c_item'].meeting_id}/items",
        {"title": "Min sag", "case_number": CLOSED},
        content_type="application/json",
        **_bearer(w["token_c"]),
    )
    assert response.status_code == 400 and CLOSED_TITLE not in response.content.decode()
    assert not AgendaItem.objects.filter(title="Min sag").exists()


def test_a_title_guessed_in_the_item_form_does_not_reveal_another_bodys_draft_case(world, client):
    w = world
    client.force_login(w["sec_c"])
    item = w["c_item"]
    url = reverse("workspace:item", args=[item.meeting_id, item.pk])
    response = client.post(url, _item_form(item, case_number=DRAFT_TITLE), follow=True)
    assert DRAFT not in response.content.decode()
    item.refresh_from_db()
    assert item.case_id != w["draft_case"].pk
    assert DRAFT not in client.get(url).content.decode()
    # Nor is the draft's case among the cases offered to pick from.
    assert DRAFT not in client.get(reverse("workspace:item_new", args=[item.meeting_id])).content.decode()


def test_linking_a_public_item_to_a_closed_case_is_refused_and_the_case_stays_unpublished(world, client):
    w = world
    client.force_login(w["sec_c"])
    item = w["c_item"]
    services.publish_agenda(item.meeting, by=w["sec_c"])
    item.refresh_from_db()
    url = reverse("workspace:item", args=[item.meeting_id, item.pk])
    response = client.post(url, _item_form(item, case_number=CLOSED))
    assert response.status_code == 400
    text = response.content.decode()
    assert "ikke har adgang" in text and CLOSED_TITLE not in text and "27.00.00" not in text
    item.refresh_from_db()
    assert item.case_id is None
    visitor = client.__class__()
    assert visitor.get(f"/cases/{CLOSED}/").status_code == 404
    assert visitor.get(f"/oparl/v1/paper/{w['closed_case'].pk}").status_code == 404
    # The body that has the case may still put it on its own agenda.
    assert case_services.resolve_case(organization=w["org"], number=CLOSED, by=w["sec_a"]) == w["closed_case"]


# Finding 5: importing a later meeting of the same case ----------------------------------------------


def test_importing_another_meeting_of_the_same_case_leaves_earlier_approved_minutes_alone(system):
    first = reference_document()
    meeting = store_document(first, by=system, organization="Kalundborg Kommune", source="maj.txt").meeting
    printed = export_meeting(meeting)
    assert printed["items"][0]["journal_number"] == "00.01.00"
    later = copy.deepcopy(first)
    later["start"] = "2016-06-27T12:30:00"
    later["items"] = [copy.deepcopy(first["items"][0]) | {"journal_number": "00.01.10"}]
    second = store_document(later, by=system, organization="Kalundborg Kommune", source="juni.txt").meeting
    assert second != meeting
    meeting.refresh_from_db()
    assert export_meeting(meeting) == printed
    assert services.minutes_match(meeting)
    assert not Amendment.objects.exists()
    assert export_meeting(second)["items"][0]["journal_number"] == "00.01.10"


# Finding 6: the admin adds nothing to approved minutes ----------------------------------------------


@pytest.fixture
def admin_client(client, system):
    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-for-tests-123")
    client.force_login(admin)
    return client


def _no_inlines(*prefixes: str) -> dict:
    return {k: 0 for p in prefixes for k in (f"{p}-TOTAL_FORMS", f"{p}-INITIAL_FORMS")}


def test_the_admin_cannot_add_an_item_to_approved_minutes(admin_client, world):
    approved = world["approved"]
    count = approved.items.count()
    data = {"meeting": approved.pk, "title": "Tilføjet bagefter", "position": 5, "public": "on", "version": 1}
    data |= _no_inlines("route_steps", "sections", "decisions", "attachments")
    response = admin_client.post(reverse("admin:meetings_agendaitem_add"), data)
    assert response.status_code == 200  # the form again, with the reason it is refused
    assert "Referatet er godkendt" in response.content.decode()
    assert approved.items.count() == count
    assert services.minutes_match(Meeting.objects.get(pk=approved.pk))
    # Moving an item of an open meeting into the approved minutes is refused alike.
    other = world["c_item"]
    url = reverse("admin:meetings_agendaitem_change", args=[other.pk])
    response = admin_client.post(url, data | {"title": other.title})
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.meeting_id != approved.pk


def test_the_admin_cannot_add_a_decision_to_approved_minutes(admin_client, world):
    item = world["approved"].items.get()
    before = item.decisions.count()
    data = {
        "item": item.pk,
        "position": 1,
        "body_name": "Direktionen",
        "text": "Tilføjet",
        "outcome": "other",
    }
    response = admin_client.post(reverse("admin:meetings_decision_add"), data)
    assert response.status_code == 200
    assert "Referatet er godkendt" in response.content.decode()
    assert item.decisions.count() == before
    assert not Decision.objects.filter(text="Tilføjet").exists()
    assert services.minutes_match(Meeting.objects.get(pk=world["approved"].pk))


def test_a_case_changed_in_the_admin_leaves_approved_minutes_alone(admin_client, world):
    case = world["shared"]
    url = reverse("admin:cases_case_change", args=[case.pk])
    data = {
        "title": "Budget",
        "journal_number": "09.00.00",
        "number": "26/9",
        "organization": case.organization_id,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    assert case.journal_number == "09.00.00" and case.number == SHARED
    _unchanged(world)
    world["draft_b_item"].refresh_from_db()
    assert world["draft_b_item"].case_journal_number == "09.00.00"


def test_an_unknown_case_number_is_still_created_for_its_secretariat(world):
    case = case_services.resolve_case(
        organization=world["org"], number="26/2000", title="Ny", journal_number="01.00.00", by=world["sec_c"]
    )
    assert (case.title, case.journal_number) == ("Ny", "01.00.00")
    with pytest.raises(ProtokolError):
        case_services.resolve_case(organization=world["org"], number="26/2001", by=factories.user())
