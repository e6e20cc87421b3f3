"""The interface speaks the reader's language all the way: dates, the language switch, the error pages."""

import re
from datetime import date, time

import pytest
from django.conf import settings
from django.test import Client

from protokol.meetings.enums import Role
from protokol.meetings.tests import factories

TEMPLATE_DIRS = [settings.BASE_DIR / "templates", *sorted(settings.BASE_DIR.glob("*/templates"))]
# A template names the language's format; a spelled-out one ("j. M Y") is the same in every language, and
# "M" title-cases the month ("7. Dec 2026" on a Danish page). Only the machine form of an <input> and the
# weekday ("l", a name Django translates) may be spelled out.
ALLOWED_DATE_ARGUMENTS = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "Y-m-d",
    "l",
}


def _templates():
    for folder in TEMPLATE_DIRS:
        yield from sorted(folder.rglob("*.html"))


def test_templates_name_the_languages_date_formats():
    spelled = []
    for path in _templates():
        for match in re.finditer(r"\|date:(['\"])(.*?)\1", path.read_text()):
            if match.group(2) not in ALLOWED_DATE_ARGUMENTS:
                spelled.append(f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}")
    assert len(list(_templates())) > 30
    assert spelled == []


@pytest.fixture
def board(system):
    org = factories.organization("Fjordby Kommune")
    return factories.body("Direktionen", org=org)


@pytest.fixture
def clerk(board):
    client = Client()
    client.force_login(factories.member(board, role=Role.SECRETARIAT, username="sekretaer"))
    return client


def test_dates_in_danish_on_danish_pages_and_in_english_on_english_ones(clerk, board):
    from protokol.people.tests.factories import seat

    seat(board, "Anne Andersen", start=date(2026, 12, 7))
    members = f"/workspace/bodies/{board.slug}/members/"

    danish = clerk.get(members).content.decode()
    assert "7. december 2026" in danish
    assert not re.search(r"\b(Dec|December)\b", danish)

    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = clerk.get(members).content.decode()
    assert "7 December 2026" in english and "december" not in english


def test_each_language_is_named_in_itself_in_the_switch(client, system):
    options = re.compile(r'<option value="(\w+)" lang="\1"(?: selected)?>([^<]+)</option>')
    danish = dict(options.findall(client.get("/").content.decode()))
    assert danish == {"da": "Dansk", "en": "English"}
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = dict(options.findall(client.get("/").content.decode()))
    assert english == {"da": "Dansk", "en": "English"}


def test_a_missing_page_in_the_readers_language_within_the_site(client, system):
    response = client.get("/findes/ikke/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Siden findes ikke" in page and 'class="site"' in page and "Gå til indhold" in page
    assert "Not Found" not in page and "requested resource" not in page

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/meetings/999999/").content.decode()
    assert '<html lang="en">' in page and "Page not found" in page and "Siden findes ikke" not in page


def test_a_server_error_in_the_readers_language_within_the_site(system, settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    import protokol.urls

    class Urls:
        urlpatterns = [path("broken/", broken), *protokol.urls.urlpatterns]

    settings.ROOT_URLCONF = Urls
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Der opstod en fejl" in page and "Gå til indhold" in page and "Server Error" not in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/broken/").content.decode()
    assert "An error occurred" in page and "Der opstod en fejl" not in page


def test_a_refused_page_in_the_readers_language(client, system, settings):
    from django.core.exceptions import PermissionDenied
    from django.urls import path

    def refused(request):
        raise PermissionDenied

    import protokol.urls

    class Urls:
        urlpatterns = [path("refused/", refused), *protokol.urls.urlpatterns]

    settings.ROOT_URLCONF = Urls
    page = client.get("/refused/").content.decode()
    assert "Ikke tilladt" in page and "403 Forbidden" not in page


def test_a_series_without_a_meeting_on_some_days_says_intet_moede(clerk, board, system):
    from protokol.planning import services

    services.create_series(
        body=board,
        name="Ugemøder",
        rule="FREQ=WEEKLY",
        first_date=date(2030, 1, 7),
        start_time=time(9),
        exceptions=[date(2030, 1, 14)],
        by=system,
    )
    page = clerk.get(f"/workspace/bodies/{board.slug}/plan/").content.decode()
    assert "Intet møde:" in page and "Ingen møde" not in page
