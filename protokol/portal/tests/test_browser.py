"""The public portal in Debian's Chromium driven by Playwright: axe-core on every page type, a facet, the case
page across three bodies, a phone, and a visitor without JavaScript.

axe-core (npm package `axe-core`, MPL-2.0) is vendored in vendor/axe.min.js. The site sends a strict CSP
(script-src 'self'); axe is evaluated through the DevTools protocol, which the CSP does not govern, so the
pages are checked exactly as they are served. Screenshots go to docs/screenshots/.
"""

import json
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest

from protokol.common.testing import SCREENSHOTS

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# WCAG 2.1 A and AA, and axe's best practices (landmarks, heading order, a main region, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
ROUTE = ("direktionen", "oekonomiudvalget", "kommunalbestyrelsen")

pytestmark = [pytest.mark.browser]


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now, each as rule id, impact, help and offending nodes."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    report = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "summary": v["nodes"][0].get("failureSummary", "") if v["nodes"] else "",
        }
        for v in report["violations"]
    ]


def check(page, url: str, found: dict) -> None:
    page.goto(url)
    assert page.locator("main h1").count() >= 1, url
    violations = axe_violations(page)
    if violations:
        found[url] = violations


@pytest.fixture
def demo(transactional_db, data_dir):
    """The demo municipality (12 meetings), plus a published agenda of a meeting to come."""
    from django.utils import timezone

    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.demo import generate
    from protokol.meetings.models import AgendaItem, Body, Meeting
    from protokol.planning.demo import generate as generate_plans

    generate(meetings=12, seed=1)
    generate_plans(seed=1)
    agenda = Meeting.objects.filter(status="agenda_published").first()
    if agenda is None:
        by = system_user()
        board = Body.objects.get(slug="oekonomiudvalget")
        agenda = services.create_meeting(
            body=board, date=timezone.localdate() + timedelta(days=5), location="Rådhuset", by=by
        )
        services.add_item(
            meeting=agenda,
            title="Trafiksikkerhedsplan for Havneparken",
            sections=[("Sagsfremstilling", "Forvaltningen foreslår tre nye fodgængerfelter.")],
            by=by,
        )
        services.add_item(
            meeting=agenda,
            title="Køb af ejendom",
            public=False,
            public_title="Køb af ejendom",
            closed_reason="property",
            by=by,
        )
        services.publish_agenda(agenda, by=by)
    minutes = (
        Meeting.objects.filter(status="minutes_published", items__public=False).order_by("-date").first()
    )
    travelled = None
    for item in AgendaItem.objects.filter(meeting__body__slug=ROUTE[-1], case__isnull=False):
        if set(ROUTE) <= set(item.case.items.values_list("meeting__body__slug", flat=True)):
            travelled = item
            break
    assert minutes is not None and travelled is not None
    return {"agenda": agenda, "minutes": minutes, "travelled": travelled}


def test_every_page_type_has_no_axe_violations(live_server, browser, demo):
    from protokol.meetings.demo import DEMO_PASSWORD

    url = live_server.url
    minutes, agenda, travelled = demo["minutes"], demo["agenda"], demo["travelled"]
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page.set_default_timeout(15_000)
    found: dict[str, list] = {}

    check(page, f"{url}/", found)
    check(page, f"{url}/bodies/direktionen/", found)
    check(page, f"{url}/meetings/{minutes.pk}/", found)
    assert "Referat" in page.locator("h1").inner_text()
    assert page.locator("article.item.closed").count() >= 1  # a closed item, shown by its public fields only
    check(page, f"{url}/meetings/{agenda.pk}/", found)
    assert "Dagsorden" in page.locator("h1").inner_text()
    check(page, f"{url}/meetings/{travelled.meeting_id}/items/{travelled.number}/", found)
    check(page, f"{url}/bodies/direktionen/plan/", found)
    check(page, f"{url}/search/", found)

    # The case page: one story across Direktionen → Økonomiudvalget → Kommunalbestyrelsen, in that order.
    check(page, f"{url}/cases/{travelled.case.number}/", found)
    timeline = page.locator("ol.timeline > li")
    bodies = [timeline.nth(i).locator(".when a").inner_text() for i in range(timeline.count())]
    assert [b for b in bodies if b] == ["Direktionen", "Økonomiudvalget", "Kommunalbestyrelsen"]
    assert page.get_by_text("(afventer)").count() == 0

    # Search from the form, then narrow it by a facet.
    page.goto(f"{url}/")
    page.get_by_role("search").get_by_label("Søg i dagsordener og referater").fill("budgetopfølgning")
    page.get_by_role("search").get_by_role("button", name="Søg").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    total = int(re.search(r"\d+", page.locator("#h-results").inner_text()).group())
    assert total >= 2 and page.locator("ol.hits > li").count() >= 2
    assert page.locator("ol.hits mark").count() >= 1  # highlighted snippets
    violations = axe_violations(page)
    if violations:
        found["search results"] = violations
    facets = page.locator("aside.facets")
    facets.get_by_role("link", name="Direktionen").click()
    page.wait_for_url(re.compile(r"body=direktionen"))
    narrowed = int(re.search(r"\d+", page.locator("#h-results").inner_text()).group())
    assert 1 <= narrowed < total
    metas = page.locator("ol.hits .meta")
    assert all(metas.nth(i).inner_text().startswith("Direktionen") for i in range(metas.count()))
    assert page.locator("aside.facets a[aria-current]").inner_text() == "Direktionen"
    violations = axe_violations(page)
    if violations:
        found["search with a facet"] = violations

    # The workspace: its login page, and the planning pages of a secretary.
    check(page, f"{url}/workspace/login/", found)
    page.get_by_label("Brugernavn").fill("sekretaer")
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Arbejdsrum", level=1).wait_for()
    violations = axe_violations(page)
    if violations:
        found["workspace home"] = violations
    check(page, f"{url}/workspace/bodies/direktionen/plan/", found)
    check(page, f"{url}/workspace/follow-ups/", found)
    page.close()

    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_meeting_page_on_a_phone_and_a_desktop(live_server, browser, demo):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    url = f"{live_server.url}/meetings/{demo['minutes'].pk}/"

    phone = browser.new_page(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    phone.goto(url)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert not axe_violations(phone)
    phone.screenshot(path=str(SCREENSHOTS / "portal-phone.png"))
    phone.close()

    desktop = browser.new_page(viewport={"width": 1280, "height": 900})
    desktop.goto(url)
    desktop.screenshot(path=str(SCREENSHOTS / "portal-meeting.png"))
    desktop.close()


def test_a_visitor_without_javascript(live_server, browser, reference_meeting, transactional_db):
    """Search, a facet, the meeting and the item, and the language switch: links and forms, no script."""
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/")
    page.get_by_role("search").get_by_label("Søg i dagsordener og referater").fill("Facebook")
    page.get_by_role("search").get_by_role("button", name="Søg").click()
    page.get_by_role("heading", name="2 resultater").wait_for()
    page.locator("aside.facets").get_by_role("link", name="Orientering").click()
    page.get_by_role("heading", name="1 resultat").wait_for()
    page.locator("ol.hits").get_by_role("link", name="Kalundborg Kommune på Facebook").click()
    page.get_by_role("heading", name="Sagens forløb").wait_for()
    page.get_by_role("link", name=re.compile(r"\d+\. \w+ 2016")).first.click()  # the crumb to the meeting
    page.get_by_role("heading", name=re.compile("^Referat: Direktionen")).wait_for()
    # The language switch is a plain form.
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("button", name="Skift").click()
    page.get_by_role("heading", name=re.compile("^Minutes: Direktionen")).wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()


def test_a_visitor_opens_a_public_attachment_from_the_item_page(live_server, browser, transactional_db):
    from protokol.cases import services as case_services
    from protokol.cases.tests.files import pdf_bytes
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.tests import factories

    by = system_user()
    meeting = factories.meeting(factories.body("Teknik- og Miljøudvalget"))
    item = factories.item(meeting, "Cykelsti langs fjorden", sections=[("Sagsfremstilling", "En sti.")])
    data = pdf_bytes("Kort over cykelstien")
    attachment = case_services.add_attachment(
        item=item,
        title="Kort over stien",
        content=data,
        file_name="kort.pdf",
        mime_type="application/pdf",
        by=by,
    )
    case_services.add_attachment(
        item=item, title="Fortroligt tilbud", public=False, content=b"x", file_name="tilbud.txt", by=by
    )
    services.publish_agenda(meeting, by=by)
    item.refresh_from_db()

    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/items/{item.number}/")
    attachments = page.locator("ul.attachments")
    assert "Fortroligt tilbud" not in attachments.inner_text()
    entry = attachments.locator("li", has_text="Kort over stien")
    size = len(data)
    assert entry.locator(".file").inner_text() == f"kort.pdf, PDF, {size}\xa0bytes"
    with page.expect_navigation() as opened:
        entry.get_by_role("link", name="Kort over stien").click()
    response = opened.value
    assert response.status == 200 and response.url.endswith(f"/attachments/{attachment.pk}/")
    assert response.header_value("content-type") == "application/pdf"
    assert response.header_value("content-disposition") == 'inline; filename="kort.pdf"'
    # Chromium shows it in its PDF viewer; the bytes behind the link are the file's.
    assert context.request.get(response.url).body() == data
    page.go_back()
    assert not axe_violations(page)
    context.close()
