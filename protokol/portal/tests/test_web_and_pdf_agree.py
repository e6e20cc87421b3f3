"""The portal and the PDF say the same things in the same words: the case's journal number is "J.nr." in
both (the corpus's word), and the contents list numbers each item once."""

import os

import pytest
from django.urls import reverse

from protokol.rendering.documents import render_meeting
from protokol.rendering.tests.helpers import body_lines, pdf_pages

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.mark.django_db
def test_journal_number_has_the_pdfs_name(client, reference_meeting):
    item_page = client.get(reverse("portal:item", args=[reference_meeting.pk, 1])).content.decode()
    assert "<dt>J.nr.</dt><dd>00.01.00</dd>" in item_page and "KLE-nr." not in item_page
    case = reference_meeting.items.get(number=1).case
    case_page = client.get(reverse("portal:case", args=[case.number])).content.decode()
    assert "J.nr. 00.01.00" in case_page and "KLE-nr." not in case_page
    search_page = client.get(reverse("portal:search")).content.decode()
    assert '<label for="f-kle">J.nr.</label>' in search_page
    pdf = body_lines(pdf_pages(render_meeting(reference_meeting, edition="public", fmt="pdf")))
    assert any("J.nr.: 00.01.00" in line for line in pdf)


@pytest.mark.browser
def test_contents_list_numbers_each_item_once(live_server, browser, transactional_db, data_dir):
    from protokol.meetings.tests.reference import store_reference_minutes

    meeting = store_reference_minutes()
    page = browser.new_page()
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    entries = page.locator("nav.toc li")
    assert entries.first.inner_text() == "1. Opfølgning på styringstemaet"
    # The item's own number is the only one: the list adds no counted marker before it.
    markers = entries.evaluate_all("els => els.map(e => getComputedStyle(e).listStyleType)")
    assert markers and set(markers) == {"none"}
    page.close()
