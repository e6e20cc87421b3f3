"""Members' requests (kommunestyrelsesloven § 11): a member asks for a case on the agenda; it waits on the
next draft as "Medlemsforslag fra X (A)"; the agenda is not sent until the secretariat has placed or
answered it; every step is audited."""

from datetime import date

import pytest

from protokol.common.errors import ProtokolError
from protokol.common.models import AuditEntry
from protokol.meetings import services as meeting_services
from protokol.meetings.enums import Role
from protokol.meetings.rules import Forbidden
from protokol.meetings.tests import factories
from protokol.people import services
from protokol.people.enums import MembershipRole
from protokol.people.models import MemberRequest, RequestStatus
from protokol.people.tests.factories import seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(system):
    body = factories.body("Teknik- og Miljøudvalget")
    anna = seat(body, "Anna Andersen", letter="A", with_login=True).person
    deputy = seat(body, "Dorte Dam", letter="A", role=MembershipRole.DEPUTY, with_login=True).person
    secretary = factories.member(body, role=Role.SECRETARIAT)
    draft = factories.meeting(body, day=date(2026, 12, 2))
    factories.item(draft, "Budgetopfølgning")
    return body, anna, deputy, secretary, draft


def test_a_request_blocks_sending_until_it_is_placed_on_the_agenda(world, client):
    body, anna, _deputy, secretary, draft = world
    client.force_login(anna.user)
    response = client.post(
        f"/workspace/bodies/{body.slug}/requests/",
        {"title": "Cykelsti på Søvej", "text": "Jeg foreslår, at udvalget drøfter en cykelsti."},
    )
    assert response.status_code == 302
    request = MemberRequest.objects.get()
    assert request.label == "Medlemsforslag fra Anna Andersen (A): Cykelsti på Søvej"
    # The draft shows it to the secretariat; sending is refused while it waits.
    client.force_login(secretary)
    page = client.get(f"/workspace/meetings/{draft.pk}/").content.decode()
    assert "Medlemsforslag fra Anna Andersen (A): Cykelsti på Søvej" in page
    with pytest.raises(ProtokolError, match="medlemsforslagene"):
        meeting_services.publish_agenda(draft, by=secretary)
    client.post(f"/workspace/meetings/{draft.pk}/requests/{request.pk}/place/")
    item = draft.items.get(title__startswith="Medlemsforslag")
    assert item.title == "Medlemsforslag fra Anna Andersen (A): Cykelsti på Søvej"
    assert [s.text for s in item.sections.all()] == ["Jeg foreslår, at udvalget drøfter en cykelsti."]
    request.refresh_from_db()
    assert request.status == RequestStatus.PLACED and request.item == item
    meeting_services.publish_agenda(draft, by=secretary)
    actions = set(
        AuditEntry.objects.filter(object_type="people.memberrequest").values_list("action", flat=True)
    )
    assert actions == {"member_request.submit", "member_request.place"}


def test_the_secretariat_may_answer_instead_and_the_member_reads_the_answer(world, client):
    body, anna, _deputy, secretary, draft = world
    request = services.submit_request(body=body, title="Ny svømmehal", text="Byg en svømmehal.", by=anna.user)
    with pytest.raises(ProtokolError, match="svaret"):
        services.answer_request(request=request, answer=" ", by=secretary)
    client.force_login(secretary)
    client.post(
        f"/workspace/meetings/{draft.pk}/requests/{request.pk}/answer/",
        {"answer": "Hører under Kultur- og Fritidsudvalget."},
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED
    meeting_services.publish_agenda(draft, by=secretary)
    assert not draft.items.filter(title__startswith="Medlemsforslag").exists()
    client.force_login(anna.user)
    page = client.get(f"/workspace/bodies/{body.slug}/requests/").content.decode()
    assert "Hører under Kultur- og Fritidsudvalget." in page and "Besvaret" in page
    with pytest.raises(ProtokolError, match="allerede"):
        services.place_request(request=request, meeting=draft, by=secretary)


def test_only_a_member_with_a_seat_asks_and_only_the_secretariat_settles(world, client):
    body, anna, deputy, secretary, draft = world
    with pytest.raises(Forbidden):
        services.submit_request(body=body, title="X", text="Y", by=deputy.user)  # a deputy holds no seat
    with pytest.raises(Forbidden):
        services.submit_request(body=body, title="X", text="Y", by=secretary)
    request = services.submit_request(body=body, title="Skolevej", text="Sikr skolevejen.", by=anna.user)
    with pytest.raises(Forbidden):
        services.place_request(request=request, meeting=draft, by=anna.user)
    # Another member's request is not shown to a member of another body (404) nor to the public.
    outsider = factories.member(factories.body("Økonomiudvalget"))
    client.force_login(outsider)
    assert client.get(f"/workspace/bodies/{body.slug}/requests/").status_code == 404
    client.force_login(deputy.user)
    assert client.get(f"/workspace/bodies/{body.slug}/requests/").status_code == 404
    client.logout()
    assert "Skolevej" not in client.get(f"/meetings/{draft.pk}/").content.decode()
