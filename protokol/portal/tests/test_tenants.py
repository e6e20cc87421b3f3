"""Several organisations in one installation (meetings.tenancy): each host name shows one organisation's
public site, and nothing of another's reaches it through any channel (pages, feeds, calendars, search,
the JSON API, OParl, attachments); the same body slug in two organisations is no conflict."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from protokol.cases import services as case_services
from protokol.cases.tests.files import pdf_bytes
from protokol.cases.uploads import check_content
from protokol.common.users import system_user
from protokol.meetings import queries, services
from protokol.meetings.models import Body, OrganizationHost
from protokol.meetings.tenancy import organization_for_host, tenant
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db

A_HOST, B_HOST = "dagsorden.kalundborg.dk", "dagsorden.holbaek.dk"


def _tenant(name: str, host: str, word: str) -> dict:
    org = factories.organization(name)
    OrganizationHost.objects.create(organization=org, host=host)
    body = services.create_body(
        organization=org, name="Økonomiudvalget", slug="okonomiudvalget", by=system_user()
    )
    meeting = factories.meeting(body, day=timezone.localdate() + timedelta(days=5))
    # The same case number in both: numbers repeat between municipalities.
    case = case_services.resolve_case(
        organization=org, number="24/1234", title=f"Sag {word}", by=system_user()
    )
    item = factories.item(
        meeting, f"Budget med {word}", case=case, sections=[("Sagsfremstilling", f"Om {word}.")]
    )
    factories.item(meeting, f"Lukket {word}", public=False, sections=[("Sagsfremstilling", f"Lukket {word}")])
    upload = check_content(pdf_bytes(f"Bilag om {word}"), "bilag.pdf")
    attachment = case_services.add_attachment(
        item=item,
        title=f"Bilag {word}",
        content=upload.content,
        file_name=upload.file_name,
        mime_type=upload.mime_type,
        text=upload.text,
        by=system_user(),
    )
    services.publish_agenda(meeting, by=system_user())
    draft = factories.meeting(body, day=date(2027, 1, 5))
    factories.item(draft, f"Kladde {word}")
    return {"org": org, "body": body, "meeting": meeting, "attachment": attachment, "draft": draft}


@pytest.fixture
def tenants():
    return _tenant("Kalundborg Kommune", A_HOST, "kalundsnegl"), _tenant(
        "Holbæk Kommune", B_HOST, "holbaeksnegl"
    )


@pytest.fixture
def on_a():
    return Client(HTTP_HOST=A_HOST)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_two_organisations_have_a_body_of_the_same_slug(tenants):
    a, b = tenants
    assert a["body"].slug == b["body"].slug == "okonomiudvalget"
    assert a["body"].pk != b["body"].pk


def test_the_host_chooses_the_organisation(tenants):
    a, b = tenants
    assert organization_for_host(A_HOST) == a["org"]
    assert organization_for_host("DAGSORDEN.HOLBAEK.DK:443") == b["org"]
    # Another host with two organisations and none named: the shared portal.
    assert organization_for_host("testserver") is None


def test_pages_on_a_show_a_only(tenants, on_a):
    a, b = tenants
    home = page(on_a, "/")
    assert f"/meetings/{a['meeting'].pk}/" in home and f"/meetings/{b['meeting'].pk}/" not in home
    assert "Kalundborg Kommune" in home and "Holbæk Kommune" not in home
    body = page(on_a, "/bodies/okonomiudvalget/")
    assert f"/meetings/{a['meeting'].pk}/" in body and f"/meetings/{b['meeting'].pk}/" not in body
    assert "kalundsnegl" in page(on_a, f"/meetings/{a['meeting'].pk}/")
    for url in (
        f"/meetings/{b['meeting'].pk}/",
        f"/meetings/{b['meeting'].pk}/items/1/",
        f"/meetings/{b['meeting'].pk}/minutes.json",
        f"/meetings/{b['draft'].pk}/",
        f"/attachments/{b['attachment'].pk}/",
    ):
        assert on_a.get(url).status_code == 404, url
    assert on_a.get(f"/attachments/{a['attachment'].pk}/").status_code == 200
    # Each host its own page from the same path (the page cache is per tenant).
    assert "holbaeksnegl" in page(Client(HTTP_HOST=B_HOST), f"/meetings/{b['meeting'].pk}/")
    assert f"/meetings/{b['meeting'].pk}/" in page(Client(HTTP_HOST=B_HOST), "/bodies/okonomiudvalget/")


def test_a_case_number_both_use_shows_the_tenants_case_only(tenants, on_a):
    case = page(on_a, "/cases/24/1234/")
    assert "kalundsnegl" in case and "holbaeksnegl" not in case
    # The shared portal shows both organisations' cases of the number.
    shared = page(Client(), "/cases/24/1234/")
    assert "kalundsnegl" in shared and "holbaeksnegl" in shared


def test_an_administrator_on_a_sees_a_only(tenants, on_a, chef):
    a, b = tenants
    on_a.force_login(chef)
    assert on_a.get(f"/meetings/{b['meeting'].pk}/").status_code == 404
    assert on_a.get(f"/meetings/{b['draft'].pk}/").status_code == 404
    assert "Kladde kalundsnegl" in page(on_a, f"/meetings/{a['draft'].pk}/")
    assert "Budget med holbaeksnegl" not in page(on_a, "/search/?q=holbaeksnegl")


def test_search_on_a_finds_nothing_of_b(tenants, on_a):
    assert "Budget med kalundsnegl" in page(on_a, "/search/?q=kalundsnegl")
    assert "Budget med holbaeksnegl" not in page(on_a, "/search/?q=holbaeksnegl")
    assert "Budget med holbaeksnegl" not in page(on_a, "/search/feed/?q=holbaeksnegl")
    # The shared portal (no tenant) finds both.
    assert "Budget med holbaeksnegl" in page(Client(), "/search/?q=holbaeksnegl")


def test_feeds_and_calendars_on_a_hold_a_only(tenants, on_a):
    for url in ("/calendar.ics", "/bodies/okonomiudvalget/calendar.ics", "/bodies/okonomiudvalget/feed/"):
        text = page(on_a, url)
        assert "Økonomiudvalget" in text or "okonomiudvalget" in text, url
        assert "holbaeksnegl" not in text and "Holbæk" not in text, url
    assert "kalundsnegl" in page(on_a, "/bodies/okonomiudvalget/feed/")


def test_the_json_api_on_a_lists_a_only(tenants, on_a):
    a, b = tenants
    assert [x["id"] for x in on_a.get("/api/bodies").json()] == [a["body"].pk]
    meetings = on_a.get("/api/meetings").json()["results"]
    assert [m["id"] for m in meetings] == [a["meeting"].pk]
    sluggish = on_a.get("/api/meetings", {"body_slug": "okonomiudvalget"}).json()["results"]
    assert [m["id"] for m in sluggish] == [a["meeting"].pk]
    items = on_a.get("/api/items").json()["results"]
    assert items and all(i["meeting_id"] == a["meeting"].pk for i in items)
    assert on_a.get(f"/api/meetings/{b['meeting'].pk}").status_code == 404
    assert on_a.get(f"/api/attachments/{b['attachment'].pk}").status_code == 404
    assert on_a.get(f"/api/attachments/{b['attachment'].pk}/download").status_code == 404


def test_oparl_on_a_is_one_system_with_a_alone(tenants, on_a):
    a, b = tenants
    system = on_a.get("/oparl/v1/system").json()
    assert system["name"] == "Kalundborg Kommune"  # the tenant's System is named after it
    bodies = on_a.get(system["body"]).json()["data"]
    assert [x["name"] for x in bodies] == ["Kalundborg Kommune"]
    meetings = on_a.get(f"/oparl/v1/body/{a['org'].pk}/meeting").json()["data"]
    assert [m["id"].rsplit("/", 1)[1] for m in meetings] == [str(a["meeting"].pk)]
    assert on_a.get(f"/oparl/v1/body/{b['org'].pk}").status_code == 404
    assert on_a.get(f"/oparl/v1/body/{b['org'].pk}/meeting").status_code == 404
    assert on_a.get(f"/oparl/v1/meeting/{b['meeting'].pk}").status_code == 404
    assert on_a.get(f"/oparl/v1/file/{b['attachment'].pk}/download").status_code == 404


def test_without_a_tenant_a_shared_slug_answers_the_first_body(tenants):
    a, b = tenants
    assert queries.body_by_slug(Body.objects.all(), "okonomiudvalget") == a["body"]
    with tenant(b["org"]):
        assert queries.body_by_slug(Body.objects.all(), "okonomiudvalget") == b["body"]
    found = queries.meeting_by_reference(f"okonomiudvalget/{a['meeting'].date.isoformat()}")
    assert found == a["meeting"]
    assert f"/meetings/{a['meeting'].pk}/" in page(Client(), "/bodies/okonomiudvalget/")


def test_a_host_belongs_to_one_organisation(tenants):
    a, b = tenants
    duplicate = OrganizationHost(organization=b["org"], host="Dagsorden.Kalundborg.dk")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(ValidationError):
        OrganizationHost(organization=b["org"], host="ikke et navn").full_clean()


def test_a_new_body_gets_a_slug_unique_in_its_organisation(tenants):
    a, _b = tenants
    again = services.create_body(organization=a["org"], name="Økonomi-udvalget", by=system_user())
    assert again.slug == "oekonomi-udvalget"
    twice = services.create_body(organization=a["org"], name="Økonomi udvalget", by=system_user())
    assert twice.slug == "oekonomi-udvalget-2"
    other = factories.organization("Sorø Kommune")
    assert services.create_body(organization=other, name="Økonomi-udvalget", by=system_user()).slug == (
        "oekonomi-udvalget"
    )
