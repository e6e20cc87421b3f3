"""Must show: an item added after the agenda was sent is a "Tillægspunkt" on the portal, in the agenda
and minutes PDF and in OParl, and the members are told; items on a draft, and imported ones, are not."""

from datetime import date

import pypdfium2
import pytest

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.tests import factories
from protokol.people.models import Person
from protokol.people.tests.factories import seat

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    return "".join(page.get_textpage().get_text_range() for page in pdf)


@pytest.fixture
def sent(data_dir, django_capture_on_commit_callbacks):
    by = system_user()
    body = factories.body("Teknik- og Miljøudvalget")
    anna = seat(body, "Anna Andersen", letter="A").person
    Person.objects.filter(pk=anna.pk).update(email="anna@testby.dk")
    m = factories.meeting(body, day=date(2026, 9, 2))
    on_time = factories.item(m, "Cykelsti langs Ringvejen")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(m, by=by)
    with django_capture_on_commit_callbacks(execute=True):
        late = services.add_item(meeting=m, title="Vinterberedskab", number=2, by=by)
        late_closed = services.add_item(
            meeting=m,
            title="Erstatning til Hansen",
            number=3,
            public=False,
            public_title="Erstatningssag",
            closed_reason="personal",
            by=by,
        )
    return m, on_time, late, late_closed


def test_only_items_added_after_sending_are_supplementary(sent):
    m, on_time, late, late_closed = sent
    assert (on_time.supplementary, late.supplementary, late_closed.supplementary) == (False, True, True)
    draft = factories.meeting(m.body, day=date(2026, 10, 7))
    assert not factories.item(draft, "Budget").supplementary


def test_the_members_are_told_of_a_supplementary_item(sent, mailoutbox):
    told = [e for e in mailoutbox if e.subject.startswith("Dagsorden ændret")]
    # Two items added in one transaction: one e-mail naming both.
    assert [e.to for e in told] == [["anna@testby.dk"]]
    assert "Tillægspunkt: punkt 2: Vinterberedskab" in told[0].body
    # The closed one by its public title only.
    assert "Tillægspunkt: punkt 3: Erstatningssag" in told[0].body and "Hansen" not in told[0].body


def test_portal_pages_mark_it(sent, client):
    m, on_time, late, late_closed = sent
    page = client.get(f"/meetings/{m.pk}/").content.decode()
    assert page.count("Tillægspunkt") == 4  # in the list of items and over each of the two items
    item_page = client.get(f"/meetings/{m.pk}/items/2/").content.decode()
    assert "Tillægspunkt" in item_page
    assert "Tillægspunkt" not in client.get(f"/meetings/{m.pk}/items/1/").content.decode()
    closed_page = client.get(f"/meetings/{m.pk}/items/3/").content.decode()
    assert "Tillægspunkt" in closed_page and "Hansen" not in closed_page


def test_the_agenda_and_minutes_pdf_print_it(sent, client):
    m, *_ = sent
    text = pdf_text(client.get(f"/meetings/{m.pk}/agenda.pdf"))
    assert text.count("Tillægspunkt") == 2
    by = system_user()
    services.mark_held(m, by=by)
    services.approve_minutes(m, by=by)
    services.publish_minutes(m, by=by)
    assert pdf_text(client.get(f"/meetings/{m.pk}/minutes.pdf")).count("Tillægspunkt") == 2


def test_the_workspace_agenda_marks_it(sent, admin_client):
    m, *_ = sent
    page = admin_client.get(f"/workspace/meetings/{m.pk}/").content.decode()
    assert page.count('<span class="badge">Tillægspunkt</span>') == 2


def test_oparl_names_it_by_keyword(sent, client):
    m, on_time, late, late_closed = sent
    items = {i["name"]: i for i in client.get(f"/oparl/v1/meeting/{m.pk}").json()["agendaItem"]}
    assert items["Vinterberedskab"]["keyword"] == ["Tillægspunkt"]
    assert items["Erstatningssag"]["keyword"] == ["Tillægspunkt"]
    assert "keyword" not in items["Cykelsti langs Ringvejen"]


def test_the_json_api_says_it(sent, client):
    m, *_ = sent
    items = {i["number"]: i for i in client.get(f"/api/meetings/{m.pk}").json()["items"]}
    assert (items[1]["supplementary"], items[2]["supplementary"], items[3]["supplementary"]) == (
        False,
        True,
        True,
    )
